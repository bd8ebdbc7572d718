/**
 * Deployment status and the Progressing condition (pkg/controller/deployment/progress.go and
 * sync.go's calculateStatus). A rollout that makes no progress — no more updated, ready or
 * available pods, no fewer old ones — for `progressDeadlineSeconds` (600 by default) gets
 * `Progressing=False ProgressDeadlineExceeded: ReplicaSet "web-…" has timed out progressing.`
 */
import type { KubeObject } from '../../api/types.ts';
import type { SyncResult } from '../../runtime/controller.ts';
import { rsStatus } from '../replicaset/types.ts';
import { maxUnavailable } from './arithmetic.ts';
import { getCondition, hasProgressDeadline, newCondition, removeCondition, setCondition } from './conditions.ts';
import type { DeploymentSync } from './context.ts';
import { actualReplicaCount, availableReplicaCount, readyReplicaCount, specReplicaCount } from './replica-sets.ts';
import type { DeploymentCondition, DeploymentStatus } from './types.ts';
import { deploymentSpec, deploymentStatus, reasons } from './types.ts';

/**
 * `calculateStatus`: counts from the ReplicaSets' statuses, and `Available` True once at least
 * replicas − maxUnavailable pods are available (4 replicas, 25%: 3).
 */
export function calculateStatus(sync: DeploymentSync, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined): DeploymentStatus {
  const d = sync.d;
  const old = deploymentStatus(d);
  const available = availableReplicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicaCount(allRSs) - available),
    conditions: (old.conditions ?? []).map((c) => ({ ...c })),
  };
  if (old.collisionCount !== undefined) status.collisionCount = old.collisionCount;
  if (available >= sync.replicas - maxUnavailable(sync.limits)) {
    setCondition(status, newCondition('Available', 'True', reasons.minimumReplicasAvailable, 'Deployment has minimum availability.', sync.now()));
  } else {
    setCondition(status, newCondition('Available', 'False', reasons.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', sync.now()));
  }
  return status;
}

/** `DeploymentComplete`: every replica updated and available, and the spec observed. */
export function deploymentComplete(d: KubeObject, status: DeploymentStatus): boolean {
  const replicas = deploymentSpec(d).replicas ?? 1;
  return (status.updatedReplicas ?? 0) === replicas && (status.replicas ?? 0) === replicas
    && (status.availableReplicas ?? 0) === replicas && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** `DeploymentProgressing`: more updated, ready or available pods, or fewer old ones, than last time. */
export function deploymentProgressing(d: KubeObject, next: DeploymentStatus): boolean {
  const old = deploymentStatus(d);
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
    || (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** `DeploymentTimedOut`: the Progressing condition was last updated more than the deadline ago. */
export function deploymentTimedOut(d: KubeObject, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, 'Progressing');
  if (!condition || condition.reason === reasons.newReplicaSetAvailable) return false;
  if (condition.reason === reasons.timedOut) return true;
  return Date.parse(condition.lastUpdateTime) + (deploymentSpec(d).progressDeadlineSeconds ?? 0) * 1000 < now;
}

/** Field-by-field equality of two statuses (what `reflect.DeepEqual` decides upstream). */
export function sameStatus(a: DeploymentStatus, b: DeploymentStatus): boolean {
  const fields = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'] as const;
  if (fields.some((f) => (a[f] ?? 0) !== (b[f] ?? 0))) return false;
  const ca = a.conditions ?? [], cb = b.conditions ?? [];
  return ca.length === cb.length && ca.every((c, i) => {
    const o = cb[i];
    return c.type === o.type && c.status === o.status && c.reason === o.reason && c.message === o.message
      && c.lastUpdateTime === o.lastUpdateTime && c.lastTransitionTime === o.lastTransitionTime;
  });
}

/** `syncDeploymentStatus`: write the calculated status if it changed (scaling and paused syncs). */
export function syncDeploymentStatus(sync: DeploymentSync, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined): void {
  const status = calculateStatus(sync, allRSs, newRS);
  if (!sameStatus(deploymentStatus(sync.d), status)) sync.updateStatus(status);
}

/**
 * `syncRolloutStatus`: status plus the Progressing condition — NewReplicaSetAvailable when
 * complete, ReplicaSetUpdated (lastUpdateTime refreshed) on progress, ProgressDeadlineExceeded
 * on timeout — and a ReplicaFailure copied from a failing ReplicaSet. When nothing changed,
 * the sync asks to run again when the deadline would pass (`requeueStuckDeployment`).
 */
export function syncRolloutStatus(sync: DeploymentSync, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined): SyncResult {
  const d = sync.d;
  const status = calculateStatus(sync, allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(deploymentStatus(d), 'Progressing');
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === reasons.newReplicaSetAvailable;
  const now = sync.now();
  if (hasProgressDeadline(d) && !isComplete) {
    const name = newRS?.metadata.name;
    if (deploymentComplete(d, status)) {
      const message = name ? `ReplicaSet "${name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', reasons.newReplicaSetAvailable, message, now));
    } else if (deploymentProgressing(d, status)) {
      const message = name ? `ReplicaSet "${name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const condition = newCondition('Progressing', 'True', reasons.replicaSetUpdated, message, now);
      // Progress refreshes lastUpdateTime even when the reason is unchanged; lastTransitionTime stays.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      const message = name ? `ReplicaSet "${name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', reasons.timedOut, message, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, 'ReplicaFailure');
  if (sameStatus(deploymentStatus(d), status)) return requeueStuckDeployment(sync, status);
  sync.updateStatus(status);
}

/**
 * `getReplicaFailures`: the new ReplicaSet's ReplicaFailure first, then any old one's, as a
 * Deployment condition whose both times are the ReplicaSet condition's lastTransitionTime.
 */
function replicaFailure(allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined): DeploymentCondition | undefined {
  const ordered = newRS ? [newRS, ...allRSs.filter((rs) => rs !== newRS)] : allRSs;
  for (const rs of ordered) {
    const c = rs && rsStatus(rs).conditions?.find((condition) => condition.type === 'ReplicaFailure');
    if (c) {
      const time = c.lastTransitionTime ?? '';
      return { type: 'ReplicaFailure', status: c.status, lastUpdateTime: time, lastTransitionTime: time, reason: c.reason ?? '', message: c.message ?? '' };
    }
  }
  return undefined;
}

/**
 * `requeueStuckDeployment`: with no sign of progress, look again when the deadline passes
 * (Progressing last updated at 10:00:00 with a 600 s deadline: at 10:10:00). Under a second
 * left means "soon", which upstream does through the rate limiter (5 ms first).
 */
function requeueStuckDeployment(sync: DeploymentSync, status: DeploymentStatus): SyncResult {
  const d = sync.d;
  const current = getCondition(deploymentStatus(d), 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === reasons.timedOut) return;
  const after = Date.parse(current.lastUpdateTime) + (deploymentSpec(d).progressDeadlineSeconds ?? 0) * 1000 - sync.now();
  return { requeueAfter: after < 1000 ? 5 : after };
}
