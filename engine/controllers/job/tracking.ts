/**
 * Job tracking with finalizers (`trackJobStatusAndRemoveFinalizers`): every pod of a Job carries
 * `batch.kubernetes.io/job-tracking`, so a finished pod cannot vanish before it is counted. Per
 * sync: (1) write the UIDs of newly finished pods into `status.uncountedTerminatedPods`, with the
 * interim SuccessCriteriaMet / FailureTarget condition; (2) remove their finalizers; (3) move them
 * from the uncounted lists into `succeeded` / `failed`; (4) once nothing is uncounted and no pod is
 * terminating, add Complete or Failed (same reason and message) and record the event.
 */
import type { KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../clock.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { podStatus } from '../replicaset/types.ts';
import { removeTrackingFinalizer, type JobDeps, type JobSyncContext } from './context.ts';
import { completionIndex, formatIndexes, unknownIndex } from './indexed.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import type { JobCondition, JobStatus } from './types.ts';
import { hasTrackingFinalizer, isIndexedJob, jobSpec, newCondition, onlyReplaceFailedPods } from './types.ts';

/** `MaxUncountedPods`: keeps `uncountedTerminatedPods` under about 20 KB. */
export const maxUncountedPods = 500;

/** `isPodFailed`: Failed, or (unless only failed pods are replaced) being deleted without having succeeded. */
export function isPodFailed(pod: KubeObject, job: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  if (phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata.deletionTimestamp !== undefined && phase !== 'Succeeded';
}

/** `ensureJobConditionStatus`: update the condition of this type, or append it unless it would be False. */
export function ensureCondition(status: JobStatus, type: string, value: string, reason: string, message: string, now: string): boolean {
  const conditions = status.conditions ?? [];
  const existing = conditions.findIndex((c) => c.type === type);
  if (existing >= 0) {
    const c = conditions[existing];
    if (c.status === value && (c.reason ?? '') === reason && (c.message ?? '') === message) return false;
    conditions[existing] = newCondition(type, value, reason, message, now);
    status.conditions = conditions;
    return true;
  }
  if (value === 'False') return false;
  status.conditions = [...conditions, newCondition(type, value, reason, message, now)];
  return true;
}

/** `cleanUncountedPodsWithoutFinalizers`: UIDs whose finalizer is gone move into the counters. */
function cleanUncounted(status: JobStatus, withFinalizer: Set<string>): boolean {
  const uncounted = (status.uncountedTerminatedPods ??= {});
  let updated = false;
  for (const field of ['succeeded', 'failed'] as const) {
    const list = uncounted[field] ?? [];
    const keep = list.filter((uid) => withFinalizer.has(uid));
    if (keep.length === list.length) continue;
    updated = true;
    status[field] = (status[field] ?? 0) + list.length - keep.length;
    if (keep.length) uncounted[field] = keep;
    else delete uncounted[field];
  }
  return updated;
}

/** The status as `UpdateStatus` sends it: Go's omitempty drops zero counters and empty lists. */
export function statusBody(status: JobStatus): JobStatus {
  const out: JobStatus = {};
  if (status.conditions?.length) out.conditions = status.conditions;
  if (status.startTime) out.startTime = status.startTime;
  if (status.completionTime) out.completionTime = status.completionTime;
  if (status.active) out.active = status.active;
  if (status.succeeded) out.succeeded = status.succeeded;
  if (status.failed) out.failed = status.failed;
  if (status.terminating !== undefined) out.terminating = status.terminating;
  if (status.completedIndexes) out.completedIndexes = status.completedIndexes;
  if (status.failedIndexes !== undefined) out.failedIndexes = status.failedIndexes;
  if (status.uncountedTerminatedPods) out.uncountedTerminatedPods = status.uncountedTerminatedPods;
  if (status.ready !== undefined) out.ready = status.ready;
  return out;
}

/** PUT the status; the context then holds the stored Job (new resourceVersion) and a fresh copy of its status. */
function updateStatus(deps: JobDeps, ctx: JobSyncContext): void {
  const { namespace, name } = ctx.job.metadata;
  const response = deps.api.handle({ method: 'PUT', path: `/apis/batch/v1/namespaces/${namespace}/jobs/${name}/status`, body: { ...ctx.job, status: statusBody(ctx.status) } });
  if (response.status >= 300) throw new Error(`tracking status: ${errorText(response)}`);
  const stored = structuredClone(response.body as KubeObject);
  ctx.status = (stored.status ?? {}) as JobStatus;
  ctx.status.uncountedTerminatedPods ??= {};
  ctx.job = { ...stored, apiVersion: 'batch/v1', kind: 'Job', status: ctx.status };
}

/** Whether this pod's finalizer may go now: Job deleting or finishing, pod succeeded, or failed. */
function canRemoveFinalizer(ctx: JobSyncContext, pod: KubeObject, failed: boolean): boolean {
  return ctx.job.metadata.deletionTimestamp !== undefined || ctx.finished !== undefined || podStatus(pod).phase === 'Succeeded' || failed;
}

/** Steps 1 and 2 for each pod with a finalizer: which finalizers to remove; whether status changed. */
function collectFinishedPods(ctx: JobSyncContext): { remove: KubeObject[]; newIndexes: number[]; changed: boolean; full: boolean } {
  const job = ctx.job;
  const indexed = isIndexedJob(job);
  const completions = jobSpec(job).completions ?? 0;
  const rules = jobSpec(job).podFailurePolicy?.rules;
  const uncounted = ctx.status.uncountedTerminatedPods!;
  const out = { remove: [] as KubeObject[], newIndexes: [] as number[], changed: false, full: false };
  const pods = indexed ? [...ctx.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : ctx.pods;
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid!;
    const failed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, failed)) continue;
    out.remove.push(pod);
    const index = completionIndex(pod);
    if (podStatus(pod).phase === 'Succeeded' && !ctx.uncounted.failed.has(uid)) {
      if (indexed) {
        if (index !== unknownIndex && index < completions && !ctx.previousIndexes!.has(index)) {
          out.newIndexes.push(index);
          out.changed = true;
        }
      } else if (!ctx.uncounted.succeeded.has(uid)) {
        uncounted.succeeded = [...(uncounted.succeeded ?? []), uid];
        out.changed = true;
      }
    } else if (failed || (ctx.finished && ctx.finished.type !== 'SuccessCriteriaMet')) {
      // When the Job is failing, every pod that did not succeed counts as failed.
      if (!ctx.uncounted.failed.has(uid) && (!indexed || (index !== unknownIndex && index < completions))) {
        if (!rules || matchPodFailurePolicy(rules, pod).countFailed) {
          uncounted.failed = [...(uncounted.failed ?? []), uid];
          out.changed = true;
        }
      }
    }
    const pending = out.newIndexes.length + (uncounted.succeeded?.length ?? 0) + (uncounted.failed?.length ?? 0);
    if (pending >= maxUncountedPods) {
      out.full = true;
      break;
    }
  }
  return out;
}

