/**
 * The spec validators of every built-in API group except core, keyed `<group>/<Kind>` (for
 * example `apps/Deployment`). Each runs after defaulting, on create (`old` absent) and on update,
 * and leaves `metadata` to the shared ObjectMeta validation (index.ts) — except the few
 * kind-specific name rules upstream folds into its own validator (a CRD's `<plural>.<group>`, a
 * CronJob's 52 characters, an Indexed Job's pod hostnames).
 */

import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { validatePodTemplateSpec } from './pod.ts';
import {
  validateControllerRevision, validateDaemonSet, validateDeployment, validateReplicaSet, validateStatefulSet,
} from './apps.ts';
import { validateCronJob, validateJob } from './batch.ts';
import { validateHorizontalPodAutoscaler } from './autoscaling.ts';
import { validateIngress, validateIngressClass, validateNetworkPolicy } from './networking.ts';
import { validateClusterRole, validateClusterRoleBinding, validateRole, validateRoleBinding } from './rbac.ts';
import { validateStorageClass } from './storage.ts';
import { validatePodDisruptionBudget } from './policy.ts';
import {
  validateEndpointSlice, validateLease, validatePriorityClass, validateValidatingAdmissionPolicy,
  validateValidatingAdmissionPolicyBinding,
} from './misc.ts';
import { validateCustomResourceDefinition } from './apiextensions.ts';
import {
  validateAPIService, validateMutatingWebhookConfiguration, validateValidatingWebhookConfiguration,
} from './admission-webhooks.ts';
import {
  validateCSIDriver, validateCSINode, validateCSIStorageCapacity, validateCertificateSigningRequest, validateFlowSchema,
  validatePriorityLevelConfiguration, validateRuntimeClass, validateVolumeAttachment,
} from './cluster-kinds.ts';
import type { PodTemplateValidator } from './group-helpers.ts';

export type { KindValidator, PodTemplateValidator } from './group-helpers.ts';
export { validateCustomResource, pruneCustomResource } from './custom-resource.ts';
export { crdVersionSchema } from './apiextensions.ts';

/**
 * Builds the validators with a given pod template validator (tests pass a stub so that workload
 * rules can be checked without a fully defaulted pod spec).
 */
export function makeGroupValidators(
  validatePodTemplate: PodTemplateValidator,
): Record<string, (obj: KubeObject, old?: KubeObject) => FieldError[]> {
  return {
    'apps/Deployment': validateDeployment(validatePodTemplate),
    'apps/ReplicaSet': validateReplicaSet(validatePodTemplate),
    'apps/StatefulSet': validateStatefulSet,
    'apps/DaemonSet': validateDaemonSet(validatePodTemplate),
    'apps/ControllerRevision': validateControllerRevision,
    'batch/Job': validateJob(validatePodTemplate),
    'batch/CronJob': validateCronJob(validatePodTemplate),
    'autoscaling/HorizontalPodAutoscaler': validateHorizontalPodAutoscaler,
    'networking.k8s.io/Ingress': validateIngress,
    'networking.k8s.io/IngressClass': validateIngressClass,
    'networking.k8s.io/NetworkPolicy': validateNetworkPolicy,
    'rbac.authorization.k8s.io/Role': validateRole,
    'rbac.authorization.k8s.io/ClusterRole': validateClusterRole,
    'rbac.authorization.k8s.io/RoleBinding': validateRoleBinding,
    'rbac.authorization.k8s.io/ClusterRoleBinding': validateClusterRoleBinding,
    'storage.k8s.io/StorageClass': validateStorageClass,
    'policy/PodDisruptionBudget': validatePodDisruptionBudget,
    'scheduling.k8s.io/PriorityClass': validatePriorityClass,
    'coordination.k8s.io/Lease': validateLease,
    'discovery.k8s.io/EndpointSlice': validateEndpointSlice,
    'admissionregistration.k8s.io/ValidatingAdmissionPolicy': validateValidatingAdmissionPolicy,
    'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': validateValidatingAdmissionPolicyBinding,
    'apiextensions.k8s.io/CustomResourceDefinition': validateCustomResourceDefinition,
    'admissionregistration.k8s.io/MutatingWebhookConfiguration': validateMutatingWebhookConfiguration,
    'admissionregistration.k8s.io/ValidatingWebhookConfiguration': validateValidatingWebhookConfiguration,
    'apiregistration.k8s.io/APIService': validateAPIService,
    'certificates.k8s.io/CertificateSigningRequest': validateCertificateSigningRequest,
    'flowcontrol.apiserver.k8s.io/FlowSchema': validateFlowSchema,
    'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': validatePriorityLevelConfiguration,
    'node.k8s.io/RuntimeClass': validateRuntimeClass,
    'storage.k8s.io/CSIDriver': validateCSIDriver,
    'storage.k8s.io/CSINode': validateCSINode,
    'storage.k8s.io/CSIStorageCapacity': validateCSIStorageCapacity,
    'storage.k8s.io/VolumeAttachment': validateVolumeAttachment,
  };
}

/** Spec validators of the non-core groups, keyed `<group>/<Kind>`; `old` is given on update. */
export const groupValidators = makeGroupValidators((template, path) => validatePodTemplateSpec(template, path, { resourceIsPod: false }));
