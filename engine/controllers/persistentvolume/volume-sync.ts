/**
 * syncVolume (pv_controller.go): a volume with no claimRef, or one pre-bound by name only, is
 * Available; one whose claim is gone (or was re-created with another uid) is Released and its
 * reclaim policy runs; one whose claim is not bound yet hands over to the claim's sync; one whose
 * claim went to another volume is released (provisioned for it) or unbound.
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { BinderContext } from './context.ts';
import { volumeModeMismatch } from './matching.ts';
import { annDynamicallyProvisioned, claimRefKey } from './storage-class.ts';

/** What syncVolume asks of the API beyond the writer: deleting a volume (the in-tree hostPath deleter). */
export interface VolumeDeleter {
  deleteVolume(volume: PersistentVolume): void;
}

/** syncVolume: the entry for one volume. */
export function syncVolume(ctx: BinderContext, deleter: VolumeDeleter, volume: PersistentVolume): void {
  const ref = volume.spec?.claimRef;
  if (!ref || !ref.uid) {
    // Unused, or reserved by name for a claim whose sync will bind it.
    ctx.writer.updateVolumePhase(volume, 'Available');
    return;
  }
  let claim = ctx.claim(claimRefKey(volume));
  if (claim && claim.metadata?.uid !== ref.uid) claim = undefined;
  if (!claim) {
    // The claim was deleted. Keep a Failed phase visible while the reclaim is retried.
    let released = volume;
    if (volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') released = ctx.writer.updateVolumePhase(volume, 'Released');
    reclaimVolume(ctx, deleter, released);
    return;
  }
  if (!claim.spec?.volumeName) {
    if (volumeModeMismatch(claim, volume)) {
      ctx.writer.recorder.event(volume as KubeObject, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata?.name}" due to incompatible volumeMode.`);
      ctx.writer.recorder.event(claim as KubeObject, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${volume.metadata?.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
      return;
    }
    // Created for the claim by a provisioner, or bound half-way: the claim's sync finishes it.
    ctx.enqueueClaim(claimRefKey(volume));
    return;
  }
  if (claim.spec.volumeName === volume.metadata?.name) {
    ctx.writer.updateVolumePhase(volume, 'Bound');
    return;
  }
  // The claim is bound to another volume.
  const annotations = volume.metadata?.annotations ?? {};
  if (annDynamicallyProvisioned in annotations && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    let released = volume;
    if (volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') released = ctx.writer.updateVolumePhase(volume, 'Released');
    reclaimVolume(ctx, deleter, released);
    return;
  }
  // Bound by the controller to a claim that went elsewhere: undo it. Pre-bound by the user: forget
  // only the claim's uid and stay reserved for that claim.
  ctx.writer.unbindVolume(volume);
}

/**
 * reclaimVolume: Retain does nothing (the volume stays Released until an administrator acts);
 * Delete of a volume an external provisioner made is left to that provisioner; Delete of any
 * other volume goes to the in-tree deleters, of which only hostPath under /tmp/ succeeds.
 */
function reclaimVolume(ctx: BinderContext, deleter: VolumeDeleter, volume: PersistentVolume): void {
  switch (volume.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return;
    case 'Recycle':
      // Only the hostPath and NFS plugins recycle (their scrubber pod is not simulated: it always succeeds).
      if (!volume.spec?.hostPath && !volume.spec?.nfs) {
        ctx.writer.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
        return;
      }
      ctx.writer.recorder.event(volume as KubeObject, 'Normal', 'VolumeRecycled', 'Volume recycled');
      ctx.writer.unbindVolume(volume);
      return;
    case 'Delete': {
      const provisioner = volume.metadata?.annotations?.[annDynamicallyProvisioned];
      if (provisioner && !provisioner.startsWith('kubernetes.io/')) return;
      const failure = inTreeDeleteFailure(volume);
      if (failure) {
        ctx.writer.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeFailedDelete', failure);
        return;
      }
      deleter.deleteVolume(volume);
      return;
    }
    default:
      ctx.writer.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
  }
}

/** Why the in-tree deleter cannot delete the volume, or undefined when it can (hostPath under /tmp/). */
function inTreeDeleteFailure(volume: PersistentVolume): string | undefined {
  const path = volume.spec?.hostPath?.path;
  if (path === undefined) return `error getting deleter volume plugin for volume "${volume.metadata?.name}": no deletable volume plugin matched`;
  // The Go regexp is not anchored: any path containing `/tmp/x` qualifies.
  if (!/\/tmp\/.+/.test(path)) return `host_path deleter only supports /tmp/.+ but received provided ${path}`;
  return undefined;
}
