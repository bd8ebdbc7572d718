/**
 * NodeResourcesFit: the pod's requests must fit in what the node's allocatable leaves after the
 * requests of the pods already there (`Insufficient cpu`, `Insufficient memory`, `Too many pods`).
 * Example: allocatable 4 cpu, pods there request 3.5, a new pod asks 1 → 1000m > 500m left →
 * `Insufficient cpu`, although the node may be idle: the scheduler counts requests, not usage.
 * Its score is LeastAllocated: the emptier the node after placing the pod, the higher.
 */
import { maxNodeScore, success, unschedulable, type FilterPlugin, type NodeInfo, type PodInfo, type ScorePlugin, type Status } from '../types.ts';

/** The reasons a pod does not fit a node's free resources, in the order fit.go checks them. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): string[] {
  const reasons: string[] = [];
  if (node.pods.size + 1 > node.allowedPodNumber) reasons.push('Too many pods');
  const want = pod.requests;
  const used = node.requested;
  const have = node.allocatable;
  if (want.cpu > 0 && want.cpu > have.cpu - used.cpu) reasons.push('Insufficient cpu');
  if (want.memory > 0 && want.memory > have.memory - used.memory) reasons.push('Insufficient memory');
  if (want.ephemeralStorage > 0 && want.ephemeralStorage > have.ephemeralStorage - used.ephemeralStorage) reasons.push('Insufficient ephemeral-storage');
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

/** The Filter check, shared with fast-path.ts. */
export function checkResources(pod: PodInfo, node: NodeInfo): Status {
  // The common case first, without allocating: everything fits.
  const want = pod.requests;
  if (node.pods.size < node.allowedPodNumber
    && want.cpu <= node.allocatable.cpu - node.requested.cpu
    && want.memory <= node.allocatable.memory - node.requested.memory
    && want.ephemeralStorage <= node.allocatable.ephemeralStorage - node.requested.ephemeralStorage
    && !want.scalar) return success;
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
