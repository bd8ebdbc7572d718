/**
 * The fields of StatefulSets this controller reads, typed once, and the label keys it writes.
 * Objects come from informers as `KubeObject`; these views only narrow them and never change them.
 */
import type { KubeObject } from '../../api/types.ts';
import type { LabelSelector } from '../../api/selectors/label-selector.ts';
import type { PodTemplate } from '../replicaset/types.ts';

/** `apps.StatefulSetRevisionLabel`: the ControllerRevision a pod was made from. */
export const revisionLabel = 'controller-revision-hash';
/** `apps.StatefulSetPodNameLabel`: lets a Service select exactly one pod of the set. */
export const podNameLabel = 'statefulset.kubernetes.io/pod-name';
/** `apps.PodIndexLabel`: the pod's ordinal (PodIndexLabel is on in v1.32). */
export const podIndexLabel = 'apps.kubernetes.io/pod-index';

/** A volumeClaimTemplate as the API server stores it (with `kind`, `apiVersion` and a Pending status). */
export interface ClaimTemplate {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  spec?: Record<string, unknown>;
}

/** `whenDeleted` / `whenScaled`: `Retain` or `Delete`. */
export interface RetentionPolicy {
  whenDeleted: string;
  whenScaled: string;
}

/** `spec` of a StatefulSet after defaulting. */
export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  volumeClaimTemplates?: ClaimTemplate[];
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: Partial<RetentionPolicy>;
  ordinals?: { start?: number };
}

/** `status` of a StatefulSet, in the order of the Go struct (which is the order the API prints). */
export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  availableReplicas: number;
}

/** The spec of a StatefulSet object. */
export function setSpec(set: KubeObject): StatefulSetSpec {
  return (set.spec ?? {}) as StatefulSetSpec;
}

/** The status of a StatefulSet object (zero counts when the API has written none yet). */
export function setStatus(set: KubeObject): Partial<StatefulSetStatus> {
  return (set.status ?? {}) as Partial<StatefulSetStatus>;
}

/** `*set.Spec.Replicas` (defaulted to 1). */
export function replicasOf(set: KubeObject): number {
  return setSpec(set).replicas ?? 1;
}

/** `getStartOrdinal`: `spec.ordinals.start`, else 0. */
export function startOrdinal(set: KubeObject): number {
  return setSpec(set).ordinals?.start ?? 0;
}

/** `getEndOrdinal`: the last ordinal in range (inclusive); start − 1 when replicas is 0. */
export function endOrdinal(set: KubeObject): number {
  return startOrdinal(set) + replicasOf(set) - 1;
}

/** `allowsBurst`: podManagementPolicy Parallel. */
export function allowsBurst(set: KubeObject): boolean {
  return setSpec(set).podManagementPolicy === 'Parallel';
}

/** `getPersistentVolumeClaimRetentionPolicy`: Retain/Retain unless the set says otherwise. */
export function retentionPolicy(set: KubeObject): RetentionPolicy {
  const policy = setSpec(set).persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: policy?.whenDeleted ?? 'Retain', whenScaled: policy?.whenScaled ?? 'Retain' };
}

/** A copy of a string map with its keys in Go's order (encoding/json sorts map keys). */
export function sortedMap(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key];
  return out;
}
