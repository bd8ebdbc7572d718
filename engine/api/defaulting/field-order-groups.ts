/**
 * Field order of the named API groups' types.
 * Generated from the Go structs of kubernetes/api (apps, batch, …) and kubernetes/apiextensions-apiserver at v0.32.0
 * (see README.md, "Field order table"): each entry lists a type's JSON fields in Go declaration order, which is the order the API server's JSON
 * encoder writes them. Token grammar: `name[:Type][@][!|~|-|=s|=n|=b]` — `:Type` the struct type of the
 * value (or of each list item / map value), `@` a Go map (encoded with sorted keys), `!` a non-pointer
 * struct (always written, `{}` when empty), `~` written as `null` when absent, `=s`/`=n`/`=b` a
 * non-omitempty string/number/bool (written as `""`/`0`/`false` when absent), `-` a
 * non-pointer omitempty scalar, list or map (dropped when `""`, `0`, `false` or empty).
 */

/** Package `apps`. */
export const appsTypes: Record<string, string> = {
  ControllerRevision: 'kind- apiVersion- metadata:meta.ObjectMeta! data~ revision=n',
  DaemonSet: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:DaemonSetSpec! status:DaemonSetStatus!',
  DaemonSetSpec: 'selector:meta.LabelSelector~ template:core.PodTemplateSpec! updateStrategy:DaemonSetUpdateStrategy! minReadySeconds- revisionHistoryLimit',
  DaemonSetUpdateStrategy: 'type- rollingUpdate:RollingUpdateDaemonSet',
  RollingUpdateDaemonSet: 'maxUnavailable maxSurge',
  DaemonSetStatus: 'currentNumberScheduled=n numberMisscheduled=n desiredNumberScheduled=n numberReady=n observedGeneration- updatedNumberScheduled- numberAvailable- numberUnavailable- collisionCount conditions:DaemonSetCondition-',
  DaemonSetCondition: 'type=s status=s lastTransitionTime~ reason- message-',
  Deployment: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:DeploymentSpec! status:DeploymentStatus!',
  DeploymentSpec: 'replicas selector:meta.LabelSelector~ template:core.PodTemplateSpec! strategy:DeploymentStrategy! minReadySeconds- revisionHistoryLimit paused- progressDeadlineSeconds',
  DeploymentStrategy: 'type- rollingUpdate:RollingUpdateDeployment',
  RollingUpdateDeployment: 'maxUnavailable maxSurge',
  DeploymentStatus: 'observedGeneration- replicas- updatedReplicas- readyReplicas- availableReplicas- unavailableReplicas- conditions:DeploymentCondition- collisionCount',
  DeploymentCondition: 'type=s status=s lastUpdateTime~ lastTransitionTime~ reason- message-',
  ReplicaSet: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:ReplicaSetSpec! status:ReplicaSetStatus!',
  ReplicaSetSpec: 'replicas minReadySeconds- selector:meta.LabelSelector~ template:core.PodTemplateSpec!',
  ReplicaSetStatus: 'replicas=n fullyLabeledReplicas- readyReplicas- availableReplicas- observedGeneration- conditions:ReplicaSetCondition-',
  ReplicaSetCondition: 'type=s status=s lastTransitionTime~ reason- message-',
  StatefulSet: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:StatefulSetSpec! status:StatefulSetStatus!',
  StatefulSetSpec: 'replicas selector:meta.LabelSelector~ template:core.PodTemplateSpec! volumeClaimTemplates:core.PersistentVolumeClaim- serviceName=s podManagementPolicy- updateStrategy:StatefulSetUpdateStrategy! revisionHistoryLimit minReadySeconds- persistentVolumeClaimRetentionPolicy:StatefulSetPersistentVolumeClaimRetentionPolicy ordinals:StatefulSetOrdinals',
  StatefulSetUpdateStrategy: 'type- rollingUpdate:RollingUpdateStatefulSetStrategy',
  RollingUpdateStatefulSetStrategy: 'partition maxUnavailable',
  StatefulSetPersistentVolumeClaimRetentionPolicy: 'whenDeleted- whenScaled-',
  StatefulSetOrdinals: 'start=n',
  StatefulSetStatus: 'observedGeneration- replicas=n readyReplicas- currentReplicas- updatedReplicas- currentRevision- updateRevision- collisionCount conditions:StatefulSetCondition- availableReplicas=n',
  StatefulSetCondition: 'type=s status=s lastTransitionTime~ reason- message-',
};

