/**
 * Pods by controller UID, and orphans by namespace: the indexes a ReplicaSet or Deployment sync
 * reads so that its cost grows with its own pods, not with every pod in the cluster.
 */
import type { KubeObject } from '../../api/types.ts';
import { keyOf } from '../../runtime/informer.ts';
import { controllerOf } from './types.ts';

interface Entry {
  key: string;
  object: KubeObject;
  previous?: Entry;
  next?: Entry;
}

/**
 * Objects by key, listed from least to most recently updated. An update moves the object to the
 * end, as deleting and re-adding a Map key would, but in O(1): V8 leaves a hole per Map delete
 * and rehashes the whole table when the holes fill it, which made every pod status update cost
 * time proportional to the ReplicaSet's size when it sat just under a power of two (1,000 pods).
 */
export class RecencyList {
  private readonly entries = new Map<string, Entry>();
  private head?: Entry;
  private tail?: Entry;

  get size(): number {
    return this.entries.size;
  }

  /** Store `object` under `key` as the most recently updated entry. */
  set(key: string, object: KubeObject): void {
    let entry = this.entries.get(key);
    if (entry) this.unlink(entry);
    else this.entries.set(key, (entry = { key, object }));
    entry.object = object;
    entry.previous = this.tail;
    entry.next = undefined;
    if (this.tail) this.tail.next = entry;
    else this.head = entry;
    this.tail = entry;
  }

  /** Forget `key`. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.unlink(entry);
    this.entries.delete(key);
  }

  /** The objects, least recently updated first (a copy: callers may write while they walk it). */
  values(): KubeObject[] {
    const out: KubeObject[] = [];
    for (let entry = this.head; entry; entry = entry.next) out.push(entry.object);
    return out;
  }

  private unlink(entry: Entry): void {
    if (entry.previous) entry.previous.next = entry.next;
    else this.head = entry.next;
    if (entry.next) entry.next.previous = entry.previous;
    else this.tail = entry.previous;
  }
}

/** Objects grouped by the UID of their controller; objects without one by namespace. */
export class OwnerIndex {
  private byOwner = new Map<string, RecencyList>();
  private orphans = new Map<string, RecencyList>();

  /** Record the newest version of an object (moving it to the end of its group's order). */
  upsert(old: KubeObject | undefined, object: KubeObject): void {
    const bucket = this.bucket(object, true)!;
    if (old) {
      const previous = this.bucket(old, false);
      if (previous !== bucket) previous?.delete(keyOf(old));
    }
    bucket.set(keyOf(object), object);
  }

  /** Forget an object. */
  remove(object: KubeObject): void {
    this.bucket(object, false)?.delete(keyOf(object));
  }

  /** Objects whose controller has this UID. */
  owned(uid: string): Iterable<KubeObject> {
    return this.byOwner.get(uid)?.values() ?? [];
  }

  /** Objects in the namespace that have no controller. */
  orphansIn(namespace: string): Iterable<KubeObject> {
    return this.orphans.get(namespace)?.values() ?? [];
  }

  private bucket(object: KubeObject, create: boolean): RecencyList | undefined {
    const ref = controllerOf(object);
    const map = ref ? this.byOwner : this.orphans;
    const id = ref ? ref.uid : object.metadata.namespace ?? '';
    let bucket = map.get(id);
    if (!bucket && create) map.set(id, (bucket = new RecencyList()));
    return bucket;
  }
}
