import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { completeRollingUpdate, inconsistentStatus, statusBody } from './status.ts';
import type { StatefulSetStatus } from './types.ts';

const set = (type: string, status: Record<string, unknown> = {}): KubeObject => ({ metadata: { name: 'web', generation: 2 }, spec: { replicas: 3, updateStrategy: { type } }, status });
const rolling = (updated: number, ready: number): StatefulSetStatus => ({
  observedGeneration: 2, replicas: 3, readyReplicas: ready, currentReplicas: 3 - updated, updatedReplicas: updated,
  currentRevision: 'web-old', updateRevision: 'web-new', collisionCount: 0, availableReplicas: ready,
});

describe('completeRollingUpdate', () => {
  it.each([
    ['RollingUpdate, all updated and ready', 'RollingUpdate', rolling(3, 3), ['web-new', 3]],
    ['RollingUpdate, one not ready yet', 'RollingUpdate', rolling(3, 2), ['web-old', 0]],
    ['RollingUpdate, one not updated', 'RollingUpdate', rolling(2, 3), ['web-old', 1]],
    ['OnDelete never completes', 'OnDelete', rolling(3, 3), ['web-old', 0]],
  ])('%s', (_what, type, status, [currentRevision, currentReplicas]) => {
    completeRollingUpdate(set(type), status);
    expect([status.currentRevision, status.currentReplicas]).toEqual([currentRevision, currentReplicas]);
  });
});

describe('statusBody and inconsistentStatus', () => {
  it('always writes replicas, collisionCount and availableReplicas, and omits other zeros', () => {
    expect(statusBody({ observedGeneration: 1, replicas: 0, readyReplicas: 0, currentReplicas: 0, updatedReplicas: 0, currentRevision: 'web-a', updateRevision: 'web-a', collisionCount: 0, availableReplicas: 0 }))
      .toEqual({ observedGeneration: 1, replicas: 0, currentRevision: 'web-a', updateRevision: 'web-a', collisionCount: 0, availableReplicas: 0 });
  });

  it.each([
    ['the same status', { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'web-a', updateRevision: 'web-a', availableReplicas: 3 }, false],
    ['an older observedGeneration', { observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'web-a', updateRevision: 'web-a', availableReplicas: 3 }, true],
    ['one ready replica fewer', { observedGeneration: 2, replicas: 3, readyReplicas: 2, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'web-a', updateRevision: 'web-a', availableReplicas: 3 }, true],
  ])('%s → write: %s', (_what, old, write) => {
    const status: StatefulSetStatus = { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'web-a', updateRevision: 'web-a', collisionCount: 0, availableReplicas: 3 };
    expect(inconsistentStatus(set('RollingUpdate', old), status)).toBe(write);
  });
});
