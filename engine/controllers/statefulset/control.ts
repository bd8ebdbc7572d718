/**
 * `updateStatefulSet` (stateful_set_control.go): one pass over a StatefulSet's pods.
 *
 * Pods split into `replicas` (ordinals start … start+replicas−1, a placeholder where a pod is
 * missing) and `condemned` (ordinals above, highest first). Then, in order:
 *   1. each replica: recreate it if Failed/Succeeded, create it if missing (claims first),
 *      create claims a Pending pod lacks, fix identity, storage and claim ownership;
 *   2. condemned pods: hand their claims to the pod under whenScaled Delete, then delete them;
 *   3. RollingUpdate: replace pods at an old revision (rolling.ts); OnDelete stops before this.
 * OrderedReady ("monotonic") stops at the first pod it created or that is not Running, Ready and
 * available, and deletes one condemned pod per pass, highest ordinal first, only when all the
 * others are healthy. Parallel does each step for all pods at once (slow-start batches).
 */
import type { KubeObject } from '../../api/types.ts';
import type { EventRecorder } from '../../runtime/events.ts';
import { slowStartBatch } from '../replicaset/pod-control.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import type { Revisions } from './history.ts';
import { identityMatches, newVersionedPod, ordinalOf, storageMatches } from './identity.ts';
import type { VersionedTemplates } from './identity.ts';
import { ApiError } from './pod-control.ts';
import type { StatefulPodControl } from './pod-control.ts';
import { isCreated, isFailed, isHealthy, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating } from './pod-state.ts';
import { revisionTemplate } from './revision.ts';
import type { StatefulSetGates } from './rolling.ts';
import { rollingUpdate } from './rolling.ts';
import { countReplicas } from './status.ts';
import type { StatefulSetStatus } from './types.ts';
import { allowsBurst, replicasOf, setSpec, startOrdinal } from './types.ts';

/** What one pass needs besides the set and its pods. */
export interface ControlContext {
  podControl: StatefulPodControl;
  recorder: EventRecorder;
  now: number;
  gates: StatefulSetGates;
}

/** The status the pass computed, and the error that stopped it, if any (the status is written either way). */
export interface ControlResult {
  status: StatefulSetStatus;
  error?: unknown;
}

/** `runForAll`: in order, stopping at the first step that says so; or in slow-start batches, stopping only on errors. */
function runForAll(count: number, fn: (i: number) => boolean, monotonic: boolean): { exit: boolean; error?: unknown } {
  if (monotonic) {
    for (let i = 0; i < count; i++) {
      try {
        if (fn(i)) return { exit: true };
      } catch (error) {
        return { exit: true, error };
      }
    }
    return { exit: false };
  }
  const errors: unknown[] = [];
  let next = 0;
  slowStartBatch(count, 1, () => {
    try {
      fn(next++);
      return true;
    } catch (error) {
      errors.push(error);
      return false;
    }
  });
  if (!errors.length) return { exit: false };
  return { exit: true, error: errors.length === 1 ? errors[0] : new Error(`[${errors.map((e) => (e instanceof Error ? e.message : String(e))).join(', ')}]`) };
}

/** One pass of the StatefulSet controller over `pods` (already claimed by the set). */
export function updateStatefulSet(ctx: ControlContext, set: KubeObject, pods: KubeObject[], revisions: Revisions): ControlResult {
  const { podControl, now } = ctx;
  const minReadySeconds = setSpec(set).minReadySeconds ?? 0;
  const templates: VersionedTemplates = {
    current: { name: revisions.current.metadata.name!, template: revisionTemplate(set, revisions.current) as PodTemplate },
    update: { name: revisions.update.metadata.name!, template: revisionTemplate(set, revisions.update) as PodTemplate },
  };
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation ?? 0,
    replicas: 0, availableReplicas: 0,
    currentRevision: templates.current.name, updateRevision: templates.update.name,
    collisionCount: revisions.collisionCount,
  };
  countReplicas(status, minReadySeconds, now, pods);

  const start = startOrdinal(set);
  const replicas: KubeObject[] = new Array<KubeObject>(replicasOf(set));
  const condemned: KubeObject[] = [];
  for (const pod of pods) {
    const ordinal = ordinalOf(pod);
    if (ordinal >= start && ordinal - start < replicas.length) replicas[ordinal - start] = pod;
    else if (ordinal >= 0) condemned.push(pod);
  }
  for (let i = 0; i < replicas.length; i++) replicas[i] ??= newVersionedPod(set, templates, start + i);
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  // The first unhealthy pod: the lowest replica, else the lowest condemned one.
  const firstUnhealthy = replicas.find((p) => !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));

  if (set.metadata.deletionTimestamp) return { status };
  const monotonic = !allowsBurst(set);
  const finish = (error?: unknown): ControlResult => {
    countReplicas(status, minReadySeconds, now, replicas, condemned);
    return { status, error };
  };

  const processReplica = (i: number): boolean => {
    let pod = replicas[i];
    if (isFailed(pod) || isSucceeded(pod)) {
      const namespaced = `${set.metadata.namespace}/${set.metadata.name}`;
      if (isFailed(pod)) ctx.recorder.event(set, 'Warning', 'RecreatingFailedPod', `StatefulSet ${namespaced} is recreating failed Pod ${pod.metadata.name}`);
      else ctx.recorder.event(set, 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${namespaced} is recreating terminated Pod ${pod.metadata.name}`);
      const response = podControl.deleteStatefulPod(set, pod);
      if (response.status >= 300) throw new ApiError(response);
      pod = replicas[i] = newVersionedPod(set, templates, start + i);
    }
    if (!isCreated(pod)) {
      // A claim still owned by the pod's predecessor (whenScaled Delete) must be collected first.
      if (podControl.podClaimIsStale(set, pod)) return true;
      podControl.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    if (isPending(pod)) podControl.createMissingClaims(set, pod);
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReadySeconds, now))) return true;
    // Upstream treats a failed lookup as a match; the cache lookups here cannot fail.
    const retentionMatch = podControl.claimsMatchRetentionPolicy(set, pod);
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    podControl.updateStatefulPod(set, pod);
    return false;
  };
  let run = runForAll(replicas.length, processReplica, monotonic);
  if (run.exit || run.error) return finish(run.error);

  run = runForAll(condemned.length, (i) => {
    if (!podControl.claimsMatchRetentionPolicy(set, condemned[i])) podControl.updateClaimsForRetentionPolicy(set, condemned[i]);
    return false;
  }, monotonic);
  if (run.exit || run.error) return finish(run.error);

  run = runForAll(condemned.length, (i) => {
    const pod = condemned[i];
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReadySeconds, now))) return true;
    const response = podControl.deleteStatefulPod(set, pod);
    if (response.status >= 300) throw new ApiError(response);
    return true;
  }, monotonic);
  if (run.exit || run.error) return finish(run.error);

  countReplicas(status, minReadySeconds, now, replicas, condemned);
  if (setSpec(set).updateStrategy?.type === 'OnDelete') return { status };
  try {
    rollingUpdate(set, replicas, templates.update.name, status, podControl, ctx.gates);
  } catch (error) {
    return { status, error };
  }
  return { status };
}
