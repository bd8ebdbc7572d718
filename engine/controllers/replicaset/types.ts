/**
 * The fields of Pods and ReplicaSets these controllers read, typed once. Objects come from
 * informers as `KubeObject`; these views only narrow them and never change them.
 */
import type { KubeObject, OwnerReference } from '../../api/types.ts';
import type { LabelSelector } from '../../api/selectors/label-selector.ts';

/** `spec.template` of a ReplicaSet or Deployment. */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[]; [key: string]: unknown };
  spec?: Record<string, unknown>;
}

/** A pod condition as the kubelet writes it. */
export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string | null;
}

/** `status` of a Pod, as far as controllers look. */
export interface PodStatus {
  phase?: string;
  conditions?: PodCondition[];
  containerStatuses?: { restartCount?: number }[];
}

/** `spec` of a ReplicaSet. */
export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
}

/** A ReplicaSet condition (`ReplicaFailure` is the only type the controller sets). */
export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** `status` of a ReplicaSet. */
export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

/** The spec of a ReplicaSet object (defaults applied by the API server: replicas 1). */
export function rsSpec(rs: KubeObject): ReplicaSetSpec {
  return (rs.spec ?? {}) as ReplicaSetSpec;
}

/** The status of a ReplicaSet object. */
export function rsStatus(rs: KubeObject): ReplicaSetStatus {
  return (rs.status ?? {}) as ReplicaSetStatus;
}

/** `*rs.Spec.Replicas`, 1 when unset as the defaulting would make it. */
export function specReplicas(object: KubeObject): number {
  return (object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
}

/** The status of a Pod object. */
export function podStatus(pod: KubeObject): PodStatus {
  return (pod.status ?? {}) as PodStatus;
}

/** `metav1.GetControllerOf`: the ownerReference with `controller: true`, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** `metav1.NewControllerRef`: how an owner of the given kind points at what it controls. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** `podutil.IsPodReady`: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** The pod's Ready condition, if the kubelet has written one. */
export function readyCondition(pod: KubeObject): PodCondition | undefined {
  return podStatus(pod).conditions?.find((c) => c.type === 'Ready');
}

/**
 * `podutil.IsPodAvailable`: ready, and ready for longer than minReadySeconds. With
 * minReadySeconds 30, a pod that turned Ready at 12:00:00 is available strictly after 12:00:30.
 */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const ready = readyCondition(pod);
  if (ready?.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  if (!ready.lastTransitionTime) return false;
  return Date.parse(ready.lastTransitionTime) + minReadySeconds * 1000 < now;
}

/** `controller.IsPodActive`: not finished and not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** Milliseconds of an RFC 3339 timestamp (0 when absent), for ordering. */
export function timeOf(value: string | null | undefined): number {
  return value ? Date.parse(value) : 0;
}

/**
 * The object with its apiVersion and kind set. Items of a list response carry no TypeMeta (as in
 * Go), but events' involvedObject, controllerRefs and PUT bodies need them.
 */
export function withKind(object: KubeObject, apiVersion: string, kind: string): KubeObject {
  return object.apiVersion === apiVersion && object.kind === kind ? object : { ...object, apiVersion, kind };
}
