/**
 * PodTopologySpread: keep the pods matching a constraint's selector evenly spread over the values
 * of its topology key (zones, hostnames). `DoNotSchedule` constraints filter: placing the pod
 * must not make its domain exceed the emptiest domain by more than maxSkew. Example: zones a/b/c
 * hold 2/1/1 matching pods, maxSkew 1 → zone a would reach 3 − 1 = 2 > 1 and is filtered out.
 * `ScheduleAnyway` constraints, and the cluster defaults for pods owned by a ReplicaSet or
 * StatefulSet or selected by a Service, only score: fewer matching pods nearby → higher score.
 */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { compileSelector } from '../selectors.ts';
import { constantStatus, maxNodeScore, skip, success, type CycleState, type FilterPlugin, type MatchSelector, type NodeInfo, type PodInfo, type PreFilterPlugin, type ScorePlugin, type SchedulerView } from '../types.ts';
import { matchesRequiredNodeAffinity, requiredNodeAffinity } from './node-affinity.ts';
import { spreadConstraints } from './topology-defaults.ts';
import { countDomains } from '../topology-domains.ts';

/** `node(s) didn't match pod topology spread constraints`. */
export const errReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
/** The same, for a node without the constraint's topology label. */
export const errReasonNodeLabelNotMatch = `${errReasonConstraintsNotMatch} (missing required label)`;

const missingLabel = constantStatus('PodTopologySpread', 'UnschedulableAndUnresolvable', errReasonNodeLabelNotMatch);
const skewTooBig = constantStatus('PodTopologySpread', 'Unschedulable', errReasonConstraintsNotMatch);

interface Compiled {
  topologyKey: string;
  maxSkew: number;
  minDomains: number;
  selector: MatchSelector;
  selfMatch: number;
  counts: ReadonlyMap<string, number>;
}

interface FilterState { constraints: Compiled[]; minMatch: number[] }
interface ScoreState { constraints: Compiled[]; weights: number[]; requireAll: boolean }

const selectors = new Map<string, MatchSelector>();

/** Compile each constraint's selector (with matchLabelKeys merged in) and look up its domain counts. */
function compile(pod: PodInfo, constraints: readonly TopologySpreadConstraint[], view: SchedulerView): Compiled[] {
  return constraints.map((c) => {
    let extra: Record<string, string> | undefined;
    for (const key of c.matchLabelKeys ?? []) if (pod.labels[key] !== undefined) (extra ??= {})[key] = pod.labels[key];
    const cacheKey = JSON.stringify([c.labelSelector, extra]);
    let selector = selectors.get(cacheKey);
    if (!selector) {
      selector = compileSelector(c.labelSelector as LabelSelector | undefined, extra);
      if (selectors.size > 1000) selectors.clear();
      selectors.set(cacheKey, selector);
    }
    return {
      topologyKey: c.topologyKey,
      maxSkew: c.maxSkew,
      minDomains: c.minDomains ?? 1,
      selector,
      selfMatch: selector.matches(pod.labels) ? 1 : 0,
      counts: view.countMatching([pod.namespace], selector, c.topologyKey),
    };
  });
}

function hasAllKeys(node: NodeInfo, constraints: readonly Compiled[]): boolean {
  for (const c of constraints) if (node.labels[c.topologyKey] === undefined) return false;
  return true;
}

export const podTopologySpread = {
  name: 'PodTopologySpread',
  weight: 2,
  preFilter(state, pod, view) {
    const hard = (pod.pod.spec?.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
    if (!hard.length) return skip;
    const constraints = compile(pod, hard, view);
    // Domains are the values found on nodes the pod could go to (its node affinity honoured).
    const domains = constraints.map(() => new Set<string>());
    const required = requiredNodeAffinity(pod);
    for (const node of view.nodes()) {
      if (!hasAllKeys(node, constraints) || !matchesRequiredNodeAffinity(required, node)) continue;
      constraints.forEach((c, i) => domains[i].add(node.labels[c.topologyKey]));
    }
    const minMatch = constraints.map((c, i) => {
      if (domains[i].size < c.minDomains) return 0;
      let min = Infinity;
      for (const domain of domains[i]) min = Math.min(min, c.counts.get(domain) ?? 0);
      return min === Infinity ? 0 : min;
    });
    state.set('PodTopologySpread/filter', { constraints, minMatch } satisfies FilterState);
    return success;
  },
  filter(state, _pod, node) {
    const { constraints, minMatch } = state.get('PodTopologySpread/filter') as FilterState;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      const domain = node.labels[c.topologyKey];
      if (domain === undefined) return missingLabel;
      const skew = (c.counts.get(domain) ?? 0) + c.selfMatch - minMatch[i];
      if (skew > c.maxSkew) return skewTooBig;
    }
    return success;
  },
  preScore(state, pod, nodes, view) {
    const { constraints: all, systemDefaulted } = spreadConstraints(pod, view);
    const soft = all.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway');
    if (!soft.length) return skip;
    const constraints = compile(pod, soft, view);
    const requireAll = !systemDefaulted;
    // Each constraint weighs log(number of its domains among the candidate nodes + 2), so a
    // constraint over many hostnames does not drown one over three zones.
    const eligible = requireAll ? (node: NodeInfo) => hasAllKeys(node, constraints) : undefined;
    const weights = constraints.map((c) => Math.log(countDomains(nodes, c.topologyKey, eligible) + 2));
    state.set('PodTopologySpread/score', { constraints, weights, requireAll } satisfies ScoreState);
    return success;
  },
  score(state, _pod, node) {
    return spreadScore(state.get('PodTopologySpread/score') as ScoreState, node);
  },
  normalize(_state, scores) {
    // The node with the fewest matching pods nearby gets 100; ignored nodes get 0.
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i];
      if (s < 0) continue;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    for (let i = 0; i < scores.length; i++) {
      if (scores[i] < 0) scores[i] = 0;
      else scores[i] = max === 0 ? maxNodeScore : Math.floor((maxNodeScore * (max + min - scores[i])) / max);
    }
  },
} satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;

/** The raw score of one node: matching pods in its domains, weighted, plus maxSkew − 1 per constraint; −1 when ignored. */
function spreadScore({ constraints, weights, requireAll }: ScoreState, node: NodeInfo): number {
  if (requireAll && !hasAllKeys(node, constraints)) return -1; // ignored: scores 0 after normalizing
  let score = 0;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i];
    const domain = node.labels[c.topologyKey];
    if (domain === undefined) continue;
    score += (c.counts.get(domain) ?? 0) * weights[i] + (c.maxSkew - 1);
  }
  return Math.round(score);
}

/** `score` for every node of `nodes` into `out` (the fused loop: the cycle state is read once). */
export function spreadScores(state: CycleState, nodes: readonly NodeInfo[], out: Float64Array): void {
  const scoreState = state.get('PodTopologySpread/score') as ScoreState;
  for (let j = 0; j < nodes.length; j++) out[j] = spreadScore(scoreState, nodes[j]);
}
