/**
 * ControllerExpectations as the DaemonSet controller uses them: one sync sets how many creations
 * and deletions it asked for (`SetExpectations(key, add, del)`), and the next sync may act only
 * once the pod informer has seen them all, or after the 5-minute expiry. Deletions are tracked by
 * pod key so a graceful deletion, seen first as an update and then as the removal, counts once.
 */
import type { Clock } from '../../clock.ts';
import { expectationsTimeout } from '../replicaset/expectations.ts';

interface Expectation {
  add: number;
  deleting: Set<string>;
  timestamp: number;
}

/** Pending creations and deletions per DaemonSet key. */
export class DaemonSetExpectations {
  private store = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  /** `SatisfiedExpectations`: nothing pending, expired, or never set. */
  satisfied(key: string): boolean {
    const e = this.store.get(key);
    if (!e || (e.add <= 0 && e.deleting.size === 0)) return true;
    return this.clock.now() - e.timestamp > expectationsTimeout;
  }

  /** `SetExpectations`: this sync creates `add` pods and deletes the pods with these keys. */
  set(key: string, add: number, deleting: readonly string[]): void {
    this.store.set(key, { add, deleting: new Set(deleting), timestamp: this.clock.now() });
  }

  /** `CreationObserved`: a pod arrived, or a creation failed or was skipped (`LowerExpectations`). */
  creationObserved(key: string, count = 1): void {
    const e = this.store.get(key);
    if (e) e.add -= count;
  }

  /** `DeletionObserved` for one pod. */
  deletionObserved(key: string, podKey: string): void {
    this.store.get(key)?.deleting.delete(podKey);
  }

  /** `DeleteExpectations`: the DaemonSet is gone. */
  delete(key: string): void {
    this.store.delete(key);
  }
}
