/**
 * VolumeRestrictions: volumes that only one pod may use at a time. A PersistentVolumeClaim with
 * the `ReadWriteOncePod` access mode may be used by one pod in the whole cluster, so while another
 * pod (on any node, even a terminating one) uses it, every node says
 * `node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode`.
 * The in-tree disks it also covers (GCE PD, AWS EBS, iSCSI, Ceph RBD) conflict per node:
 * `node(s) had no available disk`. Both are `Unschedulable`, so preemption may evict the holder.
 */
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import { constantStatus, skip, success, unresolvable, type FilterPlugin, type NodeInfo, type PreFilterPlugin, type SchedulerView } from '../types.ts';

/** `node(s) had no available disk` (ErrReasonDiskConflict). */
export const errReasonDiskConflict = 'node(s) had no available disk';
/** ErrReasonReadWriteOncePodConflict: the claim is in use by another pod. */
export const errReasonReadWriteOncePodConflict = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const diskConflict = constantStatus('VolumeRestrictions', 'Unschedulable', errReasonDiskConflict);
const readWriteOncePodConflict = constantStatus('VolumeRestrictions', 'Unschedulable', errReasonReadWriteOncePodConflict);

/** What PreFilter found: the pod's RWOP claims, and per node how many other pods use them. */
export interface VolumeRestrictionsState {
  claims: ReadonlySet<string>;
  /** Whether the pod has a GCE PD, EBS, iSCSI or RBD volume to compare with each node's pods. */
  checkDisks: boolean;
  /** Node name → how many pods there use one of `claims` (a pod using two counts twice). */
  usersByNode: ReadonlyMap<string, number>;
}

/** The in-tree volume kinds whose sharing the plugin restricts (needsRestrictionsCheck). */
function needsRestrictionsCheck(volume: Volume): boolean {
  return !!(volume.gcePersistentDisk || volume.awsElasticBlockStore || volume.rbd || volume.iscsi);
}

function overlap(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.some((x) => b.includes(x));
}

/**
 * Whether `volume` conflicts with one of `existing`'s volumes: the same GCE disk unless both are
 * read-only, the same EBS volume always, the same iSCSI IQN or RBD image unless both are read-only.
 */
export function isVolumeConflict(volume: Volume, existing: Pod): boolean {
  for (const other of existing.spec?.volumes ?? []) {
    const gce = volume.gcePersistentDisk;
    if (gce && other.gcePersistentDisk && gce.pdName === other.gcePersistentDisk.pdName && !(gce.readOnly && other.gcePersistentDisk.readOnly)) return true;
    if (volume.awsElasticBlockStore && other.awsElasticBlockStore && volume.awsElasticBlockStore.volumeID === other.awsElasticBlockStore.volumeID) return true;
    const iscsi = volume.iscsi;
    if (iscsi && other.iscsi && iscsi.iqn === other.iscsi.iqn && !(iscsi.readOnly && other.iscsi.readOnly)) return true;
    const rbd = volume.rbd;
    if (rbd && other.rbd && overlap(rbd.monitors, other.rbd.monitors) && (rbd.pool ?? 'rbd') === (other.rbd.pool ?? 'rbd')
      && rbd.image === other.rbd.image && !(rbd.readOnly && other.rbd.readOnly)) return true;
  }
  return false;
}

/** How many of the pod's volumes name one of `claims` (conflictingPVCRefCountForPod). */
function claimUses(pod: Pod, claims: ReadonlySet<string>): number {
  let uses = 0;
  for (const volume of pod.spec?.volumes ?? []) if (volume.persistentVolumeClaim && claims.has(volume.persistentVolumeClaim.claimName)) uses++;
  return uses;
}

/** Other pods using the claims, counted per node (the scheduler cache's IsPVCUsedByPods). */
function countUsers(view: SchedulerView, namespace: string, uid: string, claims: ReadonlySet<string>): Map<string, number> {
  const byNode = new Map<string, number>();
  for (const node of view.nodes()) {
    const n = usersOn(node, namespace, uid, claims);
    if (n) byNode.set(node.name, n);
  }
  return byNode;
}

export const volumeRestrictions = {
  name: 'VolumeRestrictions',
  preFilter(state, pod, view) {
    const volumes = pod.pod.spec?.volumes ?? [];
    const checkDisks = volumes.some(needsRestrictionsCheck);
    const claims = new Set<string>();
    for (const volume of volumes) {
      const name = volume.persistentVolumeClaim?.claimName;
      if (!name) continue;
      // The plugin reads every claim (it runs before VolumeBinding): a missing one stops the pod here.
      const claim = view.object('persistentvolumeclaims', `${pod.namespace}/${name}`) as PersistentVolumeClaim | undefined;
      if (!claim) return unresolvable(`persistentvolumeclaim "${name}" not found`);
      if (claim.spec?.accessModes?.includes('ReadWriteOncePod')) claims.add(name);
    }
    const usersByNode = claims.size ? countUsers(view, pod.namespace, pod.uid, claims) : new Map<string, number>();
    if (!checkDisks && usersByNode.size === 0) return skip;
    state.set('VolumeRestrictions', { claims, checkDisks, usersByNode } satisfies VolumeRestrictionsState);
    return success;
  },
  filter(state, pod, node) {
    const { claims, checkDisks, usersByNode } = state.get('VolumeRestrictions') as VolumeRestrictionsState;
    if (checkDisks) {
      for (const volume of pod.pod.spec?.volumes ?? []) {
        if (!needsRestrictionsCheck(volume)) continue;
        for (const placed of node.pods.values()) if (isVolumeConflict(volume, placed.pod)) return diskConflict;
      }
    }
    return claims.size && usersOutside(usersByNode, node) + usersOn(node, pod.namespace, pod.uid, claims) > 0 ? readWriteOncePodConflict : success;
  },
} satisfies PreFilterPlugin & FilterPlugin;

/** Users on other nodes, from PreFilter's count. */
function usersOutside(usersByNode: ReadonlyMap<string, number>, node: NodeInfo): number {
  let n = 0;
  for (const [name, count] of usersByNode) if (name !== node.name) n += count;
  return n;
}

/**
 * Users on this node, counted afresh: preemption filters a copy of the node without its victims,
 * so evicting the pod that holds the claim (AddPod/RemovePod in the real plugin) makes room.
 */
function usersOn(node: NodeInfo, namespace: string, uid: string, claims: ReadonlySet<string>): number {
  let n = 0;
  for (const placed of node.pods.values()) if (placed.namespace === namespace && placed.uid !== uid) n += claimUses(placed.pod, claims);
  return n;
}
