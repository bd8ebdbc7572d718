/**
 * NodeUnschedulable: a cordoned node (`kubectl cordon` sets `spec.unschedulable`) takes no new
 * pods, unless the pod tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import { tolerated } from '../selectors.ts';
import { constantStatus, success, type FilterPlugin, type NodeInfo, type PodInfo, type Status } from '../types.ts';

/** `node(s) were unschedulable`. */
export const errReasonUnschedulable = 'node(s) were unschedulable';

const rejected = constantStatus('NodeUnschedulable', 'UnschedulableAndUnresolvable', errReasonUnschedulable);

const unschedulableTaint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

/** Whether the pod tolerates cordoned nodes (read once per pod). */
export function toleratesUnschedulable(pod: PodInfo): boolean {
  return tolerated(pod.tolerations, unschedulableTaint);
}

/** The per-node check, shared with the fused loop in fast-path.ts. */
export function checkUnschedulable(node: NodeInfo, tolerates: boolean): Status {
  return !node.unschedulable || tolerates ? success : rejected;
}

export const nodeUnschedulable = {
  name: 'NodeUnschedulable',
  filter: (_state, pod, node) => checkUnschedulable(node, toleratesUnschedulable(pod)),
} satisfies FilterPlugin;
