/**
 * Protobuf field numbers of the core/v1 and meta/v1 messages that kubectl's typed clients send,
 * learned from the upstream generated.proto files of Kubernetes v1.32 (k8s.io/api v0.32.9). `!` marks
 * a field whose zero value is meaningful (a Go pointer, or a JSON field without omitempty).
 */
import type { MessageTable } from './wire-types.ts';

/** Field tables, by message name; see wire-types.ts for the field notation. */
export const coreMessages: MessageTable = {
  // The body of a typed client's DELETE (`kubectl auth reconcile` recreating a binding), sent in the
  // client's own group version: every API group registers the meta/v1 options kinds.
  DeleteOptions: {
    1: 'gracePeriodSeconds:int64!', 2: 'preconditions:Preconditions!', 3: 'orphanDependents:bool!',
    4: 'propagationPolicy:string!', 5: 'dryRun:string[]', 6: 'ignoreStoreReadErrorWithClusterBreakingPotential:bool!',
  },
  Preconditions: { 1: 'uid:string!', 2: 'resourceVersion:string!' },
  ObjectMeta: {
    1: 'name:string', 2: 'generateName:string', 3: 'namespace:string', 4: 'selfLink:string', 5: 'uid:string',
    6: 'resourceVersion:string', 7: 'generation:int64', 8: 'creationTimestamp:time', 9: 'deletionTimestamp:time!',
    10: 'deletionGracePeriodSeconds:int64!', 11: 'labels:{string:string}', 12: 'annotations:{string:string}',
    13: 'ownerReferences:OwnerReference[]', 14: 'finalizers:string[]', 17: 'managedFields:ManagedFieldsEntry[]',
  },
  OwnerReference: {
    5: 'apiVersion:string!', 1: 'kind:string!', 3: 'name:string!', 4: 'uid:string!', 6: 'controller:bool!',
    7: 'blockOwnerDeletion:bool!',
  },
  ManagedFieldsEntry: {}, // not set by any generator: decoded as {}
  LabelSelector: { 1: 'matchLabels:{string:string}', 2: 'matchExpressions:LabelSelectorRequirement[]' },
  LabelSelectorRequirement: { 1: 'key:string!', 2: 'operator:string!', 3: 'values:string[]' },
  PodTemplateSpec: { 1: 'metadata:ObjectMeta', 2: 'spec:PodSpec' },
  PodSpec: {
    1: 'volumes:Volume[]', 20: 'initContainers:Container[]', 2: 'containers:Container[]!',
    34: 'ephemeralContainers:EphemeralContainer[]', 3: 'restartPolicy:string',
    4: 'terminationGracePeriodSeconds:int64!', 5: 'activeDeadlineSeconds:int64!', 6: 'dnsPolicy:string',
    7: 'nodeSelector:{string:string}', 8: 'serviceAccountName:string', 9: 'serviceAccount:string',
    21: 'automountServiceAccountToken:bool!', 10: 'nodeName:string', 11: 'hostNetwork:bool', 12: 'hostPID:bool',
    13: 'hostIPC:bool', 27: 'shareProcessNamespace:bool!', 14: 'securityContext:PodSecurityContext!',
    15: 'imagePullSecrets:LocalObjectReference[]', 16: 'hostname:string', 17: 'subdomain:string',
    18: 'affinity:Affinity!', 19: 'schedulerName:string', 22: 'tolerations:Toleration[]',
    23: 'hostAliases:HostAlias[]', 24: 'priorityClassName:string', 25: 'priority:int32!',
    26: 'dnsConfig:PodDNSConfig!', 28: 'readinessGates:PodReadinessGate[]', 29: 'runtimeClassName:string!',
    30: 'enableServiceLinks:bool!', 31: 'preemptionPolicy:string!', 32: 'overhead:{string:quantity}',
    33: 'topologySpreadConstraints:TopologySpreadConstraint[]', 35: 'setHostnameAsFQDN:bool!', 36: 'os:PodOS!',
    37: 'hostUsers:bool!', 38: 'schedulingGates:PodSchedulingGate[]', 39: 'resourceClaims:PodResourceClaim[]',
    40: 'resources:ResourceRequirements!',
  },
  Volume: {}, // not set by any generator: decoded as {}
  Container: {
    1: 'name:string!', 2: 'image:string', 3: 'command:string[]', 4: 'args:string[]', 5: 'workingDir:string',
    6: 'ports:ContainerPort[]', 19: 'envFrom:EnvFromSource[]', 7: 'env:EnvVar[]', 8: 'resources:ResourceRequirements',
    23: 'resizePolicy:ContainerResizePolicy[]', 24: 'restartPolicy:string!', 9: 'volumeMounts:VolumeMount[]',
    21: 'volumeDevices:VolumeDevice[]', 10: 'livenessProbe:Probe!', 11: 'readinessProbe:Probe!',
    22: 'startupProbe:Probe!', 12: 'lifecycle:Lifecycle!', 13: 'terminationMessagePath:string',
    20: 'terminationMessagePolicy:string', 14: 'imagePullPolicy:string', 15: 'securityContext:SecurityContext!',
    16: 'stdin:bool', 17: 'stdinOnce:bool', 18: 'tty:bool',
  },
  ContainerPort: {
    1: 'name:string', 2: 'hostPort:int32', 3: 'containerPort:int32!', 4: 'protocol:string', 5: 'hostIP:string',
  },
  EnvFromSource: { 1: 'prefix:string', 2: 'configMapRef:ConfigMapEnvSource!', 3: 'secretRef:SecretEnvSource!' },
  ConfigMapEnvSource: { 1: 'localObjectReference:LocalObjectReference^', 2: 'optional:bool!' },
  LocalObjectReference: { 1: 'name:string' },
  SecretEnvSource: { 1: 'localObjectReference:LocalObjectReference^', 2: 'optional:bool!' },
  EnvVar: { 1: 'name:string!', 2: 'value:string', 3: 'valueFrom:EnvVarSource!' },
  EnvVarSource: {
    1: 'fieldRef:ObjectFieldSelector!', 2: 'resourceFieldRef:ResourceFieldSelector!',
    3: 'configMapKeyRef:ConfigMapKeySelector!', 4: 'secretKeyRef:SecretKeySelector!',
  },
  ObjectFieldSelector: { 1: 'apiVersion:string', 2: 'fieldPath:string!' },
  ResourceFieldSelector: { 1: 'containerName:string', 2: 'resource:string!', 3: 'divisor:quantity' },
  ConfigMapKeySelector: { 1: 'localObjectReference:LocalObjectReference^', 2: 'key:string!', 3: 'optional:bool!' },
  SecretKeySelector: { 1: 'localObjectReference:LocalObjectReference^', 2: 'key:string!', 3: 'optional:bool!' },
  ResourceRequirements: { 1: 'limits:{string:quantity}', 2: 'requests:{string:quantity}', 3: 'claims:ResourceClaim[]' },
  ResourceClaim: {}, // not set by any generator: decoded as {}
  ContainerResizePolicy: {}, // not set by any generator: decoded as {}
  VolumeMount: {
    1: 'name:string!', 2: 'readOnly:bool', 7: 'recursiveReadOnly:string!', 3: 'mountPath:string!',
    4: 'subPath:string', 5: 'mountPropagation:string!', 6: 'subPathExpr:string',
  },
  VolumeDevice: {}, // not set by any generator: decoded as {}
  Probe: {}, // not set by any generator: decoded as {}
  Lifecycle: {}, // not set by any generator: decoded as {}
  SecurityContext: {}, // not set by any generator: decoded as {}
  EphemeralContainer: {}, // not set by any generator: decoded as {}
  PodSecurityContext: {}, // not set by any generator: decoded as {}
  Affinity: {}, // not set by any generator: decoded as {}
  Toleration: {
    1: 'key:string', 2: 'operator:string', 3: 'value:string', 4: 'effect:string', 5: 'tolerationSeconds:int64!',
  },
  HostAlias: {}, // not set by any generator: decoded as {}
  PodDNSConfig: {}, // not set by any generator: decoded as {}
  PodReadinessGate: {}, // not set by any generator: decoded as {}
  TopologySpreadConstraint: {}, // not set by any generator: decoded as {}
  PodOS: {}, // not set by any generator: decoded as {}
  PodSchedulingGate: {}, // not set by any generator: decoded as {}
  PodResourceClaim: {}, // not set by any generator: decoded as {}
  Namespace: { 1: 'metadata:ObjectMeta', 2: 'spec:NamespaceSpec', 3: 'status:NamespaceStatus' },
  NamespaceSpec: { 1: 'finalizers:string[]' },
  NamespaceStatus: { 1: 'phase:string', 2: 'conditions:NamespaceCondition[]' },
  NamespaceCondition: {
    1: 'type:string!', 2: 'status:string!', 4: 'lastTransitionTime:time', 5: 'reason:string', 6: 'message:string',
  },
  ConfigMap: {
    1: 'metadata:ObjectMeta', 4: 'immutable:bool!', 2: 'data:{string:string}', 3: 'binaryData:{string:bytes}',
  },
  Secret: {
    1: 'metadata:ObjectMeta', 5: 'immutable:bool!', 2: 'data:{string:bytes}', 4: 'stringData:{string:string}',
    3: 'type:string',
  },
  Service: { 1: 'metadata:ObjectMeta', 2: 'spec:ServiceSpec', 3: 'status:ServiceStatus' },
  ServiceSpec: {
    1: 'ports:ServicePort[]', 2: 'selector:{string:string}', 3: 'clusterIP:string', 18: 'clusterIPs:string[]',
    4: 'type:string', 5: 'externalIPs:string[]', 7: 'sessionAffinity:string', 8: 'loadBalancerIP:string',
    9: 'loadBalancerSourceRanges:string[]', 10: 'externalName:string', 11: 'externalTrafficPolicy:string',
    12: 'healthCheckNodePort:int32', 13: 'publishNotReadyAddresses:bool',
    14: 'sessionAffinityConfig:SessionAffinityConfig!', 19: 'ipFamilies:string[]', 17: 'ipFamilyPolicy:string!',
    20: 'allocateLoadBalancerNodePorts:bool!', 21: 'loadBalancerClass:string!', 22: 'internalTrafficPolicy:string!',
    23: 'trafficDistribution:string!',
  },
  ServicePort: {
    1: 'name:string', 2: 'protocol:string', 6: 'appProtocol:string!', 3: 'port:int32!', 4: 'targetPort:intOrString',
    5: 'nodePort:int32',
  },
  SessionAffinityConfig: { 1: 'clientIP:ClientIPConfig!' },
  ClientIPConfig: { 1: 'timeoutSeconds:int32!' },
  ServiceStatus: { 1: 'loadBalancer:LoadBalancerStatus', 2: 'conditions:Condition[]' },
  LoadBalancerStatus: { 1: 'ingress:LoadBalancerIngress[]' },
  LoadBalancerIngress: { 1: 'ip:string', 2: 'hostname:string', 3: 'ipMode:string!', 4: 'ports:PortStatus[]' },
  PortStatus: { 1: 'port:int32!', 2: 'protocol:string!', 3: 'error:string!' },
  Condition: {
    1: 'type:string!', 2: 'status:string!', 3: 'observedGeneration:int64', 4: 'lastTransitionTime:time!',
    5: 'reason:string!', 6: 'message:string!',
  },
  ServiceAccount: {
    1: 'metadata:ObjectMeta', 2: 'secrets:ObjectReference[]', 3: 'imagePullSecrets:LocalObjectReference[]',
    4: 'automountServiceAccountToken:bool!',
  },
  ObjectReference: {
    1: 'kind:string', 2: 'namespace:string', 3: 'name:string', 4: 'uid:string', 5: 'apiVersion:string',
    6: 'resourceVersion:string', 7: 'fieldPath:string',
  },
  ResourceQuota: { 1: 'metadata:ObjectMeta', 2: 'spec:ResourceQuotaSpec', 3: 'status:ResourceQuotaStatus' },
  ResourceQuotaSpec: { 1: 'hard:{string:quantity}', 2: 'scopes:string[]', 3: 'scopeSelector:ScopeSelector!' },
  ScopeSelector: {}, // not set by any generator: decoded as {}
  ResourceQuotaStatus: { 1: 'hard:{string:quantity}', 2: 'used:{string:quantity}' },
  Pod: { 1: 'metadata:ObjectMeta', 2: 'spec:PodSpec', 3: 'status:PodStatus' },
  PodStatus: {}, // not set by any generator: decoded as {}
  TypedLocalObjectReference: { 1: 'apiGroup:string!', 2: 'kind:string!', 3: 'name:string!' },
  FieldSelectorRequirement: { 1: 'key:string!', 2: 'operator:string!', 3: 'values:string[]' },
};
