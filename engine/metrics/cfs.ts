/**
 * CFS bandwidth control, the kernel mechanism behind a container's CPU limit: the cgroup may run
 * `limit × period` of CPU time in each 100 ms period (cpu.cfs_quota_us / cpu.cfs_period_us), and
 * once the quota is spent its threads wait, throttled, for the next period. A limit slows work
 * down; it never kills. A single-threaded request that needs more CPU than the quota left in its
 * period therefore takes longer in wall time than in CPU time.
 *
 * Worked example (php-apache, 500m limit, 20 ms of CPU per request, the docs' load generator
 * waiting 10 ms between requests): the quota is 50 ms per 100 ms. Requests at 0, 30 and 60 ms:
 * the first two finish in 20 ms; the third gets the last 10 ms of quota, is throttled until 100 ms
 * and finishes at 110 ms. One pod is held at 500m (250 % of a 200m request); spread over five or
 * more pods, no pod reaches its quota and each request takes its 20 ms.
 */

/** The kernel's default cpu.cfs_period_us: 100 ms. */
export const cfsPeriodMs = 100;

/** The quota of one container: which periods have how much of it spent. */
export class CfsBandwidth {
  /** CPU-ms spent per period number; old periods are forgotten as time moves on. */
  private readonly spent = new Map<number, number>();

  /** `limitMillicores`: the container's CPU limit; undefined or 0 means unlimited (no throttling). */
  constructor(readonly limitMillicores?: number) {}

  /** The CPU-ms the cgroup may use per period. */
  get quotaMs(): number {
    return this.limitMillicores ? (this.limitMillicores / 1000) * cfsPeriodMs : Infinity;
  }

  /**
   * Run `cpuMs` of single-threaded work that starts at `at`: spend the quota it needs period by
   * period and return when it finishes. Work started earlier and still running shares the quota,
   * as Apache's workers share their cgroup's.
   */
  run(at: number, cpuMs: number): number {
    if (cpuMs <= 0) return at;
    const quota = this.quotaMs;
    if (quota === Infinity) return at + cpuMs;
    this.forgetBefore(Math.floor(at / cfsPeriodMs));
    let cursor = at;
    let left = cpuMs;
    for (;;) {
      const period = Math.floor(cursor / cfsPeriodMs);
      const end = (period + 1) * cfsPeriodMs;
      const spent = this.spent.get(period) ?? 0;
      // One thread runs at most one CPU-ms per wall ms, and only while quota is left.
      const slice = Math.min(left, quota - spent, end - cursor);
      if (slice > 0) {
        this.spent.set(period, spent + slice);
        left -= slice;
        cursor += slice;
        if (left <= 1e-9) return cursor;
      }
      // Throttled (or at the period's end): wait for the next period's refill.
      cursor = end;
    }
  }

  private forgetBefore(period: number): void {
    for (const key of this.spent.keys()) if (key < period) this.spent.delete(key);
  }
}
