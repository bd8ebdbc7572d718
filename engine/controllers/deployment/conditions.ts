/**
 * Deployment conditions, as deployment_util.go handles them: a condition is replaced only when
 * its status or reason changes, and keeps its lastTransitionTime while its status stays the same.
 */
import { rfc3339 } from '../../clock.ts';
import type { KubeObject } from '../../api/types.ts';
import type { DeploymentCondition, DeploymentStatus } from './types.ts';
import { deploymentSpec } from './types.ts';

/** `math.MaxInt32`: a progressDeadlineSeconds that means "no deadline". */
const maxInt32 = 2147483647;

/** `HasProgressDeadline`. */
export function hasProgressDeadline(d: KubeObject): boolean {
  const seconds = deploymentSpec(d).progressDeadlineSeconds;
  return seconds !== undefined && seconds !== maxInt32;
}

/** `NewDeploymentCondition`: both times now. */
export function newCondition(type: string, status: string, reason: string, message: string, now: number): DeploymentCondition {
  const time = rfc3339(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

/** `GetDeploymentCondition`. */
export function getCondition(status: DeploymentStatus, type: string): DeploymentCondition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

/** `RemoveDeploymentCondition`. */
export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

/**
 * `SetDeploymentCondition`: no change when status and reason are the same; otherwise the
 * condition moves to the end of the list, keeping lastTransitionTime if only the reason changed.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}
