/**
 * StatefulSet status (`updateStatus`, `completeRollingUpdate`, `inconsistentStatus`). Counts
 * include every created pod, terminating ones too, except current/updated, which count only pods
 * that are not terminating. When every replica is updated and ready the rolling update is
 * complete: currentRevision becomes updateRevision and currentReplicas = updatedReplicas.
 */
import type { KubeObject } from '../../api/types.ts';
import { podRevision } from './identity.ts';
import { isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating } from './pod-state.ts';
import type { StatefulSetStatus } from './types.ts';
import { replicasOf, setSpec, setStatus } from './types.ts';

/** The counts of `updateStatus` over some lists of pods (placeholders for uncreated pods are skipped). */
export function countReplicas(status: StatefulSetStatus, minReadySeconds: number, now: number, ...lists: (KubeObject | undefined)[][]): void {
  status.replicas = 0;
  status.readyReplicas = 0;
  status.availableReplicas = 0;
  status.currentReplicas = 0;
  status.updatedReplicas = 0;
  for (const list of lists) {
    for (const pod of list) {
      if (!pod || !isCreated(pod)) continue;
      status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, now)) status.availableReplicas++;
      }
      if (!isTerminating(pod)) {
        const revision = podRevision(pod);
        if (revision === status.currentRevision) status.currentReplicas++;
        if (revision === status.updateRevision) status.updatedReplicas++;
      }
    }
  }
}

/** `completeRollingUpdate`: with RollingUpdate, all replicas updated and ready → the update revision is current. */
export function completeRollingUpdate(set: KubeObject, status: StatefulSetStatus): void {
  const replicas = replicasOf(set);
  if (setSpec(set).updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === replicas
    && status.readyReplicas === replicas && status.replicas === replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** `inconsistentStatus`: a newer generation or any count or revision differs from what the set shows. */
export function inconsistentStatus(set: KubeObject, status: StatefulSetStatus): boolean {
  const old = setStatus(set);
  return (status.observedGeneration ?? 0) > (old.observedGeneration ?? 0)
    || status.replicas !== (old.replicas ?? 0)
    || (status.currentReplicas ?? 0) !== (old.currentReplicas ?? 0)
    || (status.readyReplicas ?? 0) !== (old.readyReplicas ?? 0)
    || (status.updatedReplicas ?? 0) !== (old.updatedReplicas ?? 0)
    || (status.currentRevision ?? '') !== (old.currentRevision ?? '')
    || status.availableReplicas !== (old.availableReplicas ?? 0)
    || (status.updateRevision ?? '') !== (old.updateRevision ?? '');
}

/**
 * The status as Go serialises it: `replicas`, `availableReplicas` and `collisionCount` (a pointer
 * the controller always sets) are always present; the other counts and revisions are omitempty.
 */
export function statusBody(status: StatefulSetStatus): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (status.observedGeneration) body.observedGeneration = status.observedGeneration;
  body.replicas = status.replicas;
  if (status.readyReplicas) body.readyReplicas = status.readyReplicas;
  if (status.currentReplicas) body.currentReplicas = status.currentReplicas;
  if (status.updatedReplicas) body.updatedReplicas = status.updatedReplicas;
  if (status.currentRevision) body.currentRevision = status.currentRevision;
  if (status.updateRevision) body.updateRevision = status.updateRevision;
  body.collisionCount = status.collisionCount ?? 0;
  body.availableReplicas = status.availableReplicas;
  return body;
}