/** Package `events`. */
export const eventsTypes: Record<string, string> = {
  Event: 'kind- apiVersion- metadata:meta.ObjectMeta! eventTime~ series:EventSeries reportingController- reportingInstance- action- reason- regarding:core.ObjectReference! related:core.ObjectReference note- type- deprecatedSource:core.EventSource! deprecatedFirstTimestamp~ deprecatedLastTimestamp~ deprecatedCount-',
  EventSeries: 'count=n lastObservedTime~',
};

/** Package `authn`. */
export const authnTypes: Record<string, string> = {
  SelfSubjectReview: 'kind- apiVersion- metadata:meta.ObjectMeta! status:SelfSubjectReviewStatus!',
  SelfSubjectReviewStatus: 'userInfo:UserInfo!',
  UserInfo: 'username- uid- groups- extra@-',
  TokenReview: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:TokenReviewSpec! status:TokenReviewStatus!',
  TokenReviewSpec: 'token- audiences-',
  TokenReviewStatus: 'authenticated- user:UserInfo! audiences- error-',
};

/** Package `authz`. */
export const authzTypes: Record<string, string> = {
  LocalSubjectAccessReview: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:SubjectAccessReviewSpec! status:SubjectAccessReviewStatus!',
  SubjectAccessReviewSpec: 'resourceAttributes:ResourceAttributes nonResourceAttributes:NonResourceAttributes user- groups- extra@- uid-',
  ResourceAttributes: 'namespace- verb- group- version- resource- subresource- name- fieldSelector:FieldSelectorAttributes labelSelector:LabelSelectorAttributes',
  FieldSelectorAttributes: 'rawSelector- requirements:meta.FieldSelectorRequirement-',
  LabelSelectorAttributes: 'rawSelector- requirements:meta.LabelSelectorRequirement-',
  NonResourceAttributes: 'path- verb-',
  SubjectAccessReviewStatus: 'allowed=b denied- reason- evaluationError-',
  SelfSubjectAccessReview: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:SelfSubjectAccessReviewSpec! status:SubjectAccessReviewStatus!',
  SelfSubjectAccessReviewSpec: 'resourceAttributes:ResourceAttributes nonResourceAttributes:NonResourceAttributes',
  SelfSubjectRulesReview: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:SelfSubjectRulesReviewSpec! status:SubjectRulesReviewStatus!',
  SelfSubjectRulesReviewSpec: 'namespace-',
  SubjectRulesReviewStatus: 'resourceRules:ResourceRule~ nonResourceRules:NonResourceRule~ incomplete=b evaluationError-',
  ResourceRule: 'verbs~ apiGroups- resources- resourceNames-',
  NonResourceRule: 'verbs~ nonResourceURLs-',
  SubjectAccessReview: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:SubjectAccessReviewSpec! status:SubjectAccessReviewStatus!',
};

/** Package `autoscaling2`. */
export const autoscaling2Types: Record<string, string> = {
  HorizontalPodAutoscaler: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:HorizontalPodAutoscalerSpec! status:HorizontalPodAutoscalerStatus!',
  HorizontalPodAutoscalerSpec: 'scaleTargetRef:CrossVersionObjectReference! minReplicas maxReplicas=n metrics:MetricSpec- behavior:HorizontalPodAutoscalerBehavior',
  CrossVersionObjectReference: 'kind=s name=s apiVersion-',
  MetricSpec: 'type=s object:ObjectMetricSource pods:PodsMetricSource resource:ResourceMetricSource containerResource:ContainerResourceMetricSource external:ExternalMetricSource',
  ObjectMetricSource: 'describedObject:CrossVersionObjectReference! target:MetricTarget! metric:MetricIdentifier!',
  MetricTarget: 'type=s value averageValue averageUtilization',
  MetricIdentifier: 'name=s selector:meta.LabelSelector',
  PodsMetricSource: 'metric:MetricIdentifier! target:MetricTarget!',
  ResourceMetricSource: 'name=s target:MetricTarget!',
  ContainerResourceMetricSource: 'name=s target:MetricTarget! container=s',
  ExternalMetricSource: 'metric:MetricIdentifier! target:MetricTarget!',
  HorizontalPodAutoscalerBehavior: 'scaleUp:HPAScalingRules scaleDown:HPAScalingRules',
  HPAScalingRules: 'stabilizationWindowSeconds selectPolicy policies:HPAScalingPolicy-',
  HPAScalingPolicy: 'type=s value=n periodSeconds=n',
  HorizontalPodAutoscalerStatus: 'observedGeneration lastScaleTime currentReplicas- desiredReplicas=n currentMetrics:MetricStatus~ conditions:HorizontalPodAutoscalerCondition-',
  MetricStatus: 'type=s object:ObjectMetricStatus pods:PodsMetricStatus resource:ResourceMetricStatus containerResource:ContainerResourceMetricStatus external:ExternalMetricStatus',
  ObjectMetricStatus: 'metric:MetricIdentifier! current:MetricValueStatus! describedObject:CrossVersionObjectReference!',
  MetricValueStatus: 'value averageValue averageUtilization',
  PodsMetricStatus: 'metric:MetricIdentifier! current:MetricValueStatus!',
  ResourceMetricStatus: 'name=s current:MetricValueStatus!',
  ContainerResourceMetricStatus: 'name=s current:MetricValueStatus! container=s',
  ExternalMetricStatus: 'metric:MetricIdentifier! current:MetricValueStatus!',
  HorizontalPodAutoscalerCondition: 'type=s status=s lastTransitionTime~ reason- message-',
};

