/**
 * The scheduling queue (backend/queue/scheduling_queue.go) in three parts: activeQ, a heap of
 * pods ready to try, highest priority first and then oldest first; backoffQ, pods waiting out
 * their back-off (1 s after the first failure, doubling to 10 s); and unschedulablePods, pods
 * that failed and wait for a cluster event (a node added, a pod deleted…) that might help them.
 * Pods left unschedulable for 5 minutes are retried anyway.
 */
import type { PodInfo } from './types.ts';

/** Back-off after the first failed attempt. */
export const podInitialBackoff = 1_000;
/** Back-off never grows beyond this. */
export const podMaxBackoff = 10_000;
/** An unschedulable pod is retried after this long even if nothing happened. */
export const podMaxInUnschedulablePodsDuration = 5 * 60_000;

/** A queued pod and its history (framework.QueuedPodInfo). */
export interface QueuedPod {
  pod: PodInfo;
  /** Scheduling attempts so far. */
  attempts: number;
  /** When the pod entered the queue; FIFO order within a priority. */
  timestamp: number;
  /** When the last attempt failed (back-off counts from here). */
  failedAt: number;
  where: 'active' | 'backoff' | 'unschedulable' | 'inFlight';
  /** Insertion sequence, to keep equal keys in FIFO order. */
  sequence: number;
  /** The plugins that rejected the last attempt: only events they care about move the pod. */
  unschedulablePlugins?: ReadonlySet<string>;
}

/** `1s × 2^(attempts−1)`, at most 10 s. */
export function backoffDuration(attempts: number): number {
  let duration = podInitialBackoff;
  for (let i = 1; i < attempts; i++) {
    duration *= 2;
    if (duration > podMaxBackoff) return podMaxBackoff;
  }
  return duration;
}

function before(a: QueuedPod, b: QueuedPod): boolean {
  if (a.pod.priority !== b.pod.priority) return a.pod.priority > b.pod.priority;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.sequence < b.sequence;
}

/** The three queues, keyed by `namespace/name`. */
export class SchedulingQueue {
  private heap: QueuedPod[] = [];
  private pods = new Map<string, QueuedPod>();
  /** Pods in backoffQ or unschedulablePods: what flushes and cluster events look at. */
  private waiting = new Set<QueuedPod>();
  private sequence = 0;
  /** Bumped by every cluster event that moves pods; a failure in the same cycle goes to backoff instead. */
  private moveRequestCycle = 0;

  /** A new pending pod (or a pending pod's newer version). */
  add(pod: PodInfo, now: number): void {
    const existing = this.pods.get(pod.key);
    if (existing) {
      existing.pod = pod;
      // A changed spec may make the pod schedulable: give it another try now.
      if (existing.where === 'unschedulable') this.activate(existing, now);
      return;
    }
    this.activate({ pod, attempts: 0, timestamp: now, failedAt: now, where: 'active', sequence: 0 }, now);
  }

  delete(key: string): void {
    const entry = this.pods.get(key);
    if (!entry) return;
    this.pods.delete(key);
    this.waiting.delete(entry);
    if (entry.where === 'active') {
      const i = this.heap.indexOf(entry);
      if (i >= 0) this.removeAt(i);
    }
  }

  has(key: string): boolean {
    return this.pods.has(key);
  }

  /** The next pod to schedule, now in flight. */
  pop(): QueuedPod | undefined {
    if (!this.heap.length) return undefined;
    const top = this.heap[0];
    this.removeAt(0);
    top.where = 'inFlight';
    top.attempts++;
    return top;
  }

  /** The cycle number a pod's attempt starts in, to compare with later move requests. */
  cycle(): number {
    return this.moveRequestCycle;
  }

  /** An attempt failed: wait for an event, or back off if an event already came during the attempt. */
  addUnschedulable(entry: QueuedPod, now: number, startedInCycle: number, error = false, plugins?: ReadonlySet<string>): void {
    if (this.pods.get(entry.pod.key) !== entry) return; // deleted meanwhile
    entry.failedAt = now;
    entry.unschedulablePlugins = plugins;
    entry.where = error || this.moveRequestCycle > startedInCycle ? 'backoff' : 'unschedulable';
    this.waiting.add(entry);
  }

  /** A pod that was bound (or given up on): forget it. */
  done(key: string): void {
    this.pods.delete(key);
  }

  /**
   * A cluster event that may help: unschedulable pods move to backoff, or straight to active if
   * their back-off is over. `mayHelp` narrows it to pods whose rejecting plugins registered for the
   * event (a new claim does not help a pod that lacks cpu); a pod rejected for no known plugin moves.
   */
  moveAllToActiveOrBackoff(now: number, mayHelp?: (plugins: ReadonlySet<string>) => boolean): void {
    this.moveRequestCycle++;
    for (const entry of this.waiting) {
      if (entry.where !== 'unschedulable') continue;
      if (mayHelp && entry.unschedulablePlugins?.size && !mayHelp(entry.unschedulablePlugins)) continue;
      if (now >= entry.failedAt + backoffDuration(entry.attempts)) this.activate(entry, now);
      else entry.where = 'backoff';
    }
  }

  /** Move pods whose back-off is over to active, and pods unschedulable too long to active. */
  flush(now: number): void {
    for (const entry of this.waiting) {
      if (entry.where === 'backoff' && now >= entry.failedAt + backoffDuration(entry.attempts)) this.activate(entry, now);
      else if (entry.where === 'unschedulable' && now >= entry.failedAt + podMaxInUnschedulablePodsDuration) this.activate(entry, now);
    }
  }

  /** When `flush` next has something to do. */
  nextWake(): number | undefined {
    let next: number | undefined;
    for (const entry of this.waiting) {
      let at: number | undefined;
      if (entry.where === 'backoff') at = entry.failedAt + backoffDuration(entry.attempts);
      else if (entry.where === 'unschedulable') at = entry.failedAt + podMaxInUnschedulablePodsDuration;
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  get activeLength(): number {
    return this.heap.length;
  }

  /** Where a pod waits, for tests and the lab. */
  where(key: string): QueuedPod['where'] | undefined {
    return this.pods.get(key)?.where;
  }

  private activate(entry: QueuedPod, now: number): void {
    if (entry.where === 'active' && this.pods.get(entry.pod.key) === entry) return;
    void now;
    this.waiting.delete(entry);
    entry.where = 'active';
    entry.sequence = this.sequence++;
    this.pods.set(entry.pod.key, entry);
    this.heap.push(entry);
    this.up(this.heap.length - 1);
  }

  private removeAt(i: number): void {
    const last = this.heap.pop()!;
    if (i < this.heap.length) {
      this.heap[i] = last;
      this.up(i);
      this.down(i);
    }
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l], h[m])) m = l;
      if (r < h.length && before(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
