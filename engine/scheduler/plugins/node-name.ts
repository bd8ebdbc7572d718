/**
 * NodeName: a pod that already names a node (`spec.nodeName`) fits only that node. The scheduler
 * never sees such pods (the kubelet takes them directly), but the plugin is part of the default
 * profile, and preemption's dry run uses it.
 */
import { constantStatus, skip, success, type FilterPlugin, type PreFilterPlugin } from '../types.ts';

/** `node(s) didn't match the requested node name`. */
export const errReasonNodeName = "node(s) didn't match the requested node name";

const rejected = constantStatus('NodeName', 'UnschedulableAndUnresolvable', errReasonNodeName);

export const nodeName = {
  name: 'NodeName',
  preFilter: (_state, pod) => (pod.pod.spec?.nodeName ? success : skip),
  filter: (_state, pod, node) => (pod.pod.spec?.nodeName === node.name ? success : rejected),
} satisfies PreFilterPlugin & FilterPlugin;
