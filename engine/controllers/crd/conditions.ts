/**
 * CustomResourceDefinition conditions (apiextensions-apiserver's apihelpers): find one by type,
 * test it, and set it the way `SetCRDCondition` does — `lastTransitionTime` moves only when the
 * status flips, so re-asserting a condition does not look like a transition.
 */
import type { CustomResourceDefinitionCondition } from 'kubernetes-types/apiextensions/v1';
import type { KubeObject } from '../../api/types.ts';

/** The condition types the apiextensions controllers maintain. */
export type CrdConditionType = 'NamesAccepted' | 'Established' | 'Terminating' | 'NonStructuralSchema' | 'KubernetesAPIApprovalPolicyConformant';

/** A condition without its time: what a controller decides; the time is stamped when it is set. */
export interface CrdCondition {
  type: CrdConditionType;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

function conditionsOf(crd: KubeObject): CustomResourceDefinitionCondition[] {
  const conditions = (crd.status as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(conditions) ? (conditions as CustomResourceDefinitionCondition[]) : [];
}

/** `FindCRDCondition`: the condition of that type, if any. */
export function findCondition(crd: KubeObject, type: CrdConditionType): CustomResourceDefinitionCondition | undefined {
  return conditionsOf(crd).find((c) => c.type === type);
}

/** `IsCRDConditionTrue`. */
export function isConditionTrue(crd: KubeObject, type: CrdConditionType): boolean {
  return findCondition(crd, type)?.status === 'True';
}

/** `IsCRDConditionEquivalent`: same type, status, reason and message (times are ignored). */
export function isConditionEquivalent(wanted: CrdCondition, existing: CustomResourceDefinitionCondition | undefined): boolean {
  return existing !== undefined && existing.type === wanted.type && existing.status === wanted.status &&
    (existing.reason ?? '') === wanted.reason && (existing.message ?? '') === wanted.message;
}

/**
 * `SetCRDCondition` on a list of conditions: a new type is appended; an existing one keeps its
 * place and its `lastTransitionTime` unless the status changed. Fields are in the Go struct's
 * order (type, status, lastTransitionTime, reason, message), as the API server writes them.
 */
export function setCondition(conditions: readonly CustomResourceDefinitionCondition[], wanted: CrdCondition, time: string): CustomResourceDefinitionCondition[] {
  const index = conditions.findIndex((c) => c.type === wanted.type);
  const existing = index < 0 ? undefined : conditions[index];
  const transitioned = !existing || existing.status !== wanted.status || !existing.lastTransitionTime;
  const next: CustomResourceDefinitionCondition = {
    type: wanted.type,
    status: wanted.status,
    lastTransitionTime: transitioned ? time : existing.lastTransitionTime,
    reason: wanted.reason,
    message: wanted.message,
  };
  if (index < 0) return [...conditions, next];
  return conditions.map((c, i) => (i === index ? next : c));
}
