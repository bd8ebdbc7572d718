/**
 * One scheduling cycle for one pod (pkg/scheduler/schedule_one.go): PreFilter once, then
 * `findNodesThatFit` runs the Filter plugins node by node — starting where the last pod stopped
 * and stopping once enough feasible nodes are found — then `prioritizeNodes` scores them and
 * `selectHost` takes the best (ties broken at random). The result is the decision record.
 */
import { canFuseFilters, canFuseScores, fusedFindNodesThatFit, fusedScores, lastFeasibleIndexes } from './fast-path.ts';
import type { NodeTable } from './node-table.ts';
import { NodeVerdictCache } from './node-verdicts.ts';
import { holdScoreSlab, reserveScores, scoreArray } from './score-slab.ts';
import type { RequiredNodeAffinity } from './plugins/node-affinity.ts';
import { fitErrorMessage } from './fit-error.ts';
import { nodeToStatus, type SchedulingDecision } from './decisions.ts';
import { DecisionRecord, commitVerdicts, reserveVerdicts, verdictBase } from './decision-record.ts';
import { defaultPlugins } from './plugins/index.ts';
import {
  hasFilter, hasPreFilter, hasScore, success,
  type CycleState, type FilterPlugin, type NodeInfo, type Plugin, type PodInfo, type PreFilterPlugin, type ScorePlugin, type SchedulerView, type Status,
} from './types.ts';

/** The cycle's FitError reads the decision's status list; no node-name map is built. */
const noStatuses: ReadonlyMap<string, Status> = new Map();

/** Below this many nodes every node is considered. */
const minFeasibleNodesToFind = 100;
/** The adaptive percentage never goes below 5 %. */
const minFeasibleNodesPercentageToFind = 5;

/** `ErrNoNodesAvailable`. */
export const errNoNodesAvailable = 'no nodes available to schedule pods';

/**
 * How many feasible nodes to look for (numFeasibleNodesToFind). With percentage 0 (the default)
 * it adapts: 50 % − 1 % per 125 nodes, at least 5 %, and never fewer than 100 nodes.
 * 1,000 nodes → 42 % → 420; 5,000 nodes → 10 % → 500.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < minFeasibleNodesToFind || percentageOfNodesToScore >= 100) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage <= 0) percentage = Math.max(minFeasibleNodesPercentageToFind, 50 - Math.trunc(numAllNodes / 125));
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return Math.max(numNodes, minFeasibleNodesToFind);
}

/** A source of tie-breaking randomness (the cluster's seeded Random). */
export interface TieBreaker {
  int(n: number): number;
}

export interface FrameworkOptions {
  /** Plugins by name, in Filter order; the default profile when omitted. */
  plugins?: Record<string, Plugin>;
  /** KubeSchedulerConfiguration.percentageOfNodesToScore; 0 = adaptive. */
  percentageOfNodesToScore?: number;
  /** Use the fused loops of fast-path.ts for pods they cover (default profile only). Default true. */
  fastPath?: boolean;
}

/** A scheduling profile: its plugins sorted by extension point, and the round-robin start. */
export class Framework {
  readonly preFilterPlugins: PreFilterPlugin[];
  readonly filterPlugins: FilterPlugin[];
  readonly scorePlugins: ScorePlugin[];
  readonly percentageOfNodesToScore: number;
  private readonly fastPath: boolean;
  private nextStartNodeIndex = 0;
  /** The fused path's per-template answers of the label, taint and cordon filters. */
  private readonly verdicts = new NodeVerdictCache();
  /** Filter plugins left after PreFilter, by bitmask of the PreFilter plugins that said Skip: shared by every record. */
  private readonly filterSets = new Map<number, { filters: FilterPlugin[]; names: string[] }>();
  /** Score plugins that did not Skip, by bitmask over `scorePlugins`, with the records' name/weight list. */
  private readonly scoreSets = new Map<number, { plugins: ScorePlugin[]; entries: { name: string; weight: number }[]; fusable: boolean }>();
  /** The last fused filter pass: its feasible list and the node table its indexes refer to. */
  private fused: { feasible: readonly NodeInfo[]; table: NodeTable } | undefined;

  constructor(options: FrameworkOptions = {}) {
    const plugins = Object.values(options.plugins ?? defaultPlugins);
    this.preFilterPlugins = plugins.filter(hasPreFilter);
    this.filterPlugins = plugins.filter(hasFilter);
    this.scorePlugins = plugins.filter(hasScore);
    // The plugin subsets are cached by bitmask (see filterSets, scoreSets).
    if (this.preFilterPlugins.length > 30 || this.scorePlugins.length > 30) throw new Error('a profile has at most 30 PreFilter and 30 Score plugins');
    this.percentageOfNodesToScore = options.percentageOfNodesToScore ?? 0;
    this.fastPath = options.fastPath !== false && (!options.plugins || options.plugins === defaultPlugins);
  }

