/**
 * A work queue of keys, as client-go's: a key waiting once is queued once however often it is
 * added, and a key being processed that is added again runs again after it finishes. Keys may be
 * added after a delay of virtual time (requeue-after, retry back-off).
 */

export class WorkQueue {
  private queue: string[] = [];
  /** Index of the next key in `queue`; the array is compacted now and then rather than shifted per get. */
  private head = 0;
  private queued = new Set<string>();
  private delayed = new Map<string, number>();
  private failures = new Map<string, number>();

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
  }

  /** Add `key` once virtual time reaches `at` (ms). An earlier pending time wins. */
  addAt(key: string, at: number): void {
    const pending = this.delayed.get(key);
    if (pending === undefined || at < pending) this.delayed.set(key, at);
  }

  /** Move delayed keys whose time has come into the queue. */
  promote(now: number): void {
    for (const [key, at] of this.delayed) {
      if (at <= now) {
        this.delayed.delete(key);
        this.add(key);
      }
    }
  }

  /** The earliest time a delayed key is due, if any. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const at of this.delayed.values()) if (next === undefined || at < next) next = at;
    return next;
  }

  get(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.queued.delete(key);
    return key;
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  /** Exponential back-off per key for retries after errors: 5 ms doubling up to 1000 s, as client-go's default. */
  backoff(key: string): number {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    return Math.min(5 * 2 ** failures, 1_000_000);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }
}
