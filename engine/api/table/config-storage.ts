/**
 * Printers for configuration and storage kinds: ConfigMap, Secret, ServiceAccount, ResourceQuota,
 * PersistentVolume, PersistentVolumeClaim and StorageClass.
 */
import type { ConfigMap, PersistentVolume, PersistentVolumeClaim, ResourceQuota, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { ageColumn, nameColumn, nameOf, text } from './columns.ts';
import { timestampSince } from './duration.ts';
import { accessModesString, compareBytes } from './format.ts';
import { quantityOrZero } from './quantity.ts';
import type { Printer } from './types.ts';

const storageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** ConfigMap: NAME DATA AGE (DATA counts data and binaryData keys). */
export const configMapPrinter: Printer = {
  columns: [nameColumn, text('Data', 'core/v1 ConfigMap.data'), ageColumn],
  print(object, { now }) {
    const configMap = object as ConfigMap;
    const keys = Object.keys(configMap.data ?? {}).length + Object.keys(configMap.binaryData ?? {}).length;
    return { cells: [nameOf(configMap), keys, timestampSince(configMap.metadata?.creationTimestamp, now)] };
  },
};

/** Secret: NAME TYPE DATA AGE. */
export const secretPrinter: Printer = {
  columns: [nameColumn, text('Type', 'core/v1 Secret.type'), text('Data', 'core/v1 Secret.data'), ageColumn],
  print(object, { now }) {
    const secret = object as Secret;
    return { cells: [nameOf(secret), secret.type ?? '', Object.keys(secret.data ?? {}).length, timestampSince(secret.metadata?.creationTimestamp, now)] };
  },
};

/** ServiceAccount: NAME SECRETS AGE. */
export const serviceAccountPrinter: Printer = {
  columns: [nameColumn, text('Secrets', 'core/v1 ServiceAccount.secrets'), ageColumn],
  print(object, { now }) {
    const account = object as ServiceAccount;
    return { cells: [nameOf(account), (account.secrets ?? []).length, timestampSince(account.metadata?.creationTimestamp, now)] };
  },
};

/** The REQUEST and LIMIT cells: `name: used/hard` per hard limit, names sorted; `limits.*` go to LIMIT. */
export function resourceQuotaCells(quota: ResourceQuota): [request: string, limit: string] {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort(compareBytes)) {
    const pieces = name.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${name}: ${quantityOrZero(used[name])}/${quantityOrZero(hard[name])}`);
  }
  return [request.join(', '), limit.join(', ')];
}

/** ResourceQuota: NAME REQUEST LIMIT AGE. */
export const resourceQuotaPrinter: Printer = {
  columns: [
    nameColumn,
    text('Request', { text: 'Request represents a minimum amount of cpu/memory that a container may consume.' }),
    text('Limit', { text: 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.' }),
    ageColumn,
  ],
  print(object, { now }) {
    const quota = object as ResourceQuota;
    const [request, limit] = resourceQuotaCells(quota);
    return { cells: [nameOf(quota), request, limit, timestampSince(quota.metadata?.creationTimestamp, now)] };
  },
};

/** helper.GetPersistentVolumeClass: the beta annotation when present (even empty), else spec.storageClassName. */
export function persistentVolumeClass(volume: PersistentVolume): string {
  const annotations = volume.metadata?.annotations ?? {};
  if (storageClassAnnotation in annotations) return annotations[storageClassAnnotation];
  return volume.spec?.storageClassName ?? '';
}

/** helper.GetPersistentVolumeClaimClass: the beta annotation when present, else spec.storageClassName, else ''. */
export function persistentVolumeClaimClass(claim: PersistentVolumeClaim): string {
  const annotations = claim.metadata?.annotations ?? {};
  if (storageClassAnnotation in annotations) return annotations[storageClassAnnotation];
  return claim.spec?.storageClassName ?? '';
}

/** PersistentVolume: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE. */
export const persistentVolumePrinter: Printer = {
  columns: [
    nameColumn,
    text('Capacity', 'core/v1 PersistentVolumeSpec.capacity'),
    text('Access Modes', 'core/v1 PersistentVolumeSpec.accessModes'),
    text('Reclaim Policy', 'core/v1 PersistentVolumeSpec.persistentVolumeReclaimPolicy'),
    text('Status', 'core/v1 PersistentVolumeStatus.phase'),
    text('Claim', 'core/v1 PersistentVolumeSpec.claimRef'),
    text('StorageClass', { text: 'StorageClass of the pv' }),
    text('VolumeAttributesClass', { text: 'VolumeAttributesClass of the pv' }),
    text('Reason', 'core/v1 PersistentVolumeStatus.reason'),
    ageColumn,
    text('VolumeMode', 'core/v1 PersistentVolumeSpec.volumeMode', 1),
  ],
  print(object, { now }) {
    const volume = object as PersistentVolume;
    const spec = volume.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    return {
      cells: [
        nameOf(volume),
        quantityOrZero(spec.capacity?.storage),
        accessModesString(spec.accessModes),
        spec.persistentVolumeReclaimPolicy ?? '',
        volume.metadata?.deletionTimestamp ? 'Terminating' : (volume.status?.phase ?? ''),
        claim,
        persistentVolumeClass(volume),
        spec.volumeAttributesClassName ?? '<unset>',
        volume.status?.reason ?? '',
        timestampSince(volume.metadata?.creationTimestamp, now),
        spec.volumeMode ?? '<unset>',
      ],
    };
  },
};

/** PersistentVolumeClaim: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. */
export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    nameColumn,
    text('Status', 'core/v1 PersistentVolumeClaimStatus.phase'),
    text('Volume', 'core/v1 PersistentVolumeClaimSpec.volumeName'),
    text('Capacity', 'core/v1 PersistentVolumeClaimStatus.capacity'),
    text('Access Modes', 'core/v1 PersistentVolumeClaimStatus.accessModes'),
    text('StorageClass', { text: 'StorageClass of the pvc' }),
    text('VolumeAttributesClass', { text: 'VolumeAttributesClass of the pvc' }),
    ageColumn,
    text('VolumeMode', 'core/v1 PersistentVolumeClaimSpec.volumeMode', 1),
  ],
  print(object, { now }) {
    const claim = object as PersistentVolumeClaim;
    const spec = claim.spec ?? {};
    // Capacity and access modes are shown only once the claim names its volume.
    const bound = Boolean(spec.volumeName);
    return {
      cells: [
        nameOf(claim),
        claim.metadata?.deletionTimestamp ? 'Terminating' : (claim.status?.phase ?? ''),
        spec.volumeName ?? '',
        bound ? quantityOrZero(claim.status?.capacity?.storage) : '',
        bound ? accessModesString(claim.status?.accessModes) : '',
        persistentVolumeClaimClass(claim),
        spec.volumeAttributesClassName ?? '<unset>',
        timestampSince(claim.metadata?.creationTimestamp, now),
        spec.volumeMode ?? '<unset>',
      ],
    };
  },
};

/** storageutil.IsDefaultAnnotation: either is-default-class annotation set to "true". */
export function isDefaultStorageClass(storageClass: StorageClass): boolean {
  const annotations = storageClass.metadata?.annotations ?? {};
  return annotations['storageclass.kubernetes.io/is-default-class'] === 'true'
    || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** StorageClass: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE; the default class is `name (default)`. */
export const storageClassPrinter: Printer = {
  columns: [
    nameColumn,
    text('Provisioner', 'storage/v1 StorageClass.provisioner'),
    text('ReclaimPolicy', 'storage/v1 StorageClass.reclaimPolicy'),
    text('VolumeBindingMode', 'storage/v1 StorageClass.volumeBindingMode'),
    text('AllowVolumeExpansion', 'storage/v1 StorageClass.allowVolumeExpansion'),
    ageColumn,
  ],
  print(object, { now }) {
    const storageClass = object as unknown as StorageClass;
    return {
      cells: [
        nameOf(storageClass) + (isDefaultStorageClass(storageClass) ? ' (default)' : ''),
        storageClass.provisioner ?? '',
        storageClass.reclaimPolicy ?? 'Delete',
        storageClass.volumeBindingMode ?? 'Immediate',
        storageClass.allowVolumeExpansion ?? false,
        timestampSince(storageClass.metadata?.creationTimestamp, now),
      ],
    };
  },
};
