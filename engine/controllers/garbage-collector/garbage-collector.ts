/**
 * The garbage collector: deletes objects whose owners are gone, holds owners deleted in the
 * Foreground until their blocking dependents are gone, and orphans dependents of owners deleted
 * with the Orphan policy. Like the real one it keeps a graph of owner → dependents built from
 * watches of every resource, and cycles in ownerReferences do not stop it.
 */
import type { OwnerReference, KubeObject } from '../../api/types.ts';
import type { Registry, ResourceInfo } from '../../api/registry.ts';
import { resourcePath } from '../../api/registry.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import type { Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';

interface Node {
  info: ResourceInfo;
  namespace?: string;
  name: string;
  uid: string;
}

/**
 * Resources the collector never watches, as kube-controller-manager's DefaultIgnoredResources: events
 * are owned by nothing and are the busiest resource, so watching them would only cost.
 */
const ignoredResources = new Set(['/events', 'events.k8s.io/events']);

export class GarbageCollector implements Controller {
  readonly name = 'generic-garbage-collector';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private informers = new Map<string, { info: ResourceInfo; informer: Informer }>();
  /** uid → the object, for every object the collector sees. */
  private nodes = new Map<string, Node>();
  /** owner uid → dependent uids. */
  private dependents = new Map<string, Set<string>>();

  constructor(private readonly registry: Registry) {}

  start(env: ControllerEnv): void {
    this.env = env;
    for (const info of this.registry.all()) this.watchResource(info);
  }

  /** Start watching a resource added later (a custom resource). */
  watchResource(info: ResourceInfo): void {
    if (!info.verbs.includes('watch') || !info.verbs.includes('delete')) return;
    const key = `${info.group}/${info.resource}`;
    if (ignoredResources.has(key)) return;
    // Watch each resource once, in its first (preferred) version.
    if (this.informers.has(key)) return;
    const informer = this.env.informer(resourcePath(info));
    this.informers.set(key, { info, informer });
    informer.addHandler({
      onAdd: (o) => this.observe(info, o),
      onUpdate: (_old, o) => this.observe(info, o),
      onDelete: (o) => this.forget(o),
    });
  }

  private observe(info: ResourceInfo, object: KubeObject): void {
    const uid = object.metadata.uid!;
    this.nodes.set(uid, { info, namespace: object.metadata.namespace, name: object.metadata.name!, uid });
    for (const ref of object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(uid);
    }
    if (object.metadata.ownerReferences?.length) this.queue.add(uid);
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp && (finalizers.includes('foregroundDeletion') || finalizers.includes('orphan'))) {
      this.queue.add(uid);
    }
  }

  private forget(object: KubeObject): void {
    const uid = object.metadata.uid!;
    this.nodes.delete(uid);
    for (const dependent of this.dependents.get(uid) ?? []) this.queue.add(dependent);
    // An owner waiting for this dependent to go may now finish.
    for (const ref of object.metadata.ownerReferences ?? []) {
      this.dependents.get(ref.uid)?.delete(uid);
      this.queue.add(ref.uid);
    }
  }

  private current(uid: string): KubeObject | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    const entry = this.informers.get(`${node.info.group}/${node.info.resource}`);
    const key = node.namespace ? `${node.namespace}/${node.name}` : node.name;
    const object = entry?.informer.get(key);
    return object?.metadata.uid === uid ? object : undefined;
  }

  sync(uid: string): SyncResult {
    const object = this.current(uid);
    if (!object) return;
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp && finalizers.includes('orphan')) return this.orphanDependents(object);
    if (object.metadata.deletionTimestamp && finalizers.includes('foregroundDeletion')) return this.deleteDependentsFirst(object);
    if (object.metadata.ownerReferences?.length) return this.attemptToDelete(object);
  }

  /** Resolve an ownerReference to the owner object the collector knows, if it still exists. */
  private owner(dependent: KubeObject, ref: OwnerReference): KubeObject | undefined {
    const owner = this.current(ref.uid);
    if (!owner) return undefined;
    const node = this.nodes.get(ref.uid)!;
    // A namespaced owner must be in the dependent's namespace; a cluster-scoped dependent cannot have one.
    if (node.info.namespaced && node.namespace !== dependent.metadata.namespace) return undefined;
    if (node.info.kind !== ref.kind || node.name !== ref.name) return undefined;
    return owner;
  }

  private attemptToDelete(object: KubeObject): SyncResult {
    const refs = object.metadata.ownerReferences ?? [];
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    let waiting = false;
    for (const ref of refs) {
      const owner = this.owner(object, ref);
      if (!owner) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion')) {
        if (ref.blockOwnerDeletion) waiting = true;
        else solid.push(ref);
      } else solid.push(ref);
    }
    if (solid.length) {
      if (dangling.length) this.patchOwnerReferences(object, refs.filter((r) => !dangling.includes(r)));
      return;
    }
    if (object.metadata.deletionTimestamp) return;
    this.delete(object, waiting ? 'Foreground' : 'Background');
  }

  private deleteDependentsFirst(owner: KubeObject): SyncResult {
    const blocking: KubeObject[] = [];
    for (const uid of this.dependents.get(owner.metadata.uid!) ?? []) {
      const dependent = this.current(uid);
      if (!dependent) continue;
      const ref = dependent.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid);
      if (!ref) continue;
      if (ref.blockOwnerDeletion) blocking.push(dependent);
      if (!dependent.metadata.deletionTimestamp) this.delete(dependent, 'Foreground');
    }
    if (!blocking.length) this.removeFinalizer(owner, 'foregroundDeletion');
  }

  private orphanDependents(owner: KubeObject): SyncResult {
    for (const uid of this.dependents.get(owner.metadata.uid!) ?? []) {
      const dependent = this.current(uid);
      if (!dependent) continue;
      const remaining = (dependent.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      this.patchOwnerReferences(dependent, remaining);
    }
    this.removeFinalizer(owner, 'orphan');
  }

  private pathOf(object: KubeObject): string {
    const node = this.nodes.get(object.metadata.uid!)!;
    return resourcePath(node.info, object.metadata.namespace, object.metadata.name!);
  }

  private delete(object: KubeObject, propagationPolicy: 'Background' | 'Foreground'): void {
    this.env.api.handle({
      method: 'DELETE',
      path: this.pathOf(object),
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy, preconditions: { uid: object.metadata.uid } },
    });
  }

  private patchOwnerReferences(object: KubeObject, ownerReferences: OwnerReference[]): void {
    this.env.api.handle({
      method: 'PATCH',
      path: this.pathOf(object),
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { ownerReferences: ownerReferences.length ? ownerReferences : null, uid: object.metadata.uid } },
    });
  }

  private removeFinalizer(object: KubeObject, finalizer: string): void {
    const finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.env.api.handle({
      method: 'PATCH',
      path: this.pathOf(object),
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { finalizers: finalizers.length ? finalizers : null, resourceVersion: object.metadata.resourceVersion } },
    });
  }
}

