/**
 * The StorageClass side of volume binding: kind's default `standard` class, the annotation keys the
 * PV controller and provisioners talk through (component-helpers/storage/volume), and the small
 * helpers that read a claim's or volume's class and binding mode as the Go helpers do.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../../api/types.ts';

/** `pv.kubernetes.io/bind-completed`: the claim's binding finished (the claim is synced as bound from now on). */
export const annBindCompleted = 'pv.kubernetes.io/bind-completed';
/** `pv.kubernetes.io/bound-by-controller`: the controller, not the user, made this half of the binding. */
export const annBoundByController = 'pv.kubernetes.io/bound-by-controller';
/** `pv.kubernetes.io/provisioned-by`: the provisioner that created the volume (it also deletes it). */
export const annDynamicallyProvisioned = 'pv.kubernetes.io/provisioned-by';
/** `volume.kubernetes.io/storage-provisioner`: which external provisioner should act on the claim. */
export const annStorageProvisioner = 'volume.kubernetes.io/storage-provisioner';
/** The beta spelling of the same annotation, still written in 1.32. */
export const annBetaStorageProvisioner = 'volume.beta.kubernetes.io/storage-provisioner';
/** `volume.kubernetes.io/selected-node`: the scheduler's choice for a WaitForFirstConsumer claim. */
export const annSelectedNode = 'volume.kubernetes.io/selected-node';
/** The beta class annotation, which wins over spec.storageClassName when present. */
export const annBetaStorageClass = 'volume.beta.kubernetes.io/storage-class';
/** `storageclass.kubernetes.io/is-default-class`. */
export const annIsDefaultClass = 'storageclass.kubernetes.io/is-default-class';

/** kubernetes.io/pvc-protection: a claim in use by a pod is not removed. */
export const pvcProtectionFinalizer = 'kubernetes.io/pvc-protection';
/** kubernetes.io/pv-protection: a bound volume is not removed. */
export const pvProtectionFinalizer = 'kubernetes.io/pv-protection';

/** kind's local-path-provisioner, the provisioner of the `standard` class. */
export const localPathProvisionerName = 'rancher.io/local-path';

/** What `kubectl apply` recorded when kind installed the class (kind applies its storage manifest). */
const standardLastApplied =
  '{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}\n';

/** The `standard (default)` StorageClass of a kind v1.32 cluster, as kind's storage manifest creates it. */
export function defaultStorageClass(): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: 'standard',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': standardLastApplied,
        [annIsDefaultClass]: 'true',
      },
    },
    provisioner: localPathProvisionerName,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

/** GetPersistentVolumeClaimClass: the beta annotation when present, else spec.storageClassName, else "". */
export function claimClass(claim: PersistentVolumeClaim): string {
  const annotations = claim.metadata?.annotations ?? {};
  if (annBetaStorageClass in annotations) return annotations[annBetaStorageClass];
  return claim.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass: the same rule for volumes. */
export function volumeClass(volume: PersistentVolume): string {
  const annotations = volume.metadata?.annotations ?? {};
  if (annBetaStorageClass in annotations) return annotations[annBetaStorageClass];
  return volume.spec?.storageClassName ?? '';
}

/**
 * IsDelayBindingMode: the claim's class binds WaitForFirstConsumer. No class, or a class that does
 * not exist (yet), means Immediate.
 */
export function isDelayBindingMode(claim: PersistentVolumeClaim, classOf: (name: string) => StorageClass | undefined): boolean {
  const name = claimClass(claim);
  if (!name) return false;
  return classOf(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** IsDelayBindingProvisioning: the scheduler has picked a node for this claim. */
export function isDelayBindingProvisioning(claim: PersistentVolumeClaim): boolean {
  return Boolean(claim.metadata?.annotations?.[annSelectedNode]);
}

/** `ns/name` of a claim. */
export function claimKey(claim: PersistentVolumeClaim): string {
  return `${claim.metadata?.namespace}/${claim.metadata?.name}`;
}

/** `ns/name` of the claim a volume's claimRef points at. */
export function claimRefKey(volume: PersistentVolume): string {
  const ref = volume.spec?.claimRef;
  return `${ref?.namespace}/${ref?.name}`;
}

/** IsVolumeBoundToClaim: claimRef names this claim, and its uid (when set) is this claim's. */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}
