/**
 * NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be used in similar
 * fractions after placing the pod. Example: cpu 50 % and memory 10 % → std 0.2 → score 80.
 */
import { maxNodeScore, skip, success, type NodeInfo, type PodInfo, type ScorePlugin } from '../types.ts';

/** `(1 − std of the cpu and memory fractions) × 100`, shared with fast-path.ts. */
export function balancedAllocationScore(pod: PodInfo, node: NodeInfo): number {
  return balancedAllocation(node.requested.cpu + pod.requests.cpu, node.allocatable.cpu, node.requested.memory + pod.requests.memory, node.allocatable.memory);
}

/** The same from the numbers alone: requested (with the pod) and allocatable cpu and memory. */
export function balancedAllocation(cpu: number, allocatableCpu: number, memory: number, allocatableMemory: number): number {
  const cpuFraction = allocatableCpu ? Math.min(1, cpu / allocatableCpu) : 1;
  const memoryFraction = allocatableMemory ? Math.min(1, memory / allocatableMemory) : 1;
  // With two resources the standard deviation is half their difference.
  const std = Math.abs(cpuFraction - memoryFraction) / 2;
  return Math.floor((1 - std) * maxNodeScore);
}

export const nodeResourcesBalancedAllocation = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  preScore: (_state, pod) => (pod.requests.cpu === 0 && pod.requests.memory === 0 ? skip : success),
  score: (_state, pod, node) => balancedAllocationScore(pod, node),
} satisfies ScorePlugin;
