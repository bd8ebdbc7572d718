/**
 * Which persistent volumes must be attached to a node before the kubelet may mount them, shared by
 * the attach/detach controller (controllers/persistentvolume/attach-detach.ts) and the kubelet's
 * volume manager. Network disks (CSI drivers that need ControllerPublish, and the in-tree cloud
 * disks, migrated to CSI in v1.32) are attachable; hostPath, local and NFS volumes are not, so a
 * ReadWriteOnce hostPath claim can be used from two nodes at once (each sees its own directory).
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1';
import type { CSIDriver } from 'kubernetes-types/storage/v1';

/** In-tree sources whose plugin has an Attacher (they attach a disk to the node). */
const inTreeAttachable = ['awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'cinder', 'vsphereVolume', 'portworxVolume', 'rbd', 'iscsi', 'fc'] as const;

/** Whether mounting `pv` waits for the attach/detach controller (a CSIDriver can say `attachRequired: false`). */
export function isAttachable(pv: PersistentVolume, csiDriver: (name: string) => CSIDriver | undefined): boolean {
  const csi = pv.spec?.csi;
  // Without a CSIDriver object the kubelet and the controller assume the driver needs attaching.
  if (csi) return csiDriver(csi.driver)?.spec?.attachRequired !== false;
  const spec = (pv.spec ?? {}) as Record<string, unknown>;
  return inTreeAttachable.some((source) => spec[source] !== undefined);
}

/**
 * The volume's unique name as it appears in `node.status.volumesAttached`:
 * `kubernetes.io/csi/DRIVER^HANDLE` for CSI, `kubernetes.io/PLUGIN/PV` for the in-tree disks here.
 */
export function uniqueVolumeName(pv: PersistentVolume): string {
  const csi = pv.spec?.csi;
  if (csi) return `kubernetes.io/csi/${csi.driver}^${csi.volumeHandle}`;
  const spec = (pv.spec ?? {}) as Record<string, unknown>;
  const source = inTreeAttachable.find((name) => spec[name] !== undefined) ?? 'unknown';
  const plugin = source.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `kubernetes.io/${plugin}/${pv.metadata?.name}`;
}

/**
 * isMultiAttachForbidden: a PV that lists access modes but neither ReadWriteMany nor ReadOnlyMany
 * may be attached to one node only (ReadWriteOnce means one node, not one pod).
 */
export function isMultiAttachForbidden(pv: PersistentVolume): boolean {
  const modes = pv.spec?.accessModes ?? [];
  if (!modes.length) return false;
  return !modes.includes('ReadWriteMany') && !modes.includes('ReadOnlyMany');
}

/** The names in a node's `status.volumesAttached`. */
export function attachedVolumeNames(node: object | undefined): string[] {
  const attached = ((node as { status?: unknown } | undefined)?.status as { volumesAttached?: { name: string }[] } | undefined)?.volumesAttached ?? [];
  return attached.map((volume) => volume.name);
}
