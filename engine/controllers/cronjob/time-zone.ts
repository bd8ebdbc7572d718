/**
 * Wall-clock time in an IANA time zone, from `Intl.DateTimeFormat` (a table of offsets, not a
 * clock: the instant always comes from the caller). The cron schedule works on wall-clock fields
 * ("9:00 in Europe/Berlin"); these helpers convert between an instant and those fields.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether Intl knows the zone (the API server has already validated it against Go's list). */
export function isLoadableZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's offset from UTC at instant `ms`, in ms (Berlin in winter: +3 600 000). UTC, Local
 * and '' are UTC: kube-controller-manager runs with TZ unset in kind's image.
 */
export function offsetAt(zone: string, ms: number): number {
  if (zone === '' || zone === 'UTC' || zone === 'Local' || zone === 'Etc/UTC') return 0;
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** Wall-clock fields at `ms`, encoded as a UTC instant (so Date's UTC getters read the wall clock). */
export function toWall(zone: string, ms: number): number {
  return ms + offsetAt(zone, ms);
}

/**
 * The instant a wall-clock time denotes, as Go's `time.Date` picks it: in a spring-forward gap the
 * offset from before the gap (02:30 that never happened becomes 03:30); in a fall-back overlap the
 * first occurrence.
 */
export function fromWall(zone: string, wall: number): number {
  const before = offsetAt(zone, wall - 86_400_000);
  const after = offsetAt(zone, wall + 86_400_000);
  if (before === after) return wall - before;
  // Around a transition: try both offsets and keep one that maps back to the same wall clock.
  for (const offset of [before, after].sort((a, b) => b - a)) {
    if (offsetAt(zone, wall - offset) === offset) return wall - offset;
  }
  return wall - before;
}

/** RFC 3339 of `ms` in `zone`, as Go's `Format(time.RFC3339)`: `Z` for a zero offset, else `+09:00`. */
export function rfc3339In(zone: string, ms: number): string {
  const offset = offsetAt(zone, ms);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${wall}Z`;
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
