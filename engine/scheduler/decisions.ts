/**
 * Decision records: for each scheduling attempt, what each filter said about each node, what each
 * score plugin gave each feasible node, and the choice. The FailedScheduling message is computed
 * from the same record, so the lab's "why here / why Pending" panel and the event never disagree.
 * Records are stored compactly (see decision-record.ts: per-node lists are made when read); `explainDecision` expands one.
 */
import { DecisionRecord } from './decision-record.ts';
import type { Code, Status } from './types.ts';

/** One scheduling attempt of one pod. */
export interface SchedulingDecision {
  pod: { namespace: string; name: string; uid: string };
  /** 1 for the first attempt, then counting. */
  attempt: number;
  /** Virtual time of the attempt, ms. */
  time: number;
  result: 'Scheduled' | 'Unschedulable' | 'Error';
  numAllNodes: number;
  /** Nodes examined: the scan stops once enough feasible nodes are found (percentageOfNodesToScore). */
  evaluatedNodes: number;
  /** The node scan started here (round-robin, so consecutive pods look at different nodes first). */
  startIndex: number;
  /** Filter plugins that ran, in order; PreFilter `Skip` leaves a plugin out. */
  filterPlugins: string[];
  /** A PreFilter that rejected the pod outright. */
  preFilter?: { plugin: string; reasons: readonly string[] };
  /** Rejected nodes, and (same index) the status of the filter that rejected each: arrays, not a Map, because the hot loop appends hundreds per pod. */
  rejectedNodes: string[];
  rejectedStatuses: Status[];
  /** Nodes that passed every filter, in the order found. */
  feasible: string[];
  /** Score plugins that ran, with their weights; `scores[i][j]` is plugin i's normalized score for feasible[j]. */
  scorePlugins: { name: string; weight: number }[];
  scores: Float64Array[];
  /** Weighted sums per feasible node. */
  totals: Float64Array | undefined;
  selectedNode?: string;
  /** The FailedScheduling message when unschedulable. */
  message?: string;
  preemption?: { message?: string; nominatedNode?: string; victims: string[] };
  /** Set once the per-node detail was dropped to save memory (only the newest attempts keep it). */
  compacted?: { feasibleNodes: number; rejectedNodes: number };
}

/** A node's part of a decision, expanded for display. */
export interface NodeDecision {
  node: string;
  /** Each filter that ran on this node, in order; a failure ends the list. */
  filters: { plugin: string; code: Code; reasons: readonly string[] }[];
  /** Normalized score and weight per plugin, for scored nodes. */
  scores?: { plugin: string; score: number; weight: number }[];
  total?: number;
  selected: boolean;
}

/** Each rejected node's status (framework.NodeToStatus), for the FitError and preemption. */
export function nodeToStatus(decision: SchedulingDecision): Map<string, Status> {
  const map = new Map<string, Status>();
  for (let i = 0; i < decision.rejectedNodes.length; i++) map.set(decision.rejectedNodes[i], decision.rejectedStatuses[i]);
  return map;
}

/** Drop a decision's per-node detail, keeping its counts. */
function compact(decision: SchedulingDecision): void {
  if (decision instanceof DecisionRecord) return decision.compact();
  decision.compacted = { feasibleNodes: decision.feasible.length, rejectedNodes: decision.rejectedNodes.length };
  decision.rejectedNodes = [];
  decision.rejectedStatuses = [];
  decision.feasible = [];
  decision.scores = [];
  decision.totals = undefined;
}

/** Expand a decision into one entry per node it looked at (empty once compacted). */
export function explainDecision(decision: SchedulingDecision): NodeDecision[] {
  const out: NodeDecision[] = [];
  for (const [node, status] of nodeToStatus(decision)) {
    const filters: NodeDecision['filters'] = [];
    for (const plugin of decision.filterPlugins) {
      if (plugin === status.plugin) break;
      filters.push({ plugin, code: 'Success', reasons: [] });
    }
    filters.push({ plugin: status.plugin ?? decision.preFilter?.plugin ?? '', code: status.code, reasons: status.reasons });
    out.push({ node, filters, selected: false });
  }
  decision.feasible.forEach((node, j) => {
    const entry: NodeDecision = {
      node,
      filters: decision.filterPlugins.map((plugin) => ({ plugin, code: 'Success' as const, reasons: [] })),
      selected: node === decision.selectedNode,
    };
    if (decision.totals) {
      entry.scores = decision.scorePlugins.map((p, i) => ({ plugin: p.name, score: decision.scores[i][j], weight: p.weight }));
      entry.total = decision.totals[j];
    }
    out.push(entry);
  });
  return out;
}

/**
 * The latest decision per pod uid, bounded: the oldest pods are forgotten first. Per-node detail
 * costs kilobytes per attempt at 1,000 nodes, so only the newest `detailCapacity` attempts keep
 * it; older ones keep the outcome, the message and the node counts.
 */
export class SchedulerDecisions {
  private byUid = new Map<string, SchedulingDecision>();
  private detailed: SchedulingDecision[] = [];
  private detailedHead = 0;

  constructor(private readonly capacity = 10_000, private readonly detailCapacity = 1_000) {}

  record(decision: SchedulingDecision): void {
    this.byUid.delete(decision.pod.uid);
    this.byUid.set(decision.pod.uid, decision);
    if (this.byUid.size > this.capacity) this.byUid.delete(this.byUid.keys().next().value!);
    this.detailed.push(decision);
    if (this.detailed.length - this.detailedHead > this.detailCapacity) {
      compact(this.detailed[this.detailedHead]);
      this.detailed[this.detailedHead++] = undefined as unknown as SchedulingDecision;
      if (this.detailedHead > 4096 && this.detailedHead * 2 > this.detailed.length) {
        this.detailed = this.detailed.slice(this.detailedHead);
        this.detailedHead = 0;
      }
    }
  }

  /** The latest attempt for a pod uid. */
  get(uid: string): SchedulingDecision | undefined {
    return this.byUid.get(uid);
  }

  /** The latest attempt for `namespace/name` (a scan; for the lab, not the hot loop). */
  find(namespace: string, name: string): SchedulingDecision | undefined {
    let found: SchedulingDecision | undefined;
    for (const d of this.byUid.values()) if (d.pod.namespace === namespace && d.pod.name === name) found = d;
    return found;
  }

  get size(): number {
    return this.byUid.size;
  }

  /** Forget a pod's record (it was deleted): the API serves records of existing pods only. */
  forget(uid: string): void {
    this.byUid.delete(uid);
  }

  /** Every pod's latest record, oldest pod first. */
  values(): IterableIterator<SchedulingDecision> {
    return this.byUid.values();
  }
}
