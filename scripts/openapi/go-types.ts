/**
 * What the TypeScript definitions lose from the Go types and the generator puts back: the width
 * of every number (TypeScript has only `number`), the Go named types the JSON decoder prints in
 * its errors, and the CRD schema extensions kubernetes-types omits.
 */

import { lackedGoNamedTypes, lackedNumberFormats } from './lacking-fields-apply.ts';

/**
 * Number fields that are not int32, keyed `GoStruct.field`. Everything else typed `number` in
 * kubernetes-types is an int32 upstream. Taken from the Go field types of k8s.io/api and
 * apimachinery (generation counters, grace periods and user ids are int64).
 */
export const numberFormats: Record<string, 'int64' | 'double'> = {
  'ObjectMeta.generation': 'int64',
  'ObjectMeta.deletionGracePeriodSeconds': 'int64',
  'ListMeta.remainingItemCount': 'int64',
  'DeleteOptions.gracePeriodSeconds': 'int64',
  'Condition.observedGeneration': 'int64',
  'ControllerRevision.revision': 'int64',
  'DaemonSetStatus.observedGeneration': 'int64',
  'DeploymentStatus.observedGeneration': 'int64',
  'ReplicaSetStatus.observedGeneration': 'int64',
  'StatefulSetStatus.observedGeneration': 'int64',
  'ReplicationControllerStatus.observedGeneration': 'int64',
  'HorizontalPodAutoscalerStatus.observedGeneration': 'int64',
  'PodDisruptionBudgetStatus.observedGeneration': 'int64',
  'ValidatingAdmissionPolicyStatus.observedGeneration': 'int64',
  'PodSpec.activeDeadlineSeconds': 'int64',
  'PodSpec.terminationGracePeriodSeconds': 'int64',
  'Probe.terminationGracePeriodSeconds': 'int64',
  'SleepAction.seconds': 'int64',
  'PodSecurityContext.fsGroup': 'int64',
  'PodSecurityContext.runAsGroup': 'int64',
  'PodSecurityContext.runAsUser': 'int64',
  'PodSecurityContext.supplementalGroups': 'int64',
  'SecurityContext.runAsGroup': 'int64',
  'SecurityContext.runAsUser': 'int64',
  'Toleration.tolerationSeconds': 'int64',
  'ServiceAccountTokenProjection.expirationSeconds': 'int64',
  'TokenRequestSpec.expirationSeconds': 'int64',
  'ContainerImage.sizeBytes': 'int64',
  'JobSpec.activeDeadlineSeconds': 'int64',
  'CronJobSpec.startingDeadlineSeconds': 'int64',
  'JSONSchemaProps.maxItems': 'int64',
  'JSONSchemaProps.maxLength': 'int64',
  'JSONSchemaProps.maxProperties': 'int64',
  'JSONSchemaProps.minItems': 'int64',
  'JSONSchemaProps.minLength': 'int64',
  'JSONSchemaProps.minProperties': 'int64',
  'JSONSchemaProps.maximum': 'double',
  'JSONSchemaProps.minimum': 'double',
  'JSONSchemaProps.multipleOf': 'double',
  ...lackedNumberFormats(), // LinuxContainerUser.uid, … (fields added after 1.30)
};

/**
 * Go named types of fields a learner is likely to get wrong, keyed `GoStruct.field`: the JSON
 * decoder names them in `cannot unmarshal … of type v1.PullPolicy`. Fields not listed report the
 * underlying type (`string`, `[]string`), which is right for plain Go strings.
 */
export const goNamedTypes: Record<string, string> = {
  'ObjectMeta.uid': 'types.UID',
  'OwnerReference.uid': 'types.UID',
  'Container.imagePullPolicy': 'v1.PullPolicy',
  'Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'EphemeralContainer.imagePullPolicy': 'v1.PullPolicy',
  'ContainerPort.protocol': 'v1.Protocol',
  'ServicePort.protocol': 'v1.Protocol',
  'EndpointPort.protocol': 'v1.Protocol',
  'NetworkPolicyPort.protocol': 'v1.Protocol',
  'PodSpec.restartPolicy': 'v1.RestartPolicy',
  'PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'PodStatus.phase': 'v1.PodPhase',
  'PodOS.name': 'v1.OSName',
  'ServiceSpec.type': 'v1.ServiceType',
  'ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'ResourceRequirements.limits': 'v1.ResourceList',
  'ResourceRequirements.requests': 'v1.ResourceList',
  'VolumeResourceRequirements.limits': 'v1.ResourceList',
  'VolumeResourceRequirements.requests': 'v1.ResourceList',
  'ResourceQuotaSpec.hard': 'v1.ResourceList',
  'DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'StatefulSetUpdateStrategy.type': 'v1.StatefulSetUpdateStrategyType',
  'StatefulSetSpec.podManagementPolicy': 'v1.PodManagementPolicyType',
  'Toleration.operator': 'v1.TolerationOperator',
  'Toleration.effect': 'v1.TaintEffect',
  'Taint.effect': 'v1.TaintEffect',
  'NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
  'HTTPGetAction.scheme': 'v1.URIScheme',
  'Capabilities.add': '[]v1.Capability',
  'Capabilities.drop': '[]v1.Capability',
  'PersistentVolumeClaimSpec.accessModes': '[]v1.PersistentVolumeAccessMode',
  'PersistentVolumeClaimSpec.volumeMode': 'v1.PersistentVolumeMode',
  'EmptyDirVolumeSource.medium': 'v1.StorageMedium',
  'HostPathVolumeSource.type': 'v1.HostPathType',
  'Secret.type': 'v1.SecretType',
  'Secret.data': 'map[string][]uint8',
  'ConfigMap.binaryData': 'map[string][]uint8',
  'CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
  'JobSpec.completionMode': 'v1.CompletionMode',
  'HTTPIngressPath.pathType': 'v1.PathType',
  'NetworkPolicySpec.policyTypes': '[]v1.PolicyType',
  'NamespaceSpec.finalizers': '[]v1.FinalizerName',
  ...lackedGoNamedTypes(), // PodSecurityContext.supplementalGroupsPolicy, … (fields added after 1.30)
};

