import { describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { at, storedWeb } from './testdata.ts';
import { updateManagedFields } from './update.ts';

/** managedFields of `kubectl create deployment web --image=nginx` on a v1.32 cluster. */
const createdFields = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
  'f:spec': {
    'f:progressDeadlineSeconds': {},
    'f:replicas': {},
    'f:revisionHistoryLimit': {},
    'f:selector': {},
    'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
    'f:template': {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': {},
            'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {},
          },
        },
        'f:dnsPolicy': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {},
      },
    },
  },
};

function created(): KubeObject {
  return updateManagedFields({ updated: storedWeb(), manager: 'kubectl-create', apiVersion: 'apps/v1', time: at(0) });
}

function withSpec(object: KubeObject, spec: object, metadata: object = {}): KubeObject {
  return { ...object, metadata: { ...object.metadata, ...metadata }, spec: { ...(object.spec as object), ...spec } };
}

const summary = (entries: ManagedFieldsEntry[] | undefined): unknown[] =>
  (entries ?? []).map((e) => [e.manager, e.operation, e.time, Object.keys(e.fieldsV1 ?? {})]);

describe('updateManagedFields', () => {
  it('records a create as one Update entry owning everything it set, defaults included', () => {
    expect(created().metadata.managedFields).toEqual([{
      manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: '2026-01-01T00:00:00Z',
      fieldsType: 'FieldsV1', fieldsV1: createdFields,
    }]);
  });

  it.each([
    {
      name: 'kubectl label adds its own entry after the older one',
      write: (live: KubeObject) => withSpec(live, {}, { labels: { app: 'web', tier: 'front' } }),
      manager: 'kubectl-label',
      expected: [
        ['kubectl-create', 'Update', '2026-01-01T00:00:00Z', ['f:metadata', 'f:spec']],
        ['kubectl-label', 'Update', '2026-01-01T00:01:00Z', ['f:metadata']],
      ],
    },
    {
      name: 'kubectl edit takes replicas from kubectl-create',
      write: (live: KubeObject) => withSpec(live, { replicas: 3 }),
      manager: 'kubectl-edit',
      expected: [
        ['kubectl-create', 'Update', '2026-01-01T00:00:00Z', ['f:metadata', 'f:spec']],
        ['kubectl-edit', 'Update', '2026-01-01T00:01:00Z', ['f:spec']],
      ],
    },
    {
      name: 'a write that changes nothing adds no entry',
      write: (live: KubeObject) => withSpec(live, {}),
      manager: 'kubectl-edit',
      expected: [['kubectl-create', 'Update', '2026-01-01T00:00:00Z', ['f:metadata', 'f:spec']]],
    },
    {
      name: 'status is not owned through the main resource',
      write: (live: KubeObject) => ({ ...live, status: { replicas: 1 } }),
      manager: 'kube-controller-manager',
      expected: [['kubectl-create', 'Update', '2026-01-01T00:00:00Z', ['f:metadata', 'f:spec']]],
    },
  ])('$name', ({ write, manager, expected }) => {
    const live = created();
    const next = updateManagedFields({ live, updated: write(live), manager, apiVersion: 'apps/v1', time: at(60) });
    expect(summary(next.metadata.managedFields)).toEqual(expected);
  });

  it('moves a field to the last writer, leaving the first without it', () => {
    const live = created();
    const next = updateManagedFields({ live, updated: withSpec(live, { replicas: 3 }), manager: 'kubectl-edit', apiVersion: 'apps/v1', time: at(60) });
    const [create, edit] = next.metadata.managedFields ?? [];
    expect(edit.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(Object.keys((create.fieldsV1 as { 'f:spec': object })['f:spec'])).not.toContain('f:replicas');
  });

  it('a field deleted by one writer is no longer owned by anyone', () => {
    const live = created();
    const { revisionHistoryLimit: _gone, ...spec } = live.spec as Record<string, unknown>;
    const next = updateManagedFields({ live, updated: { ...live, spec }, manager: 'kubectl-edit', apiVersion: 'apps/v1', time: at(60) });
    expect(JSON.stringify(next.metadata.managedFields)).not.toContain('f:revisionHistoryLimit');
    expect(summary(next.metadata.managedFields)).toEqual([['kubectl-create', 'Update', '2026-01-01T00:00:00Z', ['f:metadata', 'f:spec']]]);
  });

  it('records a status write under the status subresource and ignores spec there', () => {
    const live = created();
    const next = updateManagedFields({
      live, updated: { ...withSpec(live, { replicas: 7 }), status: { observedGeneration: 1, replicas: 1 } },
      manager: 'kube-controller-manager', subresource: 'status', apiVersion: 'apps/v1', time: at(2),
    });
    expect(next.metadata.managedFields?.[1]).toEqual({
      manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', time: '2026-01-01T00:00:02Z',
      fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:observedGeneration': {}, 'f:replicas': {} } }, subresource: 'status',
    });
  });

  it.each([
    ['`managedFields: []` in the request clears them', []],
    ['`managedFields: [{}]` in the request clears them', [{}]],
  ])('%s', (_name, sent) => {
    const live = { ...created(), metadata: { ...created().metadata, uid: 'u1' } };
    const next = updateManagedFields({ live, updated: { ...live, metadata: { ...live.metadata, managedFields: sent } }, manager: 'kubectl-edit', apiVersion: 'apps/v1', time: at(5) });
    expect(next.metadata.managedFields).toBeUndefined();
  });

  it('an object stored without managedFields stays without them until it is applied', () => {
    const live = { ...storedWeb(), metadata: { ...storedWeb().metadata, uid: 'u1' } };
    const next = updateManagedFields({ live, updated: withSpec(live, { replicas: 2 }), manager: 'kubectl-edit', apiVersion: 'apps/v1', time: at(5) });
    expect(next.metadata.managedFields).toBeUndefined();
  });

  it('folds the oldest of more than ten Update entries into ancient-changes', () => {
    let object = created();
    for (let i = 1; i <= 10; i++) {
      object = updateManagedFields({ live: object, updated: withSpec(object, {}, { annotations: { ...object.metadata.annotations, [`n${i}`]: 'x' } }), manager: `writer-${i}`, apiVersion: 'apps/v1', time: at(i) });
    }
    // kubectl-create (0 s) and writer-1 (1 s) are the oldest: they become one bucket with the newer time.
    expect(object.metadata.managedFields?.map((e) => e.manager)).toEqual(
      ['ancient-changes', 'writer-2', 'writer-3', 'writer-4', 'writer-5', 'writer-6', 'writer-7', 'writer-8', 'writer-9', 'writer-10']);
    expect(object.metadata.managedFields?.find((e) => e.manager === 'ancient-changes')?.time).toBe('2026-01-01T00:00:01Z');
  });
});
