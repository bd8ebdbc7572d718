/**
 * The Go types of the built-in kinds, reduced to what patching needs: for each struct, the fields
 * whose merge behaviour is not the default, and the struct-typed fields that lead to such fields.
 * Transcribed from the struct tags and `+listType`/`+listMapKey`/`+mapType`/`+structType` markers
 * of k8s.io/api v0.32 (core/v1 types.go, apps/v1 types.go, …) and apimachinery's meta/v1.
 *
 * Defaults (fields that are absent here): a list is `atomic` for server-side apply and replaced
 * whole by a strategic merge patch; a map or struct is merged key by key (granular).
 * Lists of atomic kind are not descended into: nothing inside them merges separately.
 * Legacy in-tree volume plugins (rbd, iscsi, cephfs, fc, flexVolume, cinder, scaleIO, storageos)
 * are left out; their only tagged fields are atomic lists and atomic secret references.
 */

/** `patchStrategy` struct tag, verbatim (`merge,retainKeys` is one value in Go, too). */
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

/** Merge semantics of one field of a Go struct. */
export interface FieldSemantics {
  /** Go type of the field (of its items, for a list), when that type has non-default fields. */
  type?: string;
  patchStrategy?: PatchStrategy;
  patchMergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  /** A field-level `+structType` overriding the type's own (PersistentVolumeSpec.claimRef). */
  structType?: 'atomic' | 'granular';
}

export type GoStruct = Record<string, FieldSemantics>;

const atomic: FieldSemantics = { listType: 'atomic' };
const meta: FieldSemantics = { type: 'ObjectMeta' };
const mergeByName: FieldSemantics = { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] };
const mergeByType: FieldSemantics = { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] };
const selector: FieldSemantics = { type: 'LabelSelector' };
const template: FieldSemantics = { type: 'PodTemplateSpec' };
const conditions = { conditions: mergeByType };

/** Struct types marked `+structType=atomic`: server-side apply owns them as a whole. */
export const atomicStructs: ReadonlySet<string> = new Set([
  'ObjectReference', 'LocalObjectReference', 'TypedLocalObjectReference', 'SecretReference', 'LabelSelector',
  'NodeSelector', 'ObjectFieldSelector', 'ResourceFieldSelector', 'ConfigMapKeySelector', 'SecretKeySelector',
  'ScopeSelector', 'CrossVersionObjectReference', 'ServiceBackendPort', 'RoleRef', 'OwnerReference', 'ParamKind',
  'ParamRef', 'MatchResources', 'Variable', 'NodeSelectorTerm', 'NamedRuleWithOperations',
]);

const containerFields: GoStruct = {
  command: atomic,
  args: atomic,
  ports: { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] },
  envFrom: atomic,
  env: { type: 'EnvVar', ...mergeByName },
  resources: { type: 'ResourceRequirements' },
  resizePolicy: atomic,
  volumeMounts: { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] },
  volumeDevices: { patchStrategy: 'merge', patchMergeKey: 'devicePath', listType: 'map', listMapKeys: ['devicePath'] },
  livenessProbe: { type: 'Probe' },
  readinessProbe: { type: 'Probe' },
  startupProbe: { type: 'Probe' },
  lifecycle: { type: 'Lifecycle' },
  securityContext: { type: 'SecurityContext' },
};

