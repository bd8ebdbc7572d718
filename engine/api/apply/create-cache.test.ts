import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { at } from './testdata.ts';
import { createShape, updateManagedFields } from './update.ts';

describe('createShape', () => {
  it.each([
    ['scalars by type only', { a: 'x', b: 1, c: true, d: null }, '{"a":S,"b":D,"c":B,"d":N,}'],
    ['same shape, other values', { a: 'other', b: 2, c: false, d: null }, '{"a":S,"b":D,"c":B,"d":N,}'],
    ['key order kept', { b: 1, a: 'x' }, '{"b":D,"a":S,}'],
    ['lists exactly (their items are keys)', { l: [{ name: 'web' }, 'x'] }, '{"l":[{"name":"web",},"x"],}'],
    ['undefined is not null', { a: undefined, l: [undefined, null] }, '{"a":U,"l":[U,null],}'],
  ])('%s', (_name, value, shape) => {
    expect(createShape(value)).toBe(shape);
  });
});

function pod(name: string, labels: Record<string, string>, image: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z', labels },
    spec: { containers: [{ name: 'web', image }], restartPolicy: 'Always' },
    status: { phase: 'Pending' },
  };
}

const created = (object: KubeObject, manager = 'kube-controller-manager') =>
  updateManagedFields({ updated: object, manager, apiVersion: 'v1', time: at(0) }).metadata.managedFields;

describe('managedFields of creates of the same shape', () => {
  const fieldsV1 = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } }, 'f:restartPolicy': {} },
  };

  it('are computed once and equal what the comparison gives', () => {
    const first = created(pod('a', { app: 'web' }, 'nginx:1.27'));
    const second = created(pod('b', { app: 'api' }, 'nginx:1.28'));
    expect(first).toEqual([{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1 }]);
    expect(second).toEqual(first);
  });

  it('differ when a key, a list item or the manager differs', () => {
    const labels = created(pod('c', { app: 'web', tier: 'x' }, 'nginx'))![0].fieldsV1 as Record<string, Record<string, unknown>>;
    expect(Object.keys(labels['f:metadata']['f:labels'] as object)).toEqual(['.', 'f:app', 'f:tier']);
    const renamed = pod('d', { app: 'web' }, 'nginx');
    (renamed.spec as { containers: { name: string }[] }).containers[0].name = 'app';
    expect(JSON.stringify(created(renamed)![0].fieldsV1)).toContain('k:{\\"name\\":\\"app\\"}');
    expect(created(pod('e', { app: 'web' }, 'nginx'), 'kubectl-create')![0].manager).toBe('kubectl-create');
  });
});