/** Package `autoscaling1`. */
export const autoscaling1Types: Record<string, string> = {
  HorizontalPodAutoscaler: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:HorizontalPodAutoscalerSpec! status:HorizontalPodAutoscalerStatus!',
  HorizontalPodAutoscalerSpec: 'scaleTargetRef:CrossVersionObjectReference! minReplicas maxReplicas=n targetCPUUtilizationPercentage',
  CrossVersionObjectReference: 'kind=s name=s apiVersion-',
  HorizontalPodAutoscalerStatus: 'observedGeneration lastScaleTime currentReplicas=n desiredReplicas=n currentCPUUtilizationPercentage',
  Scale: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:ScaleSpec! status:ScaleStatus!',
  ScaleSpec: 'replicas-',
  ScaleStatus: 'replicas=n selector-',
};

/** Package `batch`. */
export const batchTypes: Record<string, string> = {
  CronJob: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:CronJobSpec! status:CronJobStatus!',
  CronJobSpec: 'schedule=s timeZone startingDeadlineSeconds concurrencyPolicy- suspend jobTemplate:JobTemplateSpec! successfulJobsHistoryLimit failedJobsHistoryLimit',
  JobTemplateSpec: 'metadata:meta.ObjectMeta! spec:JobSpec!',
  JobSpec: 'parallelism completions activeDeadlineSeconds podFailurePolicy:PodFailurePolicy successPolicy:SuccessPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector:meta.LabelSelector manualSelector template:core.PodTemplateSpec! ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy',
  PodFailurePolicy: 'rules:PodFailurePolicyRule~',
  PodFailurePolicyRule: 'action=s onExitCodes:PodFailurePolicyOnExitCodesRequirement onPodConditions:PodFailurePolicyOnPodConditionsPattern-',
  PodFailurePolicyOnExitCodesRequirement: 'containerName operator=s values~',
  PodFailurePolicyOnPodConditionsPattern: 'type=s status=s',
  SuccessPolicy: 'rules:SuccessPolicyRule~',
  SuccessPolicyRule: 'succeededIndexes succeededCount',
  CronJobStatus: 'active:core.ObjectReference- lastScheduleTime lastSuccessfulTime',
  Job: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:JobSpec! status:JobStatus!',
  JobStatus: 'conditions:JobCondition- startTime completionTime active- succeeded- failed- terminating completedIndexes- failedIndexes uncountedTerminatedPods:UncountedTerminatedPods ready',
  JobCondition: 'type=s status=s lastProbeTime~ lastTransitionTime~ reason- message-',
  UncountedTerminatedPods: 'succeeded- failed-',
};

