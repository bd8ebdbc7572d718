/**
 * Which scheduled time a CronJob is due for (pkg/controller/cronjob/utils.go). Start from the
 * last schedule time (or the CronJob's creation), but never earlier than startingDeadlineSeconds
 * ago; the most recent activation at or before now is the one to run — earlier missed ones are
 * skipped. More than 100 missed activations is "many": the controller warns (TooManyMissedTimes)
 * but still runs the latest.
 *
 * Example: `*\/1 * * * *`, created 00:00:00, controller away until 00:05:30 → the 00:05 run starts
 * (00:01 … 00:04 are skipped, "few missed").
 */
import type { KubeObject } from '../../api/types.ts';
import { timeOf } from '../replicaset/types.ts';
import type { CronSchedule } from './cron-schedule.ts';

/** `nextScheduleDelta`: requeue 100 ms after the activation, against clock skew. */
export const nextScheduleDelta = 100;

/** `missedSchedulesType`. */
export type MissedSchedules = 'none' | 'few' | 'many';

/** The parts of a CronJob these computations read. */
export interface CronJobTimes {
  creationTimestamp?: string | null;
  lastScheduleTime?: string;
  startingDeadlineSeconds?: number;
}

/** The times of a CronJob object. */
export function cronJobTimes(cronJob: KubeObject): CronJobTimes {
  return {
    creationTimestamp: cronJob.metadata.creationTimestamp,
    lastScheduleTime: (cronJob.status as { lastScheduleTime?: string } | undefined)?.lastScheduleTime,
    startingDeadlineSeconds: (cronJob.spec as { startingDeadlineSeconds?: number } | undefined)?.startingDeadlineSeconds,
  };
}

/** What `mostRecentScheduleTime` finds. */
export interface MostRecent {
  earliest: number;
  mostRecent?: number;
  missed: MissedSchedules;
  error?: string;
}

/** `mostRecentScheduleTime`: the latest activation in (earliest, now], and how many were missed. */
export function mostRecentScheduleTime(cj: CronJobTimes, now: number, schedule: CronSchedule, includeStartingDeadline: boolean): MostRecent {
  let earliest = cj.lastScheduleTime ? timeOf(cj.lastScheduleTime) : timeOf(cj.creationTimestamp);
  if (includeStartingDeadline && cj.startingDeadlineSeconds !== undefined) {
    const deadline = now - cj.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = schedule.next(earliest);
  if (t1 === undefined || now < t1) return { earliest, missed: 'none' };
  const t2 = schedule.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  // A rough count: how many intervals t2-t1 fit between t1 and now (exact for regular schedules).
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const missedCount = Math.floor(Math.floor((now - t1) / 1000) / between) + 1;
  let mostRecent: number | undefined;
  // Start one interval early and let the schedule find the real activations (irregular schedules).
  for (let t = schedule.next(t1 + (missedCount - 2) * between * 1000); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  return { earliest, mostRecent, missed: missedCount > 100 ? 'many' : 'few' };
}

/**
 * `nextScheduleTimeDuration`: how long until the next activation (plus 100 ms), counted from the
 * latest activation that was due — or from now when some were missed.
 */
export function nextScheduleTimeDuration(cj: CronJobTimes, now: number, schedule: CronSchedule): number | undefined {
  const { earliest, mostRecent, missed, error } = mostRecentScheduleTime(cj, now, schedule, false);
  let from: number;
  if (error !== undefined) from = now;
  else if (mostRecent === undefined) from = missed === 'none' ? earliest : now;
  else from = mostRecent;
  const next = schedule.next(from);
  return next === undefined ? undefined : next + nextScheduleDelta - now;
}
