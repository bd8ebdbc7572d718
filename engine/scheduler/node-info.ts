/**
 * NodeInfo: a node's allocatable, parsed once, and running sums of what its pods request, kept up
 * to date pod by pod (framework.NodeInfo.AddPod/RemovePod). Filters compare one pod's request
 * with these sums; nothing walks the node's pod list in the hot loop.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { addResourceList, addResources, emptyResources, quantityAmount } from './pod-info.ts';
import type { NodeInfo, PodInfo } from './types.ts';

/** A NodeInfo for a Node object; `pods` carries over the pods of the previous version. */
export function newNodeInfo(object: KubeObject | undefined, name: string, pods?: Map<string, PodInfo>): NodeInfo {
  const node = object as unknown as Node | undefined;
  const allocatable = emptyResources();
  const list = (node?.status?.allocatable ?? {}) as Record<string, unknown>;
  addResourceList(allocatable, list);
  const info: NodeInfo = {
    name,
    labels: node?.metadata?.labels ?? {},
    taints: node?.spec?.taints ?? [],
    unschedulable: node?.spec?.unschedulable === true,
    allocatable,
    allowedPodNumber: list.pods === undefined ? 0 : quantityAmount('pods', list.pods),
    requested: emptyResources(),
    nonZeroCpu: 0,
    nonZeroMemory: 0,
    pods: new Map(),
    domainIds: [],
  };
  for (const pod of pods?.values() ?? []) addPodToNode(info, pod);
  return info;
}

/** Account for a pod placed on the node. */
export function addPodToNode(node: NodeInfo, pod: PodInfo): void {
  node.pods.set(pod.uid, pod);
  addResources(node.requested, pod.requests);
  node.nonZeroCpu += pod.nonZeroCpu;
  node.nonZeroMemory += pod.nonZeroMemory;
}

/** Stop accounting for a pod; false when it was not on the node. */
export function removePodFromNode(node: NodeInfo, pod: PodInfo): boolean {
  const placed = node.pods.get(pod.uid);
  if (!placed) return false;
  node.pods.delete(pod.uid);
  addResources(node.requested, placed.requests, -1);
  node.nonZeroCpu -= placed.nonZeroCpu;
  node.nonZeroMemory -= placed.nonZeroMemory;
  return true;
}

/** A copy of the node's sums with some pods taken away: what preemption asks "would it fit then?". */
export function nodeWithout(node: NodeInfo, victims: readonly PodInfo[]): NodeInfo {
  const copy: NodeInfo = {
    ...node,
    requested: emptyResources(),
    pods: new Map(node.pods),
  };
  addResources(copy.requested, node.requested);
  for (const victim of victims) removePodFromNode(copy, victim);
  return copy;
}
