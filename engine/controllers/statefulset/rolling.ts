/**
 * RollingUpdate for StatefulSets: replace pods from the highest ordinal down to the partition,
 * one step per sync. In v1.32 the MaxUnavailableStatefulSet feature gate is alpha and off, so a
 * set replaces one pod at a time and waits for it to be healthy again, whatever
 * `rollingUpdate.maxUnavailable` says. With the gate on, up to maxUnavailable pods (an int or a
 * percentage of replicas rounded down, at least 1) may be unavailable at once.
 *
 * Example, 5 replicas and partition 3, gate off: web-4 is deleted; once its replacement (at the
 * update revision) is Running and Ready, web-3 is deleted; web-0…web-2 keep the old revision.
 */
import type { KubeObject } from '../../api/types.ts';
import { scaledValue } from '../deployment/arithmetic.ts';
import { podRevision } from './identity.ts';
import { isHealthy, isTerminating } from './pod-state.ts';
import type { StatefulPodControl } from './pod-control.ts';
import { ApiError } from './pod-control.ts';
import type { StatefulSetStatus } from './types.ts';
import { replicasOf, setSpec } from './types.ts';

/** Feature gates that change this controller's behaviour (v1.32 defaults: all off). */
export interface StatefulSetGates {
  /** MaxUnavailableStatefulSet (alpha in v1.32). */
  maxUnavailableStatefulSet?: boolean;
}

/** `getStatefulSetMaxUnavailable`: 1 by default; percentages round down; never below 1. */
export function statefulSetMaxUnavailable(value: number | string | undefined, replicas: number): number {
  return Math.max(1, scaledValue(value ?? 1, replicas, false));
}

/** One rolling-update step over the pods in ordinal range (`replicas`, index = ordinal − start). */
export function rollingUpdate(
  set: KubeObject, replicas: KubeObject[], updateRevision: string, status: StatefulSetStatus,
  podControl: StatefulPodControl, gates: StatefulSetGates,
): void {
  const rollingSpec = setSpec(set).updateStrategy?.rollingUpdate;
  const updateMin = rollingSpec?.partition ?? 0;
  if (gates.maxUnavailableStatefulSet) {
    const maxUnavailable = statefulSetMaxUnavailable(rollingSpec?.maxUnavailable, replicasOf(set));
    const unavailable = replicas.filter((pod) => !isHealthy(pod)).length;
    if (unavailable > maxUnavailable) return;
    let deleted = 0;
    for (let target = replicas.length - 1; target >= updateMin && deleted < maxUnavailable - unavailable; target--) {
      const pod = replicas[target];
      if (podRevision(pod) === updateRevision || isTerminating(pod)) continue;
      deleteForUpdate(set, pod, podControl);
      deleted++;
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
    }
    return;
  }
  for (let target = replicas.length - 1; target >= updateMin; target--) {
    const pod = replicas[target];
    if (podRevision(pod) !== updateRevision && !isTerminating(pod)) {
      deleteForUpdate(set, pod, podControl);
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      return;
    }
    // Wait for the pod just replaced (or any unhealthy one above the partition) before going on.
    if (!isHealthy(pod)) return;
  }
}

/** Delete a pod for the update; one already gone is fine. */
function deleteForUpdate(set: KubeObject, pod: KubeObject, podControl: StatefulPodControl): void {
  const response = podControl.deleteStatefulPod(set, pod);
  if (response.status >= 300 && response.status !== 404) throw new ApiError(response);
}
