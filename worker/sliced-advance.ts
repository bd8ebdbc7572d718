/**
 * Virtual time in slices the worker can stop between, so that a kubectl request never waits
 * behind a long advance. A slice ends at the next instant some controller has work due (a
 * kubelet's stage, a probe, a requeue), so splitting changes nothing in the cluster: advancing
 * to each due instant in turn runs exactly what one long advance would.
 */

/** What slicing needs of a cluster (engine/cluster.ts `Cluster` has it). */
export interface SliceableCluster {
  now(): number;
  advance(ms: number): void;
  controllers: { nextDue(): number | undefined };
}

/**
 * Advance `cluster` by up to `ms` of virtual time, one due instant at a time, until done or
 * until `budgetMs` of wall time (read with `wallNow`) has been spent. Returns the virtual ms
 * actually advanced. One due instant is never split: with 1,000 containers starting at the
 * same instant a slice can still take long; only the engine can split that.
 */
export function advanceWithin(cluster: SliceableCluster, ms: number, budgetMs: number, wallNow: () => number): number {
  const start = cluster.now();
  const target = start + Math.max(0, ms);
  const began = wallNow();
  while (cluster.now() < target) {
    const due = cluster.controllers.nextDue();
    // Work due now (or overdue) is run by the advance to the next instant, as one advance would.
    const stop = due === undefined || due > target ? target : Math.max(due, cluster.now() + 1);
    cluster.advance(stop - cluster.now());
    if (wallNow() - began >= budgetMs) break;
  }
  return cluster.now() - start;
}
