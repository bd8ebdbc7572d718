import { describe, expect, it } from 'vitest';
import { parseSchedule } from './cron-schedule.ts';
import { rfc3339In } from './time-zone.ts';

function next(spec: string, from: string, zone = 'UTC'): string | undefined {
  const parsed = parseSchedule(spec, zone);
  if ('error' in parsed) throw new Error(parsed.error);
  const at = parsed.schedule.next(Date.parse(from));
  return at === undefined ? undefined : new Date(at).toISOString().replace('.000Z', 'Z');
}

describe('cron schedule (robfig/cron v3 ParseStandard + Next)', () => {
  it.each([
    ['*/1 * * * *', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'],
    ['*/1 * * * *', '2026-01-01T00:00:59.999Z', '2026-01-01T00:01:00Z'],
    ['*/5 * * * *', '2026-01-01T00:07:00Z', '2026-01-01T00:10:00Z'],
    ['0 * * * *', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z'],
    ['30 6-16/4 * * 1-5', '2026-01-02T15:00:00Z', '2026-01-05T06:30:00Z'], // Friday 15:00 → Monday 06:30
    ['0 0 13 * 5', '2026-02-01T00:00:00Z', '2026-02-06T00:00:00Z'], // the 13th OR a Friday: Friday Feb 6 first
    ['0 0 13 * *', '2026-02-01T00:00:00Z', '2026-02-13T00:00:00Z'],
    ['0 0 * * sun', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z'],
    ['0 9 1 jan,jul *', '2026-01-01T09:00:00Z', '2026-07-01T09:00:00Z'],
    ['@hourly', '2026-01-01T00:30:00Z', '2026-01-01T01:00:00Z'],
    ['@daily', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    ['@weekly', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z'],
    ['@monthly', '2026-01-15T00:00:00Z', '2026-02-01T00:00:00Z'],
    ['@yearly', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ['@every 90s', '2026-01-01T00:00:00.500Z', '2026-01-01T00:01:30Z'],
    ['0 0 30 2 *', '2026-01-01T00:00:00Z', undefined], // February 30th never comes
  ])('%s after %s is %s', (spec, from, expected) => {
    expect(next(spec, from)).toBe(expected);
  });

  it.each([
    // 09:00 in Tokyo (UTC+9, no DST) is 00:00 UTC.
    ['0 9 * * *', 'Asia/Tokyo', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    // Berlin leaves CET for CEST on 2026-03-29: 09:00 is 08:00 UTC before, 07:00 UTC after.
    ['0 9 * * *', 'Europe/Berlin', '2026-03-28T12:00:00Z', '2026-03-29T07:00:00Z'],
    // 02:30 does not exist in Berlin that night: Go's time.Date moves it to 03:30 CEST.
    ['30 2 * * *', 'Europe/Berlin', '2026-03-28T12:00:00Z', '2026-03-29T01:30:00Z'],
  ])('%s in %s after %s is %s', (spec, zone, from, expected) => {
    expect(next(spec, from, zone)).toBe(expected);
    expect(next(`TZ=${zone} ${spec}`, from)).toBe(expected);
  });

  it('reports the parser error for a bad schedule', () => {
    expect(parseSchedule('61 * * * *')).toEqual({ error: 'end of range (61) above maximum (59): 61' });
  });

  it.each([
    ['UTC', '2026-01-01T00:01:00Z'],
    ['Asia/Tokyo', '2026-01-01T09:01:00+09:00'],
    ['America/New_York', '2025-12-31T19:01:00-05:00'],
  ])('formats the scheduled time in %s as RFC 3339: %s', (zone, text) => {
    expect(rfc3339In(zone, Date.parse('2026-01-01T00:01:00Z'))).toBe(text);
  });
});
