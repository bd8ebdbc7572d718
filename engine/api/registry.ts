/**
 * The resource registry: which kinds the API server serves, under which group, version and plural
 * name, and what discovery says about each. Built-in kinds are data; CustomResourceDefinitions add
 * entries at run time (see `Registry.addCustom`).
 */

export interface ResourceInfo {
  group: string; // '' for the core group
  version: string;
  /** Plural, lower-case resource name used in URLs: `deployments`. */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Subresource names served: `status`, `scale`, `log`, … */
  subresources?: string[];
  /** Set for kinds served from a CustomResourceDefinition. */
  custom?: boolean;
}

const crud = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const noCollectionDelete = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const createOnly = ['create'];

type Entry = [resource: string, kind: string, namespaced: boolean, extra?: Partial<ResourceInfo>];

function group(groupName: string, version: string, entries: Entry[]): ResourceInfo[] {
  return entries.map(([resource, kind, namespaced, extra]) => ({
    group: groupName,
    version,
    resource,
    kind,
    singular: kind.toLowerCase(),
    namespaced,
    verbs: crud,
    ...extra,
  }));
}

const all = ['all'];

/**
 * Built-in kinds of Kubernetes v1.32 that the lab teaches, in the order the real API server lists
 * its groups in discovery. Versions that v1.32 no longer serves (extensions/v1beta1, apps/v1beta2,
 * batch/v1beta1, policy/v1beta1, autoscaling/v2beta2 …) are deliberately absent.
 */
