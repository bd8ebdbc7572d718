/**
 * `syncCronJob` and `cleanupFinishedJobs` of cronjob_controllerv2.go. The sync reconciles
 * `status.active` with the Jobs that exist, then the ladder: deleting → bad time zone → suspended
 * → bad schedule → nothing due → too late (startingDeadlineSeconds) → already started → Forbid
 * with a Job still running → (Replace: delete the running Jobs) → create
 * `<cronjob>-<minutes since epoch>`. Each step that stops returns when to look again.
 */
import type { KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../clock.ts';
import type { EventRecorder } from '../../runtime/events.ts';
import { objectReference } from '../../runtime/events.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { controllerOf, newControllerRef, timeOf } from '../replicaset/types.ts';
import { parseSchedule } from './cron-schedule.ts';
import { cronJobTimes, mostRecentScheduleTime, nextScheduleTimeDuration } from './schedule-time.ts';
import { isLoadableZone, rfc3339In } from './time-zone.ts';

/** `batch.CronJobScheduledTimestampAnnotation`. */
export const scheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** `spec` of a CronJob (defaults applied: Allow, not suspended, history limits 3 and 1). */
export interface CronJobSpec {
  schedule: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  suspend?: boolean;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

/** `status` of a CronJob. */
export interface CronJobStatus {
  active?: Record<string, string>[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

/** What a sync needs: the API, the recorder, and now. */
export interface CronJobDeps {
  api: ApiClient;
  recorder: EventRecorder;
  now: number;
}

/** The finished condition type of a Job (Complete or Failed, True), if any. */
export function finishedType(job: KubeObject): string | undefined {
  const conditions = (job.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

/** `getJobName`: `<cronjob>-<scheduled time in minutes since the epoch>`, e.g. `hello-29430241`. */
export function jobName(cronJobName: string, scheduled: number): string {
  return `${cronJobName}-${Math.floor(scheduled / 60_000)}`;
}

/** Go's RFC1123Z layout in UTC: `Thu, 01 Jan 2026 00:01:00 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${day}, ${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function jobPath(namespace: string, name = ''): string {
  return `/apis/batch/v1/namespaces/${namespace}/jobs${name ? `/${name}` : ''}`;
}

function removeFromActive(status: CronJobStatus, uid: string | undefined): void {
  status.active = (status.active ?? []).filter((ref) => ref.uid !== uid);
}

/** `deleteJob`: DELETE with Background propagation, then drop it from the active list. */
function deleteJob(deps: CronJobDeps, cj: KubeObject, job: KubeObject): boolean {
  const response = deps.api.handle({ method: 'DELETE', path: jobPath(job.metadata.namespace!, job.metadata.name), body: { propagationPolicy: 'Background' } });
  if (response.status >= 300) {
    deps.recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${errorText(response)}`);
    return false;
  }
  removeFromActive(cj.status as CronJobStatus, job.metadata.uid);
  deps.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
  return true;
}

/** `cleanupFinishedJobs`: keep the newest successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs. */
export function cleanupFinishedJobs(deps: CronJobDeps, cj: KubeObject, jobs: KubeObject[]): boolean {
  const spec = cj.spec as CronJobSpec;
  let updated = false;
  for (const [type, limit] of [['Complete', spec.successfulJobsHistoryLimit], ['Failed', spec.failedJobsHistoryLimit]] as const) {
    if (limit === undefined) continue;
    const finished = jobs.filter((j) => finishedType(j) === type);
    if (finished.length <= limit) continue;
    // Oldest first by startTime (Jobs that never started last), then by name.
    const start = (j: KubeObject): number => {
      const s = (j.status as { startTime?: string } | undefined)?.startTime;
      return s ? timeOf(s) : Infinity;
    };
    finished.sort((a, b) => start(a) - start(b) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
    for (const job of finished.slice(0, finished.length - limit)) if (deleteJob(deps, cj, job)) updated = true;
  }
  return updated;
}

/** The result of `syncCronJob`: when to sync again, whether status changed, and an error to retry. */
export interface SyncOutcome { requeueAfter?: number; updateStatus: boolean; error?: string }

/** `syncCronJob`: `cj` is a private copy whose status this changes. */
export function syncCronJob(deps: CronJobDeps, cj: KubeObject, jobs: KubeObject[]): SyncOutcome {
  const { api, recorder, now } = deps;
  const spec = cj.spec as CronJobSpec;
  const status = cj.status as CronJobStatus;
  const namespace = cj.metadata.namespace!;
  let updateStatus = false;
  const children = new Set<string>();
  for (const job of jobs) {
    children.add(job.metadata.uid!);
    const found = (status.active ?? []).some((ref) => ref.uid === job.metadata.uid);
    const finished = finishedType(job);
    if (!found && !finished) {
      const fresh = api.handle({ method: 'GET', path: `/apis/batch/v1/namespaces/${namespace}/cronjobs/${cj.metadata.name}` });
      if (fresh.status >= 300) return { updateStatus, error: errorText(fresh) };
      if (((fresh.body as KubeObject).status as CronJobStatus | undefined)?.active?.some((ref) => ref.uid === job.metadata.uid)) continue;
      recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`);
    } else if (found && finished) {
      removeFromActive(status, job.metadata.uid);
      recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, status: ${finished}`);
      updateStatus = true;
    } else if (finished === 'Complete') {
      // Counted once it has left the active list (the sync after SawCompletedJob).
      const completionTime = (job.status as { completionTime?: string }).completionTime;
      if (completionTime && (!status.lastSuccessfulTime || timeOf(completionTime) > timeOf(status.lastSuccessfulTime))) {
        status.lastSuccessfulTime = completionTime;
        updateStatus = true;
      }
    }
  }
  for (const ref of [...(status.active ?? [])]) {
    if (children.has(ref.uid)) continue;
    // The informer may be behind: only a 404 from the API means the Job is really gone.
    const response = api.handle({ method: 'GET', path: jobPath(ref.namespace, ref.name) });
    if (response.status === 404) {
      recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      removeFromActive(status, ref.uid);
      updateStatus = true;
    } else if (response.status >= 300) {
      return { updateStatus, error: errorText(response) };
    }
  }

  if (cj.metadata.deletionTimestamp) return { updateStatus };
  if (spec.timeZone !== undefined && !isLoadableZone(spec.timeZone)) {
    recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(spec.timeZone)}: unknown time zone ${spec.timeZone}`);
    return { updateStatus };
  }
  if (spec.suspend) return { updateStatus };
  if (spec.schedule.includes('TZ')) {
    recorder.event(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(spec.schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
  }
  const parsed = parseSchedule(spec.schedule, spec.timeZone ?? 'UTC');
  if ('error' in parsed) {
    recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${parsed.error}`);
    return { updateStatus };
  }
  const schedule = parsed.schedule;
  const times = cronJobTimes(cj);
  const requeue = (): SyncOutcome => ({ requeueAfter: nextScheduleTimeDuration(cronJobTimes(cj), now, schedule), updateStatus });
  const due = mostRecentScheduleTime(times, now, schedule, true);
  if (due.error !== undefined) {
    recorder.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${spec.schedule} : ${due.error}`);
    return { updateStatus };
  }
  if (due.mostRecent === undefined) return requeue();
  const scheduled = due.mostRecent;
  if (due.missed === 'many') {
    recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  }
  if (spec.startingDeadlineSeconds !== undefined && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
    recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return requeue();
  }
  const name = jobName(cj.metadata.name!, scheduled);
  if ((status.active ?? []).some((ref) => ref.name === name) || (status.lastScheduleTime && timeOf(status.lastScheduleTime) === scheduled)) return requeue();
  if (spec.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0) {
    recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return requeue();
  }
  if (spec.concurrencyPolicy === 'Replace') {
    for (const ref of [...(status.active ?? [])]) {
      const response = api.handle({ method: 'GET', path: jobPath(ref.namespace, ref.name) });
      if (response.status >= 300) {
        recorder.event(cj, 'Warning', 'FailedGet', `Get job: ${errorText(response)}`);
        return { updateStatus, error: errorText(response) };
      }
      if (!deleteJob(deps, cj, response.body as KubeObject)) return { updateStatus, error: `could not replace job ${namespace}/${ref.name}` };
      updateStatus = true;
    }
  }
  const created = createJob(deps, cj, name, scheduled);
  if ('error' in created) return { updateStatus, error: created.error };
  if (!created.job) return { updateStatus };
  status.active = [...(status.active ?? []), objectReference(created.job)];
  status.lastScheduleTime = rfc3339(scheduled);
  updateStatus = true;
  return requeue();
}

/** `getJobFromTemplate2` + create: the Job, or none when someone else's Job has the name, or an error. */
function createJob(deps: CronJobDeps, cj: KubeObject, name: string, scheduled: number): { job?: KubeObject } | { error: string } {
  const spec = cj.spec as CronJobSpec;
  const template = spec.jobTemplate ?? {};
  const metadata: KubeObject['metadata'] = { name, namespace: cj.metadata.namespace };
  if (template.metadata?.labels && Object.keys(template.metadata.labels).length) metadata.labels = { ...template.metadata.labels };
  metadata.annotations = { ...(template.metadata?.annotations ?? {}), [scheduledTimestampAnnotation]: rfc3339In(spec.timeZone ?? 'UTC', scheduled) };
  metadata.ownerReferences = [newControllerRef(cj, 'batch/v1', 'CronJob')];
  const body: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: structuredClone(template.spec ?? {}) };
  const response = deps.api.handle({ method: 'POST', path: jobPath(cj.metadata.namespace!), body });
  if (response.status === 409) {
    const existing = deps.api.handle({ method: 'GET', path: jobPath(cj.metadata.namespace!, name) });
    if (existing.status >= 300) return { error: errorText(existing) };
    const job = existing.body as KubeObject;
    if (controllerOf(job)?.uid !== cj.metadata.uid) return {};
    if (((cj.status as CronJobStatus).active ?? []).some((ref) => ref.uid === job.metadata.uid)) return {};
    return { job };
  }
  if (response.status >= 300) {
    const terminating = (response.body as { details?: { causes?: { type?: string }[] } } | undefined)?.details?.causes?.some((c) => c.type === 'NamespaceTerminating');
    if (!terminating) deps.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${errorText(response)}`);
    return { error: errorText(response) };
  }
  const job = response.body as KubeObject;
  deps.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
  return { job };
}
