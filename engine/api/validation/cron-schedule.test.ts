import { describe, expect, it } from 'vitest';
import { cronScheduleError, isKnownTimeZone } from './cron-schedule.ts';

describe('cronScheduleError (robfig/cron v3 ParseStandard)', () => {
  it.each([
    ['*/5 * * * *', undefined],
    ['0 0 * * MON-FRI', undefined],
    ['0 12 1 jan,jul *', undefined],
    ['@weekly', undefined],
    ['@every 1h30m', undefined],
    ['CRON_TZ=Asia/Tokyo 0 9 * * *', undefined],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/2 * * * *', 'too many slashes: */2/2'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every 5x', 'failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"'],
    ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ['TZ=Mars/Base 0 * * * *', 'provided bad location Mars/Base: unknown time zone Mars/Base'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
  ])('%s', (schedule, expected) => {
    expect(cronScheduleError(schedule)).toBe(expected);
  });
});

describe('isKnownTimeZone (Go time.LoadLocation)', () => {
  it.each([
    ['UTC', true], ['Europe/Berlin', true], ['America/New_York', true], ['US/Pacific', true],
    ['europe/berlin', false], ['Mars/Olympus', false], ['Berlin', false],
  ])('%s', (name, expected) => {
    expect(isKnownTimeZone(name)).toBe(expected);
  });
});
