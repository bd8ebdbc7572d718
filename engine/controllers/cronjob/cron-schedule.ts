/**
 * robfig/cron v3 as kube-controller-manager uses it: `ParseStandard` (five fields, or
 * `@hourly`-style descriptors, or `@every 90s`, optionally after `TZ=Zone `) and `Schedule.Next`,
 * which finds the first matching second strictly after a given instant by stepping the wall-clock
 * fields month → day → hour → minute → second, for at most five years.
 *
 * Day rule: when neither day-of-month nor day-of-week is `*`, a day matches if EITHER does
 * ("0 0 13 * 5" is every 13th and every Friday); with a `*` in one of them, both must.
 */
import { cronScheduleError } from '../../api/validation/cron-schedule.ts';
import { fromWall, toWall } from './time-zone.ts';

/** A parsed schedule: the next activation strictly after `ms`, or undefined within five years. */
export interface CronSchedule {
  next(ms: number): number | undefined;
}

const starBit = 2n ** 63n;

interface Fields { second: bigint; minute: bigint; hour: bigint; dom: bigint; month: bigint; dow: bigint }

const monthNames: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const dayNames: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const bounds = {
  second: [0, 59], minute: [0, 59], hour: [0, 23], dom: [1, 31], month: [1, 12], dow: [0, 6],
} as const;

function bitsBetween(min: number, max: number, step: number): bigint {
  let bits = 0n;
  for (let i = min; i <= max; i += step) bits |= 1n << BigInt(i);
  return bits;
}

const all = (field: keyof typeof bounds): bigint => bitsBetween(bounds[field][0], bounds[field][1], 1) | starBit;

/** `getField`: a comma list of `*`, `N`, `N-M`, each with an optional `/step`. Syntax was validated by the API. */
function field(expr: string, name: keyof typeof bounds): bigint {
  const [min, max] = bounds[name];
  const names = name === 'month' ? monthNames : name === 'dow' ? dayNames : {};
  const value = (text: string): number => names[text.toLowerCase()] ?? Number(text);
  let bits = 0n;
  for (const part of expr.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let start: number, end: number;
    let extra = 0n;
    if (range === '*' || range === '?') {
      [start, end] = [min, max];
      extra = starBit;
    } else {
      const [low, high] = range.split('-');
      start = value(low);
      end = high !== undefined ? value(high) : stepText !== undefined ? max : start;
    }
    // "*/5" is not a star for the day rule: only a plain "*" (step 1) is.
    if (step > 1) extra = 0n;
    bits |= bitsBetween(start, end, step) | extra;
  }
  return bits;
}

const descriptors: Record<string, Fields> = {
  '@yearly': { second: 1n, minute: 1n, hour: 1n, dom: 1n << 1n, month: 1n << 1n, dow: all('dow') },
  '@monthly': { second: 1n, minute: 1n, hour: 1n, dom: 1n << 1n, month: all('month'), dow: all('dow') },
  '@weekly': { second: 1n, minute: 1n, hour: 1n, dom: all('dom'), month: all('month'), dow: 1n },
  '@daily': { second: 1n, minute: 1n, hour: 1n, dom: all('dom'), month: all('month'), dow: all('dow') },
  '@hourly': { second: 1n, minute: 1n, hour: all('hour'), dom: all('dom'), month: all('month'), dow: all('dow') },
};
descriptors['@annually'] = descriptors['@yearly'];
descriptors['@midnight'] = descriptors['@daily'];

const has = (bits: bigint, n: number): boolean => (bits & (1n << BigInt(n))) !== 0n;

/** `dayMatches`: the OR/AND rule between day-of-month and day-of-week. */
function dayMatches(f: Fields, wall: Date): boolean {
  const domMatch = has(f.dom, wall.getUTCDate());
  const dowMatch = has(f.dow, wall.getUTCDay());
  if ((f.dom & starBit) !== 0n || (f.dow & starBit) !== 0n) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** `SpecSchedule.Next` on wall-clock fields in `zone`. */
function nextSpec(f: Fields, zone: string, ms: number): number | undefined {
  // Start at the next whole second after `ms`.
  let t = new Date(Math.floor(toWall(zone, ms) / 1000) * 1000 + 1000);
  const yearLimit = t.getUTCFullYear() + 5;
  let added = false;
  const set = (y: number, mo: number, d: number, h: number, mi: number, s: number): void => {
    t = new Date(Date.UTC(y, mo, d, h, mi, s));
  };
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!has(f.month, t.getUTCMonth() + 1)) {
      if (!added) { added = true; set(t.getUTCFullYear(), t.getUTCMonth(), 1, 0, 0, 0); }
      set(t.getUTCFullYear(), t.getUTCMonth() + 1, 1, 0, 0, 0);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(f, t)) {
      if (!added) { added = true; set(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), 0, 0, 0); }
      set(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1, 0, 0, 0);
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!has(f.hour, t.getUTCHours())) {
      if (!added) { added = true; t = new Date(Math.floor(t.getTime() / 3_600_000) * 3_600_000); }
      t = new Date(t.getTime() + 3_600_000);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!has(f.minute, t.getUTCMinutes())) {
      if (!added) { added = true; t = new Date(Math.floor(t.getTime() / 60_000) * 60_000); }
      t = new Date(t.getTime() + 60_000);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    while (!has(f.second, t.getUTCSeconds())) {
      if (!added) { added = true; t = new Date(Math.floor(t.getTime() / 1000) * 1000); }
      t = new Date(t.getTime() + 1000);
      if (t.getUTCSeconds() === 0) continue wrap;
    }
    return fromWall(zone, t.getTime());
  }
}

/** Seconds of a Go duration like `90s`, `1h30m`, `1.5h` (validated upstream). */
function durationSeconds(text: string): number {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, n, unit] of text.matchAll(/([0-9.]+)([a-zµμ]+)/g)) total += Number(n) * units[unit];
  return total;
}

/**
 * `cron.ParseStandard(spec)` with the error text the controller puts in its events; `zone` is the
 * location used when the spec has no `TZ=` prefix (the CronJob's spec.timeZone, else UTC).
 */
export function parseSchedule(spec: string, zone = 'UTC'): { schedule: CronSchedule } | { error: string } {
  const error = cronScheduleError(spec);
  if (error !== undefined) return { error };
  let text = spec;
  let location = zone;
  const tz = /^(?:CRON_)?TZ=(\S+)\s*/.exec(text);
  if (tz) {
    location = tz[1];
    text = text.slice(tz[0].length);
  }
  text = text.trim();
  if (text.startsWith('@every ')) {
    // ConstantDelaySchedule: whole seconds, at least one; the next run is counted from the given instant.
    const delay = Math.max(1, Math.floor(durationSeconds(text.slice(7)))) * 1000;
    return { schedule: { next: (ms) => Math.floor(ms / 1000) * 1000 + delay } };
  }
  const fields = descriptors[text] ?? (() => {
    const [minute, hour, dom, month, dow] = text.split(/\s+/);
    return { second: 1n, minute: field(minute, 'minute'), hour: field(hour, 'hour'), dom: field(dom, 'dom'), month: field(month, 'month'), dow: field(dow, 'dow') };
  })();
  return { schedule: { next: (ms) => nextSpec(fields, location, ms) } };
}
