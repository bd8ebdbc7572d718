/**
 * The FailedScheduling text (framework.FitError.Error): `0/N nodes are available: ` and then
 * either the PreFilter rejection, or a histogram of per-node reasons — `<count> <reason>`, sorted
 * as strings and joined with `, ` — then `.`, then the preemption attempt's own text if it ran.
 * Example: `0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 * 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling,
 * 3 No preemption victims found for incoming pod.`
 */
import type { Status } from './types.ts';

/** What went wrong for a pod across the cluster (framework.Diagnosis). */
export interface Diagnosis {
  /** Each rejected node's status. */
  nodeToStatus: ReadonlyMap<string, Status>;
  /** The same statuses without the node names (each node once): the scheduling cycle passes these and no map. */
  statuses?: readonly Status[];
  /** Set when a PreFilter rejected the pod before any node was looked at. */
  preFilterMsg?: string;
  /** The PostFilter (preemption) text, when preemption ran and did not help. */
  postFilterMsg?: string;
}

/** `<count> <reason>` entries, sorted as strings (so `1 …` sorts before `3 …`, and `10 …` before `2 …`). */
export function reasonHistogram(nodeToStatus: ReadonlyMap<string, Status> | readonly Status[]): string[] {
  // Most rejections share a handful of constant statuses: count those objects, then their reasons.
  const byStatus = new Map<Status, number>();
  for (const status of nodeToStatus.values()) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const [status, n] of byStatus) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + n);
  }
  return [...counts].map(([reason, count]) => `${count} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The full FitError message for `numAllNodes` nodes. */
export function fitErrorMessage(numAllNodes: number, diagnosis: Diagnosis): string {
  let message = `0/${numAllNodes} nodes are available:`;
  if (diagnosis.preFilterMsg) message += ` ${diagnosis.preFilterMsg}.`;
  else message += ` ${reasonHistogram(diagnosis.statuses ?? diagnosis.nodeToStatus).join(', ')}.`;
  if (diagnosis.postFilterMsg) message += ` ${diagnosis.postFilterMsg}`;
  return message;
}
