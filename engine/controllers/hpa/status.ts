/**
 * The HPA's status as the controller writes it: conditions that keep their place and their
 * lastTransitionTime until their status flips (`setConditionInList`), and the status block rebuilt
 * each sync (`setStatus`).
 */
import { rfc3339 } from '../../clock.ts';

/** One autoscaling/v2 HorizontalPodAutoscalerCondition. */
export interface HpaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The autoscaling/v2 status fields the controller writes. */
export interface HpaStatus {
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas: number;
  currentMetrics?: unknown[];
  conditions?: HpaCondition[];
}

/** Set a condition in place (appending a new type); its time changes only when its status does. */
export function setCondition(conditions: HpaCondition[], type: string, status: 'True' | 'False', reason: string, message: string, now: number): HpaCondition[] {
  const list = conditions.map((c) => ({ ...c }));
  let existing = list.find((c) => c.type === type);
  if (!existing) list.push((existing = { type, status }));
  if (existing.status !== status || !existing.lastTransitionTime) existing.lastTransitionTime = rfc3339(now);
  existing.status = status;
  existing.reason = reason;
  existing.message = message;
  return list.map(({ type: t, status: s, lastTransitionTime, reason: r, message: m }) => ({ type: t, status: s, lastTransitionTime, reason: r, message: m }));
}

/** `setStatus`: the replicas and metrics of this sync; lastScaleTime moves only on a rescale. */
export function buildStatus(previous: HpaStatus, conditions: HpaCondition[], currentReplicas: number, desiredReplicas: number, metrics: unknown[] | undefined, rescaledAt?: number): HpaStatus {
  const status: HpaStatus = { desiredReplicas };
  const lastScaleTime = rescaledAt !== undefined ? rfc3339(rescaledAt) : previous.lastScaleTime;
  if (lastScaleTime) status.lastScaleTime = lastScaleTime;
  if (currentReplicas) status.currentReplicas = currentReplicas;
  if (metrics?.length) status.currentMetrics = metrics;
  if (conditions.length) status.conditions = conditions;
  return { lastScaleTime: status.lastScaleTime, currentReplicas: status.currentReplicas, desiredReplicas, currentMetrics: status.currentMetrics, conditions: status.conditions };
}
