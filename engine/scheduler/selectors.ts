/**
 * Matching helpers shared by plugins: pod label selectors compiled once (with a cache key), and
 * node selector terms (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`, and `matchFields`
 * on `metadata.name`), as component-helpers/scheduling/corev1/nodeaffinity evaluates them.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { LabelSelector as K8sLabelSelector } from 'kubernetes-types/meta/v1';
import { labelSelectorAsSelector } from '../api/selectors/label-selector.ts';
import type { LabelSelector } from '../api/selectors/label-selector.ts';
import { matchLabels, selectorString } from '../api/selectors/labels.ts';
import type { MatchSelector, NodeInfo } from './types.ts';

const matchNothing: MatchSelector = { key: '<none>', matches: () => false };

/** Compile a metav1.LabelSelector (nil matches nothing; an invalid one matches nothing). */
export function compileSelector(selector: K8sLabelSelector | null | undefined, extra?: Readonly<Record<string, string>>): MatchSelector {
  const merged: LabelSelector | null | undefined = extra && selector
    ? { ...selector, matchLabels: { ...(selector.matchLabels ?? {}), ...extra } }
    : selector;
  const result = labelSelectorAsSelector(merged);
  if (!result.ok || result.value.nothing) return matchNothing;
  const compiled = result.value;
  return { key: selectorString(compiled), matches: (labels) => matchLabels(compiled, labels) };
}

/** One node selector requirement against the node's labels. */
function requirementMatches(req: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In': return value !== undefined && values.includes(value);
    case 'NotIn': return value === undefined || !values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && values.length === 1 && Number(value) > Number(values[0]);
    case 'Lt': return value !== undefined && values.length === 1 && Number(value) < Number(values[0]);
    default: return false;
  }
}

/** A term matches when all its expressions and fields match; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: NodeInfo): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!expressions.length && !fields.length) return false;
  for (const req of expressions) if (!requirementMatches(req, node.labels)) return false;
  for (const req of fields) {
    if (req.key !== 'metadata.name' || !requirementMatches({ ...req, key: 'name' }, { name: node.name })) return false;
  }
  return true;
}

/** Terms are ORed: the node must match at least one. */
export function anyTermMatches(terms: readonly NodeSelectorTerm[], node: NodeInfo): boolean {
  for (const term of terms) if (termMatches(term, node)) return true;
  return false;
}

/** v1helper.TolerationsTolerateTaint for one toleration. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  if (!toleration.key && toleration.operator !== 'Exists') return false;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** Whether any toleration tolerates the taint. */
export function tolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (tolerates(t, taint)) return true;
  return false;
}
