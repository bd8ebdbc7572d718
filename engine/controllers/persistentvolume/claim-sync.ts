/**
 * syncClaim (pv_controller.go): a claim without `pv.kubernetes.io/bind-completed` is unbound —
 * find it a volume, or wait for its first consumer, or ask the external provisioner, or report
 * that nothing can satisfy it; a bound claim is checked against its volume and marked Lost when
 * the volume is gone or belongs to another claim.
 */
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import type { BinderContext } from './context.ts';
import { checkVolumeSatisfyClaim, findBestMatchForClaim } from './matching.ts';
import { isPodTerminated } from './pod-index.ts';
import {
  annBetaStorageClass, annBetaStorageProvisioner, annBindCompleted, annBoundByController, annStorageProvisioner,
  claimClass, claimKey, isDelayBindingMode, isDelayBindingProvisioning, isVolumeBoundToClaim,
} from './storage-class.ts';

/** The message of ExternalProvisioning while the claim waits for an external provisioner. */
export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

/** syncClaim: the entry for one claim. */
export function syncClaim(ctx: BinderContext, claim: PersistentVolumeClaim): void {
  if (!(annBindCompleted in (claim.metadata?.annotations ?? {}))) syncUnboundClaim(ctx, claim);
  else syncBoundClaim(ctx, claim);
}

function event(ctx: BinderContext, claim: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
  ctx.writer.recorder.event(claim as KubeObject, type, reason, message);
}

function syncUnboundClaim(ctx: BinderContext, claim: PersistentVolumeClaim): void {
  if (claim.spec?.volumeName) {
    syncPreBoundClaim(ctx, claim, claim.spec.volumeName);
    return;
  }
  const delayBinding = isDelayBindingMode(claim, (name) => ctx.storageClass(name));
  const volume = findBestMatchForClaim(claim, ctx.volumes(), delayBinding);
  if (volume) {
    ctx.writer.bind(volume, claim);
    return;
  }
  // Retroactive default StorageClass: a claim created before any default class existed gets one now.
  if (assignDefaultStorageClass(ctx, claim)) return;
  if (delayBinding && !isDelayBindingProvisioning(claim)) {
    emitEventForUnboundDelayBindingClaim(ctx, claim);
  } else if (claimClass(claim) !== '') {
    provisionClaim(ctx, claim);
    return;
  } else {
    event(ctx, claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
  }
  ctx.writer.updateClaimStatus(claim, 'Pending');
}

/** The user named a volume in spec.volumeName. */
function syncPreBoundClaim(ctx: BinderContext, claim: PersistentVolumeClaim, volumeName: string): void {
  const volume = ctx.volume(volumeName);
  if (!volume) {
    ctx.writer.updateClaimStatus(claim, 'Pending');
    return;
  }
  if (!volume.spec?.claimRef) {
    const mismatch = checkVolumeSatisfyClaim(volume, claim);
    if (mismatch) {
      event(ctx, claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${mismatch}`);
      ctx.writer.updateClaimStatus(claim, 'Pending');
      return;
    }
    ctx.writer.bind(volume, claim);
    return;
  }
  if (isVolumeBoundToClaim(volume, claim)) {
    ctx.writer.bind(volume, claim);
    return;
  }
  event(ctx, claim, 'Warning', 'FailedBinding', `volume "${volumeName}" already bound to a different claim.`);
  if (annBoundByController in (claim.metadata?.annotations ?? {})) {
    const ref = volume.spec.claimRef;
    throw new Error(`invalid binding of claim "${claimKey(claim)}" to volume "${volumeName}": volume already claimed by "${ref.namespace}/${ref.name}"`);
  }
  ctx.writer.updateClaimStatus(claim, 'Pending');
}

function syncBoundClaim(ctx: BinderContext, claim: PersistentVolumeClaim): void {
  const volumeName = claim.spec?.volumeName;
  if (!volumeName) {
    ctx.writer.updateClaimStatusWithEvent(claim, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
    return;
  }
  const volume = ctx.volume(volumeName);
  if (!volume) {
    ctx.writer.updateClaimStatusWithEvent(claim, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    return;
  }
  const ref = volume.spec?.claimRef;
  if (!ref || ref.uid === claim.metadata?.uid) {
    // Unbound volume: bind it again. Correctly bound: bind() finds nothing to change (or finishes a half-done bind).
    ctx.writer.bind(volume, claim);
    return;
  }
  ctx.writer.updateClaimStatusWithEvent(claim, 'Lost', 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

/** WaitForFirstConsumer, or WaitForPodScheduled when pods using the claim are not scheduled yet. */
function emitEventForUnboundDelayBindingClaim(ctx: BinderContext, claim: PersistentVolumeClaim): void {
  const waiting = ctx.podsByClaim.pods(claimKey(claim))
    .filter((pod) => !isPodTerminated(pod) && !pod.spec?.nodeName)
    .map((pod) => pod.metadata!.name!);
  if (waiting.length === 0) {
    event(ctx, claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
  } else if (waiting.length === 1) {
    event(ctx, claim, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`);
  } else {
    event(ctx, claim, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`);
  }
}

/**
 * provisionClaim for an external provisioner (every class here: the controller has no in-tree
 * provisioners): annotate the claim with the class's provisioner, which is what the provisioner
 * watches for, and say so in an ExternalProvisioning event — again on every sync until a volume
 * appears.
 */
function provisionClaim(ctx: BinderContext, claim: PersistentVolumeClaim): void {
  const className = claimClass(claim);
  const storageClass = ctx.storageClass(className);
  if (!storageClass) {
    event(ctx, claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
    return;
  }
  const provisioner = storageClass.provisioner;
  let current = claim;
  const annotations = claim.metadata?.annotations ?? {};
  if (annotations[annStorageProvisioner] !== provisioner) {
    current = ctx.writer.updateClaim({
      ...claim,
      metadata: { ...claim.metadata, annotations: { ...annotations, [annBetaStorageProvisioner]: provisioner, [annStorageProvisioner]: provisioner } },
    });
  }
  event(ctx, current, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner));
}

/**
 * assignDefaultStorageClass: a claim whose storageClassName is unset (nil, not "") gets the
 * default class. Returns whether the claim was updated (its next sync carries on).
 */
function assignDefaultStorageClass(ctx: BinderContext, claim: PersistentVolumeClaim): boolean {
  if (claim.spec?.storageClassName !== undefined && claim.spec.storageClassName !== null) return false;
  if (annBetaStorageClass in (claim.metadata?.annotations ?? {})) return false;
  const storageClass = ctx.defaultClass();
  if (!storageClass) return false;
  ctx.writer.updateClaim({ ...claim, spec: { ...claim.spec, storageClassName: storageClass.metadata!.name } });
  return true;
}
