/**
 * `syncJob`, after the guards: count the pods, decide whether the Job has failed (backoffLimit,
 * activeDeadlineSeconds, a FailJob rule) or succeeded (enough completions), otherwise manage its
 * pods and the Suspended condition; then hand over to tracking.ts to write status.
 *
 * Order of the failure checks, as upstream: a FailureTarget already in status wins, then a
 * podFailurePolicy FailJob match, then backoffLimit, then activeDeadlineSeconds.
 */
import type { KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../clock.ts';
import { isPodActive, isPodReady, podStatus, timeOf } from '../replicaset/types.ts';
import { nextBackoffRecord } from './backoff.ts';
import type { JobDeps, JobSyncContext } from './context.ts';
import { completionIndex, succeededIndexes, unknownIndex } from './indexed.ts';
import { deleteActivePods, manageJob } from './manage.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import { ensureCondition, isPodFailed, trackJobStatus } from './tracking.ts';
import type { JobCondition, JobStatus } from './types.ts';
import { findCondition, hasTrackingFinalizer, isIndexedJob, isSuspended, jobSpec, newCondition } from './types.ts';

/** `JobReasonBackoffLimitExceeded` and its message. */
export const backoffLimitExceeded = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
/** `JobReasonDeadlineExceeded` and its message. */
export const deadlineExceeded = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
/** `JobReasonCompletionsReached` and its message (1.32: on SuccessCriteriaMet and Complete). */
export const completionsReached = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };

/** `getNewFinishedPods`: finished pods not yet counted (still with finalizer, not in the uncounted lists). */
function newFinishedPods(ctx: JobSyncContext): { succeeded: KubeObject[]; failed: KubeObject[] } {
  const completions = jobSpec(ctx.job).completions ?? 0;
  const out = { succeeded: [] as KubeObject[], failed: [] as KubeObject[] };
  for (const pod of ctx.pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    if (isIndexedJob(ctx.job)) {
      const index = completionIndex(pod);
      if (index === unknownIndex || index >= completions) continue;
    }
    const uid = pod.metadata.uid!;
    if (podStatus(pod).phase === 'Succeeded' && !ctx.uncounted.succeeded.has(uid)) out.succeeded.push(pod);
    else if (isPodFailed(pod, ctx.job) && !ctx.uncounted.failed.has(uid)) out.failed.push(pod);
  }
  return out;
}

