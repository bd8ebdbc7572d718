/**
 * DefaultPreemption (the PostFilter): when no node fits, look for a node where evicting pods of
 * lower priority would make room. On each node: if the filter that rejected it cannot be fixed
 * by evicting (a taint, affinity) → `Preemption is not helpful for scheduling`; with no
 * lower-priority pods → `No preemption victims found for incoming pod`; otherwise remove them all,
 * check the pod fits, then give back ("reprieve") as many as possible, highest priority first.
 * The best candidate evicts the least important pods: lowest top victim priority, then lowest
 * priority sum, then fewest victims.
 */
import { fitErrorMessage } from './fit-error.ts';
import type { Framework } from './framework.ts';
import { addPodToNode, nodeWithout, removePodFromNode } from './node-info.ts';
import { unresolvable, type CycleState, type FilterPlugin, type NodeInfo, type PodInfo, type SchedulerView, type Status } from './types.ts';

/** `Preemption is not helpful for scheduling`. */
export const errPreemptionNotHelpful = 'Preemption is not helpful for scheduling';
/** `No preemption victims found for incoming pod`. */
export const errNoVictims = 'No preemption victims found for incoming pod';

/** The outcome of a preemption attempt: a node to nominate and pods to evict, or the reason there is none. */
export interface PreemptionResult {
  nominatedNode?: string;
  victims: PodInfo[];
  /** The PostFilter message appended to FailedScheduling when preemption did not help. */
  message?: string;
}

interface Candidate {
  node: string;
  victims: PodInfo[];
}

/** Find victims on one node, or the status saying why there are none (SelectVictimsOnNode). */
function selectVictimsOnNode(framework: Framework, state: CycleState, pod: PodInfo, node: NodeInfo, view: SchedulerView, filters: readonly FilterPlugin[]): Candidate | Status {
  const lower: PodInfo[] = [];
  for (const p of node.pods.values()) if (p.priority < pod.priority) lower.push(p);
  if (!lower.length) return unresolvable(errNoVictims);
  const trial = nodeWithout(node, lower);
  const status = framework.runFilters(state, pod, trial, view, filters);
  if (status.code !== 'Success') return status;
  // Reprieve the most important pods first; whoever no longer fits becomes a victim.
  lower.sort((a, b) => b.priority - a.priority || a.created - b.created);
  const victims: PodInfo[] = [];
  for (const p of lower) {
    addPodToNode(trial, p);
    if (framework.runFilters(state, pod, trial, view, filters).code !== 'Success') {
      removePodFromNode(trial, p);
      victims.push(p);
    }
  }
  return { node: node.name, victims };
}

function better(a: Candidate, b: Candidate): boolean {
  const top = (c: Candidate): number => Math.max(...c.victims.map((v) => v.priority));
  const sum = (c: Candidate): number => c.victims.reduce((s, v) => s + v.priority, 0);
  if (top(a) !== top(b)) return top(a) < top(b);
  if (sum(a) !== sum(b)) return sum(a) < sum(b);
  return a.victims.length < b.victims.length;
}

/** Try to make room for `pod`, given each node's rejection from the scheduling cycle. */
export function preempt(framework: Framework, state: CycleState, pod: PodInfo, nodeToStatus: ReadonlyMap<string, Status>, view: SchedulerView, filters: readonly FilterPlugin[]): PreemptionResult {
  if (pod.pod.spec?.preemptionPolicy === 'Never') {
    return { victims: [], message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  }
  const nodes = view.nodes();
  const statuses = new Map<string, Status>();
  let best: Candidate | undefined;
  for (const node of nodes) {
    const rejected = nodeToStatus.get(node.name);
    if (!rejected || rejected.code === 'UnschedulableAndUnresolvable') {
      statuses.set(node.name, unresolvable(errPreemptionNotHelpful));
      continue;
    }
    const found = selectVictimsOnNode(framework, state, pod, node, view, filters);
    if ('victims' in found) {
      if (found.victims.length && (!best || better(found, best))) best = found;
    } else {
      statuses.set(node.name, found);
    }
  }
  if (best) return { nominatedNode: best.node, victims: best.victims };
  return { victims: [], message: `preemption: ${fitErrorMessage(nodes.length, { nodeToStatus: statuses })}` };
}
