import { describe, expect, it } from 'vitest';
import { ruleAllows } from './rules.ts';
import type { Attributes, PolicyRule } from './types.ts';

const jane = { username: 'jane', groups: ['system:authenticated'] };

function request(verb: string, resource: string, extra: Partial<Attributes> = {}): Attributes {
  const [name, sub] = resource.split('/');
  return { user: jane, verb, resourceRequest: true, apiGroup: '', resource: name, subresource: sub ?? '', name: '', namespace: 'dev', path: '', ...extra };
}

function url(verb: string, path: string): Attributes {
  return { user: jane, verb, resourceRequest: false, apiGroup: '', resource: '', subresource: '', name: '', namespace: '', path };
}

const podsReader: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] };

describe('ruleAllows', () => {
  it.each<[string, PolicyRule, Attributes, boolean]>([
    ['listed verb and resource', podsReader, request('list', 'pods'), true],
    ['verb not listed', podsReader, request('delete', 'pods'), false],
    ['other group', podsReader, request('get', 'pods', { apiGroup: 'apps' }), false],
    ['pods does not grant pods/log', podsReader, request('get', 'pods/log'), false],
    ['pods/log named', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, request('get', 'pods/log'), true],
    ['*/scale matches any scale', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, request('get', 'deployments/scale', { apiGroup: 'apps' }), true],
    ['*/scale is not deployments', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, request('get', 'deployments', { apiGroup: 'apps' }), false],
    ['* resource matches subresources', { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, request('create', 'pods/exec'), true],
    ['resourceNames allow the name', { ...podsReader, resourceNames: ['web'] }, request('get', 'pods', { name: 'web' }), true],
    ['resourceNames refuse another name', { ...podsReader, resourceNames: ['web'] }, request('get', 'pods', { name: 'db' }), false],
    ['resourceNames refuse a list', { ...podsReader, resourceNames: ['web'] }, request('list', 'pods'), false],
    ['URL exactly', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('get', '/healthz'), true],
    ['URL prefix with *', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, url('get', '/apis/apps/v1'), true],
    ['URL prefix is not the bare path', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, url('get', '/apis'), false],
    ['URL rule does not grant resources', { verbs: ['*'], nonResourceURLs: ['*'] }, request('get', 'pods'), false],
    ['resource rule does not grant URLs', { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, url('get', '/version'), false],
  ])('%s', (_name, rule, attributes, allowed) => {
    expect(ruleAllows(attributes, rule)).toBe(allowed);
  });
});
