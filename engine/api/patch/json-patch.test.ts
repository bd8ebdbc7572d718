import { describe, expect, it } from 'vitest';
import type { Json } from '../types.ts';
import { applyJsonPatch } from './json-patch.ts';

const rejected = {
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
  message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: {}, code: 422,
};

describe('applyJsonPatch: operations', () => {
  it.each<[string, Json, Json, Json]>([
    ['add a key', { a: 1 }, [{ op: 'add', path: '/b', value: 2 }], { a: 1, b: 2 }],
    ['add at an index', { a: [1, 3] }, [{ op: 'add', path: '/a/1', value: 2 }], { a: [1, 2, 3] }],
    ['add with -', { a: [1] }, [{ op: 'add', path: '/a/-', value: 2 }], { a: [1, 2] }],
    ['add at the end index', { a: [1] }, [{ op: 'add', path: '/a/1', value: 2 }], { a: [1, 2] }],
    ['add at -1 (counted from the grown list, so it appends)', { a: [1, 2] }, [{ op: 'add', path: '/a/-1', value: 9 }], { a: [1, 2, 9] }],
    ['remove a key', { a: 1, b: 2 }, [{ op: 'remove', path: '/a' }], { b: 2 }],
    ['remove an item', { a: [1, 2, 3] }, [{ op: 'remove', path: '/a/1' }], { a: [1, 3] }],
    ['replace a key', { a: 1 }, [{ op: 'replace', path: '/a', value: 5 }], { a: 5 }],
    ['replace a missing key adds it (json-patch v4)', { a: 1 }, [{ op: 'replace', path: '/b', value: 5 }], { a: 1, b: 5 }],
    ['replace the document', { a: 1 }, [{ op: 'replace', path: '', value: { z: 1 } }], { z: 1 }],
    ['move', { a: { x: 1 }, b: {} }, [{ op: 'move', from: '/a/x', path: '/b/y' }], { a: {}, b: { y: 1 } }],
    ['copy', { a: [1] }, [{ op: 'copy', from: '/a', path: '/b' }], { a: [1], b: [1] }],
    ['test that passes', { a: { b: [1, 2] } }, [{ op: 'test', path: '/a', value: { b: [1, 2] } }], { a: { b: [1, 2] } }],
    ['escaped keys', { metadata: { labels: { 'app.kubernetes.io/name': 'x', 'a~b': 'y' } } },
      [{ op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' }, { op: 'replace', path: '/metadata/labels/a~0b', value: 'z' }],
      { metadata: { labels: { 'a~b': 'z' } } }],
    ['a null patch changes nothing', { a: 1 }, null, { a: 1 }],
  ])('%s', (_, doc, patch, expected) => {
    expect(applyJsonPatch(doc, patch)).toEqual({ ok: true, value: expected });
  });

  it('applies kubectl rollout undo\'s body to a Deployment', () => {
    const live = {
      metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: { replicas: 3, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
    };
    const template = {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: { containers: [{ image: 'nginx:1.24', imagePullPolicy: 'Always', name: 'nginx', resources: {} }], restartPolicy: 'Always' },
    };
    const body = [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '2' } },
    ];
    const result = applyJsonPatch(live, body);
    expect(result).toEqual({ ok: true, value: { ...live, spec: { replicas: 3, template } } });
    expect(live.spec.template.spec.containers[0].image).toBe('nginx:1.25');
  });
});

describe('applyJsonPatch: failures', () => {
  it.each<[string, Json, Json, string]>([
    ['remove of a missing key', { a: 1 }, [{ op: 'remove', path: '/b' }], "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value"],
    ['add under a missing parent', { a: 1 }, [{ op: 'add', path: '/spec/foo', value: 1 }], 'add operation does not apply: doc is missing path: "/spec/foo": missing value'],
    ['replace past the end', { a: [1] }, [{ op: 'replace', path: '/a/3', value: 1 }], 'replace operation does not apply: doc is missing key: /a/3: missing value'],
    ['add past the end', { a: [1] }, [{ op: 'add', path: '/a/5', value: 1 }], "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced"],
    ['a bad index', { a: [1] }, [{ op: 'add', path: '/a/x', value: 1 }],
      "error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax"],
    ['a failing test', { a: 1 }, [{ op: 'test', path: '/a', value: 2 }], 'testing value /a failed: test failed'],
    ['an unknown op', { a: 1 }, [{ op: 'merge', path: '/a' }], 'Unexpected kind: merge'],
  ])('%s is the generic 422', (_, doc, patch, detail) => {
    expect(applyJsonPatch(doc, patch)).toEqual({ ok: false, status: rejected, detail });
  });

  it.each<[Json, string]>([
    [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    [['add'], 'json: cannot unmarshal string into Go value of type jsonpatch.Operation'],
  ])('%j is a 400', (patch, message) => {
    const result = applyJsonPatch({ a: 1 }, patch);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });

  it('refuses more than 10000 operations', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 }));
    const result = applyJsonPatch({ a: 1 }, ops);
    expect(!result.ok && result.status).toMatchObject({
      code: 413, reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });
});
