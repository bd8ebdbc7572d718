/**
 * The Recreate strategy (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to
 * zero, wait until none of their pods is left running, and only then create (or scale up) the
 * new ReplicaSet to the full count. There is a moment with no pods at all; that is the point.
 */
import type { KubeObject } from '../../api/types.ts';
import type { SyncResult } from '../../runtime/controller.ts';
import { podStatus, specReplicas } from '../replicaset/types.ts';
import type { DeploymentSync } from './context.ts';
import { deploymentComplete, syncRolloutStatus } from './progress.ts';
import { activeReplicaSets, actualReplicaCount, getAllReplicaSetsAndSyncRevision } from './replica-sets.ts';
import { cleanupDeployment } from './rollback.ts';
import { deploymentStatus } from './types.ts';

/** `rolloutRecreate`: one step of a Recreate rollout, then the status. */
export function rolloutRecreate(sync: DeploymentSync, rsList: KubeObject[]): SyncResult {
  // Do not create the new ReplicaSet yet: that would scale up before the old pods are gone.
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) if (sync.scaleAndRecord(rs, 0).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(sync, allRSs, newRS);
  if (oldPodsRunning(sync, newRS, oldRSs)) return syncRolloutStatus(sync, allRSs, newRS);
  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(sync, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS && specReplicas(newRS) !== sync.replicas) sync.scaleAndRecord(newRS, sync.replicas);
  if (deploymentComplete(sync.d, deploymentStatus(sync.d))) cleanupDeployment(sync, oldRSs);
  return syncRolloutStatus(sync, allRSs, newRS);
}

/**
 * `oldPodsRunning`: an old ReplicaSet still reports pods, or some pod of an old ReplicaSet has not
 * finished (Pending, Running or Unknown — terminating pods count until they are gone).
 */
function oldPodsRunning(sync: DeploymentSync, newRS: KubeObject | undefined, oldRSs: KubeObject[]): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const rs of oldRSs) {
    if (rs === newRS) continue;
    for (const pod of sync.podsOf(rs.metadata.uid!)) {
      const phase = podStatus(pod).phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
