/**
 * Pods by controller UID, and orphans by namespace: the indexes a ReplicaSet or Deployment sync
 * reads so that its cost grows with its own pods, not with every pod in the cluster.
 */
import type { KubeObject } from '../../api/types.ts';
import { keyOf } from '../../runtime/informer.ts';
import { controllerOf } from './types.ts';

/** Objects grouped by the UID of their controller; objects without one by namespace. */
export class OwnerIndex {
  private byOwner = new Map<string, Map<string, KubeObject>>();
  private orphans = new Map<string, Map<string, KubeObject>>();

  /** Record the newest version of an object (replacing the old one wherever it was). */
  upsert(old: KubeObject | undefined, object: KubeObject): void {
    if (old) this.remove(old);
    this.bucket(object, true)!.set(keyOf(object), object);
  }

  /** Forget an object. */
  remove(object: KubeObject): void {
    const bucket = this.bucket(object, false);
    bucket?.delete(keyOf(object));
  }

  /** Objects whose controller has this UID. */
  owned(uid: string): Iterable<KubeObject> {
    return this.byOwner.get(uid)?.values() ?? [];
  }

  /** Objects in the namespace that have no controller. */
  orphansIn(namespace: string): Iterable<KubeObject> {
    return this.orphans.get(namespace)?.values() ?? [];
  }

  private bucket(object: KubeObject, create: boolean): Map<string, KubeObject> | undefined {
    const ref = controllerOf(object);
    const map = ref ? this.byOwner : this.orphans;
    const id = ref ? ref.uid : object.metadata.namespace ?? '';
    let bucket = map.get(id);
    if (!bucket && create) map.set(id, (bucket = new Map()));
    return bucket;
  }
}
