/**
 * InterPodAffinity: place a pod near (affinity) or away from (anti-affinity) pods matching a
 * selector, "near" meaning the same value of the term's topology key. Existing pods' required
 * anti-affinity is respected too: a pod that says "no `app=db` in my zone" keeps new `app=db` pods
 * out of its zone. Preferred terms score by weight × matching pods in the node's domain.
 */
import type { PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { compileSelector } from '../selectors.ts';
import { constantStatus, maxNodeScore, skip, success, type FilterPlugin, type MatchSelector, type NodeInfo, type PodInfo, type PreFilterPlugin, type ScorePlugin, type SchedulerView } from '../types.ts';

/** `node(s) didn't match pod affinity rules`. */
export const errReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
/** `node(s) didn't match pod anti-affinity rules`. */
export const errReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
/** `node(s) didn't satisfy existing pods anti-affinity rules`. */
export const errReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";

const affinityRejected = constantStatus('InterPodAffinity', 'UnschedulableAndUnresolvable', errReasonAffinityRulesNotMatch);
const antiAffinityRejected = constantStatus('InterPodAffinity', 'Unschedulable', errReasonAntiAffinityRulesNotMatch);
const existingAntiAffinityRejected = constantStatus('InterPodAffinity', 'Unschedulable', errReasonExistingAntiAffinityRulesNotMatch);

interface Term {
  topologyKey: string;
  namespaces: readonly string[] | undefined;
  selector: MatchSelector;
  weight: number;
  counts: ReadonlyMap<string, number>;
}

interface FilterState {
  affinity: Term[];
  antiAffinity: Term[];
  /** `topologyKey=value` pairs where an existing pod's anti-affinity forbids this pod. */
  forbidden: Set<string>;
  /** No pod anywhere matches the affinity terms, but the pod matches them itself: the first of its group may go anywhere. */
  selfAffinityAllowed: boolean;
}

/** The namespaces a term looks in: its list, all of them for an empty namespaceSelector, else the pod's own. */
function termNamespaces(term: PodAffinityTerm, namespace: string): readonly string[] | undefined {
  if (term.namespaces?.length) return term.namespaces;
  const nsSelector = term.namespaceSelector;
  if (nsSelector && !nsSelector.matchLabels && !nsSelector.matchExpressions?.length) return undefined;
  return [namespace];
}

function compileTerm(pod: PodInfo, term: PodAffinityTerm, weight: number, view: SchedulerView): Term {
  const namespaces = termNamespaces(term, pod.namespace);
  const selector = compileSelector(term.labelSelector);
  return { topologyKey: term.topologyKey, namespaces, selector, weight, counts: view.countMatching(namespaces, selector, term.topologyKey) };
}

function termMatchesPod(term: PodAffinityTerm, owner: PodInfo, pod: PodInfo): boolean {
  const namespaces = termNamespaces(term, owner.namespace);
  if (namespaces && !namespaces.includes(pod.namespace)) return false;
  return compileSelector(term.labelSelector).matches(pod.labels);
}

function inDomainWithMatches(term: Term, node: NodeInfo): boolean {
  const domain = node.labels[term.topologyKey];
  return domain !== undefined && (term.counts.get(domain) ?? 0) > 0;
}

export const interPodAffinity = {
  name: 'InterPodAffinity',
  weight: 2,
  preFilter(state, pod, view) {
    const affinity = pod.pod.spec?.affinity;
    const required = affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    const anti = affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    const forbidden = new Set<string>();
    for (const existing of view.podsWithRequiredAntiAffinity()) {
      const node = view.node(existing.nodeName);
      if (!node) continue;
      for (const term of existing.pod.spec!.affinity!.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution!) {
        const domain = node.labels[term.topologyKey];
        if (domain !== undefined && termMatchesPod(term, existing, pod)) forbidden.add(`${term.topologyKey}=${domain}`);
      }
    }
    if (!required.length && !anti.length && !forbidden.size) return skip;
    const affinityTerms = required.map((t) => compileTerm(pod, t, 1, view));
    const selfAffinityAllowed = affinityTerms.length > 0
      && affinityTerms.every((t) => t.counts.size === 0 || [...t.counts.values()].every((n) => n === 0))
      && required.every((t) => termMatchesPod(t, pod, pod));
    state.set('InterPodAffinity/filter', {
      affinity: affinityTerms,
      antiAffinity: anti.map((t) => compileTerm(pod, t, 1, view)),
      forbidden,
      selfAffinityAllowed,
    } satisfies FilterState);
    return success;
  },
  filter(state, _pod, node) {
    const s = state.get('InterPodAffinity/filter') as FilterState;
    if (s.affinity.length) {
      const ok = s.selfAffinityAllowed
        ? s.affinity.every((t) => node.labels[t.topologyKey] !== undefined)
        : s.affinity.every((t) => inDomainWithMatches(t, node));
      if (!ok) return affinityRejected;
    }
    for (const t of s.antiAffinity) if (inDomainWithMatches(t, node)) return antiAffinityRejected;
    if (s.forbidden.size) {
      for (const pair of s.forbidden) {
        const eq = pair.indexOf('=');
        if (node.labels[pair.slice(0, eq)] === pair.slice(eq + 1)) return existingAntiAffinityRejected;
      }
    }
    return success;
  },
  preScore(state, pod, _nodes, view) {
    const affinity = pod.pod.spec?.affinity;
    const preferred: WeightedPodAffinityTerm[] = affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const preferredAnti: WeightedPodAffinityTerm[] = affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (!preferred.length && !preferredAnti.length) return skip;
    state.set('InterPodAffinity/score', [
      ...preferred.map((t) => compileTerm(pod, t.podAffinityTerm, t.weight, view)),
      ...preferredAnti.map((t) => compileTerm(pod, t.podAffinityTerm, -t.weight, view)),
    ]);
    return success;
  },
  score(state, _pod, node) {
    let score = 0;
    for (const term of state.get('InterPodAffinity/score') as Term[]) {
      const domain = node.labels[term.topologyKey];
      if (domain !== undefined) score += term.weight * (term.counts.get(domain) ?? 0);
    }
    return score;
  },
  normalize(_state, scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.floor((maxNodeScore * (scores[i] - min)) / diff) : 0;
  },
} satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;
