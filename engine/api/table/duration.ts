/**
 * Human-readable durations, as k8s.io/apimachinery/pkg/util/duration formats them, and the
 * "time since" helpers of printers.go. Every AGE, LAST SEEN and "(5m ago)" in a table comes from
 * here, so the arithmetic follows Go's exactly: whole units, truncated toward zero.
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** Go's int(x) of a float: truncation toward zero. */
function whole(x: number): number {
  return Math.trunc(x);
}

/**
 * `duration.HumanDuration`: about two significant figures. 0s … 119s, 2m … 9m59s, 10m … 179m,
 * 3h … 7h59m, 8h … 47h, 2d … 7d23h, 8d … 729d, 2y … 7y364d, then whole years. A duration more
 * than a second negative is `<invalid>`; within a second of zero (clock skew) it is `0s`.
 */
export function humanDuration(ms: number): string {
  const seconds = whole(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = whole(ms / minute);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = whole(ms / hour);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${whole(hours / 24)}d` : `${whole(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${whole(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = whole(hours / 24) % 365;
    const years = whole(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${whole(hours / 24 / 365)}y`;
}

/**
 * `duration.ShortHumanDuration`: one unit only (`59s`, `5m`, `3h`, `12d`, `2y`). The server
 * printers do not use it; it is here for client-side callers that do.
 */
export function shortHumanDuration(ms: number): string {
  const seconds = whole(ms / second);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = whole(ms / minute);
  if (minutes < 60) return `${minutes}m`;
  const hours = whole(ms / hour);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${whole(hours / 24)}d`;
  return `${whole(ms / hour / 24 / 365)}y`;
}

/**
 * Parse a metav1.Time or MicroTime string (RFC 3339) to epoch milliseconds. Empty, null or
 * unparseable values give undefined, which the callers treat as Go's zero time.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (!rfc3339.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * `translateTimestampSince` of printers.go: the age of a timestamp, or `<unknown>` when it is
 * unset (Go's zero time).
 */
export function timestampSince(timestamp: unknown, now: number): string {
  const at = parseTimestamp(timestamp);
  return at === undefined ? '<unknown>' : humanDuration(now - at);
}

/** `translateTimestampUntil`: the time left until a timestamp, or `<unknown>` when unset. */
export function timestampUntil(timestamp: unknown, now: number): string {
  const at = parseTimestamp(timestamp);
  return at === undefined ? '<unknown>' : humanDuration(at - now);
}
