/**
 * The storage layer behind the API server, in the role etcd plays: objects by key, one
 * cluster-wide resourceVersion counter, and a bounded history of changes for watches to replay.
 * It knows nothing of validation or defaulting; the handler does that before writing here.
 * Stored objects are never changed in place: every write stores a new object.
 */
import type { KubeObject } from './types.ts';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  resourceVersion: number;
  type: ChangeType;
  /** Storage key of the resource, e.g. `apps/deployments`. */
  storageKey: string;
  object: KubeObject;
  /** The object before this change (for MODIFIED and DELETED), so watchers can tell selector transitions. */
  previous?: KubeObject;
}

/** The default number of changes kept for watch replay; older resourceVersions get 410 Expired. */
export const defaultHistorySize = 20_000;

/** A store's contents as `snapshot` gives them: buckets by storage key, objects by `namespace/name`. */
export interface StoreSnapshot {
  buckets: [string, [string, KubeObject][]][];
  revision: number;
  history: Change[];
}

function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class Store {
  private buckets = new Map<string, Map<string, KubeObject>>();
  private revision = 1;
  private history: Change[] = [];
  private historyStart = 0;
  private listeners = new Set<(change: Change) => void>();

  constructor(private readonly historySize = defaultHistorySize) {}

  /** The current cluster-wide resourceVersion. */
  resourceVersion(): number {
    return this.revision;
  }

  /** The oldest resourceVersion a watch can still resume from. */
  oldestResourceVersion(): number {
    return this.history.length ? this.history[this.historyStart].resourceVersion - 1 : this.revision;
  }

  get(storageKey: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.buckets.get(storageKey)?.get(objectKey(namespace, name));
  }

  /** Objects of one resource, in one namespace or all, ordered as etcd orders keys (namespace, then name). */
  list(storageKey: string, namespace?: string): KubeObject[] {
    const bucket = this.buckets.get(storageKey);
    if (!bucket) return [];
    const out: KubeObject[] = [];
    for (const object of bucket.values()) {
      if (namespace === undefined || object.metadata.namespace === namespace) out.push(object);
    }
    return out.sort(compareKeys);
  }

  /** Number of objects of one resource. */
  count(storageKey: string): number {
    return this.buckets.get(storageKey)?.size ?? 0;
  }

  /** Store a new object; the caller has checked it does not exist. Returns it with its resourceVersion set. */
  create(storageKey: string, object: KubeObject): KubeObject {
    const stored = this.stamp(object);
    this.bucket(storageKey).set(objectKey(stored.metadata.namespace, stored.metadata.name!), stored);
    this.record({ resourceVersion: this.revision, type: 'ADDED', storageKey, object: stored });
    return stored;
  }

  /** Replace an existing object. */
  update(storageKey: string, object: KubeObject, previous: KubeObject): KubeObject {
    const stored = this.stamp(object);
    this.bucket(storageKey).set(objectKey(stored.metadata.namespace, stored.metadata.name!), stored);
    this.record({ resourceVersion: this.revision, type: 'MODIFIED', storageKey, object: stored, previous });
    return stored;
  }

  /** Remove an object. The DELETED change carries the object with a new resourceVersion, as etcd's watch does. */
  delete(storageKey: string, object: KubeObject): KubeObject {
    this.bucket(storageKey).delete(objectKey(object.metadata.namespace, object.metadata.name!));
    const final = this.stamp(object);
    this.record({ resourceVersion: this.revision, type: 'DELETED', storageKey, object: final, previous: object });
    return final;
  }

  /**
   * Changes after `resourceVersion`, for a watch to replay; `undefined` when that version is older
   * than the history kept (the caller answers 410 Expired).
   */
  changesSince(resourceVersion: number): Change[] | undefined {
    if (resourceVersion >= this.revision) return [];
    if (resourceVersion < this.oldestResourceVersion()) return undefined;
    const out: Change[] = [];
    for (let i = this.historyStart; i < this.history.length; i++) {
      if (this.history[i].resourceVersion > resourceVersion) out.push(this.history[i]);
    }
    return out;
  }

  /**
   * The stored objects, the counter and the replayable history, by reference (stored objects are
   * never changed in place): what `restore` needs to give another store the same contents.
   */
  snapshot(): StoreSnapshot {
    return {
      buckets: [...this.buckets].map(([key, bucket]) => [key, [...bucket]]),
      revision: this.revision,
      history: this.history.slice(this.historyStart),
    };
  }

  /** Take over a snapshot's contents (listeners stay): the store then reads as the one it was taken from. */
  restore(snapshot: StoreSnapshot): void {
    this.buckets = new Map(snapshot.buckets.map(([key, entries]) => [key, new Map(entries)]));
    this.revision = snapshot.revision;
    this.history = [...snapshot.history];
    this.historyStart = 0;
  }

  /** Be told of every change as it is stored. Returns the function that stops it. */
  subscribe(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private bucket(storageKey: string): Map<string, KubeObject> {
    let bucket = this.buckets.get(storageKey);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(storageKey, bucket);
    }
    return bucket;
  }

  private stamp(object: KubeObject): KubeObject {
    this.revision++;
    return { ...object, metadata: { ...object.metadata, resourceVersion: String(this.revision) } };
  }

  private record(change: Change): void {
    this.history.push(change);
    // Compact in chunks so the array is not shifted on every write.
    if (this.history.length - this.historyStart > this.historySize) {
      this.historyStart++;
      if (this.historyStart > this.historySize) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    // A listener may unsubscribe (or subscribe another) while being told; Set iteration copes with
    // deletion, and a listener added now is not told of this change.
    const count = this.listeners.size;
    let told = 0;
    for (const listener of this.listeners) {
      if (told++ >= count) break;
      listener(change);
    }
  }
}

function compareKeys(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name ?? '';
  const b1 = b.metadata.name ?? '';
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}
