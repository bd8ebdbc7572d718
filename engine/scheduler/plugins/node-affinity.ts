/**
 * NodeAffinity: `spec.nodeSelector` (every label must match) and the required node affinity terms
 * (at least one term must match) filter nodes; preferred terms add their weight to the score of
 * each node they match, rescaled so the best node gets 100.
 */
import type { NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import { anyTermMatches, termMatches } from '../selectors.ts';
import { constantStatus, maxNodeScore, skip, success, type FilterPlugin, type NodeInfo, type PodInfo, type PreFilterPlugin, type ScorePlugin } from '../types.ts';

/** `node(s) didn't match Pod's node affinity/selector`. */
export const errReasonPodNotMatchNodeSelector = "node(s) didn't match Pod's node affinity/selector";

function requiredTerms(pod: PodInfo): NodeSelectorTerm[] | undefined {
  return pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
}

/** The shared rejection status. */
export const nodeAffinityRejected = constantStatus('NodeAffinity', 'UnschedulableAndUnresolvable', errReasonPodNotMatchNodeSelector);

/** The pod's nodeSelector as pairs and its required terms, read once per cycle. */
export interface RequiredNodeAffinity {
  selector: [string, string][];
  terms: NodeSelectorTerm[] | undefined;
}

/** Read the pod's nodeSelector and required node affinity once. */
export function requiredNodeAffinity(pod: PodInfo): RequiredNodeAffinity {
  return { selector: Object.entries(pod.pod.spec?.nodeSelector ?? {}), terms: requiredTerms(pod) };
}

/** Whether the node satisfies the pod's nodeSelector and required node affinity (also used by PodTopologySpread). */
export function matchesRequiredNodeAffinity(required: RequiredNodeAffinity, node: NodeInfo): boolean {
  const labels = node.labels;
  for (let i = 0; i < required.selector.length; i++) if (labels[required.selector[i][0]] !== required.selector[i][1]) return false;
  return !required.terms || anyTermMatches(required.terms, node);
}

export const nodeAffinity = {
  name: 'NodeAffinity',
  weight: 2,
  preFilter(state, pod) {
    const required = requiredNodeAffinity(pod);
    if (!required.selector.length && !required.terms) return skip;
    state.set('NodeAffinity/filter', required);
    return success;
  },
  filter: (state, _pod, node) => (matchesRequiredNodeAffinity(state.get('NodeAffinity/filter') as RequiredNodeAffinity, node) ? success : nodeAffinityRejected),
  preScore(state, pod) {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (!preferred.length) return skip;
    state.set('NodeAffinity', preferred);
    return success;
  },
  score(state, _pod, node) {
    let total = 0;
    for (const term of state.get('NodeAffinity') as PreferredSchedulingTerm[]) {
      if (term.weight !== 0 && termMatches(term.preference, node)) total += term.weight;
    }
    return total;
  },
  normalize(_state, scores) {
    let max = 0;
    for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
    if (max > 0) for (let i = 0; i < scores.length; i++) scores[i] = Math.floor((maxNodeScore * scores[i]) / max);
  },
} satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;
