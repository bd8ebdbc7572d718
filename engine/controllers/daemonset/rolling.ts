/**
 * The RollingUpdate strategy of a DaemonSet (pkg/controller/daemon/update.go `rollingUpdate`),
 * as pure arithmetic over the node → daemon pods map. It only deletes old pods (maxSurge 0) or
 * picks nodes for an extra new pod (maxSurge > 0); the manage step creates the replacements and
 * prunes extra pods on the next sync.
 *
 * Worked example, maxUnavailable 1, 3 nodes each with an available old pod: one old pod is
 * deleted; its node then has no pod (unavailable), so nothing more happens until the new pod on
 * it is available; then the next old pod goes. With maxUnavailable 2 two nodes roll at a time.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodAvailable } from '../replicaset/types.ts';
import type { DaemonSetSpec, IntOrString } from './types.ts';
import { controllerRevisionHashLabel, podTemplateGenerationLabel } from './types.ts';

/**
 * `intstr.GetScaledValueFromIntOrPercent`: an int as is, `"25%"` of `total` rounded up or down.
 * A string without `%` is an error, as upstream.
 */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(-?\d+)%$/.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** `util.SurgeCount`: how many nodes may run an extra new pod (0 unless RollingUpdate sets maxSurge). */
export function surgeCount(spec: DaemonSetSpec, desired: number): number {
  if (spec.updateStrategy?.type !== 'RollingUpdate') return 0;
  return scaledValue(spec.updateStrategy.rollingUpdate?.maxSurge, desired, true);
}

/** `util.UnavailableCount`: how many nodes may be without an available pod during the update. */
export function unavailableCount(spec: DaemonSetSpec, desired: number): number {
  if (spec.updateStrategy?.type !== 'RollingUpdate') return 0;
  return scaledValue(spec.updateStrategy.rollingUpdate?.maxUnavailable, desired, true);
}

/** `util.AllowsSurge`: maxSurge is non-zero (computed as for one node). */
export function allowsSurge(spec: DaemonSetSpec): boolean {
  return surgeCount(spec, 1) > 0;
}

/** `util.IsPodUpdated`: the pod carries the current revision's hash, or the current template generation. */
export function isPodUpdated(pod: KubeObject, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[podTemplateGenerationLabel] === String(generation);
  const hashMatches = hash.length > 0 && labels[controllerRevisionHashLabel] === hash;
  return hashMatches || templateMatches;
}

/** One pod of each kind on a node, or `ok: false` when there are more (the manage step prunes them first). */
export function findUpdatedPodsOnNode(pods: readonly KubeObject[], hash: string, generation: number | undefined): { newPod?: KubeObject; oldPod?: KubeObject; ok: boolean } {
  let newPod: KubeObject | undefined, oldPod: KubeObject | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** What `rollingUpdate` reads. */
export interface RollingInput {
  spec: DaemonSetSpec;
  hash: string;
  generation: number | undefined;
  /** Pods by target node, with an (empty) entry for every node that should run a pod, in node order. */
  nodeToDaemonPods: ReadonlyMap<string, readonly KubeObject[]>;
  /** Nodes that should run a daemon pod (`desiredNumberScheduled`). */
  desired: number;
  /** `NodeShouldRunDaemonPod(node).shouldRun`; false for a node that no longer exists. */
  shouldRun(nodeName: string): boolean;
  now: number;
}

/** What to do: delete these pods, create a pod on these nodes. */
export interface RollingStep {
  podsToDelete: string[];
  nodesToCreate: string[];
}

/**
 * `updatedDesiredNodeCounts`' limits: maxUnavailable and maxSurge scaled to the desired nodes
 * (both rounded up: 10% of 3 nodes is 1). Both 0 would deadlock, so maxUnavailable becomes 1.
 */
export function rollingLimits(spec: DaemonSetSpec, desired: number): { maxSurge: number; maxUnavailable: number } {
  let maxUnavailable = unavailableCount(spec, desired);
  const maxSurge = surgeCount(spec, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** `rollingUpdate`: the pods to delete and nodes to surge onto in this step. */
export function rollingUpdate(input: RollingInput): RollingStep {
  const { maxSurge, maxUnavailable } = rollingLimits(input.spec, input.desired);
  return maxSurge === 0 ? withoutSurge(input, maxUnavailable) : withSurge(input, maxSurge);
}

/**
 * maxSurge 0: old pods that are not available are replaced at once; available old pods are
 * deleted only while fewer than maxUnavailable nodes are without an available pod. A node with
 * no pod, or with both an old and a new pod, counts as unavailable (the manage step is busy there).
 */
function withoutSurge(input: RollingInput, maxUnavailable: number): RollingStep {
  const minReadySeconds = input.spec.minReadySeconds ?? 0;
  let numUnavailable = 0;
  const replacements: string[] = [];
  const candidates: string[] = [];
  for (const pods of input.nodeToDaemonPods.values()) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, input.hash, input.generation);
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
      numUnavailable++;
    } else if (newPod) {
      if (!isPodAvailable(newPod, minReadySeconds, input.now)) numUnavailable++;
    } else if (!isPodAvailable(oldPod!, minReadySeconds, input.now)) {
      replacements.push(oldPod!.metadata.name!);
    } else if (numUnavailable < maxUnavailable) {
      candidates.push(oldPod!.metadata.name!);
    }
  }
  const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
  return { podsToDelete: [...replacements, ...candidates.slice(0, remaining)], nodesToCreate: [] };
}

/**
 * maxSurge > 0: a node whose old pod is unavailable gets a new pod at once; up to maxSurge nodes
 * with an available old pod get a new pod beside it; an old pod goes when the new one on its
 * node is available. Old pods on nodes the DaemonSet no longer fits are deleted only as long as
 * more pods are available than nodes desire one (100% availability is the point of surge).
 */
function withSurge(input: RollingInput, maxSurge: number): RollingStep {
  const minReadySeconds = input.spec.minReadySeconds ?? 0;
  const available = (pod: KubeObject): boolean => isPodAvailable(pod, minReadySeconds, input.now);
  const podsToDelete: string[] = [];
  const shouldNotRun: string[] = [];
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  let numSurge = 0, numAvailable = 0;
  for (const [nodeName, pods] of input.nodeToDaemonPods) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, input.hash, input.generation);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (input.shouldRun(nodeName)) allowedNew.push(nodeName);
        else podsToDelete.push(oldPod.metadata.name!);
      } else if (!input.shouldRun(nodeName)) {
        shouldNotRun.push(oldPod.metadata.name!);
      } else if (numSurge < maxSurge) {
        candidateNew.push(nodeName);
      }
      continue;
    }
    if (!available(newPod)) numSurge++;
    else podsToDelete.push(oldPod.metadata.name!);
  }
  const deletable = Math.min(Math.max(0, numAvailable - input.desired), shouldNotRun.length);
  podsToDelete.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNew.length);
  return { podsToDelete, nodesToCreate: [...allowedNew, ...candidateNew.slice(0, remaining)] };
}
