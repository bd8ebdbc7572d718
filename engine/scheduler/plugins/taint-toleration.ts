/**
 * TaintToleration: a node's NoSchedule and NoExecute taints keep out every pod that does not
 * tolerate them (`node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }`);
 * PreferNoSchedule taints only lower the node's score, by how many of them the pod does not tolerate.
 */
import type { Toleration } from 'kubernetes-types/core/v1';
import { tolerated } from '../selectors.ts';
import { constantStatus, maxNodeScore, success, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from '../types.ts';

/** The reason for the first untolerated NoSchedule/NoExecute taint, as `{key: value}`. */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

/** One shared status per distinct taint, so rejecting a node allocates nothing. */
const rejections = new Map<string, Status>();

function rejection(key: string, value: string | undefined): Status {
  const cacheKey = `${key}\u0000${value ?? ''}`;
  let status = rejections.get(cacheKey);
  if (!status) {
    status = constantStatus('TaintToleration', 'UnschedulableAndUnresolvable', untoleratedTaintReason(key, value));
    if (rejections.size > 1000) rejections.clear();
    rejections.set(cacheKey, status);
  }
  return status;
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate, as a status (shared with fast-path.ts). */
export function checkTaints(tolerations: readonly Toleration[], node: NodeInfo): Status {
  const taints = node.taints;
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i];
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerated(tolerations, taint)) return rejection(taint.key, taint.value);
  }
  return success;
}

/** How many PreferNoSchedule taints the pod does not tolerate: the raw score (lower is better). */
export function countIntolerablePreferNoSchedule(preferTolerations: readonly Toleration[], node: NodeInfo): number {
  let count = 0;
  for (const taint of node.taints) if (taint.effect === 'PreferNoSchedule' && !tolerated(preferTolerations, taint)) count++;
  return count;
}

export const taintToleration = {
  name: 'TaintToleration',
  weight: 3,
  filter: (_state, pod, node) => checkTaints(pod.tolerations, node),
  preScore(state, pod) {
    state.set('TaintToleration', pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule'));
    return success;
  },
  score: (state, _pod, node) => countIntolerablePreferNoSchedule(state.get('TaintToleration') as Toleration[], node),
  normalize(_state, scores) {
    // DefaultNormalizeScore(reverse): the node with the most intolerable taints gets 0, one with none 100.
    let max = 0;
    for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
    for (let i = 0; i < scores.length; i++) scores[i] = max === 0 ? maxNodeScore : maxNodeScore - Math.floor((maxNodeScore * scores[i]) / max);
  },
} satisfies FilterPlugin & ScorePlugin;
