/**
 * The RollingUpdate strategy (pkg/controller/deployment/rolling.go). Each sync takes one step:
 * grow the new ReplicaSet while the total stays ≤ replicas + maxSurge, or shrink old ones while
 * at least replicas − maxUnavailable pods stay available. Worked example, 4 replicas with the
 * default 25%/25% (surge 1, unavailable 1): new 0→1 and old 4→3 at once; new 1→2; then each time
 * new pods turn ready, old shrinks by the available surplus and new grows to fill the surge.
 */
import type { KubeObject } from '../../api/types.ts';
import type { SyncResult } from '../../runtime/controller.ts';
import { rsStatus, specReplicas } from '../replicaset/types.ts';
import { maxUnavailable, newRSNewReplicas } from './arithmetic.ts';
import type { DeploymentSync } from './context.ts';
import { deploymentComplete, syncRolloutStatus } from './progress.ts';
import { activeReplicaSets, availableReplicaCount, getAllReplicaSetsAndSyncRevision, specReplicaCount } from './replica-sets.ts';
import { byCreation, cleanupDeployment } from './rollback.ts';
import { deploymentStatus } from './types.ts';

/** `rolloutRolling`: one step of a rolling update, then the status. */
export function rolloutRolling(sync: DeploymentSync, rsList: KubeObject[]): SyncResult {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (newRS && reconcileNewReplicaSet(sync, allRSs, newRS)) return syncRolloutStatus(sync, allRSs, newRS);
  if (newRS && reconcileOldReplicaSets(sync, allRSs, activeReplicaSets(oldRSs), newRS)) return syncRolloutStatus(sync, allRSs, newRS);
  if (deploymentComplete(sync.d, deploymentStatus(sync.d))) cleanupDeployment(sync, oldRSs);
  return syncRolloutStatus(sync, allRSs, newRS);
}

/** Scale the new ReplicaSet toward `replicas`, as far as maxSurge allows. */
function reconcileNewReplicaSet(sync: DeploymentSync, allRSs: (KubeObject | undefined)[], newRS: KubeObject): boolean {
  const current = specReplicas(newRS);
  if (current === sync.replicas) return false;
  if (current > sync.replicas) return sync.scaleAndRecord(newRS, sync.replicas).scaled;
  return sync.scaleAndRecord(newRS, newRSNewReplicas(sync.limits, specReplicaCount(allRSs), current)).scaled;
}

/**
 * Scale old ReplicaSets down. `maxScaledDown` = all pods − minAvailable − new pods not yet
 * available: 10 replicas, maxSurge 3, maxUnavailable 2 with old 10 and new 3 (none ready) gives
 * 13 − 8 − 3 = 2, so the old ReplicaSet may lose 2 pods now.
 */
function reconcileOldReplicaSets(sync: DeploymentSync, allRSs: (KubeObject | undefined)[], oldRSs: KubeObject[], newRS: KubeObject): boolean {
  if (specReplicaCount(oldRSs) === 0) return false;
  const allPods = specReplicaCount(allRSs);
  const minAvailable = sync.replicas - maxUnavailable(sync.limits);
  const newUnavailable = specReplicas(newRS) - (rsStatus(newRS).availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(sync, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(sync, [...cleaned.oldRSs, newRS], cleaned.oldRSs);
  return cleaned.count + scaledDown > 0;
}

/** First remove old pods that are not available anyway: they cost no availability. */
function cleanupUnhealthyReplicas(sync: DeploymentSync, oldRSs: KubeObject[], maxCleanup: number): { oldRSs: KubeObject[]; count: number } {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  const out: KubeObject[] = [];
  for (const rs of sorted) {
    const replicas = specReplicas(rs);
    const available = rsStatus(rs).availableReplicas ?? 0;
    if (total >= maxCleanup || replicas === 0 || replicas === available) {
      out.push(rs);
      continue;
    }
    const count = Math.min(maxCleanup - total, replicas - available);
    out.push(sync.scaleAndRecord(rs, replicas - count).rs);
    total += count;
  }
  return { oldRSs: out, count: total };
}

/** Then shrink old ReplicaSets, oldest first, by however many available pods exceed minAvailable. */
function scaleDownOldReplicaSetsForRollingUpdate(sync: DeploymentSync, allRSs: KubeObject[], oldRSs: KubeObject[]): number {
  const minAvailable = sync.replicas - maxUnavailable(sync.limits);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    const replicas = specReplicas(rs);
    if (replicas === 0) continue;
    const count = Math.min(replicas, target - total);
    sync.scaleAndRecord(rs, replicas - count);
    total += count;
  }
  return total;
}
