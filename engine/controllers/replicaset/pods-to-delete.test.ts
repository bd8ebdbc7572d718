import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { podsToDelete } from './pods-to-delete.ts';

describe('podsToDelete (ActivePodsWithRanks)', () => {
  const now = Date.UTC(2026, 0, 1, 1);
  const pod = (name: string, o: { node?: string; phase?: string; readySince?: number; created?: number; cost?: string; restarts?: number } = {}): KubeObject => ({
    metadata: {
      name, uid: name, creationTimestamp: new Date(o.created ?? now - 3_600_000).toISOString(),
      annotations: o.cost ? { 'controller.kubernetes.io/pod-deletion-cost': o.cost } : undefined,
    },
    spec: { nodeName: o.node },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.readySince !== undefined ? [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(o.readySince).toISOString() }] : [],
      containerStatuses: [{ restartCount: o.restarts ?? 0 }],
    },
  });

  it.each([
    ['unscheduled before scheduled', [pod('a', { node: 'n1' }), pod('b')], 'b'],
    ['Pending before Running', [pod('a', { node: 'n1' }), pod('b', { node: 'n1', phase: 'Pending' })], 'b'],
    ['not ready before ready', [pod('a', { node: 'n1', readySince: now - 1000 }), pod('b', { node: 'n1' })], 'b'],
    ['lower deletion cost first', [pod('a', { node: 'n1', cost: '10' }), pod('b', { node: 'n1', cost: '-5' })], 'b'],
    ['doubled up on a node first', [pod('a', { node: 'n1' }), pod('b', { node: 'n2' }), pod('c', { node: 'n2' })], 'b'],
    ['ready for less time first', [pod('a', { node: 'n1', readySince: now - 3_600_000 }), pod('b', { node: 'n2', readySince: now - 60_000 })], 'b'],
    ['more restarts first', [pod('a', { node: 'n1', restarts: 1 }), pod('b', { node: 'n2', restarts: 4 })], 'b'],
    ['younger first (log scale: 1 h vs 1 min)', [pod('a', { node: 'n1' }), pod('b', { node: 'n2', created: now - 60_000 })], 'b'],
  ])('%s', (_rule, candidates, first) => {
    expect(podsToDelete(candidates, candidates, 1, now).map((p) => p.metadata.name)).toEqual([first]);
  });
});
