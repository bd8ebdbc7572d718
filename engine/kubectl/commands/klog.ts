/**
 * klog's warning lines, which kubectl writes to stderr for deprecations (`--dry-run` without a
 * value) and apply's prune allowlist: `W1127 20:20:06.908424   12345 helpers.go:702] message`.
 */

/**
 * A klog warning line at `now` (ms since the epoch, UTC), written from `source` (`helpers.go:702`).
 * The id column is the kubectl process id in the real binary; the lab has none, so a fixed one.
 */
export function klogWarning(now: number, source: string, message: string): string {
  const d = new Date(now);
  const two = (n: number): string => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `W${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${'12345'.padStart(7)} ${source}] ${message}\n`;
}
