/**
 * Volume expansion. The expand controller of kube-controller-manager (pkg/controller/volume/expand)
 * expands only in-tree plugins, none of which apply here: for a bound claim whose request grew
 * past its status capacity it records ExternalExpanding and waits for an external resizer. kind
 * runs none (local-path-provisioner cannot resize), so there the claim stays at its old size.
 *
 * `ExternalResizer` stands in for the CSI external-resizer sidecar for chosen provisioners:
 * Resizing condition and event, the volume's capacity raised, then — as for a volume that needs
 * no filesystem resize on the node — status.capacity updated and VolumeResizeSuccessful.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../clock.ts';
import type { KubeObject } from '../../api/types.ts';
import { compareQuantities } from '../../api/validation/quantity.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import { keyOf, type Informer } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { storageQuantity } from './matching.ts';
import { annDynamicallyProvisioned } from './storage-class.ts';

/** A bound claim asking for more than it has. */
function needsResize(claim: PersistentVolumeClaim): boolean {
  if (claim.status?.phase !== 'Bound' || !claim.spec?.volumeName) return false;
  const request = storageQuantity(claim.spec.resources?.requests?.storage);
  return compareQuantities(request, storageQuantity(claim.status.capacity?.storage)) > 0;
}

/** The volume bound to the claim, when its claimRef really points back at it. */
function boundVolume(volumes: Informer, claim: PersistentVolumeClaim): PersistentVolume | undefined {
  const volume = volumes.get(claim.spec!.volumeName!) as PersistentVolume | undefined;
  const ref = volume?.spec?.claimRef;
  if (!ref || ref.namespace !== claim.metadata?.namespace || ref.uid !== claim.metadata?.uid) return undefined;
  return volume;
}

/** kube-controller-manager's expand controller (component `volume_expand`). */
export class ExpandController implements Controller {
  readonly name = 'expand-controller';
  readonly queue = new WorkQueue();
  private claims!: Informer;
  private volumes!: Informer;
  private recorder!: EventRecorder;

  start(env: ControllerEnv): void {
    this.recorder = new EventRecorder(env.api, env.clock, { component: 'volume_expand' });
    this.claims = env.informer('/api/v1/persistentvolumeclaims');
    this.volumes = env.informer('/api/v1/persistentvolumes');
    const changed = (claim: KubeObject): void => { if (needsResize(claim as PersistentVolumeClaim)) this.queue.add(keyOf(claim)); };
    this.claims.addHandler({ onAdd: changed, onUpdate: (_old, claim) => changed(claim) });
  }

  sync(key: string): SyncResult {
    const claim = this.claims.get(key) as PersistentVolumeClaim | undefined;
    if (!claim || !needsResize(claim)) return;
    const volume = boundVolume(this.volumes, claim);
    if (!volume) throw new Error(`persistent Volume is not bound to PVC being updated : ${key}`);
    // No in-tree plugin expands these. A CSI volume is not known to the controller's plugin
    // manager at all (an error: Warning); a hostPath or local volume is known but not expandable.
    const type = volume.spec?.csi ? 'Warning' : 'Normal';
    this.recorder.event(claim as KubeObject, type, 'ExternalExpanding', 'waiting for an external controller to expand this PVC');
  }
}

/** How long after a claim change the external-resizer acts. */
export const resizerReactionDelay = 100;

/** How long the simulated ControllerExpandVolume call takes. */
export const resizeDuration = 1_000;

/** A CSI external-resizer for the volumes of the given provisioners (none of them exist on kind). */
export class ExternalResizer implements Controller {
  readonly name: string;
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private claims!: Informer;
  private volumes!: Informer;
  private recorder!: EventRecorder;
  private readonly resizing = new Map<string, number>();

  /** `driver` is the provisioner whose volumes it resizes, e.g. `rancher.io/local-path`. */
  constructor(private readonly driver: string) {
    this.name = `external-resizer-${driver.replace(/[^a-z0-9-]/g, '-')}`;
  }

  start(env: ControllerEnv): void {
    this.env = env;
    this.recorder = new EventRecorder(env.api, env.clock, { component: `external-resizer ${this.driver}` });
    this.claims = env.informer('/api/v1/persistentvolumeclaims');
    this.volumes = env.informer('/api/v1/persistentvolumes');
    // A sidecar in the driver's pod: it sees the change a moment after kube-controller-manager does.
    const changed = (claim: KubeObject): void => { if (needsResize(claim as PersistentVolumeClaim)) this.queue.addAt(keyOf(claim), env.clock.now() + resizerReactionDelay); };
    this.claims.addHandler({ onAdd: changed, onUpdate: (_old, claim) => changed(claim) });
  }

  private ours(volume: PersistentVolume): boolean {
    return volume.spec?.csi?.driver === this.driver || volume.metadata?.annotations?.[annDynamicallyProvisioned] === this.driver;
  }

  sync(key: string): SyncResult {
    const claim = this.claims.get(key) as PersistentVolumeClaim | undefined;
    if (!claim || !needsResize(claim)) { this.resizing.delete(key); return; }
    const volume = boundVolume(this.volumes, claim);
    if (!volume || !this.ours(volume)) return;
    const now = this.env.clock.now();
    const due = this.resizing.get(key);
    if (due === undefined) {
      // markPVCResizeInProgress.
      const conditions = [{ type: 'Resizing', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now) }];
      this.updateClaimStatus(claim, { ...claim.status, conditions });
      this.recorder.event(claim as KubeObject, 'Normal', 'Resizing', `External resizer is resizing volume ${volume.metadata!.name}`);
      this.resizing.set(key, now + resizeDuration);
      return { requeueAfter: resizeDuration };
    }
    if (now < due) return { requeueAfter: due - now };
    this.resizing.delete(key);
    const size = claim.spec!.resources!.requests!.storage;
    // updatePVCapacity, then markPVCResizeFinished (no filesystem step for a directory on the node).
    const patched = this.env.api.handle({
      method: 'PATCH', path: `/api/v1/persistentvolumes/${volume.metadata!.name}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { capacity: { storage: size } } },
    });
    if (patched.status >= 300) throw new Error(`resize ${volume.metadata!.name}: ${patched.status}`);
    const { conditions: _done, ...status } = claim.status ?? {};
    this.updateClaimStatus(claim, { ...status, capacity: { ...status.capacity, storage: size } });
    this.recorder.event(claim as KubeObject, 'Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded');
  }

  /** UpdateStatus with the whole claim, so that a zero `lastProbeTime` is stored as null, as Go sends it. */
  private updateClaimStatus(claim: PersistentVolumeClaim, status: Record<string, unknown>): void {
    const response = this.env.api.handle({
      method: 'PUT', path: `/api/v1/namespaces/${claim.metadata!.namespace}/persistentvolumeclaims/${claim.metadata!.name}/status`,
      body: { ...claim, status },
    });
    if (response.status >= 300) throw new Error(`patch ${keyOf(claim as KubeObject)} status: ${response.status}`);
  }
}
