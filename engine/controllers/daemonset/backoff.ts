/**
 * The failed-pods back-off of the DaemonSet controller (client-go `flowcontrol.Backoff`, created
 * by kube-controller-manager with 1 s initial and 15 min maximum, no jitter). A kubelet that keeps
 * rejecting a daemon pod would otherwise make the controller delete and recreate it in a hot
 * loop: the delay before the next failed pod on the same node is deleted goes 1 s, 2 s, 4 s … 15 min.
 */

/** `failedPodsBackoff` initial delay. */
export const failedPodsBackoffInitial = 1_000;
/** `failedPodsBackoff` maximum delay. */
export const failedPodsBackoffMax = 15 * 60_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

/** Per-key exponential back-off in virtual time. */
export class Backoff {
  private entries = new Map<string, Entry>();

  constructor(private readonly initial = failedPodsBackoffInitial, private readonly max = failedPodsBackoffMax) {}

  /** An entry untouched for twice the maximum has calmed down and starts over. */
  private expired(entry: Entry, now: number): boolean {
    return now - entry.lastUpdate > 2 * this.max;
  }

  /** `IsInBackOffSinceUpdate`: less than the current delay has passed since the last `next`. */
  inBackoffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, now)) return false;
    return now - entry.lastUpdate < entry.backoff;
  }

  /** `Get`: the current delay (0 for an unknown key). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** `Next`: start at the initial delay, or double it (capped at the maximum). */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, now)) this.entries.set(key, { backoff: this.initial, lastUpdate: now });
    else this.entries.set(key, { backoff: Math.min(entry.backoff * 2, this.max), lastUpdate: now });
  }

  /** `GC`: forget entries that have expired, so the map does not grow with every node ever seen. */
  gc(now: number): void {
    for (const [key, entry] of this.entries) if (this.expired(entry, now)) this.entries.delete(key);
  }
}
