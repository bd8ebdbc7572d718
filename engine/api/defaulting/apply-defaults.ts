/**
 * The defaulting step of the API server: what `SetObjectDefaults_<Kind>` does to an object right
 * after it is decoded from a create or update request (and again whenever it is read back from
 * storage), before admission and validation.
 */
import type { ResourceInfo } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { canonicalize } from './canonical-order.ts';
import * as core from './core-kinds.ts';
import { extensionDefaulters } from './extension-kinds.ts';
import * as groups from './group-kinds.ts';
import { defaultPod, defaultPodSpec } from './pod-spec.ts';
import { deepCopy, ensure, type Obj } from './util.ts';
import * as workloads from './workloads.ts';

type Defaulter = (obj: Obj) => void;

function pod(obj: Obj): void {
  const spec = ensure(obj, 'spec');
  defaultPodSpec(spec);
  defaultPod(spec);
}

/** Defaulters by `group/Kind` (core group: `/Kind`). Kinds without defaults are absent. */
const defaulters: Record<string, Defaulter> = {
  '/Pod': pod,
  '/PodTemplate': core.defaultPodTemplate,
  '/ReplicationController': workloads.defaultReplicationController,
  '/Service': core.defaultService,
  '/Endpoints': core.defaultEndpoints,
  '/PersistentVolumeClaim': core.defaultPersistentVolumeClaim,
  '/PersistentVolume': core.defaultPersistentVolume,
  '/Secret': core.defaultSecret,
  '/Namespace': core.defaultNamespace,
  '/LimitRange': core.defaultLimitRange,
  '/Node': core.defaultNode,
  'apps/Deployment': workloads.defaultDeployment,
  'apps/ReplicaSet': workloads.defaultReplicaSet,
  'apps/StatefulSet': workloads.defaultStatefulSet,
  'apps/DaemonSet': workloads.defaultDaemonSet,
  'batch/Job': workloads.defaultJob,
  'batch/CronJob': workloads.defaultCronJob,
  'rbac.authorization.k8s.io/RoleBinding': groups.defaultRoleBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': groups.defaultRoleBinding,
  'networking.k8s.io/NetworkPolicy': groups.defaultNetworkPolicy,
  'networking.k8s.io/IngressClass': groups.defaultIngressClass,
  'storage.k8s.io/StorageClass': groups.defaultStorageClass,
  'scheduling.k8s.io/PriorityClass': groups.defaultPriorityClass,
  'discovery.k8s.io/EndpointSlice': groups.defaultEndpointSlice,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': groups.defaultValidatingAdmissionPolicy,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': groups.defaultValidatingAdmissionPolicyBinding,
  'apiextensions.k8s.io/CustomResourceDefinition': groups.defaultCustomResourceDefinition,
  ...extensionDefaulters,
};

/** The two HPA versions default differently, so they are keyed by version too. */
const versionedDefaulters: Record<string, Defaulter> = {
  'autoscaling/v2/HorizontalPodAutoscaler': groups.defaultHpaV2,
  'autoscaling/v1/HorizontalPodAutoscaler': groups.defaultHpaV1,
};

/**
 * A defaulted deep copy of `obj` (the input is never changed), in the shape the API server's
 * encoder writes: Go field order, zero values filled or dropped (see canonical-order.ts). Cluster-
 * scoped kinds lose `metadata.namespace`. Custom resources are only copied: their defaults come
 * from the CRD's structural schema, which is not this module's job. `owned`: the caller's `obj` is a
 * private copy nobody else holds (the write pipeline's), so it is changed in place instead of copied.
 */
export function applyDefaults(info: ResourceInfo, obj: KubeObject, owned = false): KubeObject {
  const copy = owned ? obj : deepCopy(obj);
  if (!info.namespaced && copy.metadata) delete copy.metadata.namespace;
  if (info.custom) return copy;
  const defaulter =
    versionedDefaulters[`${info.group}/${info.version}/${info.kind}`] ?? defaulters[`${info.group}/${info.kind}`];
  defaulter?.(copy);
  return canonicalize(copy);
}
