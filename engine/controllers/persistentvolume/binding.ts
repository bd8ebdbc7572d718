/**
 * The writes of the PV controller (pv_controller.go): bind a volume and a claim in four steps —
 * volume spec (claimRef), volume status (Bound), claim spec (volumeName + annotations), claim
 * status (Bound, capacity, access modes) — each saved only when it changes. A failure stops the
 * sequence; the next sync of either object sees the half-done binding and finishes it.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { rfc3339, type Clock } from '../../clock.ts';
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { EventRecorder, EventType } from '../../runtime/events.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import { annBindCompleted, annBoundByController, isVolumeBoundToClaim } from './storage-class.ts';

/** The PV controller's writes, as the controller's API user. */
export class VolumeWriter {
  constructor(private readonly api: ApiClient, private readonly clock: Clock, readonly recorder: EventRecorder) {}

  private write(method: 'PUT', path: string, body: unknown): KubeObject {
    const response: ApiResponse = this.api.handle({ method, path, body });
    if (response.status >= 300) {
      const message = (response.body as { message?: string } | undefined)?.message ?? `status ${response.status}`;
      throw new Error(`${method} ${path}: ${message}`);
    }
    return response.body as KubeObject;
  }

  /** Update a claim (spec and metadata). */
  updateClaim(claim: PersistentVolumeClaim): PersistentVolumeClaim {
    const { namespace, name } = claim.metadata!;
    return this.write('PUT', `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${name}`, claim) as PersistentVolumeClaim;
  }

  /** Update a volume (spec and metadata). */
  updateVolume(volume: PersistentVolume): PersistentVolume {
    return this.write('PUT', `/api/v1/persistentvolumes/${volume.metadata!.name}`, volume) as PersistentVolume;
  }

  /**
   * updateClaimStatus: the phase, and access modes and capacity from the volume (cleared without
   * one). Capacity is copied only when the claim is becoming Bound: later a difference is
   * deliberate (a filesystem resize still pending on the node).
   */
  updateClaimStatus(claim: PersistentVolumeClaim, phase: string, volume?: PersistentVolume): PersistentVolumeClaim {
    const status = { ...(claim.status ?? {}) };
    let dirty = false;
    if (status.phase !== phase) { status.phase = phase; dirty = true; }
    if (!volume) {
      if (status.accessModes) { delete status.accessModes; dirty = true; }
      if (status.capacity) { delete status.capacity; dirty = true; }
    } else {
      const modes = volume.spec?.accessModes ?? [];
      if (JSON.stringify(status.accessModes) !== JSON.stringify(modes)) { status.accessModes = modes; dirty = true; }
      if (claim.status?.phase !== phase && status.capacity?.storage !== volume.spec?.capacity?.storage) {
        status.capacity = volume.spec?.capacity;
        dirty = true;
      }
    }
    if (!dirty) return claim;
    const { namespace, name } = claim.metadata!;
    return this.write('PUT', `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${name}/status`, { ...claim, status }) as PersistentVolumeClaim;
  }

  /** updateClaimStatusWithEvent: the event only when the phase really changes. */
  updateClaimStatusWithEvent(claim: PersistentVolumeClaim, phase: string, type: EventType, reason: string, message: string): void {
    if (claim.status?.phase === phase) return;
    const updated = this.updateClaimStatus(claim, phase);
    this.recorder.event(updated as KubeObject, type, reason, message);
  }

  /**
   * updateVolumePhase. The registry of v1.32 stamps `lastPhaseTransitionTime` on a phase change;
   * this API server does not, so the controller sends the same value the server would have set.
   */
  updateVolumePhase(volume: PersistentVolume, phase: string, message = ''): PersistentVolume {
    if (volume.status?.phase === phase) return volume;
    const status: Record<string, unknown> = { ...(volume.status ?? {}), phase, lastPhaseTransitionTime: rfc3339(this.clock.now()) };
    if (message) status.message = message;
    else delete status.message;
    return this.write('PUT', `/api/v1/persistentvolumes/${volume.metadata!.name}/status`, { ...volume, status }) as PersistentVolume;
  }

