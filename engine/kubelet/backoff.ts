/**
 * The kubelet's back-off, as client-go's `flowcontrol.Backoff`: 10 s doubling to a 5 min cap,
 * one entry per key (a container for CrashLoopBackOff, a pod and image for ImagePullBackOff). An
 * entry not bumped for twice the cap (10 min) is forgotten, so a container that ran cleanly for
 * ten minutes starts again at 10 s. 1.32 adds no jitter for the kubelet.
 */

/** Initial back-off: 10 s. */
export const backoffInitialMs = 10_000;
/** Back-off cap: 5 min. */
export const backoffMaxMs = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

/** Back-off entries per key, with `next`, `get` and the two "in back-off" checks the kubelet uses. */
export class Backoff {
  private entries = new Map<string, Entry>();

  constructor(private readonly initial = backoffInitialMs, private readonly max = backoffMaxMs) {}

  /** Bump the back-off of `key` at `eventTime`: the first call gives 10 s, then 20 s, 40 s … 300 s. */
  next(key: string, eventTime: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(eventTime, entry.lastUpdate)) {
      this.entries.set(key, { backoff: this.initial, lastUpdate: eventTime });
      return;
    }
    entry.backoff = Math.min(entry.backoff * 2, this.max);
    entry.lastUpdate = eventTime;
  }

  /** The current back-off of `key` in ms (0 when there is none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /**
   * Whether `now` is still within the back-off that started at `eventTime` (the container's
   * finishedAt): kuberuntime's `doBackOff` check.
   */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(eventTime, entry.lastUpdate)) return false;
    return now - eventTime < entry.backoff;
  }

  /** Whether `now` is within the back-off since the entry's last bump: the image puller's check. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(now, entry.lastUpdate)) return false;
    return now - entry.lastUpdate < entry.backoff;
  }

  /** When the back-off of `key` since its last bump ends. */
  endsAt(key: string): number {
    const entry = this.entries.get(key);
    return entry ? entry.lastUpdate + entry.backoff : 0;
  }

  /** Forget every key that starts with `prefix` (a deleted pod's entries). */
  forgetPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.max;
  }
}

/**
 * A duration as Go's `time.Duration.String()` prints whole milliseconds: `872ms`, `2.124s`,
 * `1m20s`, `5m0s`, `1h0m0s`. Kubelet messages print back-offs and pull times this way.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const secondsMs = ms % 60_000;
  const seconds = (secondsMs / 1000).toFixed(3).replace(/\.?0+$/, '');
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