  /** Run one scheduling cycle; the decision says where the pod goes or why it cannot go anywhere. */
  schedulePod(pod: PodInfo, view: SchedulerView, random: TieBreaker, meta: { attempt: number; time: number }): { decision: SchedulingDecision; state: CycleState; filters: FilterPlugin[] } {
    const nodes = view.nodes();
    const state: CycleState = new Map();
    const decision = new DecisionRecord({ namespace: pod.namespace, name: pod.name, uid: pod.uid }, meta.attempt, meta.time, nodes.length, this.nextStartNodeIndex);
    if (nodes.length === 0) {
      decision.result = 'Error';
      decision.message = errNoNodesAvailable;
      return { decision, state, filters: [] };
    }
    const filters = this.runPreFilter(state, pod, view, decision);
    if (decision.preFilter) return { decision, state, filters };
    const feasible = this.findNodesThatFit(state, pod, view, filters, decision);
    if (!feasible.length) {
      decision.message = fitErrorMessage(nodes.length, { nodeToStatus: noStatuses, statuses: decision.rejectionStatuses() });
      return { decision, state, filters };
    }
    const totals = this.prioritizeNodes(state, pod, view, feasible, decision);
    decision.selectedNode = selectHost(feasible, totals, random).name;
    decision.result = 'Scheduled';
    return { decision, state, filters };
  }

  /** PreFilter: returns the Filter plugins still to run (those that did not say Skip). */
  private runPreFilter(state: CycleState, pod: PodInfo, view: SchedulerView, decision: DecisionRecord): FilterPlugin[] {
    let skippedMask = 0;
    for (let i = 0; i < this.preFilterPlugins.length; i++) {
      const plugin = this.preFilterPlugins[i];
      const status = plugin.preFilter(state, pod, view);
      if (status.code === 'Skip') skippedMask |= 1 << i;
      else if (status.code !== 'Success') {
        decision.preFilter = { plugin: plugin.name, reasons: status.reasons };
        // Every node shares the rejection, so preemption sees it too (and finds it unhelpful).
        const nodeStatus: Status = { code: status.code, reasons: status.reasons, plugin: plugin.name };
        const nodes = view.nodes();
        decision.setLists({ feasible: [], rejectedNodes: nodes.map((node) => node.name), rejectedStatuses: nodes.map(() => nodeStatus) });
        decision.message = fitErrorMessage(view.nodes().length, { nodeToStatus: nodeToStatus(decision), preFilterMsg: status.reasons.join(', ') });
        return [];
      }
    }
    let set = this.filterSets.get(skippedMask);
    if (!set) {
      const skipped = new Set(this.preFilterPlugins.filter((_, i) => skippedMask & (1 << i)).map((p) => p.name));
      const filters = this.filterPlugins.filter((p) => !skipped.has(p.name));
      set = { filters, names: filters.map((p) => p.name) };
      this.filterSets.set(skippedMask, set);
    }
    decision.filterPlugins = set.names;
    return set.filters;
  }

