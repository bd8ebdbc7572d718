/**
 * The pod predicates the StatefulSet controller decides by (stateful_set_utils.go). Note
 * `isCreated`: a pod the API server has stored always has a phase (Pending at least), so a pod
 * object without one is a placeholder for an ordinal that still has to be created.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodAvailable, isPodReady, podStatus } from '../replicaset/types.ts';

/** `isCreated`: the API server has stored it (it has a phase). */
export function isCreated(pod: KubeObject): boolean {
  return !!podStatus(pod).phase;
}

/** `isPending`. */
export function isPending(pod: KubeObject): boolean {
  return podStatus(pod).phase === 'Pending';
}

/** `isFailed`. */
export function isFailed(pod: KubeObject): boolean {
  return podStatus(pod).phase === 'Failed';
}

/** `isSucceeded`. */
export function isSucceeded(pod: KubeObject): boolean {
  return podStatus(pod).phase === 'Succeeded';
}

/** `isTerminating`: a deletionTimestamp is set. */
export function isTerminating(pod: KubeObject): boolean {
  return !!pod.metadata.deletionTimestamp;
}

/** `isRunningAndReady`: phase Running and the Ready condition True. */
export function isRunningAndReady(pod: KubeObject): boolean {
  return podStatus(pod).phase === 'Running' && isPodReady(pod);
}

/** `isRunningAndAvailable`: `podutil.IsPodAvailable` — Ready for more than minReadySeconds. */
export function isRunningAndAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  return isPodAvailable(pod, minReadySeconds, now);
}

/** `isHealthy`: Running, Ready and not being deleted. */
export function isHealthy(pod: KubeObject): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}
