/**
 * The default profile's common case, fused: for most pods only NodeUnschedulable,
 * TaintToleration, NodeAffinity and NodeResourcesFit filter, and only TaintToleration,
 * NodeResourcesFit, NodeResourcesBalancedAllocation and PodTopologySpread score. Calling each
 * plugin through the generic interface for each of 420 nodes costs more than the checks
 * themselves, so for those pods one loop calls the plugins' own per-node functions directly.
 * The results are the same by construction (same functions, same order) and by test
 * (fast-path.test.ts compares both drivers decision by decision).
 */
import { matchesRequiredNodeAffinity, nodeAffinityRejected, type RequiredNodeAffinity } from './plugins/node-affinity.ts';
import { balancedAllocationScore } from './plugins/node-resources-balanced-allocation.ts';
import { checkResources, leastAllocatedScore } from './plugins/node-resources-fit.ts';
import { checkUnschedulable, toleratesUnschedulable } from './plugins/node-unschedulable.ts';
import { podTopologySpread } from './plugins/pod-topology-spread.ts';
import { checkTaints, countIntolerablePreferNoSchedule } from './plugins/taint-toleration.ts';
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

/** A filter pass over one node, in the default profile's order; `success` when the node fits. */
export type NodeCheck = (node: NodeInfo) => Status;

/** Build the fused per-node check for a pod, reading its per-cycle state once. */
export function fusedFilter(state: CycleState, pod: PodInfo, filters: readonly FilterPlugin[]): NodeCheck {
  const toleratesCordon = toleratesUnschedulable(pod);
  const tolerations = pod.tolerations;
  const affinity = filters.some((f) => f.name === 'NodeAffinity') ? (state.get('NodeAffinity/filter') as RequiredNodeAffinity) : undefined;
  return (node) => {
    if (node.unschedulable) {
      const status = checkUnschedulable(node, toleratesCordon);
      if (status !== success) return status;
    }
    if (node.taints.length) {
      const status = checkTaints(tolerations, node);
      if (status !== success) return status;
    }
    if (affinity && !matchesRequiredNodeAffinity(affinity, node)) return nodeAffinityRejected;
    return checkResources(pod, node);
  };
}

/** Raw scores of each plugin in `plugins` for each feasible node, in one pass over the nodes. */
export function fusedScores(state: CycleState, pod: PodInfo, feasible: readonly NodeInfo[], plugins: readonly ScorePlugin[]): Float64Array[] {
  const out = plugins.map(() => new Float64Array(feasible.length));
  const index = (name: string): number => plugins.findIndex((p) => p.name === name);
  const taint = index('TaintToleration');
  const fit = index('NodeResourcesFit');
  const balanced = index('NodeResourcesBalancedAllocation');
  const spread = index('PodTopologySpread');
  const preferTolerations = taint >= 0 ? (state.get('TaintToleration') as Toleration[]) : [];
  for (let j = 0; j < feasible.length; j++) {
    const node = feasible[j];
    if (taint >= 0) out[taint][j] = node.taints.length ? countIntolerablePreferNoSchedule(preferTolerations, node) : 0;
    if (fit >= 0) out[fit][j] = leastAllocatedScore(pod, node);
    if (balanced >= 0) out[balanced][j] = balancedAllocationScore(pod, node);
    if (spread >= 0) out[spread][j] = podTopologySpread.score(state, pod, node);
  }
  return out;
}