  /** updateVolumePhaseWithEvent: the event only when the phase really changes. */
  updateVolumePhaseWithEvent(volume: PersistentVolume, phase: string, type: EventType, reason: string, message: string): void {
    if (volume.status?.phase === phase) return;
    const updated = this.updateVolumePhase(volume, phase, message);
    this.recorder.event(updated as KubeObject, type, reason, message);
  }

  /**
   * bindVolumeToClaim: point claimRef at the claim. `bound-by-controller` marks a binding the
   * controller chose; a volume already pointing at the claim (pre-bound by the user or created
   * for it by a provisioner) does not get it.
   */
  bindVolumeToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume {
    const alreadyBound = isVolumeBoundToClaim(volume, claim);
    const ref = volume.spec?.claimRef;
    const needsRef = !ref || ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace || ref.uid !== claim.metadata?.uid;
    const annotations = volume.metadata?.annotations ?? {};
    const needsAnnotation = !alreadyBound && !(annBoundByController in annotations);
    if (!needsRef && !needsAnnotation) return volume;
    const copy: PersistentVolume = { ...volume, metadata: { ...volume.metadata }, spec: { ...volume.spec } };
    if (needsRef) copy.spec!.claimRef = claimReference(claim);
    if (needsAnnotation) copy.metadata!.annotations = { ...annotations, [annBoundByController]: 'yes' };
    return this.updateVolume(copy);
  }

  /** bindClaimToVolume: set volumeName (marking it bound-by-controller) and bind-completed. */
  bindClaimToVolume(claim: PersistentVolumeClaim, volume: PersistentVolume): PersistentVolumeClaim {
    const annotations = { ...(claim.metadata?.annotations ?? {}) };
    const shouldBind = claim.spec?.volumeName !== volume.metadata?.name;
    let dirty = false;
    const spec = { ...claim.spec };
    if (shouldBind) {
      spec.volumeName = volume.metadata!.name;
      if (!(annBoundByController in annotations)) annotations[annBoundByController] = 'yes';
      dirty = true;
    }
    if (!(annBindCompleted in annotations)) {
      annotations[annBindCompleted] = 'yes';
      dirty = true;
    }
    if (!dirty) return claim;
    return this.updateClaim({ ...claim, metadata: { ...claim.metadata, annotations }, spec });
  }

  /** bind: volume first, then the claim; both end Bound. */
  bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
    let updatedVolume = this.bindVolumeToClaim(volume, claim);
    updatedVolume = this.updateVolumePhase(updatedVolume, 'Bound');
    const updatedClaim = this.bindClaimToVolume(claim, updatedVolume);
    this.updateClaimStatus(updatedClaim, 'Bound', updatedVolume);
  }

  /**
   * unbindVolume: undo a binding the controller made (clear claimRef and the annotation), or, for
   * a user's pre-binding, forget only the claim's uid; the volume is Available again.
   */
  unbindVolume(volume: PersistentVolume): void {
    const annotations = { ...(volume.metadata?.annotations ?? {}) };
    const spec = { ...volume.spec };
    if (annBoundByController in annotations) {
      delete spec.claimRef;
      delete annotations[annBoundByController];
    } else {
      spec.claimRef = { ...spec.claimRef };
      delete spec.claimRef.uid;
    }
    // No annotations look better than an empty map.
    const metadata = { ...volume.metadata, annotations: Object.keys(annotations).length ? annotations : undefined };
    const updated = this.updateVolume({ ...volume, metadata, spec });
    this.updateVolumePhase(updated, 'Available');
  }
}

/** reference.GetReference of a claim: what claimRef holds. */
export function claimReference(claim: PersistentVolumeClaim): NonNullable<PersistentVolume['spec']>['claimRef'] {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: claim.metadata?.namespace,
    name: claim.metadata?.name,
    uid: claim.metadata?.uid,
    apiVersion: 'v1',
    resourceVersion: claim.metadata?.resourceVersion,
  };
}
