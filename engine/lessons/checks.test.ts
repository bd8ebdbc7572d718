import { describe, expect, it } from 'vitest';
import { parseChecks } from './checks.ts';

describe('parseChecks', () => {
  it('reads each kind of check, with titles in one or two languages', () => {
    expect(parseChecks(`
- {id: web, title: Web exists, type: object, resource: deployments.apps, name: web, fields: [{path: spec.replicas, equals: 3}]}
- {id: pods, title: {en: Pods, zh-CN: 容器组}, type: count, resource: pods, selector: app=web, atLeast: 2}
- {id: done, title: Done, type: rollout, resource: deployments, name: web}
- {id: undo, title: Undo, type: audit, verb: patch, resource: deployments, name: web}
- {id: es, title: ES, type: http, url: "http://es:9200/_count", json: {path: count, atLeast: 1}}
`)).toEqual([
      { id: 'web', title: { en: 'Web exists' }, type: 'object', resource: 'deployments.apps', name: 'web', namespace: undefined, absent: undefined, fields: [{ path: 'spec.replicas', equals: 3, oneOf: undefined, atLeast: undefined, atMost: undefined, contains: undefined, exists: undefined }] },
      { id: 'pods', title: { en: 'Pods', 'zh-CN': '容器组' }, type: 'count', resource: 'pods', namespace: undefined, selector: 'app=web', where: undefined, equals: undefined, atLeast: 2, atMost: undefined },
      { id: 'done', title: { en: 'Done' }, type: 'rollout', resource: 'deployments', name: 'web', namespace: undefined },
      { id: 'undo', title: { en: 'Undo' }, type: 'audit', verb: 'patch', resource: 'deployments', subresource: undefined, name: 'web', namespace: undefined, code: undefined },
      { id: 'es', title: { en: 'ES' }, type: 'http', url: 'http://es:9200/_count', from: undefined, method: undefined, status: undefined, contains: undefined, json: { path: 'count', equals: undefined, oneOf: undefined, atLeast: 1, atMost: undefined, contains: undefined, exists: undefined } },
    ]);
  });

  it.each([
    ['not a list', 'id: x', 'checks.yaml must be a list of checks'],
    ['an unknown type', '- {id: a, title: A, type: regex, pattern: ".*"}', 'check "a": unknown type "regex" (known: object, count, rollout, audit, http)'],
    ['an unknown key', '- {id: a, title: A, type: rollout, resource: deployments, name: w, match: x}', 'check "a": unknown key match for type rollout'],
    ['a missing name', '- {id: a, title: A, type: object, resource: pods}', 'check "a": name must be a non-empty string'],
    ['a count without a bound', '- {id: a, title: A, type: count, resource: pods}', 'check "a": a count check needs equals, atLeast or atMost'],
    ['a bad field path', '- {id: a, title: A, type: object, resource: pods, name: p, fields: [{path: "spec[", exists: true}]}', 'invalid field path "spec[": an unclosed ['],
    ['a rollout of pods', '- {id: a, title: A, type: rollout, resource: pods, name: p}', 'check "a": resource must be one of deployments, statefulsets, daemonsets'],
    ['a duplicate id', '- {id: a, title: A, type: rollout, resource: deployments, name: w}\n- {id: a, title: B, type: rollout, resource: deployments, name: w}', 'check "a" is defined twice'],
    ['a title of the wrong shape', '- {id: a, title: [x], type: rollout, resource: deployments, name: w}', 'check "a": a title is a string or {en, zh-CN}'],
  ])('refuses %s', (_what, source, message) => {
    expect(() => parseChecks(source)).toThrow(message);
  });
});
