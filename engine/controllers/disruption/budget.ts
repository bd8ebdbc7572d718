/**
 * A PodDisruptionBudget's arithmetic (pkg/controller/disruption and
 * component-helpers/apps/poddisruptionbudget), apart from any API: how many pods are expected
 * and must stay healthy, how many are healthy now, how many may be disrupted, and the
 * DisruptionAllowed condition. Pure functions, tested by tables.
 */
import { rfc3339 } from '../../clock.ts';
import type { KubeObject } from '../../api/types.ts';

/** How long an eviction the API server approved may take before the pod counts again (DeletionTimeout). */
export const deletionTimeoutMs = 2 * 60_000;

export interface BudgetSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  unhealthyPodEvictionPolicy?: string;
}

export interface Condition {
  type: string;
  status: string;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface BudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as it is, "N%" of `total`, rounded up or down.
 * Example: "50%" of 5 rounded up → 3.
 */
export function scaledValue(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: invalid value "${value}"`);
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** Whether the budget needs its pods' controllers' scale (maxUnavailable, or minAvailable as a percentage). */
export function needsScale(spec: BudgetSpec): boolean {
  return spec.maxUnavailable !== undefined || typeof spec.minAvailable === 'string';
}

/**
 * getExpectedPodCount: with maxUnavailable, expected = the controllers' scale and desired =
 * expected − maxUnavailable (percentages round up: maxUnavailable 25% of 3 → 1, desired 2);
 * with an int minAvailable, expected = the pods found and desired = minAvailable; with a
 * percentage minAvailable, desired = that share of the scale, rounded up.
 */
export function expectedAndDesired(spec: BudgetSpec, podCount: number, scale: number): { expectedCount: number; desiredHealthy: number } {
  if (spec.maxUnavailable !== undefined) {
    const desiredHealthy = Math.max(0, scale - scaledValue(spec.maxUnavailable, scale, true));
    return { expectedCount: scale, desiredHealthy };
  }
  if (typeof spec.minAvailable === 'number') return { expectedCount: podCount, desiredHealthy: spec.minAvailable };
  if (typeof spec.minAvailable === 'string') return { expectedCount: scale, desiredHealthy: scaledValue(spec.minAvailable, scale, true) };
  return { expectedCount: 0, desiredHealthy: 0 };
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * buildDisruptedPodMap: keep the evictions still expected to happen (pod not yet deleting, less
 * than 2 min old). Returns them, the pods whose eviction never happened (for a NotDeleted
 * event), and when to look again.
 */
export function disruptedPodMap(pods: KubeObject[], disrupted: Record<string, string> | undefined, now: number): { kept: Record<string, string>; notDeleted: KubeObject[]; recheckAt?: number } {
  const kept: Record<string, string> = {};
  const notDeleted: KubeObject[] = [];
  let recheckAt: number | undefined;
  if (!disrupted) return { kept, notDeleted };
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = disrupted[pod.metadata.name!];
    if (at === undefined) continue;
    const expectedDeletion = Date.parse(at) + deletionTimeoutMs;
    if (expectedDeletion < now) {
      notDeleted.push(pod);
      continue;
    }
    if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
    kept[pod.metadata.name!] = at;
  }
  return { kept, notDeleted, recheckAt };
}

/** countHealthyPods: ready pods that are neither deleting nor about to be evicted. */
export function countHealthyPods(pods: KubeObject[], disrupted: Record<string, string>, now: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = disrupted[pod.metadata.name!];
    if (at !== undefined && Date.parse(at) + deletionTimeoutMs > now) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** disruptionsAllowed = currentHealthy − desiredHealthy, never below 0, and 0 while no pods are expected. */
export function disruptionsAllowed(currentHealthy: number, desiredHealthy: number, expectedCount: number): number {
  const allowed = currentHealthy - desiredHealthy;
  return expectedCount <= 0 || allowed <= 0 ? 0 : allowed;
}

/**
 * meta.SetStatusCondition: replace the condition of the same type, keeping lastTransitionTime
 * unless the status changes.
 */
export function setCondition(conditions: Condition[] | undefined, wanted: Omit<Condition, 'lastTransitionTime'>, now: number): Condition[] {
  const list = (conditions ?? []).map((c) => ({ ...c }));
  const existing = list.find((c) => c.type === wanted.type);
  if (!existing) return [...list, { ...wanted, lastTransitionTime: rfc3339(now) }];
  const lastTransitionTime = existing.status === wanted.status ? existing.lastTransitionTime : rfc3339(now);
  Object.assign(existing, wanted, { lastTransitionTime });
  return list;
}

/** UpdateDisruptionAllowedCondition: True/SufficientPods while disruptions are allowed, else False/InsufficientPods. */
export function withDisruptionAllowedCondition(status: BudgetStatus, now: number): BudgetStatus {
  const allowed = status.disruptionsAllowed > 0;
  const conditions = setCondition(status.conditions, {
    type: 'DisruptionAllowed', status: allowed ? 'True' : 'False', observedGeneration: status.observedGeneration,
    reason: allowed ? 'SufficientPods' : 'InsufficientPods', message: '',
  }, now);
  return { ...status, conditions };
}

/** ConditionsAreUpToDate: the condition agrees with disruptionsAllowed for this generation. */
export function conditionsAreUpToDate(status: BudgetStatus, generation: number): boolean {
  const condition = status.conditions?.find((c) => c.type === 'DisruptionAllowed');
  if (!condition || status.observedGeneration !== generation) return false;
  return status.disruptionsAllowed > 0
    ? condition.status === 'True' && condition.reason === 'SufficientPods'
    : condition.status === 'False' && condition.reason === 'InsufficientPods';
}
