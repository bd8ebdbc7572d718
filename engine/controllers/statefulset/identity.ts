/**
 * A StatefulSet pod's identity: its name `<set>-<ordinal>`, its hostname and subdomain, the
 * `statefulset.kubernetes.io/pod-name` and `apps.kubernetes.io/pod-index` labels, and its volumes
 * `<template>-<set>-<ordinal>` (stateful_set_utils.go). Everything here is pure.
 */
import type { KubeObject } from '../../api/types.ts';
import { newControllerRef } from '../replicaset/types.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import type { ClaimTemplate } from './types.ts';
import { podIndexLabel, podNameLabel, revisionLabel, setSpec, sortedMap, startOrdinal } from './types.ts';

/** `statefulPodRegex`: everything up to the last `-<digits>` is the parent, the digits the ordinal. */
const statefulPodPattern = /^(.*)-([0-9]+)$/;

/**
 * `getParentNameAndOrdinal`: `web-12` → {parent 'web', ordinal 12}; a name without a numeric
 * suffix (or one past int32) has parent '' and ordinal −1.
 */
export function parentAndOrdinal(name: string | undefined): { parent: string; ordinal: number } {
  const match = statefulPodPattern.exec(name ?? '');
  if (!match) return { parent: '', ordinal: -1 };
  const ordinal = Number(match[2]);
  return { parent: match[1], ordinal: ordinal <= 2 ** 31 - 1 ? ordinal : -1 };
}

/** `getOrdinal`: the pod's ordinal, −1 if it has none. */
export function ordinalOf(pod: KubeObject): number {
  return parentAndOrdinal(pod.metadata.name).ordinal;
}

/** `isMemberOf`: the pod's name says it belongs to this set. */
export function isMemberOf(set: KubeObject, pod: KubeObject): boolean {
  return parentAndOrdinal(pod.metadata.name).parent === set.metadata.name;
}

/** `getPodName`: `web-0`. */
export function podName(set: KubeObject, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** `getPersistentVolumeClaimName`: `www-web-0` for template `www`. */
export function claimName(set: KubeObject, template: ClaimTemplate, ordinal: number): string {
  return `${template.metadata.name}-${set.metadata.name}-${ordinal}`;
}

/** `podInOrdinalRange`: start ≤ ordinal ≤ start + replicas − 1. */
export function inOrdinalRange(pod: KubeObject, set: KubeObject): boolean {
  const ordinal = ordinalOf(pod);
  const start = startOrdinal(set);
  return ordinal >= start && ordinal <= start + ((setSpec(set).replicas ?? 1) - 1);
}

/** `getPodRevision`: the `controller-revision-hash` label ('' when absent). */
export function podRevision(pod: KubeObject): string {
  return pod.metadata.labels?.[revisionLabel] ?? '';
}

interface PodSpecView {
  volumes?: { name: string; persistentVolumeClaim?: { claimName?: string } }[];
  hostname?: string;
  subdomain?: string;
  [key: string]: unknown;
}

/** `identityMatches`: name, namespace and pod-name label agree with the set. */
export function identityMatches(set: KubeObject, pod: KubeObject): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name);
  return ordinal >= 0 && parent === set.metadata.name && pod.metadata.name === podName(set, ordinal)
    && pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[podNameLabel] === pod.metadata.name;
}

/** `storageMatches`: every volumeClaimTemplate is mounted from this ordinal's claim. */
export function storageMatches(set: KubeObject, pod: KubeObject): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map(((pod.spec ?? {}) as PodSpecView).volumes?.map((v) => [v.name, v]) ?? []);
  return (setSpec(set).volumeClaimTemplates ?? []).every((template) =>
    volumes.get(template.metadata.name)?.persistentVolumeClaim?.claimName === claimName(set, template, ordinal));
}

/** `updateIdentity`: name, namespace and the pod-name and pod-index labels (a copy's metadata is changed). */
export function updateIdentity(set: KubeObject, pod: KubeObject): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = sortedMap({ ...pod.metadata.labels, [podNameLabel]: pod.metadata.name, [podIndexLabel]: String(ordinal) });
}

/**
 * `updateStorage`: one `persistentVolumeClaim` volume per template, then the pod's other volumes.
 * A template volume of the same name in the pod template is replaced. (Upstream iterates a Go map,
 * so its order varies between runs; template order is used here.)
 */
export function updateStorage(set: KubeObject, pod: KubeObject): void {
  const ordinal = ordinalOf(pod);
  const templates = setSpec(set).volumeClaimTemplates ?? [];
  const spec = (pod.spec ?? {}) as PodSpecView;
  const names = new Set(templates.map((t) => t.metadata.name));
  const volumes: NonNullable<PodSpecView['volumes']> = templates.map((t) => ({
    name: t.metadata.name, persistentVolumeClaim: { claimName: claimName(set, t, ordinal) },
  }));
  for (const volume of spec.volumes ?? []) if (!names.has(volume.name)) volumes.push(volume);
  if (volumes.length) spec.volumes = volumes;
  pod.spec = spec;
}

/**
 * `newStatefulSetPod`: `GetPodFromTemplate` (labels, annotations, finalizers, controllerRef,
 * `generateName: <set>-` as every controller-made pod has), then the fixed name, hostname =
 * pod name, subdomain = serviceName, identity labels and claim volumes.
 */
export function newStatefulSetPod(set: KubeObject, template: PodTemplate, ordinal: number): KubeObject {
  const meta = template.metadata ?? {};
  const metadata: KubeObject['metadata'] = { name: podName(set, ordinal), generateName: `${set.metadata.name}-`, namespace: set.metadata.namespace };
  metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [newControllerRef(set, 'apps/v1', 'StatefulSet')];
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
  updateIdentity(set, pod);
  const spec = pod.spec as PodSpecView;
  spec.hostname = pod.metadata.name;
  const serviceName = setSpec(set).serviceName;
  if (serviceName) spec.subdomain = serviceName;
  updateStorage(set, pod);
  return pod;
}

/** The revision and template a new pod of this ordinal is made from. */
export interface VersionedTemplates {
  current: { name: string; template: PodTemplate };
  update: { name: string; template: PodTemplate };
}

/**
 * `newVersionedStatefulSetPod`: ordinals below the partition are recreated at the current
 * revision, all others at the update revision. Partition 2 of 5 (web-0…web-4): a deleted web-1
 * comes back with the old template, a deleted web-3 with the new one. OnDelete has no
 * partition, so every new pod gets the update revision.
 */
export function newVersionedPod(set: KubeObject, revisions: VersionedTemplates, ordinal: number): KubeObject {
  const strategy = setSpec(set).updateStrategy;
  const partition = strategy?.rollingUpdate?.partition;
  const useCurrent = strategy?.type === 'RollingUpdate' && partition !== undefined && ordinal < startOrdinal(set) + partition;
  const chosen = useCurrent ? revisions.current : revisions.update;
  const pod = newStatefulSetPod(set, chosen.template, ordinal);
  pod.metadata.labels = sortedMap({ ...pod.metadata.labels, [revisionLabel]: chosen.name });
  return pod;
}
