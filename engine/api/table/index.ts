/**
 * Server-side Table conversion (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), as the
 * v1.32 API server does it: one printer per kind from printers.go, the generic NAME/CREATED AT
 * table for kinds without one, and CRD printer columns for custom resources. The server always
 * prints every column ("wide"); kubectl hides priority > 0 columns unless `-o wide`.
 */
import type { ResourceInfo } from '../registry.ts';
import type { KubeObject, ObjectMeta } from '../types.ts';
import { horizontalPodAutoscalerPrinter, podDisruptionBudgetPrinter } from './autoscaling.ts';
import {
  clusterRoleBindingPrinter, componentStatusPrinter, leasePrinter, namespacePrinter, nodePrinter, priorityClassPrinter,
  roleBindingPrinter, validatingAdmissionPolicyBindingPrinter, validatingAdmissionPolicyPrinter,
} from './cluster.ts';
import {
  configMapPrinter, persistentVolumeClaimPrinter, persistentVolumePrinter, resourceQuotaPrinter, secretPrinter,
  serviceAccountPrinter, storageClassPrinter,
} from './config-storage.ts';
import { customResourcePrinter, defaultPrinter } from './custom-resource.ts';
import { eventPrinter } from './events.ts';
import {
  apiServicePrinter, certificateSigningRequestPrinter, csiDriverPrinter, csiNodePrinter, csiStorageCapacityPrinter,
  flowSchemaPrinter, mutatingWebhookConfigurationPrinter, priorityLevelConfigurationPrinter, runtimeClassPrinter,
  validatingWebhookConfigurationPrinter, volumeAttachmentPrinter,
} from './extensions.ts';
import {
  endpointSlicePrinter, endpointsPrinter, ingressClassPrinter, ingressPrinter, networkPolicyPrinter, servicePrinter,
} from './networking.ts';
import { podPrinter } from './pod.ts';
import type { PartialObjectMetadata, Printer, Table, TableRow } from './types.ts';
import {
  controllerRevisionPrinter, cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, podTemplatePrinter,
  replicaSetPrinter, replicationControllerPrinter, statefulSetPrinter,
} from './workloads.ts';

/**
 * The printers of printers.go, keyed by `group/kind` (`core` for the core group). Every version of
 * a kind shares one printer, because the real server prints from the internal version.
 * Role, ClusterRole, LimitRange and CustomResourceDefinition are absent on purpose: upstream
 * registers no printer for them, so they get the default table.
 */
export const printers = {
  'core/Pod': podPrinter,
  'core/PodTemplate': podTemplatePrinter,
  'core/ReplicationController': replicationControllerPrinter,
  'core/Service': servicePrinter,
  'core/Endpoints': endpointsPrinter,
  'core/Node': nodePrinter,
  'core/Event': eventPrinter,
  'core/Namespace': namespacePrinter,
  'core/Secret': secretPrinter,
  'core/ServiceAccount': serviceAccountPrinter,
  'core/ConfigMap': configMapPrinter,
  'core/PersistentVolume': persistentVolumePrinter,
  'core/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  'core/ResourceQuota': resourceQuotaPrinter,
  'core/ComponentStatus': componentStatusPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'apps/ControllerRevision': controllerRevisionPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'autoscaling/HorizontalPodAutoscaler': horizontalPodAutoscalerPrinter,
  'policy/PodDisruptionBudget': podDisruptionBudgetPrinter,
  'events.k8s.io/Event': eventPrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
  'networking.k8s.io/IngressClass': ingressClassPrinter,
  'networking.k8s.io/NetworkPolicy': networkPolicyPrinter,
  'discovery.k8s.io/EndpointSlice': endpointSlicePrinter,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingPrinter,
  'rbac.authorization.k8s.io/ClusterRoleBinding': clusterRoleBindingPrinter,
  'storage.k8s.io/StorageClass': storageClassPrinter,
  'scheduling.k8s.io/PriorityClass': priorityClassPrinter,
  'coordination.k8s.io/Lease': leasePrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': validatingAdmissionPolicyPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': validatingAdmissionPolicyBindingPrinter,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': mutatingWebhookConfigurationPrinter,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': validatingWebhookConfigurationPrinter,
  'apiregistration.k8s.io/APIService': apiServicePrinter,
  'certificates.k8s.io/CertificateSigningRequest': certificateSigningRequestPrinter,
  'flowcontrol.apiserver.k8s.io/FlowSchema': flowSchemaPrinter,
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': priorityLevelConfigurationPrinter,
  'node.k8s.io/RuntimeClass': runtimeClassPrinter,
  'storage.k8s.io/CSIDriver': csiDriverPrinter,
  'storage.k8s.io/CSINode': csiNodePrinter,
  'storage.k8s.io/CSIStorageCapacity': csiStorageCapacityPrinter,
  'storage.k8s.io/VolumeAttachment': volumeAttachmentPrinter,
} satisfies Record<string, Printer>;

