/**
 * Storage object in-use protection (pkg/controller/volume/pvcprotection and pvprotection). Every
 * live claim carries `kubernetes.io/pvc-protection` and every live volume `kubernetes.io/pv-protection`
 * (the StorageObjectInUseProtection admission plugin adds them on create; these controllers add
 * them to objects that lack them). A deleted claim keeps its finalizer while a scheduled pod
 * still mounts it; a deleted volume keeps its finalizer while it is Bound.
 */
import type { PersistentVolume, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { keyOf, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { PodsByClaim, isPodTerminated } from './pod-index.ts';
import { pvProtectionFinalizer, pvcProtectionFinalizer } from './storage-class.ts';

/** NeedToAddFinalizer: alive and without the finalizer. */
function needToAddFinalizer(object: KubeObject, finalizer: string): boolean {
  return !object.metadata.deletionTimestamp && !(object.metadata.finalizers ?? []).includes(finalizer);
}

/** IsDeletionCandidate: being deleted and still holding the finalizer. */
function isDeletionCandidate(object: KubeObject, finalizer: string): boolean {
  return Boolean(object.metadata.deletionTimestamp) && (object.metadata.finalizers ?? []).includes(finalizer);
}

/** Add or remove one finalizer with an update of the whole object (the controllers' Update call). */
function setFinalizer(env: ControllerEnv, path: string, object: KubeObject, finalizer: string, present: boolean): void {
  const others = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  const finalizers = present ? [...(object.metadata.finalizers ?? []), finalizer] : others;
  const metadata = { ...object.metadata, finalizers };
  if (finalizers.length === 0) delete (metadata as { finalizers?: string[] }).finalizers;
  const response = env.api.handle({ method: 'PUT', path, body: { ...object, metadata } });
  // 404: already gone. Anything else (a conflict) is retried with back-off.
  if (response.status >= 300 && response.status !== 404) throw new Error(`update ${path}: ${response.status}`);
}

/** podIsShutDown: the kubelet is done with the pod, or it was force-deleted. */
function podIsShutDown(pod: Pod): boolean {
  return Boolean(pod.metadata?.deletionTimestamp) && pod.metadata?.deletionGracePeriodSeconds === 0;
}

/** Keeps a claim that a scheduled pod still uses from being removed. */
export class PVCProtectionController implements Controller {
  readonly name = 'pvc-protection-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private claims!: Informer;
  private readonly podsByClaim = new PodsByClaim();

  start(env: ControllerEnv): void {
    this.env = env;
    this.claims = env.informer('/api/v1/persistentvolumeclaims');
    const claimChanged = (claim: KubeObject): void => {
      if (needToAddFinalizer(claim, pvcProtectionFinalizer) || isDeletionCandidate(claim, pvcProtectionFinalizer)) this.queue.add(keyOf(claim));
    };
    this.claims.addHandler({ onAdd: claimChanged, onUpdate: (_old, claim) => claimChanged(claim) });
    env.informer('/api/v1/pods').addHandler({
      onAdd: (pod) => this.podChanged(this.podsByClaim.upsert(undefined, pod), pod, false),
      onUpdate: (old, pod) => this.podChanged(this.podsByClaim.upsert(old, pod), pod, false),
      onDelete: (pod) => this.podChanged(this.podsByClaim.remove(pod), pod, true),
    });
  }

  /** Only a pod that can no longer block a claim (deleted, finished or unscheduled) is worth a look. */
  private podChanged(claims: string[], object: KubeObject, deleted: boolean): void {
    const pod = object as unknown as Pod;
    if (!deleted && !isPodTerminated(pod) && pod.spec?.nodeName) return;
    for (const claim of claims) this.queue.add(claim);
  }

  sync(key: string): SyncResult {
    const claim = this.claims.get(key);
    if (!claim) return;
    const path = `/api/v1/namespaces/${claim.metadata.namespace}/persistentvolumeclaims/${claim.metadata.name}`;
    if (isDeletionCandidate(claim, pvcProtectionFinalizer)) {
      if (!this.isBeingUsed(key, claim.metadata.name!)) setFinalizer(this.env, path, claim, pvcProtectionFinalizer, false);
      return;
    }
    if (needToAddFinalizer(claim, pvcProtectionFinalizer)) setFinalizer(this.env, path, claim, pvcProtectionFinalizer, true);
  }

  /**
   * podUsesPVC: a scheduled pod that names the claim in a persistentVolumeClaim volume — whatever
   * its phase — or owns it as a generic ephemeral volume and is not shut down yet.
   */
  private isBeingUsed(key: string, claimName: string): boolean {
    return this.podsByClaim.pods(key).some((pod) => {
      if (!pod.spec?.nodeName) return false;
      return (pod.spec.volumes ?? []).some((volume) =>
        volume.persistentVolumeClaim?.claimName === claimName
        || (volume.ephemeral !== undefined && `${pod.metadata?.name}-${volume.name}` === claimName && !podIsShutDown(pod)));
    });
  }
}

/** Keeps a Bound volume from being removed. */
export class PVProtectionController implements Controller {
  readonly name = 'pv-protection-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private volumes!: Informer;

  start(env: ControllerEnv): void {
    this.env = env;
    this.volumes = env.informer('/api/v1/persistentvolumes');
    const volumeChanged = (volume: KubeObject): void => {
      if (needToAddFinalizer(volume, pvProtectionFinalizer) || isDeletionCandidate(volume, pvProtectionFinalizer)) this.queue.add(keyOf(volume));
    };
    this.volumes.addHandler({ onAdd: volumeChanged, onUpdate: (_old, volume) => volumeChanged(volume) });
  }

  sync(name: string): SyncResult {
    const volume = this.volumes.get(name);
    if (!volume) return;
    const path = `/api/v1/persistentvolumes/${name}`;
    if (isDeletionCandidate(volume, pvProtectionFinalizer)) {
      // isBeingUsed: the PV controller's status says whether a claim holds it.
      if ((volume as PersistentVolume).status?.phase !== 'Bound') setFinalizer(this.env, path, volume, pvProtectionFinalizer, false);
      return;
    }
    if (needToAddFinalizer(volume, pvProtectionFinalizer)) setFinalizer(this.env, path, volume, pvProtectionFinalizer, true);
  }
}
