/**
 * VolumeBinding, simplified: every PersistentVolumeClaim the pod mounts must exist, and must be
 * bound already unless its StorageClass binds `WaitForFirstConsumer` (then the provisioner waits
 * for the scheduler to pick a node, which it learns from the `volume.kubernetes.io/selected-node`
 * annotation written before binding). A bound volume with node affinity limits the nodes, and so
 * does a delayed claim already promised to a node: a second pod of a ReadWriteOnce local-path
 * claim follows the first to its node.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { anyTermMatches } from '../selectors.ts';
import { constantStatus, skip, success, unresolvable, type FilterPlugin, type PreFilterPlugin } from '../types.ts';

/** `pod has unbound immediate PersistentVolumeClaims`. */
export const errReasonUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';
/** `node(s) had volume node affinity conflict`. */
export const errReasonNodeConflict = 'node(s) had volume node affinity conflict';
/** `node(s) didn't find available persistent volumes to bind` (ErrReasonBindConflict). */
export const errReasonBindConflict = "node(s) didn't find available persistent volumes to bind";

const nodeConflict = constantStatus('VolumeBinding', 'UnschedulableAndUnresolvable', errReasonNodeConflict);
const bindConflict = constantStatus('VolumeBinding', 'UnschedulableAndUnresolvable', errReasonBindConflict);

/** The annotation through which the scheduler tells the provisioner the chosen node. */
const annSelectedNode = 'volume.kubernetes.io/selected-node';

/** What PreFilter found: bound volumes to check per node, and claims waiting for this pod's node. */
export interface VolumeBindingState {
  boundVolumes: PersistentVolume[];
  /** Claims (`ns/name`) of a WaitForFirstConsumer class, to annotate with the chosen node. */
  delayedClaims: string[];
  /**
   * Nodes that delayed claims were already promised to (their selected-node annotation): the
   * provisioner makes the volume there, so only that node can take this pod too.
   */
  selectedNodes: string[];
}

/** The claim names a pod uses: `persistentVolumeClaim` volumes and generic ephemeral volumes. */
export function podClaimNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    if (volume.persistentVolumeClaim) names.push(volume.persistentVolumeClaim.claimName);
    else if (volume.ephemeral) names.push(`${pod.metadata?.name}-${volume.name}`);
  }
  return names;
}

export const volumeBinding = {
  name: 'VolumeBinding',
  preFilter(state, pod, view) {
    const claims = podClaimNames(pod.pod);
    if (!claims.length) return skip;
    const result: VolumeBindingState = { boundVolumes: [], delayedClaims: [], selectedNodes: [] };
    let unboundImmediate = false;
    for (const name of claims) {
      const key = `${pod.namespace}/${name}`;
      const claim = view.object('persistentvolumeclaims', key) as PersistentVolumeClaim | undefined;
      if (!claim) return unresolvable(`persistentvolumeclaim "${name}" not found`);
      if (claim.metadata?.deletionTimestamp) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
      const volumeName = claim.spec?.volumeName;
      if (volumeName) {
        const volume = view.object('persistentvolumes', volumeName) as PersistentVolume | undefined;
        if (volume) result.boundVolumes.push(volume);
        continue;
      }
      const className = claim.spec?.storageClassName ?? '';
      const storageClass = className ? (view.object('storageclasses', className) as StorageClass | undefined) : undefined;
      if (storageClass?.volumeBindingMode === 'WaitForFirstConsumer') {
        result.delayedClaims.push(key);
        const selected = claim.metadata?.annotations?.[annSelectedNode];
        if (selected) result.selectedNodes.push(selected);
      } else unboundImmediate = true;
    }
    if (unboundImmediate) return unresolvable(errReasonUnboundImmediate);
    state.set('VolumeBinding', result);
    return success;
  },
  filter(state, _pod, node) {
    const { boundVolumes, selectedNodes } = state.get('VolumeBinding') as VolumeBindingState;
    // FindPodVolumes' fast path: a claim being provisioned for another node cannot bind here.
    if (selectedNodes.some((selected) => selected !== node.name)) return bindConflict;
    for (const volume of boundVolumes) {
      const terms = volume.spec?.nodeAffinity?.required?.nodeSelectorTerms;
      if (terms && !anyTermMatches(terms, node)) return nodeConflict;
    }
    return success;
  },
} satisfies PreFilterPlugin & FilterPlugin;
