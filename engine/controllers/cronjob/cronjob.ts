/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go): creates a Job for each
 * scheduled time, keeps `status.active`, `lastScheduleTime` and `lastSuccessfulTime`, and prunes
 * finished Jobs beyond the history limits. It does not poll: each sync returns when the next
 * activation is due (+100 ms) and the runner wakes it then, in virtual time. A change of schedule
 * or time zone re-computes that wake-up at once; other spec changes sync immediately.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { OwnerIndex } from '../replicaset/pod-index.ts';
import { controllerOf, withKind } from '../replicaset/types.ts';
import { parseSchedule } from './cron-schedule.ts';
import { cronJobTimes, nextScheduleTimeDuration } from './schedule-time.ts';
import { cleanupFinishedJobs, syncCronJob, type CronJobSpec, type CronJobStatus } from './sync-cronjob.ts';

/** Runs Jobs on a cron schedule. */
export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private cronJobs!: Informer;
  private jobs = new OwnerIndex();
  private recorder!: EventRecorder;

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: this.name });
    this.cronJobs = env.informer('/apis/batch/v1/cronjobs');
    this.cronJobs.addHandler({
      onAdd: (cj) => this.queue.add(keyOf(cj)),
      onUpdate: (old, cj) => this.updateCronJob(old, cj),
      onDelete: (cj) => this.queue.add(keyOf(cj)),
    });
    env.informer('/apis/batch/v1/jobs').addHandler({
      onAdd: (job) => { this.jobs.upsert(undefined, job); this.enqueueOwner(job); },
      onUpdate: (old, job) => {
        this.jobs.upsert(old, job);
        if (old.metadata.resourceVersion === job.metadata.resourceVersion) return;
        if (controllerOf(old)?.uid !== controllerOf(job)?.uid) this.enqueueOwner(old);
        this.enqueueOwner(job);
      },
      onDelete: (job) => { this.jobs.remove(job); this.enqueueOwner(job); },
    });
  }

  /** The CronJob a Job's controllerRef points at, queued if it is in the cache with that UID. */
  private enqueueOwner(job: KubeObject): void {
    const ref = controllerOf(job);
    if (ref?.kind !== 'CronJob') return;
    const cj = this.cronJobs.get(`${job.metadata.namespace}/${ref.name}`);
    if (cj?.metadata.uid === ref.uid) this.queue.add(keyOf(cj));
  }

  /** `updateCronJob`: a new schedule or time zone moves the wake-up; anything else syncs now. */
  private updateCronJob(old: KubeObject, cj: KubeObject): void {
    const oldSpec = old.spec as CronJobSpec, spec = cj.spec as CronJobSpec;
    if (oldSpec.schedule === spec.schedule && oldSpec.timeZone === spec.timeZone) {
      this.queue.add(keyOf(cj));
      return;
    }
    const parsed = parseSchedule(spec.schedule, spec.timeZone ?? 'UTC');
    if ('error' in parsed) {
      this.recorder.event(withKind(cj, 'batch/v1', 'CronJob'), 'Warning', 'UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${spec.schedule}`);
      return;
    }
    const now = this.env.clock.now();
    const after = nextScheduleTimeDuration(cronJobTimes(cj), now, parsed.schedule);
    if (after !== undefined) this.queue.addAt(keyOf(cj), now + after);
  }

  sync(key: string): SyncResult {
    const cached = this.cronJobs.get(key);
    if (!cached) return;
    const cj = withKind(structuredClone(cached), 'batch/v1', 'CronJob');
    cj.status ??= {};
    const jobs = [...this.jobs.owned(cj.metadata.uid!)].map((j) => withKind(j, 'batch/v1', 'Job'));
    const deps = { api: this.env.api, recorder: this.recorder, now: this.env.clock.now() };
    const cleaned = cleanupFinishedJobs(deps, cj, jobs);
    const outcome = syncCronJob(deps, cj, jobs);
    if (cleaned || outcome.updateStatus) {
      const status = cj.status as CronJobStatus;
      const body: CronJobStatus = {};
      if (status.active?.length) body.active = status.active;
      if (status.lastScheduleTime) body.lastScheduleTime = status.lastScheduleTime;
      if (status.lastSuccessfulTime) body.lastSuccessfulTime = status.lastSuccessfulTime;
      const { namespace, name } = cj.metadata;
      const response = this.env.api.handle({ method: 'PUT', path: `/apis/batch/v1/namespaces/${namespace}/cronjobs/${name}/status`, body: { ...cj, status: body } });
      if (response.status >= 300) throw new Error(`update status of cronjob ${key}: ${errorText(response)}`);
    }
    if (outcome.requeueAfter !== undefined) return { requeueAfter: outcome.requeueAfter };
    if (outcome.error !== undefined) throw new Error(outcome.error);
  }
}
