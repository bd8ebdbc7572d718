/**
 * Revisions, and what `kubectl rollout undo` relies on. In apps/v1 there is no rollback API:
 * kubectl reads the ReplicaSet of the wanted revision and PATCHes its template (minus
 * `pod-template-hash`) into the Deployment. The controller then finds that ReplicaSet again by
 * comparing templates semantically (template-hash.ts) and gives it the next revision: history
 * 1, 2 becomes 2, 3, the revived ReplicaSet remembering `revision-history: "1"`. No
 * `DeploymentRollback` event is recorded — that belonged to extensions/v1beta1's `rollbackTo`.
 */
import type { KubeObject } from '../../api/types.ts';
import { rsStatus, specReplicas, timeOf } from '../replicaset/types.ts';
import type { DeploymentSync } from './context.ts';
import { annotations } from './types.ts';

/** `maxRevHistoryLengthInChars`: the revision-history annotation is kept under 2000 characters. */
export const maxRevisionHistoryLength = 2000;

/** `deploymentutil.Revision`: the revision annotation as a number (0 when absent or unreadable). */
export function revisionOf(object: KubeObject): number {
  const value = object.metadata.annotations?.[annotations.revision];
  return value && /^\d+$/.test(value) ? Number(value) : 0;
}

/** `MaxRevision`. */
export function maxRevision(replicaSets: KubeObject[]): number {
  return replicaSets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** Annotations never copied from a Deployment to its ReplicaSets (`skipCopyAnnotation`). */
const notCopied = new Set<string>([annotations.lastApplied, annotations.revision, annotations.revisionHistory, annotations.desiredReplicas, annotations.maxReplicas, annotations.rollbackTo]);

/**
 * `copyDeploymentAnnotationsToReplicaSet`: the Deployment's own annotations (such as
 * `kubernetes.io/change-cause`) are copied onto the ReplicaSet; nothing is ever removed.
 */
function copyDeploymentAnnotations(d: KubeObject, rs: KubeObject): boolean {
  let changed = false;
  const target = (rs.metadata.annotations ??= {});
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (notCopied.has(key) || target[key] === value) continue;
    target[key] = value;
    changed = true;
  }
  return changed;
}

/**
 * `SetNewReplicaSetAnnotations` on a copy of the new ReplicaSet: copied annotations, the revision
 * raised to `newRevision` if it is lower, and, when an existing revision is replaced (a
 * rollback), the old number appended to `revision-history`. A ReplicaSet about to be created
 * (`exists` false) also gets desired-replicas and max-replicas. True when anything changed.
 */
export function setNewReplicaSetAnnotations(sync: DeploymentSync, rs: KubeObject, newRevision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(sync.d, rs);
  const target = (rs.metadata.annotations ??= {});
  const oldValue = target[annotations.revision];
  const oldRevision = oldValue === undefined || oldValue === '' ? 0 : /^\d+$/.test(oldValue) ? Number(oldValue) : undefined;
  if (oldRevision === undefined) return false;
  if (oldRevision < newRevision) {
    target[annotations.revision] = String(newRevision);
    changed = true;
    if (oldValue !== undefined) appendRevisionHistory(target, oldValue);
  }
  if (!exists && sync.setReplicasAnnotations(rs)) changed = true;
  return changed;
}

/** Add `oldRevision` to `revision-history`, dropping the oldest entries past 2000 characters. */
function appendRevisionHistory(target: Record<string, string>, oldRevision: string): void {
  const history = target[annotations.revisionHistory] ?? '';
  if (!history) {
    target[annotations.revisionHistory] = oldRevision;
    return;
  }
  const entries = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > maxRevisionHistoryLength && start < entries.length) total -= entries[start++].length + 1;
  if (total <= maxRevisionHistoryLength) target[annotations.revisionHistory] = [...entries.slice(start), oldRevision].join(',');
}

/** `ReplicaSetsByRevision`: oldest revision first, ties by creation time then name. */
export function byRevision(a: KubeObject, b: KubeObject): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

/** `ReplicaSetsByCreationTimestamp`: oldest first, ties by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const diff = timeOf(a.metadata.creationTimestamp) - timeOf(b.metadata.creationTimestamp);
  if (diff !== 0) return diff;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/**
 * `cleanupDeployment`: keep at most `revisionHistoryLimit` old ReplicaSets, deleting the lowest
 * revisions first, and only those scaled to zero whose status has caught up (a ReplicaSet
 * still draining pods is kept until it has none).
 */
export function cleanupDeployment(sync: DeploymentSync, oldRSs: KubeObject[]): void {
  const limit = sync.spec.revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    const status = rsStatus(rs);
    if ((status.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) continue;
    sync.deleteReplicaSet(rs);
  }
}
