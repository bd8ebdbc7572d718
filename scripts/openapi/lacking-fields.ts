/**
 * What kubernetes-types 1.30 (the newest on npm) gets wrong about the Kubernetes v1.32 API, as data.
 * Found by diffing every type reachable from the served kinds against k8s.io/api,
 * k8s.io/apimachinery and k8s.io/apiextensions-apiserver at v0.32.13 (types.go for names and Go
 * types, types_swagger_doc_generated.go for descriptions, which is the text kubernetes-types
 * carries). scripts/openapi/lacking-fields-apply.ts applies it before schemas are built, so the
 * /openapi/v3 documents, `kubectl explain` and strict decoding all see the v1.32 fields.
 *
 * Not here: the CRD `x-kubernetes-*` fields of JSONSchemaProps (go-types.ts) and list/patch
 * semantics (engine/api/patch/list-keys.ts). Fields newer than 1.32 (restartPolicyRules,
 * fileKeyRef, podCertificate, …) are deliberately absent: v1.32 rejects them as unknown.
 */

/** One field of the v1.32 Go types that kubernetes-types 1.30 lacks. */
export interface LackedField {
  /** Definition that gains the field, e.g. `io.k8s.api.core.v1.PodSpec`. */
  definition: string;
  /** JSON name. */
  field: string;
  /**
   * TypeScript-like shape: `string`, `number`, `boolean`, a definition name (short names are in
   * the definition's own package), each optionally followed by `[]`.
   */
  type: string;
  /** Go type in types.go: int64 widths and the named type a JSON type error prints come from it. */
  go: string;
  /** The Kubernetes minor that added it, or `bug` for a field kubernetes-types dropped. */
  since: 'bug' | '1.31' | '1.32';
  /** No `omitempty`/`+optional` in Go: listed under `required` in the schema. */
  required?: true;
  description: string;
}

/** A struct that v1.32 has and kubernetes-types 1.30 does not; its fields are in `fieldsKubernetesTypesLacks`. */
export interface LackedType {
  definition: string;
  since: '1.31' | '1.32';
  description: string;
}

