import { describe, expect, it } from 'vitest';
import { parseRequestPath } from './request-info.ts';

describe('parseRequestPath', () => {
  it.each([
    ['/api/v1/namespaces/default/pods/web/status', { kind: 'resource', group: '', version: 'v1', namespace: 'default', resource: 'pods', name: 'web', subresource: 'status' }],
    ['/apis/apps/v1/deployments', { kind: 'resource', group: 'apps', version: 'v1', resource: 'deployments' }],
    ['/apis/apps', { kind: 'discovery', path: '/apis/apps', group: 'apps' }],
    ['/version', { kind: 'other', path: '/version' }],
  ])('%s, asked twice in a row (the second is a lookup), reads the same', (path, expected) => {
    const first = parseRequestPath(path);
    expect(first).toMatchObject(expected);
    expect(parseRequestPath(path)).toBe(first);
    // The shared answer cannot be changed by one of its readers.
    expect(Object.isFrozen(first)).toBe(true);
  });
});
