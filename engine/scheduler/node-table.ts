/**
 * The numbers NodeResourcesFit and NodeResourcesBalancedAllocation read for every node, as one
 * typed array per field indexed like the node list. The filter and score loops read them for
 * hundreds of nodes per pod; from NodeInfo objects each read follows pointers (node → requested →
 * a boxed double) to scattered memory, from here it walks a few contiguous arrays. NodeInfo stays
 * the truth: the scheduler cache copies a node's row after every change to its sums.
 */
import type { NodeInfo } from './types.ts';

/** Per-node resource figures: allocatable, requested, the scoring (non-zero) sums and pod counts. */
export interface NodeTable {
  allocatableCpu: Float64Array;
  allocatableMemory: Float64Array;
  allocatableEphemeral: Float64Array;
  requestedCpu: Float64Array;
  requestedMemory: Float64Array;
  requestedEphemeral: Float64Array;
  nonZeroCpu: Float64Array;
  nonZeroMemory: Float64Array;
  podCount: Float64Array;
  allowedPodNumber: Float64Array;
}

/** A table for `nodes`, each row copied from its NodeInfo. */
export function newNodeTable(nodes: readonly NodeInfo[]): NodeTable {
  const n = nodes.length;
  const table: NodeTable = {
    allocatableCpu: new Float64Array(n),
    allocatableMemory: new Float64Array(n),
    allocatableEphemeral: new Float64Array(n),
    requestedCpu: new Float64Array(n),
    requestedMemory: new Float64Array(n),
    requestedEphemeral: new Float64Array(n),
    nonZeroCpu: new Float64Array(n),
    nonZeroMemory: new Float64Array(n),
    podCount: new Float64Array(n),
    allowedPodNumber: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) writeNodeRow(table, i, nodes[i]);
  return table;
}

/** Copy one node's figures into row `i`. */
export function writeNodeRow(table: NodeTable, i: number, node: NodeInfo): void {
  table.allocatableCpu[i] = node.allocatable.cpu;
  table.allocatableMemory[i] = node.allocatable.memory;
  table.allocatableEphemeral[i] = node.allocatable.ephemeralStorage;
  table.requestedCpu[i] = node.requested.cpu;
  table.requestedMemory[i] = node.requested.memory;
  table.requestedEphemeral[i] = node.requested.ephemeralStorage;
  table.nonZeroCpu[i] = node.nonZeroCpu;
  table.nonZeroMemory[i] = node.nonZeroMemory;
  table.podCount[i] = node.pods.size;
  table.allowedPodNumber[i] = node.allowedPodNumber;
}