/** Package `networking`. */
export const networkingTypes: Record<string, string> = {
  IngressClass: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:IngressClassSpec!',
  IngressClassSpec: 'controller- parameters:IngressClassParametersReference',
  IngressClassParametersReference: 'apiGroup kind=s name=s scope~ namespace',
  Ingress: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:IngressSpec! status:IngressStatus!',
  IngressSpec: 'ingressClassName defaultBackend:IngressBackend tls:IngressTLS- rules:IngressRule-',
  IngressBackend: 'service:IngressServiceBackend resource:core.TypedLocalObjectReference',
  IngressServiceBackend: 'name=s port:ServiceBackendPort!',
  ServiceBackendPort: 'name- number-',
  IngressTLS: 'hosts- secretName-',
  IngressRule: 'host- http:HTTPIngressRuleValue',
  HTTPIngressRuleValue: 'paths:HTTPIngressPath~',
  HTTPIngressPath: 'path- pathType~ backend:IngressBackend!',
  IngressStatus: 'loadBalancer:IngressLoadBalancerStatus!',
  IngressLoadBalancerStatus: 'ingress:IngressLoadBalancerIngress-',
  IngressLoadBalancerIngress: 'ip- hostname- ports:IngressPortStatus-',
  IngressPortStatus: 'port=n protocol=s error',
  NetworkPolicy: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:NetworkPolicySpec!',
  NetworkPolicySpec: 'podSelector:meta.LabelSelector! ingress:NetworkPolicyIngressRule- egress:NetworkPolicyEgressRule- policyTypes-',
  NetworkPolicyIngressRule: 'ports:NetworkPolicyPort- from:NetworkPolicyPeer-',
  NetworkPolicyPort: 'protocol port endPort',
  NetworkPolicyPeer: 'podSelector:meta.LabelSelector namespaceSelector:meta.LabelSelector ipBlock:IPBlock',
  IPBlock: 'cidr=s except-',
  NetworkPolicyEgressRule: 'ports:NetworkPolicyPort- to:NetworkPolicyPeer-',
};

/** Package `policy`. */
export const policyTypes: Record<string, string> = {
  PodDisruptionBudget: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:PodDisruptionBudgetSpec! status:PodDisruptionBudgetStatus!',
  PodDisruptionBudgetSpec: 'minAvailable selector:meta.LabelSelector maxUnavailable unhealthyPodEvictionPolicy',
  PodDisruptionBudgetStatus: 'observedGeneration- disruptedPods@- disruptionsAllowed=n currentHealthy=n desiredHealthy=n expectedPods=n conditions:meta.Condition-',
  Eviction: 'kind- apiVersion- metadata:meta.ObjectMeta! deleteOptions:meta.DeleteOptions',
};

/** Package `rbac`. */
export const rbacTypes: Record<string, string> = {
  ClusterRoleBinding: 'kind- apiVersion- metadata:meta.ObjectMeta! subjects:Subject- roleRef:RoleRef!',
  Subject: 'kind=s apiGroup- name=s namespace-',
  RoleRef: 'apiGroup=s kind=s name=s',
  ClusterRole: 'kind- apiVersion- metadata:meta.ObjectMeta! rules:PolicyRule~ aggregationRule:AggregationRule',
  PolicyRule: 'verbs~ apiGroups- resources- resourceNames- nonResourceURLs-',
  AggregationRule: 'clusterRoleSelectors:meta.LabelSelector-',
  RoleBinding: 'kind- apiVersion- metadata:meta.ObjectMeta! subjects:Subject- roleRef:RoleRef!',
  Role: 'kind- apiVersion- metadata:meta.ObjectMeta! rules:PolicyRule~',
};

/** Package `storage`. */
export const storageTypes: Record<string, string> = {
  StorageClass: 'kind- apiVersion- metadata:meta.ObjectMeta! provisioner=s parameters@- reclaimPolicy mountOptions- allowVolumeExpansion volumeBindingMode allowedTopologies:core.TopologySelectorTerm-',
};

/** Package `admission`. */
export const admissionTypes: Record<string, string> = {
  ValidatingAdmissionPolicy: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:ValidatingAdmissionPolicySpec! status:ValidatingAdmissionPolicyStatus!',
  ValidatingAdmissionPolicySpec: 'paramKind:ParamKind matchConstraints:MatchResources validations:Validation- failurePolicy auditAnnotations:AuditAnnotation- matchConditions:MatchCondition- variables:Variable-',
  ParamKind: 'apiVersion- kind-',
  MatchResources: 'namespaceSelector:meta.LabelSelector objectSelector:meta.LabelSelector resourceRules:NamedRuleWithOperations- excludeResourceRules:NamedRuleWithOperations- matchPolicy',
  NamedRuleWithOperations: 'resourceNames- operations- apiGroups- apiVersions- resources- scope',
  Validation: 'expression=s message- reason messageExpression-',
  AuditAnnotation: 'key=s valueExpression=s',
  MatchCondition: 'name=s expression=s',
  Variable: 'name=s expression=s',
  ValidatingAdmissionPolicyStatus: 'observedGeneration- typeChecking:TypeChecking conditions:meta.Condition-',
  TypeChecking: 'expressionWarnings:ExpressionWarning-',
  ExpressionWarning: 'fieldRef=s warning=s',
  ValidatingAdmissionPolicyBinding: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:ValidatingAdmissionPolicyBindingSpec!',
  ValidatingAdmissionPolicyBindingSpec: 'policyName- paramRef:ParamRef matchResources:MatchResources validationActions-',
  ParamRef: 'name- namespace- selector:meta.LabelSelector parameterNotFoundAction',
};

