/**
 * List semantics per object path, as Kubernetes' Go struct tags define them: the strategic merge
 * patch strategy and merge key (`patchStrategy:"merge" patchMergeKey:"name"`) and the server-side
 * apply list type (`+listType=map`, `+listMapKey=…`). The two families sometimes disagree —
 * container ports merge by `containerPort` under SMP but are keyed by (containerPort, protocol)
 * under apply — so both are reported.
 *
 * The table lives in list-keys-types.ts by Go type; this file maps each kind to its root type and
 * walks a field path through the types. Paths skip list items:
 * `['spec', 'template', 'spec', 'containers', 'ports']`.
 */
import type { FieldSemantics, PatchStrategy } from './list-keys-types.ts';
import { atomicStructs, goTypes } from './list-keys-types.ts';

export type { FieldSemantics, PatchStrategy } from './list-keys-types.ts';

/** Group and kind of an object; `version` only matters where versions differ (autoscaling v1/v2). */
export interface GroupKind {
  group: string;
  kind: string;
  version?: string;
}

/** How a list field merges: under strategic merge patch and under server-side apply. */
export interface ListSemantics {
  patchStrategy?: PatchStrategy;
  patchMergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
}

/** Root Go type of each built-in kind, keyed `group/Kind` (core group: empty group). */
const kindRoots: Record<string, string> = {
  '/Binding': 'Binding',
  '/ComponentStatus': 'ComponentStatus',
  '/ConfigMap': 'ConfigMap',
  '/Endpoints': 'Endpoints',
  '/Event': 'core.Event',
  '/LimitRange': 'LimitRange',
  '/Namespace': 'Namespace',
  '/Node': 'Node',
  '/PersistentVolumeClaim': 'PersistentVolumeClaim',
  '/PersistentVolume': 'PersistentVolume',
  '/Pod': 'Pod',
  '/PodTemplate': 'PodTemplate',
  '/ReplicationController': 'ReplicationController',
  '/ResourceQuota': 'ResourceQuota',
  '/Secret': 'Secret',
  '/ServiceAccount': 'ServiceAccount',
  '/Service': 'Service',
  'apps/ControllerRevision': 'ControllerRevision',
  'apps/DaemonSet': 'DaemonSet',
  'apps/Deployment': 'Deployment',
  'apps/ReplicaSet': 'ReplicaSet',
  'apps/StatefulSet': 'StatefulSet',
  'events.k8s.io/Event': 'events.Event',
  'autoscaling/HorizontalPodAutoscaler': 'autoscaling.v2.HorizontalPodAutoscaler',
  'batch/CronJob': 'CronJob',
  'batch/Job': 'Job',
  'networking.k8s.io/IngressClass': 'IngressClass',
  'networking.k8s.io/Ingress': 'Ingress',
  'networking.k8s.io/NetworkPolicy': 'NetworkPolicy',
  'policy/PodDisruptionBudget': 'PodDisruptionBudget',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'ClusterRoleBinding',
  'rbac.authorization.k8s.io/ClusterRole': 'ClusterRole',
  'rbac.authorization.k8s.io/RoleBinding': 'RoleBinding',
  'rbac.authorization.k8s.io/Role': 'Role',
  'storage.k8s.io/StorageClass': 'StorageClass',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': 'ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': 'ValidatingAdmissionPolicyBinding',
  'apiextensions.k8s.io/CustomResourceDefinition': 'CustomResourceDefinition',
  'scheduling.k8s.io/PriorityClass': 'PriorityClass',
  'coordination.k8s.io/Lease': 'Lease',
  'discovery.k8s.io/EndpointSlice': 'EndpointSlice',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': 'MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': 'ValidatingWebhookConfiguration',
  'apiregistration.k8s.io/APIService': 'APIService',
  'certificates.k8s.io/CertificateSigningRequest': 'CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema': 'FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': 'PriorityLevelConfiguration',
  'node.k8s.io/RuntimeClass': 'RuntimeClass',
  'storage.k8s.io/CSIDriver': 'CSIDriver',
  'storage.k8s.io/CSINode': 'CSINode',
  'storage.k8s.io/CSIStorageCapacity': 'CSIStorageCapacity',
  'storage.k8s.io/VolumeAttachment': 'VolumeAttachment',
};