export const builtinResources: ResourceInfo[] = [
  ...group('', 'v1', [
    ['bindings', 'Binding', true, { verbs: createOnly }],
    ['componentstatuses', 'ComponentStatus', false, { shortNames: ['cs'], verbs: ['get', 'list'] }],
    ['configmaps', 'ConfigMap', true, { shortNames: ['cm'] }],
    ['endpoints', 'Endpoints', true, { shortNames: ['ep'], singular: 'endpoints' }],
    ['events', 'Event', true, { shortNames: ['ev'] }],
    ['limitranges', 'LimitRange', true, { shortNames: ['limits'] }],
    ['namespaces', 'Namespace', false, { shortNames: ['ns'], verbs: noCollectionDelete, subresources: ['finalize', 'status'] }],
    ['nodes', 'Node', false, { shortNames: ['no'], subresources: ['proxy', 'status'] }],
    ['persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], subresources: ['status'] }],
    ['persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'], subresources: ['status'] }],
    ['pods', 'Pod', true, {
      shortNames: ['po'], categories: all,
      subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'],
    }],
    ['podtemplates', 'PodTemplate', true],
    ['replicationcontrollers', 'ReplicationController', true, { shortNames: ['rc'], categories: all, subresources: ['scale', 'status'] }],
    ['resourcequotas', 'ResourceQuota', true, { shortNames: ['quota'], subresources: ['status'] }],
    ['secrets', 'Secret', true],
    ['serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'], subresources: ['token'] }],
    ['services', 'Service', true, { shortNames: ['svc'], categories: all, subresources: ['proxy', 'status'] }],
  ]),
  // The aggregator lists its own group first (priority 20001), then the groups by groupPriorityMinimum.
  ...group('apiregistration.k8s.io', 'v1', [
    ['apiservices', 'APIService', false, { categories: ['api-extensions'], subresources: ['status'] }],
  ]),
  ...group('apps', 'v1', [
    ['controllerrevisions', 'ControllerRevision', true],
    ['daemonsets', 'DaemonSet', true, { shortNames: ['ds'], categories: all, subresources: ['status'] }],
    ['deployments', 'Deployment', true, { shortNames: ['deploy'], categories: all, subresources: ['scale', 'status'] }],
    ['replicasets', 'ReplicaSet', true, { shortNames: ['rs'], categories: all, subresources: ['scale', 'status'] }],
    ['statefulsets', 'StatefulSet', true, { shortNames: ['sts'], categories: all, subresources: ['scale', 'status'] }],
  ]),
  ...group('events.k8s.io', 'v1', [['events', 'Event', true, { shortNames: ['ev'] }]]),
  ...group('authentication.k8s.io', 'v1', [
    ['selfsubjectreviews', 'SelfSubjectReview', false, { verbs: createOnly }],
    ['tokenreviews', 'TokenReview', false, { verbs: createOnly }],
  ]),
  ...group('authorization.k8s.io', 'v1', [
    ['localsubjectaccessreviews', 'LocalSubjectAccessReview', true, { verbs: createOnly }],
    ['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, { verbs: createOnly }],
    ['selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, { verbs: createOnly }],
    ['subjectaccessreviews', 'SubjectAccessReview', false, { verbs: createOnly }],
  ]),
  ...group('autoscaling', 'v2', [
    ['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, { shortNames: ['hpa'], categories: all, subresources: ['status'] }],
  ]),
  ...group('autoscaling', 'v1', [
    ['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, { shortNames: ['hpa'], categories: all, subresources: ['status'] }],
  ]),
  ...group('batch', 'v1', [
    ['cronjobs', 'CronJob', true, { shortNames: ['cj'], categories: all, subresources: ['status'] }],
    ['jobs', 'Job', true, { categories: all, subresources: ['status'] }],
  ]),
  ...group('certificates.k8s.io', 'v1', [
    ['certificatesigningrequests', 'CertificateSigningRequest', false, { shortNames: ['csr'], subresources: ['approval', 'status'] }],
  ]),
  ...group('networking.k8s.io', 'v1', [
    ['ingressclasses', 'IngressClass', false],
    ['ingresses', 'Ingress', true, { shortNames: ['ing'], subresources: ['status'] }],
    ['networkpolicies', 'NetworkPolicy', true, { shortNames: ['netpol'] }],
  ]),
  ...group('policy', 'v1', [
    ['poddisruptionbudgets', 'PodDisruptionBudget', true, { shortNames: ['pdb'], subresources: ['status'] }],
  ]),
  ...group('rbac.authorization.k8s.io', 'v1', [
    ['clusterrolebindings', 'ClusterRoleBinding', false],
    ['clusterroles', 'ClusterRole', false],
    ['rolebindings', 'RoleBinding', true],
    ['roles', 'Role', true],
  ]),
  ...group('storage.k8s.io', 'v1', [
    ['csidrivers', 'CSIDriver', false],
    ['csinodes', 'CSINode', false],
    ['csistoragecapacities', 'CSIStorageCapacity', true],
    ['storageclasses', 'StorageClass', false, { shortNames: ['sc'] }],
    ['volumeattachments', 'VolumeAttachment', false, { subresources: ['status'] }],
  ]),
  ...group('admissionregistration.k8s.io', 'v1', [
    ['mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false, { categories: ['api-extensions'] }],
    ['validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false, { categories: ['api-extensions'], subresources: ['status'] }],
    ['validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', false, { categories: ['api-extensions'] }],
    ['validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false, { categories: ['api-extensions'] }],
  ]),
  ...group('apiextensions.k8s.io', 'v1', [
    ['customresourcedefinitions', 'CustomResourceDefinition', false, {
      shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: ['status'],
    }],
  ]),
  ...group('scheduling.k8s.io', 'v1', [
    ['priorityclasses', 'PriorityClass', false, { shortNames: ['pc'] }],
  ]),
  ...group('coordination.k8s.io', 'v1', [['leases', 'Lease', true]]),
  ...group('node.k8s.io', 'v1', [['runtimeclasses', 'RuntimeClass', false]]),
  ...group('discovery.k8s.io', 'v1', [['endpointslices', 'EndpointSlice', true]]),
  ...group('flowcontrol.apiserver.k8s.io', 'v1', [
    ['flowschemas', 'FlowSchema', false, { subresources: ['status'] }],
    ['prioritylevelconfigurations', 'PriorityLevelConfiguration', false, { subresources: ['status'] }],
  ]),
  // Served by metrics-server through the aggregator (ApiServer.serveGroup), so listed last.
  ...group('metrics.k8s.io', 'v1beta1', [
    ['nodes', 'NodeMetrics', false, { singular: '', verbs: ['get', 'list'] }],
    ['pods', 'PodMetrics', true, { singular: '', verbs: ['get', 'list'] }],
  ]),
];

/** `apps/v1` or `v1`. */
export function groupVersion(info: { group: string; version: string }): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/**
 * The URL of a resource: its collection across all namespaces, its collection in one namespace, or
 * one object. `namespace` is ignored for cluster-scoped resources.
 */
export function resourcePath(info: Pick<ResourceInfo, 'group' | 'version' | 'resource' | 'namespaced'>, namespace?: string, name?: string): string {
  let path = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  if (info.namespaced && namespace !== undefined) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${info.resource}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  return path;
}

/** `deployments.apps`, or `pods` for the core group: how error messages name a resource. */
export function qualifiedResource(info: { group: string; resource: string }): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/**
 * The served resources of one cluster: the built-ins plus whatever CustomResourceDefinitions add.
 * Lookups are by URL coordinates (group, version, resource) or by kind (group, version, kind).
 */
export class Registry {
  private resources: ResourceInfo[] = [...builtinResources];

  /** Every served resource, in discovery order. */
  all(): readonly ResourceInfo[] {
    return this.resources;
  }

  /** The resource at URL coordinates, e.g. ('apps', 'v1', 'deployments'). */
  byResource(groupName: string, version: string, resource: string): ResourceInfo | undefined {
    return this.resources.find((r) => r.group === groupName && r.version === version && r.resource === resource);
  }

  /** The resource for an object's apiVersion and kind. */
  byKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    const [groupName, version] = splitApiVersion(apiVersion);
    return this.resources.find((r) => r.group === groupName && r.version === version && r.kind === kind);
  }

  /** Whether any version of the group serves the kind (to tell "no matches for kind" from other errors). */
  groupVersions(groupName: string): string[] {
    return [...new Set(this.resources.filter((r) => r.group === groupName).map((r) => r.version))];
  }

  /** Serve a custom resource (from an established CRD). Replaces an earlier entry with the same coordinates. */
  addCustom(info: ResourceInfo): void {
    this.removeCustom(info.group, info.resource, info.version);
    this.resources.push({ ...info, custom: true });
  }

  /** Stop serving a custom resource (its CRD was deleted). Without `version`, every version goes. */
  removeCustom(groupName: string, resource: string, version?: string): void {
    this.resources = this.resources.filter(
      (r) => !(r.custom && r.group === groupName && r.resource === resource && (!version || r.version === version)),
    );
  }
}

/** `apps/v1` → ['apps', 'v1']; `v1` → ['', 'v1']. */
export function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}
