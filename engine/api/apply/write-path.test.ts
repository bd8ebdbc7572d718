/**
 * The write path's shortcuts give the answers of the long way: comparing in place without
 * managedFields, remembered set operations, and creates whose shape lookups are skipped.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { FieldSet } from './fieldpath.ts';
import type { Path } from './fieldpath.ts';
import { schemaFor } from './schema.ts';
import { compare } from './typed.ts';
import { updateManagedFields, withoutManagedFields } from './update.ts';
import { at } from './testdata.ts';

const podSchema = schemaFor({ group: '', kind: 'Pod' });
const f = (field: string) => ({ field });

const entry: ManagedFieldsEntry = { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } } };

function pod(edit: (p: KubeObject & { status: Record<string, unknown> }) => void = () => {}): KubeObject {
  const p: KubeObject & { status: Record<string, unknown> } = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' }, managedFields: [entry] },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
    status: { phase: 'Pending' },
  };
  edit(p);
  return p;
}

const paths = (set: FieldSet): string[] => set.paths().map((p) => JSON.stringify(p));
const summary = (c: ReturnType<typeof compare>) => ({ added: paths(c.added), modified: paths(c.modified), removed: paths(c.removed) });

describe('compare with skipManagedFields', () => {
  const same = pod();
  it.each<[string, KubeObject, KubeObject]>([
    ['status changed, metadata the same object', same, { ...same, status: { phase: 'Running', podIP: '10.244.1.5' } }],
    ['a label added', pod(), pod((p) => { p.metadata.labels = { app: 'web', tier: 'front' }; })],
    ['only managedFields differ', pod(), pod((p) => { p.metadata.managedFields = []; })],
    ['managedFields gone on one side', pod(), pod((p) => { delete p.metadata.managedFields; p.status.phase = 'Running'; })],
    ['from the zero object', { metadata: { creationTimestamp: null } } as unknown as KubeObject, pod()],
  ])('%s: as comparing copies without managedFields', (_name, before, after) => {
    const long = compare(withoutManagedFields(before) as never, withoutManagedFields(after) as never, podSchema);
    const short = compare(before as never, after as never, podSchema, undefined, true);
    expect(summary(short)).toEqual(summary(long));
  });

  it('still compares managedFields when not asked to skip them', () => {
    const c = compare(pod() as never, pod((p) => { p.metadata.managedFields = []; }) as never, podSchema);
    expect(paths(c.modified)).toContain(JSON.stringify([f('metadata'), f('managedFields')]));
  });
});

describe('remembered set operations', () => {
  const set = (...list: Path[]) => FieldSet.of(...list);
  const a = set([f('spec'), f('replicas')], [f('status'), f('phase')], [f('status'), f('podIP')]);
  const b = set([f('status'), f('phase')]);
  const fresh = () => set([f('status'), f('phase')]);

  it.each([
    ['difference', (x: FieldSet, y: FieldSet) => x.difference(y), ['[{"field":"spec"},{"field":"replicas"}]', '[{"field":"status"},{"field":"podIP"}]']],
    ['recursiveDifference', (x: FieldSet, _y: FieldSet) => x.recursiveDifference(set([f('status')])), ['[{"field":"spec"},{"field":"replicas"}]']],
    ['union', (x: FieldSet, y: FieldSet) => y.union(x), ['[{"field":"spec"},{"field":"replicas"}]', '[{"field":"status"},{"field":"phase"}]', '[{"field":"status"},{"field":"podIP"}]']],
  ] as const)('%s: the same answer, once worked out, for equal operands', (_name, op, expected) => {
    const first = op(a, b);
    expect(paths(first)).toEqual(expected);
    expect(op(a, b)).toBe(first);
    // Other operands with the same paths get the same paths back.
    expect(paths(op(a, fresh()))).toEqual(expected);
  });
});

describe('creates whose shape never repeats', () => {
  // Each pod names its token volume differently (a list key), as ServiceAccount admission does.
  const tokenPod = (i: number): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }], volumes: [{ name: `kube-api-access-${i.toString(36).padStart(5, 'x')}`, projected: {} }] },
  });
  const fields = (object: KubeObject) => updateManagedFields({ updated: object, manager: 'kube-controller-manager-skip-test', apiVersion: 'v1', time: at(0) }).metadata.managedFields;

  it('keep getting their own field set while the lookups are skipped', () => {
    for (let i = 0; i < 100; i++) {
      const volume = (fields(tokenPod(i))![0].fieldsV1 as Record<string, Record<string, Record<string, unknown>>>)['f:spec']['f:volumes'];
      expect(Object.keys(volume)).toEqual(['.', `k:{"name":"kube-api-access-${i.toString(36).padStart(5, 'x')}"}`]);
    }
  });
});
