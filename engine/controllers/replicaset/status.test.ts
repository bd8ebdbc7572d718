import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { calculateStatus, nextAvailableAt } from './status.ts';

const now = Date.UTC(2026, 0, 1, 0, 1, 0);
const rs = (status: Record<string, unknown> = {}, minReadySeconds = 0): KubeObject => ({
  metadata: { name: 'web', generation: 2 },
  spec: { replicas: 3, minReadySeconds, template: { metadata: { labels: { app: 'web', tier: 'front' } } } },
  status,
});
const pod = (labels: Record<string, string>, readySince?: string): KubeObject => ({
  metadata: { name: 'p', labels },
  status: { phase: 'Running', conditions: readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] : [] },
});

describe('ReplicaSet calculateStatus', () => {
  it('counts fully labeled, ready, and available (after minReadySeconds) pods', () => {
    const pods = [
      pod({ app: 'web', tier: 'front' }, '2026-01-01T00:00:00Z'),
      pod({ app: 'web', tier: 'front' }, '2026-01-01T00:00:55Z'),
      pod({ app: 'web' }),
    ];
    expect(calculateStatus(rs({}, 10), pods, undefined, now)).toEqual({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 0 });
    expect(nextAvailableAt(rs({}, 10), pods, now)).toBe(Date.UTC(2026, 0, 1, 0, 1, 5) + 1);
  });

  it('sets ReplicaFailure FailedCreate with the error text, and clears it once creation works', () => {
    const failed = calculateStatus(rs(), [], 'pods "web-" is forbidden: exceeded quota: compute', now);
    expect(failed.conditions).toEqual([{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T00:01:00Z', reason: 'FailedCreate', message: 'pods "web-" is forbidden: exceeded quota: compute' }]);
    expect(calculateStatus(rs({ conditions: failed.conditions }), [], undefined, now).conditions).toBeUndefined();
  });
});
