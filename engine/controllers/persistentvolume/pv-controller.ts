/**
 * The PersistentVolume controller (persistentvolume-binder in kube-controller-manager): binds
 * claims to volumes, asks external provisioners for new ones, and runs reclaim policies. Claims
 * and volumes share one work queue under `pvc:<ns>/<name>` and `pv:<name>` keys; the work is in
 * claim-sync.ts and volume-sync.ts, the writes in binding.ts. Like the real controller it resyncs
 * every 15 s, which here means unbound claims are looked at again (and their waiting event counted).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import { keyOf, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { VolumeWriter } from './binding.ts';
import { syncClaim } from './claim-sync.ts';
import type { BinderContext } from './context.ts';
import { PodsByClaim } from './pod-index.ts';
import { annBindCompleted, annIsDefaultClass } from './storage-class.ts';
import { syncVolume } from './volume-sync.ts';

/** `--pvclaimbinder-sync-period`: how often kube-controller-manager re-examines every claim and volume. */
export const resyncPeriod = 15_000;

const claimPrefix = 'pvc:';
const volumePrefix = 'pv:';

/** Binds PersistentVolumeClaims to PersistentVolumes and reclaims released volumes. */
export class PersistentVolumeController implements Controller {
  /** The service account kube-controller-manager runs this controller as. */
  readonly name = 'persistent-volume-binder';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private claims!: Informer;
  private volumes!: Informer;
  private classes!: Informer;
  private readonly podsByClaim = new PodsByClaim();
  private ctx!: BinderContext;

  start(env: ControllerEnv): void {
    this.env = env;
    const writer = new VolumeWriter(env.api, env.clock, new EventRecorder(env.api, env.clock, { component: 'persistentvolume-controller' }));
    this.claims = env.informer('/api/v1/persistentvolumeclaims');
    this.volumes = env.informer('/api/v1/persistentvolumes');
    this.classes = env.informer('/apis/storage.k8s.io/v1/storageclasses');
    this.ctx = {
      writer,
      podsByClaim: this.podsByClaim,
      claim: (key) => this.claims.get(key) as PersistentVolumeClaim | undefined,
      volume: (name) => this.volumes.get(name) as PersistentVolume | undefined,
      volumes: () => this.volumes.list() as PersistentVolume[],
      storageClass: (name) => this.classes.get(name) as StorageClass | undefined,
      defaultClass: () => this.defaultClass(),
      enqueueClaim: (key) => this.queue.add(claimPrefix + key),
    };
    this.claims.addHandler({
      onAdd: (claim) => this.queue.add(claimPrefix + keyOf(claim)),
      onUpdate: (_old, claim) => this.queue.add(claimPrefix + keyOf(claim)),
      // The claim's volume is now Released (or, if it was never bound, nothing happens).
      onDelete: (claim) => {
        const volumeName = (claim as PersistentVolumeClaim).spec?.volumeName;
        if (volumeName) this.queue.add(volumePrefix + volumeName);
      },
    });
    this.volumes.addHandler({
      onAdd: (volume) => this.volumeChanged(volume),
      onUpdate: (_old, volume) => this.volumeChanged(volume),
      // Sync the claim at once so that it turns Lost without waiting for the resync.
      onDelete: (volume) => {
        const ref = (volume as PersistentVolume).spec?.claimRef;
        if (ref?.name) this.queue.add(`${claimPrefix}${ref.namespace}/${ref.name}`);
      },
    });
    env.informer('/api/v1/pods').addHandler({
      onAdd: (pod) => this.podsByClaim.upsert(undefined, pod),
      onUpdate: (old, pod) => this.podsByClaim.upsert(old, pod),
      onDelete: (pod) => this.podsByClaim.remove(pod),
    });
  }

  private volumeChanged(volume: KubeObject): void {
    this.queue.add(volumePrefix + volume.metadata.name);
  }

  sync(key: string): SyncResult {
    if (key.startsWith(volumePrefix)) {
      const volume = this.volumes.get(key.slice(volumePrefix.length)) as PersistentVolume | undefined;
      if (volume) syncVolume(this.ctx, this, volume);
      return;
    }
    const claim = this.claims.get(key.slice(claimPrefix.length)) as PersistentVolumeClaim | undefined;
    if (!claim) return;
    syncClaim(this.ctx, claim);
    // The periodic resync: only unbound claims have anything left to do.
    const current = this.claims.get(key.slice(claimPrefix.length)) as PersistentVolumeClaim | undefined;
    if (current && !(annBindCompleted in (current.metadata?.annotations ?? {}))) return { requeueAfter: resyncPeriod };
  }

  /** The in-tree hostPath deleter's last step: remove the PersistentVolume object. */
  deleteVolume(volume: PersistentVolume): void {
    const response = this.env.api.handle({ method: 'DELETE', path: `/api/v1/persistentvolumes/${volume.metadata!.name}` });
    if (response.status >= 300 && response.status !== 404) throw new Error(`delete volume ${volume.metadata!.name}: ${response.status}`);
  }

  /** GetDefaultClass: among classes marked default, the newest (then the first by name). */
  private defaultClass(): StorageClass | undefined {
    let best: StorageClass | undefined;
    for (const object of this.classes.list()) {
      const storageClass = object as unknown as StorageClass;
      const annotations = storageClass.metadata?.annotations ?? {};
      if (annotations[annIsDefaultClass] !== 'true' && annotations['storageclass.beta.kubernetes.io/is-default-class'] !== 'true') continue;
      if (!best) { best = storageClass; continue; }
      const a = storageClass.metadata?.creationTimestamp ?? '';
      const b = best.metadata?.creationTimestamp ?? '';
      if (a > b || (a === b && storageClass.metadata!.name! < best.metadata!.name!)) best = storageClass;
    }
    return best;
  }
}
