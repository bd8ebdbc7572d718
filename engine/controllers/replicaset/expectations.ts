/**
 * client-go's ControllerExpectations: after a sync asks for N creations, the controller waits
 * until its informer has seen N pods arrive before it trusts the cache again, so a second sync
 * does not create the same pods twice. Expectations expire after 5 minutes, as upstream's do, so
 * a lost watch event cannot wedge a ReplicaSet forever.
 */
import type { Clock } from '../../clock.ts';

/** `ExpectationsTimeout`. */
export const expectationsTimeout = 5 * 60_000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
  /** Pods whose deletion is awaited (UIDTrackingControllerExpectations), so each counts once. */
  deleting?: Set<string>;
}

/** Pending creations and deletions per controller key. */
export class ControllerExpectations {
  private store = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  /** `SatisfiedExpectations`: true when nothing is pending, the wait expired, or nothing was recorded. */
  satisfied(key: string): boolean {
    const e = this.store.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.timestamp > expectationsTimeout;
  }

  /** `ExpectCreations`: the next `count` pod adds belong to this sync. */
  expectCreations(key: string, count: number): void {
    this.store.set(key, { add: count, del: 0, timestamp: this.clock.now() });
  }

  /** `ExpectDeletions` of these pod keys. */
  expectDeletions(key: string, podKeys: string[]): void {
    this.store.set(key, { add: 0, del: podKeys.length, timestamp: this.clock.now(), deleting: new Set(podKeys) });
  }

  /** `CreationObserved`: an informer add, or a creation that was never attempted or failed. */
  creationObserved(key: string): void {
    const e = this.store.get(key);
    if (e) e.add--;
  }

  /**
   * `DeletionObserved` for one pod: counted once even though a graceful deletion is seen twice
   * (deletionTimestamp set, then the object gone).
   */
  deletionObserved(key: string, podKey: string): void {
    const e = this.store.get(key);
    if (e?.deleting?.delete(podKey)) e.del--;
  }

  /** `DeleteExpectations`: the controller object is gone. */
  delete(key: string): void {
    this.store.delete(key);
  }
}