/** Package `apiext`. */
export const apiextTypes: Record<string, string> = {
  CustomResourceDefinition: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:CustomResourceDefinitionSpec! status:CustomResourceDefinitionStatus!',
  CustomResourceDefinitionSpec: 'group=s names:CustomResourceDefinitionNames! scope=s versions:CustomResourceDefinitionVersion~ conversion:CustomResourceConversion preserveUnknownFields-',
  CustomResourceDefinitionNames: 'plural=s singular- shortNames- kind=s listKind- categories-',
  CustomResourceDefinitionVersion: 'name=s served=b storage=b deprecated- deprecationWarning schema:CustomResourceValidation subresources:CustomResourceSubresources additionalPrinterColumns:CustomResourceColumnDefinition- selectableFields:SelectableField-',
  CustomResourceValidation: 'openAPIV3Schema:JSONSchemaProps',
  JSONSchemaProps: 'id- $schema- $ref description- type- format- title- default maximum exclusiveMaximum- minimum exclusiveMinimum- maxLength minLength pattern- maxItems minItems uniqueItems- multipleOf enum- maxProperties minProperties required- items:JSONSchemaPropsOrArray allOf:JSONSchemaProps- oneOf:JSONSchemaProps- anyOf:JSONSchemaProps- not:JSONSchemaProps properties:JSONSchemaProps@- additionalProperties:JSONSchemaPropsOrBool patternProperties:JSONSchemaProps@- dependencies:JSONSchemaPropsOrStringArray@- additionalItems:JSONSchemaPropsOrBool definitions:JSONSchemaProps@- externalDocs:ExternalDocumentation example nullable- x-kubernetes-preserve-unknown-fields x-kubernetes-embedded-resource- x-kubernetes-int-or-string- x-kubernetes-list-map-keys- x-kubernetes-list-type x-kubernetes-map-type x-kubernetes-validations:ValidationRule-',
  JSONSchemaPropsOrArray: '',
  JSONSchemaPropsOrBool: '',
  JSONSchemaPropsOrStringArray: '',
  ExternalDocumentation: 'description- url-',
  ValidationRule: 'rule=s message- messageExpression- reason fieldPath- optionalOldSelf',
  CustomResourceSubresources: 'status scale:CustomResourceSubresourceScale',
  CustomResourceSubresourceScale: 'specReplicasPath=s statusReplicasPath=s labelSelectorPath',
  CustomResourceColumnDefinition: 'name=s type=s format- description- priority- jsonPath=s',
  SelectableField: 'jsonPath=s',
  CustomResourceConversion: 'strategy=s webhook:WebhookConversion',
  WebhookConversion: 'clientConfig:WebhookClientConfig conversionReviewVersions~',
  WebhookClientConfig: 'url service:ServiceReference caBundle-',
  ServiceReference: 'namespace=s name=s path port',
  CustomResourceDefinitionStatus: 'conditions:CustomResourceDefinitionCondition~ acceptedNames:CustomResourceDefinitionNames! storedVersions~',
  CustomResourceDefinitionCondition: 'type=s status=s lastTransitionTime~ reason- message-',
};

/** Package `scheduling`. */
export const schedulingTypes: Record<string, string> = {
  PriorityClass: 'kind- apiVersion- metadata:meta.ObjectMeta! value=n globalDefault- description- preemptionPolicy',
};

/** Package `coordination`. */
export const coordinationTypes: Record<string, string> = {
  Lease: 'kind- apiVersion- metadata:meta.ObjectMeta! spec:LeaseSpec!',
  LeaseSpec: 'holderIdentity leaseDurationSeconds acquireTime renewTime leaseTransitions strategy preferredHolder',
};

/** Package `discovery`. */
export const discoveryTypes: Record<string, string> = {
  EndpointSlice: 'kind- apiVersion- metadata:meta.ObjectMeta! addressType=s endpoints:Endpoint~ ports:EndpointPort~',
  Endpoint: 'addresses~ conditions:EndpointConditions! hostname targetRef:core.ObjectReference deprecatedTopology@- nodeName zone hints:EndpointHints',
  EndpointConditions: 'ready serving terminating',
  EndpointHints: 'forZones:ForZone-',
  ForZone: 'name=s',
  EndpointPort: 'name protocol port appProtocol',
};
