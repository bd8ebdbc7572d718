/**
 * Resizing a Deployment (`kubectl scale`, an HPA) and the paused sync (sync.go's `sync` and
 * `scale`). With one active ReplicaSet it simply takes the new size. In the middle of a rolling
 * update the difference is shared among the active ReplicaSets in proportion to their size, so
 * a rollout at 8 old + 5 new of 10 (maxSurge 3) scaled to 15 becomes 12 old + 7 new — both grow
 * and the rollout continues from there instead of starting over.
 */
import type { KubeObject } from '../../api/types.ts';
import { rsStatus, specReplicas } from '../replicaset/types.ts';
import { maxSurge, proportionalSizes } from './arithmetic.ts';
import type { DeploymentSync } from './context.ts';
import { syncDeploymentStatus } from './progress.ts';
import { activeReplicaSets, getAllReplicaSetsAndSyncRevision } from './replica-sets.ts';
import { byCreation, cleanupDeployment } from './rollback.ts';
import { annotations, deploymentStatus, isRollingUpdate } from './types.ts';

/** `GetDesiredReplicasAnnotation`. */
export function desiredReplicasAnnotation(rs: KubeObject): number | undefined {
  const value = rs.metadata.annotations?.[annotations.desiredReplicas];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** `isScalingEvent`: some active ReplicaSet was sized for a different `spec.replicas`. */
export function isScalingEvent(sync: DeploymentSync, rsList: KubeObject[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, rsList, false);
  return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== sync.replicas;
  });
}

/** `sync`: scale, clean up old ReplicaSets when paused, and write the status. */
export function syncScaling(sync: DeploymentSync, rsList: KubeObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, rsList, false);
  scale(sync, newRS, oldRSs);
  if (sync.spec.paused) cleanupDeployment(sync, oldRSs);
  syncDeploymentStatus(sync, [...oldRSs, newRS], newRS);
}

/** `FindActiveOrLatest`: the only active ReplicaSet, or the newest one if none is active. */
function activeOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** `IsSaturated`: the new ReplicaSet has all replicas, all available. */
function isSaturated(sync: DeploymentSync, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  return specReplicas(rs) === sync.replicas && desiredReplicasAnnotation(rs) === sync.replicas && (rsStatus(rs).availableReplicas ?? 0) === sync.replicas;
}

/** Larger first; equal sizes newer first (scaling up) or older first (scaling down). */
function bySize(newerFirst: boolean): (a: KubeObject, b: KubeObject) => number {
  return (a, b) => {
    const diff = specReplicas(b) - specReplicas(a);
    if (diff !== 0) return diff;
    return newerFirst ? byCreation(b, a) : byCreation(a, b);
  };
}

function scale(sync: DeploymentSync, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const only = activeOrLatest(newRS, oldRSs);
  if (only) {
    if (specReplicas(only) !== sync.replicas) sync.scaleAndRecord(only, sync.replicas);
    return;
  }
  if (isSaturated(sync, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) sync.scaleAndRecord(old, 0);
    return;
  }
  if (!isRollingUpdate(sync.d)) return;
  const active = activeReplicaSets([...oldRSs, newRS]);
  const current = active.reduce((sum, rs) => sum + specReplicas(rs), 0);
  const allowedSize = sync.replicas > 0 ? sync.replicas + maxSurge(sync.limits) : 0;
  const toAdd = allowedSize - current;
  if (toAdd > 0) active.sort(bySize(true));
  else if (toAdd < 0) active.sort(bySize(false));
  const operation = toAdd > 0 ? 'up' : 'down';
  const inputs = active.map((rs) => {
    const max = rs.metadata.annotations?.[annotations.maxReplicas];
    return { replicas: specReplicas(rs), annotatedMaxReplicas: max !== undefined && /^\d+$/.test(max) ? Number(max) : undefined };
  });
  const sizes = proportionalSizes(inputs, sync.limits, deploymentStatus(sync.d).replicas ?? 0, allowedSize);
  active.forEach((rs, i) => sync.scaleReplicaSet(rs, sizes[i], operation));
}
