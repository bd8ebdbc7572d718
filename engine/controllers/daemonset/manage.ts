/**
 * The manage step (pkg/controller/daemon `manage` / `podsShouldBeOnNode`): for each node, compare
 * the daemon pods there with where the DaemonSet belongs. A node that should run a pod and has
 * none needs one; failed (and succeeded) pods are deleted so a fresh one replaces them; extra pods
 * beyond one per node are pruned, oldest kept; pods on nodes the DaemonSet no longer fits go.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodAvailable, isPodReady, podStatus, timeOf } from '../replicaset/types.ts';
import type { Placement } from './placement.ts';
import { podSpec } from './types.ts';

/**
 * `podByCreationTimestampAndPhase`: bound pods before unbound ones, then oldest first, then by
 * name. The first pod is the one the status and the one-pod-per-node rule look at.
 */
export function byCreationTimestampAndPhase(a: KubeObject, b: KubeObject): number {
  const aBound = Boolean(podSpec(a).nodeName), bBound = Boolean(podSpec(b).nodeName);
  if (aBound !== bBound) return aBound ? -1 : 1;
  const diff = timeOf(a.metadata.creationTimestamp) - timeOf(b.metadata.creationTimestamp);
  if (diff !== 0) return diff;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/** What the manage step decides for one node. */
export interface NodeDecision {
  /** Create a daemon pod on this node. */
  create: boolean;
  /** Names of pods to delete. */
  delete: string[];
}

/** Side effects the decision needs: the failed-pod back-off and its events. */
export interface ManageHooks {
  /**
   * A failed daemon pod was found: record `FailedDaemonPod` and return true to delete it now, or
   * return false while the node's back-off lasts (the hook requeues the DaemonSet for later).
   */
  failedPod(pod: KubeObject, nodeName: string): boolean;
  /** A succeeded daemon pod was found (`SucceededDaemonPod`); it is deleted. */
  succeededPod(pod: KubeObject, nodeName: string): void;
}

/** What `podsShouldBeOnNode` reads about the DaemonSet. */
export interface ManageInput {
  hash: string;
  /** maxSurge > 0: a new and an old pod may share a node during an update. */
  surge: boolean;
  minReadySeconds: number;
  now: number;
}

/** `podsShouldBeOnNode` for one node, given its placement and the daemon pods targeting it. */
export function podsShouldBeOnNode(nodeName: string, placement: Placement, pods: readonly KubeObject[] | undefined, input: ManageInput, hooks: ManageHooks): NodeDecision {
  const decision: NodeDecision = { create: false, delete: [] };
  if (placement.shouldRun && pods === undefined) {
    decision.create = true;
    return decision;
  }
  if (!placement.shouldContinueRunning) {
    for (const pod of pods ?? []) if (!pod.metadata.deletionTimestamp) decision.delete.push(pod.metadata.name!);
    return decision;
  }
  const running: KubeObject[] = [];
  for (const pod of pods ?? []) {
    if (pod.metadata.deletionTimestamp) continue;
    const phase = podStatus(pod).phase;
    if (phase === 'Failed') {
      if (hooks.failedPod(pod, nodeName)) decision.delete.push(pod.metadata.name!);
    } else if (phase === 'Succeeded') {
      hooks.succeededPod(pod, nodeName);
      decision.delete.push(pod.metadata.name!);
    } else {
      running.push(pod);
    }
  }
  running.sort(byCreationTimestampAndPhase);
  if (!input.surge) {
    // One pod per node: keep the oldest.
    for (const pod of running.slice(1)) decision.delete.push(pod.metadata.name!);
    return decision;
  }
  if (running.length <= 1) {
    // Surging needs at least one pod that is not being deleted on the node.
    if (running.length === 0 && placement.shouldRun) decision.create = true;
    return decision;
  }
  // With surge, an old and a new pod may share the node only while the new one is not yet
  // available and the old one is still ready; any third pod goes.
  let oldestNew: KubeObject | undefined, oldestOld: KubeObject | undefined;
  for (const pod of running) {
    const isNew = pod.metadata.labels?.['controller-revision-hash'] === input.hash;
    if (isNew && !oldestNew) oldestNew = pod;
    else if (!isNew && !oldestOld) oldestOld = pod;
    else decision.delete.push(pod.metadata.name!);
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, input.minReadySeconds, input.now))) {
    decision.delete.push(oldestOld.metadata.name!);
  }
  return decision;
}

/**
 * `getUnscheduledPodsWithoutNode`: unbound pods aimed at a node that no longer exists. The
 * scheduler can never bind them and PodGC only collects bound pods, so the DaemonSet deletes them.
 */
export function unscheduledPodsWithoutNode(nodeToDaemonPods: ReadonlyMap<string, readonly KubeObject[]>, nodeExists: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const [nodeName, pods] of nodeToDaemonPods) {
    if (nodeExists(nodeName)) continue;
    for (const pod of pods) if (!podSpec(pod).nodeName) out.push(pod.metadata.name!);
  }
  return out;
}
