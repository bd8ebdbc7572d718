/**
 * What local-path-provisioner's Provision returns for a claim: a hostPath volume in
 * `/var/local-path-provisioner/pvc-<uid>_<namespace>_<claim>` (kind's local-path-config maps
 * every node there), pinned to the selected node by `kubernetes.io/hostname`, as big as the
 * claim asked, with the class's reclaim policy — or why it refuses.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../../api/types.ts';

/** Where kind's local-path-config puts volumes on every node. */
export const localPathBase = '/var/local-path-provisioner';
/** The node annotation local-path-provisioner records on its volumes. */
export const annLocalPathSelectedNode = 'local.path.provisioner/selected-node';

/** The directory of a claim's volume on its node. */
export function localPathFor(claim: PersistentVolumeClaim): string {
  return `${localPathBase}/pvc-${claim.metadata?.uid}_${claim.metadata?.namespace}_${claim.metadata?.name}`;
}

/** Why local-path cannot provision this claim on a node-local path (checked in this order), if it cannot. */
export function provisionError(claim: PersistentVolumeClaim, node: KubeObject | undefined): string | undefined {
  if (claim.spec?.selector) return 'claim.Spec.Selector is not supported';
  for (const mode of claim.spec?.accessModes ?? []) {
    if (mode !== 'ReadWriteOnce' && mode !== 'ReadWriteOncePod') return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
  }
  if (!node) return 'configuration error, no node was specified';
  return undefined;
}

/** The PersistentVolume local-path-provisioner builds (the lib then adds claimRef, provisioned-by and the class). */
export function localPathVolume(claim: PersistentVolumeClaim, storageClass: StorageClass, node: KubeObject): PersistentVolume {
  const nodeName = node.metadata.name!;
  const hostname = node.metadata.labels?.['kubernetes.io/hostname'] ?? nodeName;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: `pvc-${claim.metadata?.uid}`,
      annotations: { [annLocalPathSelectedNode]: nodeName },
    },
    spec: {
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      accessModes: claim.spec?.accessModes,
      volumeMode: 'Filesystem',
      capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
      hostPath: { path: localPathFor(claim), type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [hostname] }] }],
        },
      },
    },
  };
}
