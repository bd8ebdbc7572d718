/**
 * `manageJob`: keep the right number of pods running. A suspended Job has none; otherwise the
 * Job wants `parallelism` pods, never more than the completions still missing. Surplus pods are
 * deleted (and then nothing is created in the same sync); missing pods are created in slow-start
 * batches once the pod-failure back-off has passed. Also `deleteActivePods`, used when a Job has
 * failed or succeeded and its remaining pods must go.
 *
 * Example: completions 5, parallelism 2, 4 succeeded → wantActive = min(5-4, 2) = 1.
 */
import type { KubeObject } from '../../api/types.ts';
import { keyOf } from '../../runtime/informer.ts';
import { slowStartBatch, slowStartInitialBatchSize, namespaceTerminating, errorText } from '../replicaset/pod-control.ts';
import { isPodReady } from '../replicaset/types.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import { remainingBackoff } from './backoff.ts';
import { createJobPod, removeTrackingFinalizer, type JobDeps, type JobSyncContext } from './context.ts';
import { activePodsForRemoval, firstPendingIndexes, generateNameWithIndex, templateForIndex, withCompletionIndexEnv } from './indexed.ts';
import { isIndexedJob, isSuspended, jobSpec, jobTrackingFinalizer, onlyReplaceFailedPods } from './types.ts';

/** `MaxPodCreateDeletePerSync`. */
export const maxPodCreateDeletePerSync = 500;
/** `syncJobBatchPeriod`: pod events wake the Job this much later, so bursts make one sync. */
export const syncJobBatchPeriod = 1000;

/** Result of deleting pods: how many went, how many of them were ready, the first error. */
interface Deleted { removed: number; removedReady: number; error?: string }

/** `deleteActivePods`: DELETE each pod, keeping its finalizer (tracking removes it afterwards). */
export function deleteActivePods(deps: JobDeps, job: KubeObject, pods: KubeObject[]): Deleted {
  const result: Deleted = { removed: 0, removedReady: 0 };
  for (const pod of pods) {
    const response = deps.podControl.deletePod(pod, job);
    if (response.status < 300 || response.status === 404) result.removed++;
    else result.error ??= errorText(response);
    if (isPodReady(pod)) result.removedReady++;
  }
  return result;
}

/** `deleteJobPods`: remove the tracking finalizer first, then DELETE (suspend and scale-down). */
function deleteJobPods(deps: JobDeps, ctx: JobSyncContext, pods: KubeObject[]): Deleted {
  const result: Deleted = { removed: 0, removedReady: 0 };
  for (const pod of pods) {
    const failed = (message: string): void => {
      deps.expectations.deletionObserved(ctx.key, keyOf(pod));
      result.error ??= message;
    };
    if (pod.metadata.finalizers?.includes(jobTrackingFinalizer) && !removeTrackingFinalizer(deps, pod)) {
      failed(`removing completion finalizer: pod ${pod.metadata.name}`);
      continue;
    }
    const response = deps.podControl.deletePod(pod, ctx.job);
    if (response.status < 300 || response.status === 404) result.removed++;
    if (response.status >= 300) {
      deps.expectations.deletionObserved(ctx.key, keyOf(pod));
      if (response.status !== 404) result.error ??= errorText(response);
    }
    if (isPodReady(pod)) result.removedReady++;
  }
  return result;
}

/** Delete `pods`, with expectations, and account for them in the context; returns the new active count. */
function deleteAndCount(deps: JobDeps, ctx: JobSyncContext, pods: KubeObject[], active: number): { active: number; error?: string } {
  deps.expectations.expectDeletions(ctx.key, pods.map(keyOf));
  const { removed, removedReady, error } = deleteJobPods(deps, ctx, pods);
  ctx.terminating += removed;
  ctx.ready -= removedReady;
  return { active: active - removed, error };
}

/** `manageJob`: the number of active pods after this sync's creations/deletions, and an error text. */
export function manageJob(deps: JobDeps, ctx: JobSyncContext): { active: number; error?: string } {
  const job = ctx.job;
  const spec = jobSpec(job);
  let active = ctx.active.length;
  if (isSuspended(job)) return deleteAndCount(deps, ctx, activePodsForRemoval(job, ctx.active, active), active);

  const parallelism = spec.parallelism ?? 1;
  let wantActive: number;
  if (spec.completions === undefined || spec.completions === null) {
    // A work-queue Job: once one pod succeeded, let the others finish but start no more.
    wantActive = ctx.succeeded > 0 ? active : parallelism;
  } else {
    wantActive = Math.max(0, Math.min(spec.completions - ctx.succeeded, parallelism));
  }

  const surplus = activePodsForRemoval(job, ctx.active, Math.max(0, active - wantActive)).slice(0, maxPodCreateDeletePerSync);
  // Deletion and creation never happen in the same sync; deletion goes first.
  if (surplus.length > 0) return deleteAndCount(deps, ctx, surplus, active);

  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return { active };
  const remaining = remainingBackoff(ctx.backoff, ctx.now);
  if (remaining > 0) {
    deps.requeueAt(ctx.key, ctx.now + Math.max(remaining, syncJobBatchPeriod));
    // Upstream returns 0 active here; the next sync counts again.
    return { active: 0 };
  }
  diff = Math.min(diff, maxPodCreateDeletePerSync);
  let indexes: number[] = [];
  if (isIndexedJob(job)) {
    indexes = firstPendingIndexes(ctx.active, ctx.succeededIndexes ?? new Set(), diff, spec.completions ?? 0);
    diff = indexes.length;
  }
  deps.expectations.expectCreations(ctx.key, diff);
  active += diff;
  let template: PodTemplate = structuredClone(spec.template ?? {});
  if (isIndexedJob(job)) template = withCompletionIndexEnv(template);
  const finalizers = template.metadata?.finalizers ?? [];
  template.metadata = { ...(template.metadata ?? {}), finalizers: finalizers.includes(jobTrackingFinalizer) ? finalizers : [...finalizers, jobTrackingFinalizer] };

  let error: string | undefined;
  let next = 0;
  const created = slowStartBatch(diff, slowStartInitialBatchSize, () => {
    const index = indexes[next++];
    const response = index === undefined
      ? createJobPod(deps, template, job)
      : createJobPod(deps, templateForIndex(template, job.metadata.name!, index), job, generateNameWithIndex(job.metadata.name!, index));
    if (response.status < 300 || namespaceTerminating(response)) return true;
    error ??= errorText(response);
    return false;
  });
  // Pods refused or never tried will not show up in the informer: stop expecting them.
  for (let i = created; i < diff; i++) deps.expectations.creationObserved(ctx.key);
  return { active: active - (diff - created), error };
}