/** Every struct with non-default semantics, by Go type name (package-qualified where names clash). */
export const goTypes: Record<string, GoStruct> = {
  // meta/v1
  ObjectMeta: {
    ownerReferences: { type: 'OwnerReference', patchStrategy: 'merge', patchMergeKey: 'uid', listType: 'map', listMapKeys: ['uid'] },
    // A primitive list with the merge strategy: SMP unions it, `$deleteFromPrimitiveList` removes items.
    finalizers: { patchStrategy: 'merge', listType: 'set' },
    managedFields: atomic,
  },

  // core/v1: pods and their templates
  Pod: { metadata: meta, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodTemplate: { metadata: meta, template },
  PodTemplateSpec: { metadata: meta, spec: { type: 'PodSpec' } },
  PodSpec: {
    // retainKeys: a volume has exactly one source, so changing emptyDir → configMap drops the old key.
    volumes: { type: 'Volume', patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] },
    initContainers: { type: 'Container', ...mergeByName },
    containers: { type: 'Container', ...mergeByName },
    ephemeralContainers: { type: 'Container', ...mergeByName },
    nodeSelector: { mapType: 'atomic' },
    securityContext: { type: 'PodSecurityContext' },
    imagePullSecrets: { type: 'LocalObjectReference', ...mergeByName },
    affinity: { type: 'Affinity' },
    tolerations: atomic,
    hostAliases: { type: 'HostAlias', patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'] },
    dnsConfig: { type: 'PodDNSConfig' },
    readinessGates: atomic,
    topologySpreadConstraints: {
      type: 'TopologySpreadConstraint', patchStrategy: 'merge', patchMergeKey: 'topologyKey',
      listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'],
    },
    schedulingGates: mergeByName,
    resourceClaims: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] },
    resources: { type: 'ResourceRequirements' },
  },
  Container: containerFields,
  EnvVar: { valueFrom: { type: 'EnvVarSource' } },
  EnvVarSource: {
    fieldRef: { type: 'ObjectFieldSelector' }, resourceFieldRef: { type: 'ResourceFieldSelector' },
    configMapKeyRef: { type: 'ConfigMapKeySelector' }, secretKeyRef: { type: 'SecretKeySelector' },
  },
  ResourceRequirements: { claims: { listType: 'map', listMapKeys: ['name'] } },
  Probe: { exec: { type: 'ExecAction' }, httpGet: { type: 'HTTPGetAction' } },
  Lifecycle: { postStart: { type: 'LifecycleHandler' }, preStop: { type: 'LifecycleHandler' } },
  LifecycleHandler: { exec: { type: 'ExecAction' }, httpGet: { type: 'HTTPGetAction' } },
  ExecAction: { command: atomic },
  HTTPGetAction: { httpHeaders: atomic },
  SecurityContext: { capabilities: { type: 'Capabilities' } },
  Capabilities: { add: atomic, drop: atomic },
  PodSecurityContext: { supplementalGroups: atomic, sysctls: atomic },
  Volume: {
    secret: { type: 'SecretVolumeSource' }, configMap: { type: 'ConfigMapVolumeSource' },
    downwardAPI: { type: 'DownwardAPIVolumeSource' }, projected: { type: 'ProjectedVolumeSource' },
    ephemeral: { type: 'EphemeralVolumeSource' },
  },
  SecretVolumeSource: { items: atomic },
  ConfigMapVolumeSource: { items: atomic },
  DownwardAPIVolumeSource: { items: atomic },
  ProjectedVolumeSource: { sources: atomic },
  EphemeralVolumeSource: { volumeClaimTemplate: { type: 'PersistentVolumeClaimTemplate' } },
  PersistentVolumeClaimTemplate: { metadata: meta, spec: { type: 'PersistentVolumeClaimSpec' } },
  Affinity: { nodeAffinity: { type: 'NodeAffinity' }, podAffinity: { type: 'PodAffinity' }, podAntiAffinity: { type: 'PodAffinity' } },
  NodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { type: 'NodeSelector' }, preferredDuringSchedulingIgnoredDuringExecution: atomic },
  // PodAntiAffinity has the same two atomic lists, so it shares this entry.
  PodAffinity: { requiredDuringSchedulingIgnoredDuringExecution: atomic, preferredDuringSchedulingIgnoredDuringExecution: atomic },
  HostAlias: { hostnames: atomic },
  PodDNSConfig: { nameservers: atomic, searches: atomic, options: atomic },
  TopologySpreadConstraint: { labelSelector: selector, matchLabelKeys: atomic },
  PodStatus: {
    ...conditions,
    // Merge strategy for patches but atomic for apply: the two tag families disagree here.
    hostIPs: { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'atomic' },
    podIPs: { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'] },
    // Atomic lists, but their items' own list fields still carry semantics in the OpenAPI document.
    initContainerStatuses: { type: 'ContainerStatus', listType: 'atomic' },
    containerStatuses: { type: 'ContainerStatus', listType: 'atomic' },
    ephemeralContainerStatuses: { type: 'ContainerStatus', listType: 'atomic' },
    resourceClaimStatuses: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] },
  },
  ContainerStatus: {
    volumeMounts: { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] },
    user: { type: 'ContainerUser' },
    allocatedResourcesStatus: { type: 'ResourceStatus', ...mergeByName },
  },
  ContainerUser: { linux: { type: 'LinuxContainerUser' } },
  LinuxContainerUser: { supplementalGroups: atomic },
  // The map key is resourceID; there is no patch merge key, so SMP replaces the list whole.
  ResourceStatus: { resources: { listType: 'map', listMapKeys: ['resourceID'] } },

  // core/v1: everything else
  ConfigMap: { metadata: meta },
  Secret: { metadata: meta },
  Endpoints: { metadata: meta, subsets: atomic },
  'core.Event': { metadata: meta, involvedObject: { type: 'ObjectReference' }, related: { type: 'ObjectReference' } },
  LimitRange: { metadata: meta, spec: { type: 'LimitRangeSpec' } },
  LimitRangeSpec: { limits: atomic },
  Namespace: { metadata: meta, spec: { type: 'NamespaceSpec' }, status: { type: 'NamespaceStatus' } },
  NamespaceSpec: { finalizers: atomic },
  NamespaceStatus: conditions,
  Node: { metadata: meta, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  NodeSpec: { podCIDRs: { patchStrategy: 'merge', listType: 'set' }, taints: atomic },
  NodeStatus: {
    ...conditions, addresses: mergeByType,
    images: atomic, volumesInUse: atomic, volumesAttached: atomic, runtimeHandlers: atomic,
  },
  PersistentVolumeClaim: { metadata: meta, spec: { type: 'PersistentVolumeClaimSpec' }, status: { type: 'PersistentVolumeClaimStatus' } },
  PersistentVolumeClaimSpec: { accessModes: atomic, selector, dataSource: { type: 'TypedLocalObjectReference' } },
  PersistentVolumeClaimStatus: { accessModes: atomic, ...conditions, allocatedResourceStatuses: { mapType: 'granular' } },
  PersistentVolume: { metadata: meta, spec: { type: 'PersistentVolumeSpec' } },
  PersistentVolumeSpec: {
    accessModes: atomic,
    claimRef: { type: 'ObjectReference', structType: 'granular' },
    mountOptions: atomic,
    nodeAffinity: { type: 'VolumeNodeAffinity' },
  },
  VolumeNodeAffinity: { required: { type: 'NodeSelector' } },
  ReplicationController: { metadata: meta, spec: { type: 'ReplicationControllerSpec' }, status: { type: 'ReplicationControllerStatus' } },
  ReplicationControllerSpec: { selector: { mapType: 'atomic' }, template },
  ReplicationControllerStatus: conditions,
  ResourceQuota: { metadata: meta, spec: { type: 'ResourceQuotaSpec' } },
  ResourceQuotaSpec: { scopes: atomic, scopeSelector: { type: 'ScopeSelector' } },
  ServiceAccount: { metadata: meta, secrets: { type: 'ObjectReference', ...mergeByName }, imagePullSecrets: atomic },
  Service: { metadata: meta, spec: { type: 'ServiceSpec' }, status: { type: 'ServiceStatus' } },
  ServiceSpec: {
    // The patch merge key is only `port`: two entries for port 53 (TCP and UDP) collide under SMP.
    ports: { patchStrategy: 'merge', patchMergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'] },
    selector: { mapType: 'atomic' },
    clusterIPs: atomic, externalIPs: atomic, loadBalancerSourceRanges: atomic, ipFamilies: atomic,
  },
  ServiceStatus: { loadBalancer: { type: 'LoadBalancerStatus' }, ...conditions },
  LoadBalancerStatus: { ingress: atomic },
  ComponentStatus: { metadata: meta, ...conditions },
  Binding: { metadata: meta, target: { type: 'ObjectReference' } },

  // apps/v1
  Deployment: { metadata: meta, spec: { type: 'DeploymentSpec' }, status: { type: 'DeploymentStatus' } },
  // retainKeys: switching to Recreate must drop rollingUpdate, which the server would otherwise keep.
  DeploymentSpec: { selector, template, strategy: { patchStrategy: 'retainKeys' } },
  DeploymentStatus: conditions,
  ReplicaSet: { metadata: meta, spec: { type: 'ReplicaSetSpec' }, status: { type: 'ReplicaSetStatus' } },
  ReplicaSetSpec: { selector, template },
  ReplicaSetStatus: conditions,
  DaemonSet: { metadata: meta, spec: { type: 'DaemonSetSpec' }, status: { type: 'DaemonSetStatus' } },
  DaemonSetSpec: { selector, template },
  DaemonSetStatus: conditions,
  StatefulSet: { metadata: meta, spec: { type: 'StatefulSetSpec' }, status: { type: 'StatefulSetStatus' } },
  StatefulSetSpec: { selector, template, volumeClaimTemplates: atomic },
  StatefulSetStatus: conditions,
  ControllerRevision: { metadata: meta },

  // batch/v1
  Job: { metadata: meta, spec: { type: 'JobSpec' }, status: { type: 'JobStatus' } },
  JobSpec: {
    podFailurePolicy: { type: 'PodFailurePolicy' }, successPolicy: { type: 'SuccessPolicy' }, selector, template,
  },
  PodFailurePolicy: { rules: atomic },
  SuccessPolicy: { rules: atomic },
  JobStatus: {
    conditions: { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic' },
    uncountedTerminatedPods: { type: 'UncountedTerminatedPods' },
  },
  UncountedTerminatedPods: { succeeded: { listType: 'set' }, failed: { listType: 'set' } },
  CronJob: { metadata: meta, spec: { type: 'CronJobSpec' }, status: { type: 'CronJobStatus' } },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
  JobTemplateSpec: { metadata: meta, spec: { type: 'JobSpec' } },
  CronJobStatus: { active: atomic },

  // autoscaling/v2 and v1
  'autoscaling.v2.HorizontalPodAutoscaler': {
    metadata: meta, spec: { type: 'autoscaling.v2.HorizontalPodAutoscalerSpec' }, status: { type: 'HorizontalPodAutoscalerStatus' },
  },
  'autoscaling.v2.HorizontalPodAutoscalerSpec': { metrics: atomic, behavior: { type: 'HorizontalPodAutoscalerBehavior' } },
  HorizontalPodAutoscalerBehavior: { scaleUp: { type: 'HPAScalingRules' }, scaleDown: { type: 'HPAScalingRules' } },
  HPAScalingRules: { policies: atomic },
  HorizontalPodAutoscalerStatus: { currentMetrics: atomic, ...conditions },
  'autoscaling.v1.HorizontalPodAutoscaler': { metadata: meta, spec: { type: 'autoscaling.v1.HorizontalPodAutoscalerSpec' } },
  'autoscaling.v1.HorizontalPodAutoscalerSpec': { scaleTargetRef: { type: 'CrossVersionObjectReference' } },

  // networking.k8s.io/v1
  Ingress: { metadata: meta, spec: { type: 'IngressSpec' }, status: { type: 'IngressStatus' } },
  IngressSpec: { defaultBackend: { type: 'IngressBackend' }, tls: atomic, rules: atomic },
  IngressBackend: { service: { type: 'IngressServiceBackend' }, resource: { type: 'TypedLocalObjectReference' } },
  IngressServiceBackend: { port: { type: 'ServiceBackendPort' } },
  IngressStatus: { loadBalancer: { type: 'IngressLoadBalancerStatus' } },
  IngressLoadBalancerStatus: { ingress: atomic },
  IngressClass: { metadata: meta },
  NetworkPolicy: { metadata: meta, spec: { type: 'NetworkPolicySpec' } },
  NetworkPolicySpec: { podSelector: selector, ingress: atomic, egress: atomic, policyTypes: atomic },

  // policy/v1: `replace` makes a patched selector replace the old one instead of merging into it.
  PodDisruptionBudget: { metadata: meta, spec: { type: 'PodDisruptionBudgetSpec' }, status: { type: 'PodDisruptionBudgetStatus' } },
  PodDisruptionBudgetSpec: { selector: { type: 'LabelSelector', patchStrategy: 'replace' } },
  PodDisruptionBudgetStatus: conditions,

  // rbac.authorization.k8s.io/v1: rules and subjects are atomic, so apply replaces them whole.
  Role: { metadata: meta, rules: atomic },
  ClusterRole: { metadata: meta, rules: atomic, aggregationRule: { type: 'AggregationRule' } },
  AggregationRule: { clusterRoleSelectors: atomic },
  RoleBinding: { metadata: meta, subjects: atomic, roleRef: { type: 'RoleRef' } },
  ClusterRoleBinding: { metadata: meta, subjects: atomic, roleRef: { type: 'RoleRef' } },

  // the remaining groups
  'events.Event': { metadata: meta, regarding: { type: 'ObjectReference' }, related: { type: 'ObjectReference' } },
  StorageClass: { metadata: meta, mountOptions: atomic, allowedTopologies: atomic },
  PriorityClass: { metadata: meta },
  Lease: { metadata: meta },
  EndpointSlice: { metadata: meta, endpoints: atomic, ports: atomic },
  ValidatingAdmissionPolicy: {
    metadata: meta, spec: { type: 'ValidatingAdmissionPolicySpec' }, status: { type: 'ValidatingAdmissionPolicyStatus' },
  },
  ValidatingAdmissionPolicySpec: {
    paramKind: { type: 'ParamKind' }, matchConstraints: { type: 'MatchResources' },
    validations: atomic, auditAnnotations: atomic,
    matchConditions: mergeByName, variables: { type: 'Variable', ...mergeByName },
  },
  ValidatingAdmissionPolicyStatus: {
    typeChecking: { type: 'TypeChecking' }, conditions: { listType: 'map', listMapKeys: ['type'] },
  },
  TypeChecking: { expressionWarnings: atomic },
  ValidatingAdmissionPolicyBinding: { metadata: meta, spec: { type: 'ValidatingAdmissionPolicyBindingSpec' } },
  ValidatingAdmissionPolicyBindingSpec: {
    paramRef: { type: 'ParamRef' }, matchResources: { type: 'MatchResources' }, validationActions: { listType: 'set' },
  },
  MutatingWebhookConfiguration: { metadata: meta, webhooks: { type: 'MutatingWebhook', ...mergeByName } },
  ValidatingWebhookConfiguration: { metadata: meta, webhooks: { type: 'ValidatingWebhook', ...mergeByName } },
  // ValidatingWebhook has the same tagged fields.
  MutatingWebhook: {
    rules: atomic, admissionReviewVersions: atomic, matchConditions: mergeByName,
    namespaceSelector: selector, objectSelector: selector,
  },
  ValidatingWebhook: {
    rules: atomic, admissionReviewVersions: atomic, matchConditions: mergeByName,
    namespaceSelector: selector, objectSelector: selector,
  },
  APIService: { metadata: meta, status: { type: 'APIServiceStatus' } },
  APIServiceStatus: { conditions: mergeByType },
  CertificateSigningRequest: { metadata: meta, spec: { type: 'CertificateSigningRequestSpec' }, status: { type: 'CertificateSigningRequestStatus' } },
  // request and certificate are []byte, which Go's +listType applies to; they travel as base64 strings.
  CertificateSigningRequestSpec: { request: atomic, usages: atomic, groups: atomic },
  CertificateSigningRequestStatus: { conditions: { listType: 'map', listMapKeys: ['type'] }, certificate: atomic },
  FlowSchema: { metadata: meta, spec: { type: 'FlowSchemaSpec' }, status: { type: 'FlowSchemaStatus' } },
  FlowSchemaSpec: { rules: { type: 'PolicyRulesWithSubjects', listType: 'atomic' } },
  PolicyRulesWithSubjects: {
    subjects: atomic, resourceRules: { type: 'ResourcePolicyRule', listType: 'atomic' },
    nonResourceRules: { type: 'NonResourcePolicyRule', listType: 'atomic' },
  },
  ResourcePolicyRule: { verbs: { listType: 'set' }, apiGroups: { listType: 'set' }, resources: { listType: 'set' }, namespaces: { listType: 'set' } },
  NonResourcePolicyRule: { verbs: { listType: 'set' }, nonResourceURLs: { listType: 'set' } },
  FlowSchemaStatus: conditions,
  PriorityLevelConfiguration: { metadata: meta, status: { type: 'PriorityLevelConfigurationStatus' } },
  PriorityLevelConfigurationStatus: conditions,
  RuntimeClass: { metadata: meta, scheduling: { type: 'Scheduling' } },
  Scheduling: { nodeSelector: { mapType: 'atomic' }, tolerations: atomic },
  CSIDriver: { metadata: meta, spec: { type: 'CSIDriverSpec' } },
  CSIDriverSpec: { volumeLifecycleModes: { listType: 'set' }, tokenRequests: atomic },
  CSINode: { metadata: meta, spec: { type: 'CSINodeSpec' } },
  CSINodeSpec: { drivers: { type: 'CSINodeDriver', ...mergeByName } },
  CSINodeDriver: { topologyKeys: atomic },
  CSIStorageCapacity: { metadata: meta, nodeTopology: selector },
  VolumeAttachment: { metadata: meta, spec: { type: 'VolumeAttachmentSpec' } },
  VolumeAttachmentSpec: { source: { type: 'VolumeAttachmentSource' } },
  VolumeAttachmentSource: { inlineVolumeSpec: { type: 'PersistentVolumeSpec' } },
  CustomResourceDefinition: {
    metadata: meta, spec: { type: 'CustomResourceDefinitionSpec' }, status: { type: 'CustomResourceDefinitionStatus' },
  },
  CustomResourceDefinitionSpec: { names: { type: 'CustomResourceDefinitionNames' }, versions: atomic },
  CustomResourceDefinitionNames: { shortNames: atomic, categories: atomic },
  CustomResourceDefinitionStatus: {
    conditions: { listType: 'map', listMapKeys: ['type'] }, acceptedNames: { type: 'CustomResourceDefinitionNames' },
    storedVersions: atomic,
  },
};