/** Fields kubernetes-types 1.30 lacks. */
export const fieldsKubernetesTypesLacks: readonly LackedField[] = [
  // kubernetes-types bugs: fields Go has since before 1.30 that the .d.ts dropped (inlined Go structs).
  { definition: 'io.k8s.api.admissionregistration.v1.NamedRuleWithOperations', field: 'resources', type: 'string[]', go: '[]string', since: 'bug',
    description: "Resources is a list of resources this rule applies to.\n\nFor example: 'pods' means pods. 'pods/log' means the log subresource of pods. '*' means all resources, but not subresources. 'pods/*' means all subresources of pods. '*/scale' means all scale subresources. '*/*' means all resources and their subresources.\n\nIf wildcard is present, the validation rule will ensure resources do not overlap with each other.\n\nDepending on the enclosing object, subresources might not be allowed. Required." },
  { definition: 'io.k8s.api.admissionregistration.v1.NamedRuleWithOperations', field: 'scope', type: 'string', go: '*ScopeType', since: 'bug',
    description: "scope specifies the scope of this rule. Valid values are \"Cluster\", \"Namespaced\", and \"*\" \"Cluster\" means that only cluster-scoped resources will match this rule. Namespace API objects are cluster-scoped. \"Namespaced\" means that only namespaced resources will match this rule. \"*\" means that there are no scope restrictions. Subresources match the scope of their parent resource. Default is \"*\"." },
  { definition: 'io.k8s.api.authorization.v1.ResourceRule', field: 'resources', type: 'string[]', go: '[]string', since: 'bug',
    description: "Resources is a list of resources this rule applies to.  \"*\" means all in the specified apiGroups.\n \"*/foo\" represents the subresource 'foo' for all resources in the specified apiGroups." },
  { definition: 'io.k8s.api.authorization.v1.ResourceRule', field: 'verbs', type: 'string[]', go: '[]string', since: 'bug', required: true,
    description: "Verb is a list of kubernetes resource API verbs, like: get, list, watch, create, update, delete, proxy.  \"*\" means all." },
  // Added in Kubernetes 1.31.
  { definition: 'io.k8s.api.authorization.v1.FieldSelectorAttributes', field: 'rawSelector', type: 'string', go: 'string', since: '1.31',
    description: "rawSelector is the serialization of a field selector that would be included in a query parameter. Webhook implementations are encouraged to ignore rawSelector. The kube-apiserver's *SubjectAccessReview will parse the rawSelector as long as the requirements are not present." },
  { definition: 'io.k8s.api.authorization.v1.FieldSelectorAttributes', field: 'requirements', type: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement[]', go: '[]metav1.FieldSelectorRequirement', since: '1.31',
    description: "requirements is the parsed interpretation of a field selector. All requirements must be met for a resource instance to match the selector. Webhook implementations should handle requirements, but how to handle them is up to the webhook. Since requirements can only limit the request, it is safe to authorize as unlimited request if the requirements are not understood." },
  { definition: 'io.k8s.api.authorization.v1.LabelSelectorAttributes', field: 'rawSelector', type: 'string', go: 'string', since: '1.31',
    description: "rawSelector is the serialization of a field selector that would be included in a query parameter. Webhook implementations are encouraged to ignore rawSelector. The kube-apiserver's *SubjectAccessReview will parse the rawSelector as long as the requirements are not present." },
  { definition: 'io.k8s.api.authorization.v1.LabelSelectorAttributes', field: 'requirements', type: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement[]', go: '[]metav1.LabelSelectorRequirement', since: '1.31',
    description: "requirements is the parsed interpretation of a label selector. All requirements must be met for a resource instance to match the selector. Webhook implementations should handle requirements, but how to handle them is up to the webhook. Since requirements can only limit the request, it is safe to authorize as unlimited request if the requirements are not understood." },
  { definition: 'io.k8s.api.authorization.v1.ResourceAttributes', field: 'fieldSelector', type: 'FieldSelectorAttributes', go: '*FieldSelectorAttributes', since: '1.31',
    description: "fieldSelector describes the limitation on access based on field.  It can only limit access, not broaden it.\n\nThis field  is alpha-level. To use this field, you must enable the `AuthorizeWithSelectors` feature gate (disabled by default)." },
  { definition: 'io.k8s.api.authorization.v1.ResourceAttributes', field: 'labelSelector', type: 'LabelSelectorAttributes', go: '*LabelSelectorAttributes', since: '1.31',
    description: "labelSelector describes the limitation on access based on labels.  It can only limit access, not broaden it.\n\nThis field  is alpha-level. To use this field, you must enable the `AuthorizeWithSelectors` feature gate (disabled by default)." },
  { definition: 'io.k8s.api.coordination.v1.LeaseSpec', field: 'preferredHolder', type: 'string', go: '*string', since: '1.31',
    description: "PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up. This field can only be set if Strategy is also set." },
  { definition: 'io.k8s.api.coordination.v1.LeaseSpec', field: 'strategy', type: 'string', go: '*CoordinatedLeaseStrategy', since: '1.31',
    description: "Strategy indicates the strategy for picking the leader for coordinated leader election. If the field is not specified, there is no active coordination for this lease. (Alpha) Using this field requires the CoordinatedLeaderElection feature gate to be enabled." },
  { definition: 'io.k8s.api.core.v1.ContainerStatus', field: 'allocatedResourcesStatus', type: 'ResourceStatus[]', go: '[]ResourceStatus', since: '1.31',
    description: "AllocatedResourcesStatus represents the status of various resources allocated for this Pod." },
  { definition: 'io.k8s.api.core.v1.ContainerStatus', field: 'user', type: 'ContainerUser', go: '*ContainerUser', since: '1.31',
    description: "User represents user identity information initially attached to the first process of the container" },
  { definition: 'io.k8s.api.core.v1.ContainerUser', field: 'linux', type: 'LinuxContainerUser', go: '*LinuxContainerUser', since: '1.31',
    description: "Linux holds user identity information initially attached to the first process of the containers in Linux. Note that the actual running identity can be changed if the process has enough privilege to do so." },
  { definition: 'io.k8s.api.core.v1.ImageVolumeSource', field: 'pullPolicy', type: 'string', go: 'PullPolicy', since: '1.31',
    description: "Policy for pulling OCI objects. Possible values are: Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise." },
  { definition: 'io.k8s.api.core.v1.ImageVolumeSource', field: 'reference', type: 'string', go: 'string', since: '1.31',
    description: "Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[*].image. Pull secrets will be assembled in the same way as for the container image by looking up node credentials, SA image pull secrets, and pod spec image pull secrets. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets." },
  { definition: 'io.k8s.api.core.v1.LinuxContainerUser', field: 'gid', type: 'number', go: 'int64', since: '1.31', required: true,
    description: "GID is the primary gid initially attached to the first process in the container" },
  { definition: 'io.k8s.api.core.v1.LinuxContainerUser', field: 'supplementalGroups', type: 'number[]', go: '[]int64', since: '1.31',
    description: "SupplementalGroups are the supplemental groups initially attached to the first process in the container" },
  { definition: 'io.k8s.api.core.v1.LinuxContainerUser', field: 'uid', type: 'number', go: 'int64', since: '1.31', required: true,
    description: "UID is the primary uid initially attached to the first process in the container" },
  { definition: 'io.k8s.api.core.v1.NodeFeatures', field: 'supplementalGroupsPolicy', type: 'boolean', go: '*bool', since: '1.31',
    description: "SupplementalGroupsPolicy is set to true if the runtime supports SupplementalGroupsPolicy and ContainerUser." },
  { definition: 'io.k8s.api.core.v1.NodeRuntimeHandlerFeatures', field: 'userNamespaces', type: 'boolean', go: '*bool', since: '1.31',
    description: "UserNamespaces is set to true if the runtime handler supports UserNamespaces, including for volumes." },
  { definition: 'io.k8s.api.core.v1.NodeStatus', field: 'features', type: 'NodeFeatures', go: '*NodeFeatures', since: '1.31',
    description: "Features describes the set of features implemented by the CRI implementation." },
  { definition: 'io.k8s.api.core.v1.PodResourceClaim', field: 'resourceClaimName', type: 'string', go: '*string', since: '1.31',
    description: "ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod.\n\nExactly one of ResourceClaimName and ResourceClaimTemplateName must be set." },
  { definition: 'io.k8s.api.core.v1.PodResourceClaim', field: 'resourceClaimTemplateName', type: 'string', go: '*string', since: '1.31',
    description: "ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.\n\nThe template will be used to create a new ResourceClaim, which will be bound to this pod. When this pod is deleted, the ResourceClaim will also be deleted. The pod name and resource name, along with a generated component, will be used to form a unique name for the ResourceClaim, which will be recorded in pod.status.resourceClaimStatuses.\n\nThis field is immutable and no changes will be made to the corresponding ResourceClaim by the control plane after creating the ResourceClaim.\n\nExactly one of ResourceClaimName and ResourceClaimTemplateName must be set." },
  { definition: 'io.k8s.api.core.v1.PodSecurityContext', field: 'supplementalGroupsPolicy', type: 'string', go: '*SupplementalGroupsPolicy', since: '1.31',
    description: "Defines how supplemental groups of the first container processes are calculated. Valid values are \"Merge\" and \"Strict\". If not specified, \"Merge\" is used. (Alpha) Using the field requires the SupplementalGroupsPolicy feature gate to be enabled and the container runtime must implement support for this feature. Note that this field cannot be set when spec.os.name is windows." },
  { definition: 'io.k8s.api.core.v1.ResourceClaim', field: 'request', type: 'string', go: 'string', since: '1.31',
    description: "Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request." },
  { definition: 'io.k8s.api.core.v1.ResourceHealth', field: 'health', type: 'string', go: 'ResourceHealthStatus', since: '1.31',
    description: "Health of the resource. can be one of:\n - Healthy: operates as normal\n - Unhealthy: reported unhealthy. We consider this a temporary health issue\n              since we do not have a mechanism today to distinguish\n              temporary and permanent issues.\n - Unknown: The status cannot be determined.\n            For example, Device Plugin got unregistered and hasn't been re-registered since.\n\nIn future we may want to introduce the PermanentlyUnhealthy Status." },
  { definition: 'io.k8s.api.core.v1.ResourceHealth', field: 'resourceID', type: 'string', go: 'ResourceID', since: '1.31', required: true,
    description: "ResourceID is the unique identifier of the resource. See the ResourceID type for more information." },
  { definition: 'io.k8s.api.core.v1.ResourceStatus', field: 'name', type: 'string', go: 'ResourceName', since: '1.31', required: true,
    description: "Name of the resource. Must be unique within the pod and in case of non-DRA resource, match one of the resources from the pod spec. For DRA resources, the value must be \"claim:<claim_name>/<request>\". When this status is reported about a container, the \"claim_name\" and \"request\" must match one of the claims of this container." },
  { definition: 'io.k8s.api.core.v1.ResourceStatus', field: 'resources', type: 'ResourceHealth[]', go: '[]ResourceHealth', since: '1.31',
    description: "List of unique resources health. Each element in the list contains an unique resource ID and its health. At a minimum, for the lifetime of a Pod, resource ID must uniquely identify the resource allocated to the Pod on the Node. If other Pod on the same Node reports the status with the same resource ID, it must be the same resource they share. See ResourceID type definition for a specific format it has in various use cases." },
  { definition: 'io.k8s.api.core.v1.Volume', field: 'image', type: 'ImageVolumeSource', go: '*ImageVolumeSource', since: '1.31',
    description: "image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine. The volume is resolved at pod startup depending on which PullPolicy value is provided:\n\n- Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. - Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. - IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails.\n\nThe volume gets re-resolved if the pod gets deleted and recreated, which means that new remote content will become available on pod recreation. A failure to resolve or pull the image during pod startup will block containers from starting and may add significant latency. Failures will be retried using normal volume backoff and will be reported on the pod reason and message. The types of objects that may be mounted by this volume are defined by the container runtime implementation on a host machine and at minimum must include all valid types supported by the container image field. The OCI object gets mounted in a single directory (spec.containers[*].volumeMounts.mountPath) by merging the manifest layers in the same way as for container images. The volume will be mounted read-only (ro) and non-executable files (noexec). Sub path mounts for containers are not supported (spec.containers[*].volumeMounts.subpath). The field spec.securityContext.fsGroupChangePolicy has no effect on this volume type." },
  { definition: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement', field: 'key', type: 'string', go: 'string', since: '1.31', required: true,
    description: "key is the field selector key that the requirement applies to." },
  { definition: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement', field: 'operator', type: 'string', go: 'FieldSelectorOperator', since: '1.31', required: true,
    description: "operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists, DoesNotExist. The list of operators may grow in the future." },
  { definition: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement', field: 'values', type: 'string[]', go: '[]string', since: '1.31',
    description: "values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty." },
  // Added in Kubernetes 1.32.
  { definition: 'io.k8s.api.core.v1.PodSecurityContext', field: 'seLinuxChangePolicy', type: 'string', go: '*PodSELinuxChangePolicy', since: '1.32',
    description: "seLinuxChangePolicy defines how the container's SELinux label is applied to all volumes used by the Pod. It has no effect on nodes that do not support SELinux or to volumes does not support SELinux. Valid values are \"MountOption\" and \"Recursive\".\n\n\"Recursive\" means relabeling of all files on all Pod volumes by the container runtime. This may be slow for large volumes, but allows mixing privileged and unprivileged Pods sharing the same volume on the same node.\n\n\"MountOption\" mounts all eligible Pod volumes with `-o context` mount option. This requires all Pods that share the same volume to use the same SELinux label. It is not possible to share the same volume among privileged and unprivileged Pods. Eligible volumes are in-tree FibreChannel and iSCSI volumes, and all CSI volumes whose CSI driver announces SELinux support by setting spec.seLinuxMount: true in their CSIDriver instance. Other volumes are always re-labelled recursively. \"MountOption\" value is allowed only when SELinuxMount feature gate is enabled.\n\nIf not specified and SELinuxMount feature gate is enabled, \"MountOption\" is used. If not specified and SELinuxMount feature gate is disabled, \"MountOption\" is used for ReadWriteOncePod volumes and \"Recursive\" for all other volumes.\n\nThis field affects only Pods that have SELinux label set, either in PodSecurityContext or in SecurityContext of all containers.\n\nAll Pods that use the same volume should use the same seLinuxChangePolicy, otherwise some pods can get stuck in ContainerCreating state. Note that this field cannot be set when spec.os.name is windows." },
  { definition: 'io.k8s.api.core.v1.PodSpec', field: 'resources', type: 'ResourceRequirements', go: '*ResourceRequirements', since: '1.32',
    description: "Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for \"cpu\" and \"memory\" resource names only. ResourceClaims are not supported.\n\nThis field enables fine-grained control over resource allocation for the entire pod, allowing resource sharing among containers in a pod.\n\nThis is an alpha field and requires enabling the PodLevelResources feature gate." },
  { definition: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', field: 'ignoreStoreReadErrorWithClusterBreakingPotential', type: 'boolean', go: '*bool', since: '1.32',
    description: "if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error. A resource is considered corrupt if it can not be retrieved from the underlying storage successfully because of a) its data can not be transformed e.g. decryption failure, or b) it fails to decode into an object. NOTE: unsafe deletion ignores finalizer constraints, skips precondition checks, and removes the object from the storage. WARNING: This may potentially break the cluster if the workload associated with the resource being unsafe-deleted relies on normal deletion flow. Use only if you REALLY know what you are doing. The default value is false, and the user must opt in to enable it" },
];