/** `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, container restarts count as failures. */
function pastBackoffLimitOnFailure(job: KubeObject, pods: KubeObject[]): boolean {
  const restartPolicy = (jobSpec(job).template?.spec as { restartPolicy?: string } | undefined)?.restartPolicy;
  if (restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    const status = pod.status as { phase?: string; containerStatuses?: { restartCount?: number }[]; initContainerStatuses?: { restartCount?: number }[] } | undefined;
    if (status?.phase !== 'Running' && status?.phase !== 'Pending') continue;
    for (const c of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) restarts += c.restartCount ?? 0;
  }
  const limit = jobSpec(job).backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** A new sync context: the pods split into active, ready and terminating. */
export function newSyncContext(key: string, job: KubeObject, pods: KubeObject[], deps: JobDeps): JobSyncContext {
  const status = job.status as JobStatus;
  const active = pods.filter(isPodActive);
  const uncounted = status.uncountedTerminatedPods ?? {};
  return {
    key, job, status, pods, active,
    ready: active.filter(isPodReady).length,
    terminating: pods.filter((p) => p.metadata.deletionTimestamp && !['Failed', 'Succeeded'].includes(podStatus(p).phase ?? '')).length,
    succeeded: 0, failed: 0,
    uncounted: { succeeded: new Set(uncounted.succeeded ?? []), failed: new Set(uncounted.failed ?? []) },
    backoff: deps.backoffs.get(key) ?? { failuresAfterLastSuccess: 0 },
    now: deps.clock.now(),
  };
}

/** The failure a FailJob rule of the pod failure policy declares, if any failed pod matches one. */
function failJobCondition(ctx: JobSyncContext, nowText: string): JobCondition | undefined {
  const rules = jobSpec(ctx.job).podFailurePolicy?.rules;
  if (!rules) return undefined;
  for (const pod of ctx.pods) {
    if (!isPodFailed(pod, ctx.job)) continue;
    const message = matchPodFailurePolicy(rules, pod).failJobMessage;
    if (message) return newCondition('FailureTarget', 'True', 'PodFailurePolicy', message, nowText);
  }
  return undefined;
}

/** Everything `syncJob` does once the Job is known to need work; throws to retry with back-off. */
export function syncJobPods(deps: JobDeps, ctx: JobSyncContext, satisfiedExpectations: boolean): void {
  const job = ctx.job;
  const spec = jobSpec(job);
  const status = ctx.status;
  const nowText = rfc3339(ctx.now);
  let active = ctx.active.length;
  const fresh = newFinishedPods(ctx);
  const rules = spec.podFailurePolicy?.rules;
  const countedFailures = rules ? fresh.failed.filter((p) => matchPodFailurePolicy(rules, p).countFailed).length : fresh.failed.length;
  ctx.succeeded = (status.succeeded ?? 0) + fresh.succeeded.length + ctx.uncounted.succeeded.size;
  ctx.failed = (status.failed ?? 0) + countedFailures + ctx.uncounted.failed.size;
  if (!status.startTime && !isSuspended(job)) status.startTime = nowText;
  ctx.backoff = nextBackoffRecord(ctx.backoff, fresh.succeeded, fresh.failed);

  const successCriteriaMet = findCondition(job, 'SuccessCriteriaMet');
  if (successCriteriaMet?.status === 'True') ctx.finished = successCriteriaMet;
  if (!ctx.finished) {
    const target = findCondition(job, 'FailureTarget');
    if (target?.status === 'True') ctx.finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', nowText);
    else ctx.finished = failJobCondition(ctx, nowText);
  }
  if (!ctx.finished) {
    const deadline = spec.activeDeadlineSeconds !== undefined && status.startTime && !isSuspended(job) ? timeOf(status.startTime) + spec.activeDeadlineSeconds * 1000 : undefined;
    if (ctx.failed > (spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, ctx.pods)) {
      ctx.finished = newCondition('FailureTarget', 'True', backoffLimitExceeded.reason, backoffLimitExceeded.message, nowText);
    } else if (deadline !== undefined && ctx.now >= deadline) {
      ctx.finished = newCondition('FailureTarget', 'True', deadlineExceeded.reason, deadlineExceeded.message, nowText);
    } else if (deadline !== undefined) {
      deps.requeueAt(ctx.key, deadline);
    }
  }
  if (isIndexedJob(job)) {
    const indexes = succeededIndexes(job, ctx.pods);
    ctx.previousIndexes = indexes.previous;
    ctx.succeededIndexes = indexes.current;
    ctx.succeeded = indexes.current.size;
  }

  let manageError: string | undefined;
  let suspendChanged = false;
  if (ctx.finished) {
    const deleted = deleteActivePods(deps, job, ctx.active);
    // Pods that could not be deleted, or not yet seen, keep the Job from finishing in this sync.
    if (deleted.removed !== active || !satisfiedExpectations) ctx.finished = undefined;
    active -= deleted.removed;
    ctx.terminating += deleted.removed;
    ctx.ready -= deleted.removedReady;
    manageError = deleted.error;
  } else {
    let manageCalled = false;
    if (satisfiedExpectations && !job.metadata.deletionTimestamp) {
      ({ active, error: manageError } = manageJob(deps, ctx));
      manageCalled = true;
    }
    const completions = spec.completions;
    const complete = completions === undefined || completions === null ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= completions && active === 0;
    if (complete) {
      ctx.finished = newCondition('SuccessCriteriaMet', 'True', completionsReached.reason, completionsReached.message, nowText);
    } else if (manageCalled) {
      if (isSuspended(job)) {
        suspendChanged = ensureCondition(status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', nowText);
        if (suspendChanged) deps.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
      } else {
        suspendChanged = ensureCondition(status, 'Suspended', 'False', 'JobResumed', 'Job resumed', nowText);
        if (suspendChanged) {
          deps.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
          // activeDeadlineSeconds counts continuous activity: resuming restarts the clock.
          status.startTime = nowText;
        }
      }
    }
  }

  const needsStatusUpdate = suspendChanged || active !== (status.active ?? 0) || ctx.ready !== status.ready || ctx.terminating !== status.terminating;
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  trackJobStatus(deps, ctx, needsStatusUpdate);
  if (manageError !== undefined) throw new Error(manageError);
}