/** Kinds that are patched with no struct of interest beyond metadata; they still accept SMP. */
const metadataOnlyKinds = new Set([
  'authentication.k8s.io/SelfSubjectReview', 'authentication.k8s.io/TokenReview',
  'authorization.k8s.io/LocalSubjectAccessReview', 'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview', 'authorization.k8s.io/SubjectAccessReview',
]);

/** The Go type an object of this kind decodes into, or undefined for a kind the server has no Go type for. */
export function rootGoType(gvk: GroupKind): string | undefined {
  const key = `${gvk.group}/${gvk.kind}`;
  if (key === 'autoscaling/HorizontalPodAutoscaler' && gvk.version === 'v1') return 'autoscaling.v1.HorizontalPodAutoscaler';
  if (metadataOnlyKinds.has(key)) return 'ObjectMeta-only';
  return kindRoots[key];
}

/**
 * Whether the API server has a Go type for the kind. Strategic merge patch needs one: for custom
 * resources the server answers 415 instead.
 */
export function isBuiltinKind(gvk: GroupKind): boolean {
  return rootGoType(gvk) !== undefined;
}

/**
 * One step of a walk through the Go types: the semantics of field `key` of struct `typeName`
 * (undefined past the known types, or for a field with default semantics). `metadata` is
 * ObjectMeta wherever it appears.
 */
export function fieldOf(typeName: string | undefined, key: string): FieldSemantics | undefined {
  if (typeName === undefined) return undefined;
  const struct = Object.hasOwn(goTypes, typeName) ? goTypes[typeName] : undefined;
  if (struct && Object.hasOwn(struct, key)) return struct[key];
  return key === 'metadata' ? { type: 'ObjectMeta' } : undefined;
}

/** The semantics of the field at `path` (list items skipped), or undefined when it has the defaults. */
export function fieldSemantics(gvk: GroupKind, path: readonly string[]): FieldSemantics | undefined {
  let typeName = rootGoType(gvk);
  let field: FieldSemantics | undefined;
  for (const name of path) {
    field = fieldOf(typeName, name);
    if (field === undefined) return undefined;
    typeName = field.type;
  }
  return field;
}

/** How the list at `path` merges (see ListSemantics); undefined means the defaults: atomic, replaced whole. */
export function listSemantics(gvk: GroupKind, path: readonly string[]): ListSemantics | undefined {
  const field = fieldSemantics(gvk, path);
  if (!field || (field.listType === undefined && field.patchStrategy === undefined)) return undefined;
  const { patchStrategy, patchMergeKey, listType, listMapKeys } = field;
  const result: ListSemantics = {};
  if (patchStrategy) result.patchStrategy = patchStrategy;
  if (patchMergeKey) result.patchMergeKey = patchMergeKey;
  if (listType) result.listType = listType;
  if (listMapKeys) result.listMapKeys = [...listMapKeys];
  return result;
}

/** The SMP patch strategies at `path` as a list: `merge,retainKeys` → ['merge', 'retainKeys']. */
export function patchStrategies(gvk: GroupKind, path: readonly string[]): string[] {
  return fieldSemantics(gvk, path)?.patchStrategy?.split(',') ?? [];
}

/** Whether server-side apply treats the struct or map at `path` as one atomic value. */
export function isAtomicStructOrMap(gvk: GroupKind, path: readonly string[]): boolean {
  const field = fieldSemantics(gvk, path);
  if (!field) return false;
  if (field.mapType === 'atomic' || field.structType === 'atomic') return true;
  if (field.structType === 'granular') return false;
  return field.type !== undefined && atomicStructs.has(field.type);
}