/**
 * CRD schema extensions that apiextensions' JSONSchemaProps has in Go (`json:"x-kubernetes-…"`)
 * but kubernetes-types 1.30 leaves out. Without them a CRD using `x-kubernetes-preserve-unknown-
 * fields` would fail strict decoding here while real Kubernetes accepts it.
 */
export const jsonSchemaPropsExtensions: Record<string, { type: 'boolean' | 'string' | 'strings' | 'rules'; description: string }> = {
  'x-kubernetes-embedded-resource': { type: 'boolean', description: 'x-kubernetes-embedded-resource defines that the value is an embedded Kubernetes runtime.Object, with TypeMeta and ObjectMeta. The type must be object. It is allowed to further restrict the embedded object. kind, apiVersion and metadata are validated automatically. x-kubernetes-preserve-unknown-fields is allowed to be true, but does not have to be if the object is fully specified (up to kind, apiVersion, metadata).' },
  'x-kubernetes-int-or-string': { type: 'boolean', description: 'x-kubernetes-int-or-string specifies that this value is either an integer or a string. If this is true, an empty type is allowed and type as child of anyOf is permitted if following one of the following patterns:\n\n1) anyOf:\n   - type: integer\n   - type: string\n2) allOf:\n   - anyOf:\n     - type: integer\n     - type: string\n   - ... zero or more' },
  'x-kubernetes-list-map-keys': { type: 'strings', description: 'x-kubernetes-list-map-keys annotates an array with the x-kubernetes-list-type `map` by specifying the keys used as the index of the map.\n\nThis tag MUST only be used on lists that have the "x-kubernetes-list-type" extension set to "map". Also, the values specified for this attribute must be a scalar typed field of the child structure (no nesting is supported).\n\nThe properties specified must either be required or have a default value, to ensure those properties are present for all list items.' },
  'x-kubernetes-list-type': { type: 'string', description: 'x-kubernetes-list-type annotates an array to further describe its topology. This extension must only be used on lists and may have 3 possible values:\n\n1) `atomic`: the list is treated as a single entity, like a scalar.\n     Atomic lists will be entirely replaced when updated. This extension\n     may be used on any type of list (struct, scalar, ...).\n2) `set`:\n     Sets are lists that must not have multiple items with the same value. Each\n     value must be a scalar, an object with x-kubernetes-map-type `atomic` or an\n     array with x-kubernetes-list-type `atomic`.\n3) `map`:\n     These lists are like maps in that their elements have a non-index key\n     used to identify them. Order is preserved upon merge. The map tag\n     must only be used on a list with elements of type object.\nDefaults to atomic for arrays.' },
  'x-kubernetes-map-type': { type: 'string', description: 'x-kubernetes-map-type annotates an object to further describe its topology. This extension must only be used when type is object and may have 2 possible values:\n\n1) `granular`:\n     These maps are actual maps (key-value pairs) and each fields are independent\n     from each other (they can each be manipulated by separate actors). This is\n     the default behaviour for all maps.\n2) `atomic`: the list is treated as a single entity, like a scalar.\n     Atomic maps will be entirely replaced when updated.' },
  'x-kubernetes-preserve-unknown-fields': { type: 'boolean', description: 'x-kubernetes-preserve-unknown-fields stops the API server decoding step from pruning fields which are not specified in the validation schema. This affects fields recursively, but switches back to normal pruning behaviour if nested properties or additionalProperties are specified in the schema. This can either be true or undefined. False is forbidden.' },
  'x-kubernetes-validations': { type: 'rules', description: 'x-kubernetes-validations describes a list of validation rules written in the CEL expression language.' },
};

/** intstr.IntOrString is inlined as `number | string` by kubernetes-types; upstream it is a named type. */
export const intOrStringDescription =
  'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';
