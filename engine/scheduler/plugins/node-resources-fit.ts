/**
 * NodeResourcesFit: the pod's requests must fit in what the node's allocatable leaves after the
 * requests of the pods already there (`Insufficient cpu`, `Insufficient memory`, `Too many pods`).
 * Example: allocatable 4 cpu, pods there request 3.5, a new pod asks 1 → 1000m > 500m left →
 * `Insufficient cpu`, although the node may be idle: the scheduler counts requests, not usage.
 * Its score is LeastAllocated: the emptier the node after placing the pod, the higher.
 */
import { maxNodeScore, success, unschedulable, type FilterPlugin, type NodeInfo, type PodInfo, type ScorePlugin, type Status } from '../types.ts';

/** The four fixed reasons, in fit.go's order; bit i of a mask stands for reason i. */
const fixedReasons = ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage'];

/** Which of `fixedReasons` apply to the pod on this node, as a mask. */
function fixedReasonMask(pod: PodInfo, node: NodeInfo): number {
  const want = pod.requests;
  const used = node.requested;
  const have = node.allocatable;
  return (node.pods.size + 1 > node.allowedPodNumber ? 1 : 0)
    | (want.cpu > 0 && want.cpu > have.cpu - used.cpu ? 2 : 0)
    | (want.memory > 0 && want.memory > have.memory - used.memory ? 4 : 0)
    | (want.ephemeralStorage > 0 && want.ephemeralStorage > have.ephemeralStorage - used.ephemeralStorage ? 8 : 0);
}

/** The reasons a pod does not fit a node's free resources, in the order fit.go checks them. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): string[] {
  const mask = fixedReasonMask(pod, node);
  const reasons = fixedReasons.filter((_, i) => mask & (1 << i));
  const want = pod.requests;
  const used = node.requested;
  const have = node.allocatable;
  if (want.scalar) {
    for (const [name, amount] of want.scalar) {
      if (amount > 0 && amount > (have.scalar?.get(name) ?? 0) - (used.scalar?.get(name) ?? 0)) reasons.push(`Insufficient ${name}`);
    }
  }
  return reasons;
}

/** `(capacity − requested) × 100 / capacity`, 0 when the node would be over-committed. */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * maxNodeScore) / capacity);
}

/** One shared, frozen status per combination of fixed reasons, made on first use. */
const fixedStatuses: (Status | undefined)[] = [];

/**
 * The status for a combination of the fixed reasons. Rejections are kept in decision records
 * until they are compacted, so a fresh object per rejected node would be promoted to the old
 * generation by the thousand; the combinations are only 15.
 */
function fixedStatus(mask: number): Status {
  let status = fixedStatuses[mask];
  if (!status) {
    const reasons = Object.freeze(fixedReasons.filter((_, i) => mask & (1 << i)));
    status = Object.freeze({ code: 'Unschedulable' as const, reasons, plugin: 'NodeResourcesFit' });
    fixedStatuses[mask] = status;
  }
  return status;
}

/** The Filter check, shared with fast-path.ts. */
export function checkResources(pod: PodInfo, node: NodeInfo): Status {
  // The common case first, without allocating: everything fits.
  const want = pod.requests;
  if (node.pods.size < node.allowedPodNumber
    && want.cpu <= node.allocatable.cpu - node.requested.cpu
    && want.memory <= node.allocatable.memory - node.requested.memory
    && want.ephemeralStorage <= node.allocatable.ephemeralStorage - node.requested.ephemeralStorage
    && !want.scalar) return success;
  if (!want.scalar) {
    const mask = fixedReasonMask(pod, node);
    return mask ? fixedStatus(mask) : success;
  }
  const reasons = insufficientResources(pod, node);
  if (!reasons.length) return success;
  const status = unschedulable(...reasons);
  status.plugin = 'NodeResourcesFit';
  return status;
}

/** LeastAllocated over cpu and memory, weight 1 each. */
export function leastAllocatedScore(pod: PodInfo, node: NodeInfo): number {
  // Scoring counts a container without requests as 100m cpu / 200Mi, so empty pods still spread.
  return leastAllocated(node.nonZeroCpu + pod.nonZeroCpu, node.allocatable.cpu, node.nonZeroMemory + pod.nonZeroMemory, node.allocatable.memory);
}

/** LeastAllocated from the numbers alone (the fused loop reads them from the node table). */
export function leastAllocated(cpu: number, allocatableCpu: number, memory: number, allocatableMemory: number): number {
  return Math.floor((leastRequestedScore(cpu, allocatableCpu) + leastRequestedScore(memory, allocatableMemory)) / 2);
}

export const nodeResourcesFit = {
  name: 'NodeResourcesFit',
  weight: 1,
  filter: (_state, pod, node) => checkResources(pod, node),
  score: (_state, pod, node) => leastAllocatedScore(pod, node),
} satisfies FilterPlugin & ScorePlugin;
