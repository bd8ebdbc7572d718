import { describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { sameButManagedTimes } from './write.ts';

const entry = (time: string, manager = 'kubelet'): ManagedFieldsEntry => ({ manager, operation: 'Update', apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} } });

function pod(edit: (p: KubeObject) => void = () => {}): KubeObject {
  const p: KubeObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', resourceVersion: '10', managedFields: [entry('2026-01-01T00:00:00Z')] },
    spec: { nodeName: 'node-1' },
    status: { phase: 'Running' },
  };
  edit(p);
  return p;
}

describe('sameButManagedTimes (a write that changes nothing is not stored)', () => {
  it.each<[string, KubeObject, boolean]>([
    ['identical', pod(), true],
    ['only an entry time differs', pod((p) => { p.metadata.managedFields = [entry('2026-01-01T00:05:00Z')]; }), true],
    ['only the resourceVersion differs', pod((p) => { p.metadata.resourceVersion = '11'; }), true],
    ['an undefined field is no field', pod((p) => { (p as Record<string, unknown>).extra = undefined; p.metadata.labels = undefined; }), true],
    ['the status differs', pod((p) => { p.status = { phase: 'Failed' }; }), false],
    ['an entry manager differs', pod((p) => { p.metadata.managedFields = [entry('2026-01-01T00:00:00Z', 'kubectl')]; }), false],
    ['one more entry', pod((p) => { p.metadata.managedFields = [entry('2026-01-01T00:00:00Z'), entry('2026-01-01T00:00:00Z', 'x')]; }), false],
    ['managedFields gone', pod((p) => { delete p.metadata.managedFields; }), false],
    ['a label added', pod((p) => { p.metadata.labels = { app: 'web' }; }), false],
    ['a top-level field added', pod((p) => { (p as Record<string, unknown>).extra = 1; }), false],
  ])('%s → %s', (_name, other, expected) => {
    expect(sameButManagedTimes(other, pod())).toBe(expected);
    expect(sameButManagedTimes(pod(), other)).toBe(expected);
  });
});