  /** Run the filters on one node; the first rejection wins (RunFilterPlugins). */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo, view: SchedulerView, filters: readonly FilterPlugin[]): Status {
    for (let f = 0; f < filters.length; f++) {
      const status = filters[f].filter(state, pod, node, view);
      if (status !== success && status.code !== 'Success') {
        if (status.plugin === undefined) status.plugin = filters[f].name;
        return status;
      }
    }
    return success;
  }

  /** Filter nodes from the round-robin start until enough feasible ones are found. */
  findNodesThatFit(state: CycleState, pod: PodInfo, view: SchedulerView, filters: readonly FilterPlugin[], decision: DecisionRecord): NodeInfo[] {
    const nodes = view.nodes();
    const n = nodes.length;
    const wanted = numFeasibleNodesToFind(n, this.percentageOfNodesToScore);
    const start = this.nextStartNodeIndex % n;
    // Sized once: growing it by push copied ~1,300 slots per pod to collect 420.
    const feasible = new Array<NodeInfo>(Math.min(wanted, n));
    this.fused = undefined;
    let processed = 0;
    // One verdict per evaluated node, in scan order, into the shared chunk (see decision-record.ts).
    const out = reserveVerdicts(n);
    const base = verdictBase();
    if (this.fastPath && canFuseFilters(filters)) {
      const affinity = filters.some((f) => f.name === 'NodeAffinity') ? (state.get('NodeAffinity/filter') as RequiredNodeAffinity) : undefined;
      const verdicts = this.verdicts.forPod(pod, nodes, affinity);
      const table = view.nodeTable?.();
      processed = fusedFindNodesThatFit(pod, nodes, table, start, wanted, verdicts, feasible, out, base);
      // The score loop reads the same table rows, by the indexes this pass recorded.
      if (table) this.fused = { feasible, table };
    } else {
      let found = 0;
      while (processed < n && found < wanted) {
        let index = start + processed;
        if (index >= n) index -= n;
        const node = nodes[index];
        processed++;
        const status = this.runFilters(state, pod, node, view, filters);
        out[base + processed - 1] = status;
        if (status === success) feasible[found++] = node;
      }
      feasible.length = found;
    }
    commitVerdicts(processed);
    this.nextStartNodeIndex = (start + processed) % n;
    decision.setScan(nodes, start, base, processed, feasible.length);
    return feasible;
  }

  /** The node table and feasible indexes when `feasible` is what the last fused filter pass found. */
  private tableFor(feasible: readonly NodeInfo[]): [NodeTable?, Int32Array?] {
    return this.fused?.feasible === feasible ? [this.fused.table, lastFeasibleIndexes()] : [];
  }

  /** Score feasible nodes: each plugin's scores are normalized to 0–100, weighted, and summed. */
  prioritizeNodes(state: CycleState, pod: PodInfo, view: SchedulerView, feasible: readonly NodeInfo[], decision: DecisionRecord): Float64Array {
    // Every score array of this record from one shared buffer, which the record holds until compacted.
    reserveScores((this.scorePlugins.length + 1) * feasible.length);
    const totals = scoreArray(feasible.length);
    decision.holdScores(holdScoreSlab());
    const scoresOfPlugins: Float64Array[] = [];
    // With one feasible node there is nothing to compare (schedulePod skips scoring too).
    if (feasible.length === 1) {
      decision.setScores(totals, scoresOfPlugins);
      return totals;
    }
    // Every PreScore runs (each fills the cycle state for its Score); the ones that Skip drop out.
    let activeMask = 0;
    for (let i = 0; i < this.scorePlugins.length; i++) {
      const plugin = this.scorePlugins[i];
      if (!plugin.preScore || plugin.preScore(state, pod, feasible, view).code === 'Success') activeMask |= 1 << i;
    }
    const set = this.scoreSet(activeMask);
    const active = set.plugins;
    const raw = this.fastPath && set.fusable ? fusedScores(state, pod, feasible, active, ...this.tableFor(feasible)) : undefined;
    for (let i = 0; i < active.length; i++) {
      const plugin = active[i];
      let scores = raw?.[i];
      if (!scores) {
        scores = scoreArray(feasible.length);
        for (let j = 0; j < feasible.length; j++) scores[j] = plugin.score(state, pod, feasible[j], view);
      }
      plugin.normalize?.(state, scores);
      // Read once: plugins are objects of different shapes, so `plugin.weight` in the loop is a megamorphic lookup per node.
      const weight = plugin.weight;
      const count = feasible.length;
      for (let j = 0; j < count; j++) totals[j] += scores[j] * weight;
      scoresOfPlugins.push(scores);
    }
    decision.setScores(totals, scoresOfPlugins);
    decision.scorePlugins = set.entries;
    return totals;
  }

  /** The score plugins of `mask` (bit i: scorePlugins[i] did not Skip), made once per combination. */
  private scoreSet(mask: number): { plugins: ScorePlugin[]; entries: { name: string; weight: number }[]; fusable: boolean } {
    let set = this.scoreSets.get(mask);
    if (!set) {
      const plugins = this.scorePlugins.filter((_, i) => mask & (1 << i));
      set = { plugins, entries: plugins.map((p) => ({ name: p.name, weight: p.weight })), fusable: canFuseScores(plugins) };
      this.scoreSets.set(mask, set);
    }
    return set;
  }
}

/** The highest total wins; among equal totals each has the same chance (reservoir sampling). */
export function selectHost(feasible: readonly NodeInfo[], totals: Float64Array, random: TieBreaker): NodeInfo {
  let best = 0;
  let ties = 1;
  for (let j = 1; j < feasible.length; j++) {
    if (totals[j] > totals[best]) {
      best = j;
      ties = 1;
    } else if (totals[j] === totals[best]) {
      ties++;
      if (random.int(ties) === 0) best = j;
    }
  }
  return feasible[best];
}
