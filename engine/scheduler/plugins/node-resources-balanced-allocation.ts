/**
 * NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be used in similar
 * fractions after placing the pod. Example: cpu 50 % and memory 10 % → std 0.2 → score 80.
 */
import { maxNodeScore, skip, success, type NodeInfo, type PodInfo, type ScorePlugin } from '../types.ts';

/** `(1 − std of the cpu and memory fractions) × 100`, shared with fast-path.ts. */
export function balancedAllocationScore(pod: PodInfo, node: NodeInfo): number {
  const cpu = node.allocatable.cpu ? Math.min(1, (node.requested.cpu + pod.requests.cpu) / node.allocatable.cpu) : 1;
  const memory = node.allocatable.memory ? Math.min(1, (node.requested.memory + pod.requests.memory) / node.allocatable.memory) : 1;
  // With two resources the standard deviation is half their difference.
  const std = Math.abs(cpu - memory) / 2;
  return Math.floor((1 - std) * maxNodeScore);
}

export const nodeResourcesBalancedAllocation = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  preScore: (_state, pod) => (pod.requests.cpu === 0 && pod.requests.memory === 0 ? skip : success),
  score: (_state, pod, node) => balancedAllocationScore(pod, node),
} satisfies ScorePlugin;
