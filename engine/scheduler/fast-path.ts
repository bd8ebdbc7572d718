/**
 * The default profile's common case, fused: for most pods only NodeUnschedulable,
 * TaintToleration, NodeAffinity and NodeResourcesFit filter, and only TaintToleration,
 * NodeResourcesFit, NodeResourcesBalancedAllocation and PodTopologySpread score. Calling each
 * plugin through the generic interface for each of 420 nodes costs more than the checks
 * themselves, so for those pods one loop calls the plugins' own per-node functions directly.
 * The results are the same by construction (same functions, same order) and by test
 * (framework.test.ts compares both drivers decision by decision).
 */
import { balancedAllocation, balancedAllocationScore } from './plugins/node-resources-balanced-allocation.ts';
import { checkResources, leastAllocated, leastAllocatedScore } from './plugins/node-resources-fit.ts';
import { spreadScores } from './plugins/pod-topology-spread.ts';
import { countIntolerablePreferNoSchedule } from './plugins/taint-toleration.ts';
import type { NodeTable } from './node-table.ts';
import { scoreArray } from './score-slab.ts';
import { staticVerdict, type NodeVerdicts } from './node-verdicts.ts';
import { success, type CycleState, type FilterPlugin, type NodeInfo, type PodInfo, type ScorePlugin, type Status } from './types.ts';
import type { Toleration } from 'kubernetes-types/core/v1';

const fusableFilters = new Set(['NodeUnschedulable', 'TaintToleration', 'NodeAffinity', 'NodeResourcesFit']);
const fusableScores = new Set(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'PodTopologySpread']);

/** Whether the fused filter loop covers exactly the filters this pod runs. */
export function canFuseFilters(filters: readonly FilterPlugin[]): boolean {
  return filters.every((f) => fusableFilters.has(f.name));
}

/** Whether the fused score loop covers the score plugins that did not Skip. */
export function canFuseScores(plugins: readonly ScorePlugin[]): boolean {
  return plugins.every((p) => fusableScores.has(p.name));
}

/** Node indexes of the last fused filter pass's feasible nodes, reused across pods (no allocation per pod). */
let feasibleIndexes = new Int32Array(1024);

/** The node-list indexes of the feasible nodes the last `fusedFindNodesThatFit` found. */
export function lastFeasibleIndexes(): Int32Array {
  return feasibleIndexes;
}

/**
 * findNodesThatFit's loop for a fusable pod: the static checks come from `verdicts` (see
 * node-verdicts.ts), then NodeResourcesFit on the node table's figures (or the NodeInfo without a
 * table). A node that seems not to fit goes through checkResources itself, which builds the reasons.
 * Fills `feasible` (sized for `wanted`, trimmed to what was found) and writes the k-th evaluated
 * node's verdict to `out[base + k]`, exactly as the plugin-by-plugin loop does; returns how many
 * nodes it looked at.
 */
export function fusedFindNodesThatFit(pod: PodInfo, nodes: readonly NodeInfo[], table: NodeTable | undefined, start: number, wanted: number, verdicts: NodeVerdicts, feasible: NodeInfo[], out: Status[], base: number): number {
  const n = nodes.length;
  if (feasibleIndexes.length < n) feasibleIndexes = new Int32Array(n);
  const indexes = feasibleIndexes;
  const want = pod.requests;
  // Pods asking for extended resources take checkResources's full path.
  const quick = table !== undefined && !want.scalar;
  let processed = 0;
  let found = 0;
  while (processed < n && found < wanted) {
    let index = start + processed;
    if (index >= n) index -= n;
    const node = nodes[index];
    processed++;
    let status = staticVerdict(verdicts, index, node);
    if (status === success && !(quick && fitsRow(table, index, want.cpu, want.memory, want.ephemeralStorage))) status = checkResources(pod, node);
    out[base + processed - 1] = status;
    if (status === success) {
      indexes[found] = index;
      feasible[found++] = node;
    }
  }
  feasible.length = found;
  return processed;
}

/** checkResources's common case on a table row: room for one more pod and the requests. */
function fitsRow(table: NodeTable, i: number, cpu: number, memory: number, ephemeral: number): boolean {
  return table.podCount[i] < table.allowedPodNumber[i]
    && cpu <= table.allocatableCpu[i] - table.requestedCpu[i]
    && memory <= table.allocatableMemory[i] - table.requestedMemory[i]
    && ephemeral <= table.allocatableEphemeral[i] - table.requestedEphemeral[i];
}

/**
 * Raw scores of each plugin in `plugins` for each feasible node, one plugin at a time.
 * With `table` and `indexes` (feasible[j] is node indexes[j]) the resource scores read the table.
 */
export function fusedScores(state: CycleState, pod: PodInfo, feasible: readonly NodeInfo[], plugins: readonly ScorePlugin[], table?: NodeTable, indexes?: Int32Array): Float64Array[] {
  const out: Float64Array[] = [];
  let taint: Float64Array | undefined;
  let fit: Float64Array | undefined;
  let balanced: Float64Array | undefined;
  let spread: Float64Array | undefined;
  for (const plugin of plugins) {
    const scores = scoreArray(feasible.length);
    out.push(scores);
    if (plugin.name === 'TaintToleration') taint = scores;
    else if (plugin.name === 'NodeResourcesFit') fit = scores;
    else if (plugin.name === 'NodeResourcesBalancedAllocation') balanced = scores;
    else if (plugin.name === 'PodTopologySpread') spread = scores;
  }
  const count = feasible.length;
  if (taint) {
    const preferTolerations = state.get('TaintToleration') as Toleration[];
    for (let j = 0; j < count; j++) {
      const node = feasible[j];
      if (node.taints.length) taint[j] = countIntolerablePreferNoSchedule(preferTolerations, node);
    }
  }
  if (table && indexes) {
    const { allocatableCpu, allocatableMemory } = table;
    if (fit) {
      const { nonZeroCpu, nonZeroMemory } = table;
      const podCpu = pod.nonZeroCpu;
      const podMemory = pod.nonZeroMemory;
      for (let j = 0; j < count; j++) {
        const i = indexes[j];
        fit[j] = leastAllocated(nonZeroCpu[i] + podCpu, allocatableCpu[i], nonZeroMemory[i] + podMemory, allocatableMemory[i]);
      }
    }
    if (balanced) {
      const { requestedCpu, requestedMemory } = table;
      const cpu = pod.requests.cpu;
      const memory = pod.requests.memory;
      for (let j = 0; j < count; j++) {
        const i = indexes[j];
        balanced[j] = balancedAllocation(requestedCpu[i] + cpu, allocatableCpu[i], requestedMemory[i] + memory, allocatableMemory[i]);
      }
    }
  } else {
    if (fit) for (let j = 0; j < count; j++) fit[j] = leastAllocatedScore(pod, feasible[j]);
    if (balanced) for (let j = 0; j < count; j++) balanced[j] = balancedAllocationScore(pod, feasible[j]);
  }
  if (spread) spreadScores(state, feasible, spread);
  return out;
}