/** Structs kubernetes-types 1.30 lacks (reached only through the fields above). */
export const typesKubernetesTypesLacks: readonly LackedType[] = [
  { definition: 'io.k8s.api.authorization.v1.FieldSelectorAttributes', since: '1.31', description: "FieldSelectorAttributes indicates a field limited access. Webhook authors are encouraged to * ensure rawSelector and requirements are not both set * consider the requirements field if set * not try to parse or consider the rawSelector field if set. This is to avoid another CVE-2022-2880 (i.e. getting different systems to agree on how exactly to parse a query is not something we want), see https://www.oxeye.io/resources/golang-parameter-smuggling-attack for more details. For the *SubjectAccessReview endpoints of the kube-apiserver: * If rawSelector is empty and requirements are empty, the request is not limited. * If rawSelector is present and requirements are empty, the rawSelector will be parsed and limited if the parsing succeeds. * If rawSelector is empty and requirements are present, the requirements should be honored * If rawSelector is present and requirements are present, the request is invalid." },
  { definition: 'io.k8s.api.authorization.v1.LabelSelectorAttributes', since: '1.31', description: "LabelSelectorAttributes indicates a label limited access. Webhook authors are encouraged to * ensure rawSelector and requirements are not both set * consider the requirements field if set * not try to parse or consider the rawSelector field if set. This is to avoid another CVE-2022-2880 (i.e. getting different systems to agree on how exactly to parse a query is not something we want), see https://www.oxeye.io/resources/golang-parameter-smuggling-attack for more details. For the *SubjectAccessReview endpoints of the kube-apiserver: * If rawSelector is empty and requirements are empty, the request is not limited. * If rawSelector is present and requirements are empty, the rawSelector will be parsed and limited if the parsing succeeds. * If rawSelector is empty and requirements are present, the requirements should be honored * If rawSelector is present and requirements are present, the request is invalid." },
  { definition: 'io.k8s.api.core.v1.ContainerUser', since: '1.31', description: "ContainerUser represents user identity information" },
  { definition: 'io.k8s.api.core.v1.ImageVolumeSource', since: '1.31', description: "ImageVolumeSource represents a image volume resource." },
  { definition: 'io.k8s.api.core.v1.LinuxContainerUser', since: '1.31', description: "LinuxContainerUser represents user identity information in Linux containers" },
  { definition: 'io.k8s.api.core.v1.NodeFeatures', since: '1.31', description: "NodeFeatures describes the set of features implemented by the CRI implementation. The features contained in the NodeFeatures should depend only on the cri implementation independent of runtime handlers." },
  { definition: 'io.k8s.api.core.v1.ResourceHealth', since: '1.31', description: "ResourceHealth represents the health of a resource. It has the latest device health information. This is a part of KEP https://kep.k8s.io/4680." },
  { definition: 'io.k8s.api.core.v1.ResourceStatus', since: '1.31', description: "ResourceStatus represents the status of a single resource allocated to a Pod." },
  { definition: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement', since: '1.31', description: "FieldSelectorRequirement is a selector that contains values, a key, and an operator that relates the key and values." },
];

/** Fields kubernetes-types 1.30 has that v1.32 no longer has: a v1.32 server rejects them as unknown. */
export const fieldsRemovedBefore132: readonly { definition: string; field: string; removedIn: '1.31'; why: string }[] = [
  {
    definition: 'io.k8s.api.core.v1.PodResourceClaim', field: 'source', removedIn: '1.31',
    why: 'DRA (alpha) replaced ClaimSource with resourceClaimName/resourceClaimTemplateName directly on PodResourceClaim.',
  },
];

/** Optional in kubernetes-types 1.30, required (`+required`, no omitempty) in v1.32. */
export const fieldsRequiredSince131: readonly { definition: string; field: string }[] = [
  { definition: 'io.k8s.api.core.v1.HostAlias', field: 'ip' },
  { definition: 'io.k8s.api.core.v1.HostIP', field: 'ip' },
  { definition: 'io.k8s.api.core.v1.PodIP', field: 'ip' },
];