/** `trackJobStatusAndRemoveFinalizers`, with `flushUncountedAndRemoveFinalizers` and `enactJobFinished`. */
export function trackJobStatus(deps: JobDeps, ctx: JobSyncContext, needsStatusUpdate: boolean): void {
  let needsFlush = needsStatusUpdate;
  const withFinalizer = new Set<string>();
  for (const pod of ctx.pods) if (hasTrackingFinalizer(pod)) withFinalizer.add(pod.metadata.uid!);
  if (cleanUncounted(ctx.status, withFinalizer)) needsFlush = true;

  const collected = collectFinishedPods(ctx);
  needsFlush ||= collected.changed;
  if (isIndexedJob(ctx.job)) {
    const all = new Set([...(ctx.succeededIndexes ?? []), ...collected.newIndexes]);
    ctx.succeededIndexes = all;
    const text = formatIndexes(all);
    if (text !== (ctx.status.completedIndexes ?? '')) needsFlush = true;
    ctx.status.succeeded = all.size;
    ctx.status.completedIndexes = text;
  }
  const nowText = rfc3339(ctx.now);
  // The interim condition is written with the uncounted pods; the final one only once they are counted.
  if (ctx.finished?.type === 'FailureTarget') {
    ctx.status.conditions = [...(ctx.status.conditions ?? []), ctx.finished];
    needsFlush = true;
    ctx.finished = newCondition('Failed', 'True', ctx.finished.reason ?? '', ctx.finished.message ?? '', nowText);
  }
  if (ctx.finished?.type === 'SuccessCriteriaMet') {
    if (!ctx.status.conditions?.some((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True')) {
      ctx.status.conditions = [...(ctx.status.conditions ?? []), ctx.finished];
      needsFlush = true;
    }
    ctx.finished = newCondition('Complete', 'True', ctx.finished.reason ?? '', ctx.finished.message ?? '', nowText);
  }

  // flushUncountedAndRemoveFinalizers
  if (needsFlush) {
    updateStatus(deps, ctx);
    deps.backoffs.set(ctx.key, ctx.backoff);
    needsFlush = false;
  }
  let removeError: string | undefined;
  for (const pod of collected.remove) {
    if (removeTrackingFinalizer(deps, pod)) withFinalizer.delete(pod.metadata.uid!);
    else removeError ??= `removing tracking finalizer: pod ${pod.metadata.name}`;
  }
  if (cleanUncounted(ctx.status, withFinalizer)) needsFlush = true;
  if (removeError !== undefined) {
    if (needsFlush) updateStatus(deps, ctx);
    throw new Error(removeError);
  }

  const jobFinished = !collected.full && enactJobFinished(ctx, nowText);
  if (jobFinished) needsFlush = true;
  if (!needsFlush) return;
  updateStatus(deps, ctx);
  if (jobFinished) recordJobFinished(deps, ctx.job, ctx.finished!);
}

/** `enactJobFinished`: add Complete/Failed once no pod is uncounted or terminating. */
function enactJobFinished(ctx: JobSyncContext, nowText: string): boolean {
  const finished = ctx.finished;
  if (!finished) return false;
  const uncounted = ctx.status.uncountedTerminatedPods ?? {};
  if ((uncounted.succeeded?.length ?? 0) + (uncounted.failed?.length ?? 0) > 0) return false;
  if (ctx.terminating > 0) return false;
  ensureCondition(ctx.status, finished.type, finished.status, finished.reason ?? '', finished.message ?? '', nowText);
  if (finished.type === 'Complete') ctx.status.completionTime = finished.lastTransitionTime;
  return true;
}

/** `recordJobFinished`: `Completed` "Job completed", or the failure reason and message as a Warning. */
function recordJobFinished(deps: JobDeps, job: KubeObject, finished: JobCondition): void {
  if (finished.type === 'Complete') {
    const completions = jobSpec(job).completions;
    if (completions !== undefined && completions !== null && succeededCount(job) > completions) {
      deps.recorder.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
    }
    deps.recorder.event(job, 'Normal', 'Completed', 'Job completed');
    return;
  }
  deps.recorder.event(job, 'Warning', finished.reason ?? '', finished.message ?? '');
}

/** `status.succeeded` of the Job as just written. */
function succeededCount(job: KubeObject): number {
  return ((job.status ?? {}) as JobStatus).succeeded ?? 0;
}
