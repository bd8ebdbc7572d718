import { describe, expect, it } from 'vitest';
import { parseSchedule, type CronSchedule } from './cron-schedule.ts';
import { mostRecentScheduleTime, nextScheduleTimeDuration, type CronJobTimes } from './schedule-time.ts';

const every = (spec: string): CronSchedule => {
  const parsed = parseSchedule(spec);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.schedule;
};
const t = (hms: string): number => Date.parse(`2026-01-01T${hms}Z`);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().slice(11, 19));

describe('which scheduled time is due', () => {
  it.each<[string, CronJobTimes, string, string | undefined, string, boolean]>([
    // name, cronjob times, now, most recent, missed, with startingDeadlineSeconds
    ['nothing due yet', { creationTimestamp: '2026-01-01T00:00:00Z' }, '00:00:59', undefined, 'none', true],
    ['exactly one due', { creationTimestamp: '2026-01-01T00:00:00Z' }, '00:01:00', '00:01:00', 'none', true],
    ['a few missed: the latest wins', { creationTimestamp: '2026-01-01T00:00:00Z' }, '00:05:30', '00:05:00', 'few', true],
    ['counted from lastScheduleTime', { creationTimestamp: '2026-01-01T00:00:00Z', lastScheduleTime: '2026-01-01T00:05:00Z' }, '00:05:30', undefined, 'none', true],
    ['many missed', { creationTimestamp: '2026-01-01T00:00:00Z' }, '02:00:30', '02:00:00', 'many', true],
    ['startingDeadlineSeconds cuts the past', { creationTimestamp: '2026-01-01T00:00:00Z', startingDeadlineSeconds: 90 }, '02:00:30', '02:00:00', 'none', true],
    ['…unless asked to ignore it', { creationTimestamp: '2026-01-01T00:00:00Z', startingDeadlineSeconds: 90 }, '02:00:30', '02:00:00', 'many', false],
  ])('%s', (_name, times, now, mostRecent, missed, deadline) => {
    const result = mostRecentScheduleTime(times, t(now), every('*/1 * * * *'), deadline);
    expect([iso(result.mostRecent), result.missed]).toEqual([mostRecent, missed]);
  });

  it.each<[CronJobTimes, string, number]>([
    [{ creationTimestamp: '2026-01-01T00:00:00Z' }, '00:00:00', 60_100],
    [{ creationTimestamp: '2026-01-01T00:00:00Z', lastScheduleTime: '2026-01-01T00:01:00Z' }, '00:01:00.100', 60_000],
    [{ creationTimestamp: '2026-01-01T00:00:00Z' }, '00:05:30', 30_100],
  ])('requeues at the next activation + 100 ms: %j at %s → %i ms', (times, now, ms) => {
    expect(nextScheduleTimeDuration(times, t(now), every('*/1 * * * *'))).toBe(ms);
  });
});