/** The registry key of a kind: `apps/Deployment`, `core/Pod`. */
export function printerKey(info: { group: string; kind: string }): string {
  return `${info.group || 'core'}/${info.kind}`;
}

/**
 * The printer the API server uses for a resource. Custom resources use the CRD convertor, whose
 * columns come from the served version (pass `customResourcePrinter(version)` as `options.printer`);
 * without it a custom resource gets the CRD default, NAME AGE.
 */
export function printerFor(info: ResourceInfo): Printer {
  if (info.custom) return customResourcePrinter({ name: info.version, served: true, storage: false });
  return (printers as Record<string, Printer>)[printerKey(info)] ?? defaultPrinter;
}

/** What `toTable` takes besides the objects. */
export interface TableOptions {
  /** Virtual now, in epoch milliseconds: every age is measured from it. */
  now: number;
  /** `?includeObject=`: PartialObjectMetadata by default, the whole object, or nothing. */
  includeObject?: 'None' | 'Metadata' | 'Object';
  /** The list's (or the single object's) resourceVersion. */
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** TableOptions.noHeaders: leave columnDefinitions out (null). */
  noHeaders?: boolean;
  /** Override the printer, e.g. `customResourcePrinter(crdVersion)` for a custom resource. */
  printer?: Printer;
}

// ObjectMeta fields in Go struct order, so the JSON reads like the real server's.
const metadataOrder = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];

/** `meta.AsPartialObjectMetadata`: the object's whole metadata under kind PartialObjectMetadata. */
export function asPartialObjectMetadata(object: KubeObject, apiVersion = 'meta.k8s.io/v1'): PartialObjectMetadata {
  const source = object.metadata ?? {};
  const metadata: ObjectMeta = {};
  for (const key of metadataOrder) if (source[key] !== undefined) metadata[key] = source[key];
  // metav1.Time marshals its zero value as null rather than leaving the key out.
  if (metadata.creationTimestamp === undefined) metadata.creationTimestamp = null;
  return { kind: 'PartialObjectMetadata', apiVersion, metadata };
}

/** Convert objects of one resource to the metav1 Table the API server would answer with. */
export function toTable(info: ResourceInfo, objects: KubeObject[], options: TableOptions): Table {
  const printer = options.printer ?? printerFor(info);
  const context = { now: options.now };
  const includeObject = options.includeObject ?? 'Metadata';
  const rows: TableRow[] = (printer.order ? printer.order(objects) : objects).map((object) => {
    const printed = printer.print(object, context);
    const row: TableRow = { cells: printed.cells, object: null };
    if (printed.conditions) row.conditions = printed.conditions;
    if (includeObject === 'Object') row.object = object;
    else if (includeObject === 'Metadata') row.object = asPartialObjectMetadata(object);
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (options.resourceVersion) metadata.resourceVersion = options.resourceVersion;
  if (options.continue) metadata.continue = options.continue;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: options.noHeaders ? null : printer.columns,
    // The generic convertor appends to a nil slice, so an empty list serializes as null there.
    rows: rows.length === 0 && printer === defaultPrinter ? null : rows,
  };
}

export { humanDuration, shortHumanDuration, timestampSince, timestampUntil, parseTimestamp } from './duration.ts';
export { podStatusReason, summarizePod, restartsCell, readinessGatesCell, podIP, type PodSummary } from './pod.ts';
export { formatServicePorts, serviceExternalIP, serviceClusterIP, formatEndpoints, formatIngressHosts, loadBalancerAddresses } from './networking.ts';
export { nodeStatus, nodeRoles, nodeAddress, subjectsStrings } from './cluster.ts';
export { jobStatus, jobCompletions, jobDuration, controllerOf } from './workloads.ts';
export { hpaTargets } from './autoscaling.ts';
export { toCoreEvent, eventObject, eventTimes, formatEventSource } from './events.ts';
export { accessModesString, containerCells, formatLabels, formatLabelSelector, labelsString, selectorString } from './format.ts';
export { quantityString, parseQuantity } from './quantity.ts';
export { customResourcePrinter, defaultPrinter, printerColumnsFor, rfc3339 } from './custom-resource.ts';
export type { Cell, PartialObjectMetadata, PrintContext, PrintedRow, Printer, Table, TableColumnDefinition, TableRow, TableRowCondition } from './types.ts';
