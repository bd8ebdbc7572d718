/**
 * Protobuf field numbers of the apps, batch, rbac, policy, scheduling, networking, autoscaling,
 * authorization and authentication messages `kubectl create` generators send, and of the
 * CertificateSigningRequest `kubectl certificate approve|deny` puts back (Kubernetes v1.32).
 */
import type { MessageTable } from './wire-types.ts';

/** Field tables, by message name; see wire-types.ts for the field notation. */
export const apiMessages: MessageTable = {
  Deployment: { 1: 'metadata:ObjectMeta', 2: 'spec:DeploymentSpec', 3: 'status:DeploymentStatus' },
  DeploymentSpec: {
    1: 'replicas:int32!', 2: 'selector:LabelSelector!', 3: 'template:PodTemplateSpec!',
    4: 'strategy:DeploymentStrategy', 5: 'minReadySeconds:int32', 6: 'revisionHistoryLimit:int32!', 7: 'paused:bool',
    9: 'progressDeadlineSeconds:int32!',
  },
  DeploymentStrategy: { 1: 'type:string', 2: 'rollingUpdate:RollingUpdateDeployment!' },
  RollingUpdateDeployment: { 1: 'maxUnavailable:intOrString!', 2: 'maxSurge:intOrString!' },
  DeploymentStatus: {}, // not set by any generator: decoded as {}
  Job: { 1: 'metadata:ObjectMeta', 2: 'spec:JobSpec', 3: 'status:JobStatus' },
  JobSpec: {
    1: 'parallelism:int32!', 2: 'completions:int32!', 3: 'activeDeadlineSeconds:int64!',
    11: 'podFailurePolicy:PodFailurePolicy!', 16: 'successPolicy:SuccessPolicy!', 7: 'backoffLimit:int32!',
    12: 'backoffLimitPerIndex:int32!', 13: 'maxFailedIndexes:int32!', 4: 'selector:LabelSelector!',
    5: 'manualSelector:bool!', 6: 'template:PodTemplateSpec!', 8: 'ttlSecondsAfterFinished:int32!',
    9: 'completionMode:string!', 10: 'suspend:bool!', 14: 'podReplacementPolicy:string!', 15: 'managedBy:string!',
  },
  PodFailurePolicy: {}, // not set by any generator: decoded as {}
  SuccessPolicy: {}, // not set by any generator: decoded as {}
  JobStatus: {}, // not set by any generator: decoded as {}
  CronJob: { 1: 'metadata:ObjectMeta', 2: 'spec:CronJobSpec', 3: 'status:CronJobStatus' },
  CronJobSpec: {
    1: 'schedule:string!', 8: 'timeZone:string!', 2: 'startingDeadlineSeconds:int64!', 3: 'concurrencyPolicy:string',
    4: 'suspend:bool!', 5: 'jobTemplate:JobTemplateSpec!', 6: 'successfulJobsHistoryLimit:int32!',
    7: 'failedJobsHistoryLimit:int32!',
  },
  JobTemplateSpec: { 1: 'metadata:ObjectMeta', 2: 'spec:JobSpec' },
  CronJobStatus: {}, // not set by any generator: decoded as {}
  Role: { 1: 'metadata:ObjectMeta', 2: 'rules:PolicyRule[]!' },
  PolicyRule: {
    1: 'verbs:string[]!', 2: 'apiGroups:string[]', 3: 'resources:string[]', 4: 'resourceNames:string[]',
    5: 'nonResourceURLs:string[]',
  },
  ClusterRole: { 1: 'metadata:ObjectMeta', 2: 'rules:PolicyRule[]!', 3: 'aggregationRule:AggregationRule!' },
  AggregationRule: { 1: 'clusterRoleSelectors:LabelSelector[]' },
  RoleBinding: { 1: 'metadata:ObjectMeta', 2: 'subjects:Subject[]', 3: 'roleRef:RoleRef!' },
  Subject: { 1: 'kind:string!', 2: 'apiGroup:string', 3: 'name:string!', 4: 'namespace:string' },
  RoleRef: { 1: 'apiGroup:string!', 2: 'kind:string!', 3: 'name:string!' },
  ClusterRoleBinding: { 1: 'metadata:ObjectMeta', 2: 'subjects:Subject[]', 3: 'roleRef:RoleRef!' },
  PodDisruptionBudget: {
    1: 'metadata:ObjectMeta', 2: 'spec:PodDisruptionBudgetSpec', 3: 'status:PodDisruptionBudgetStatus',
  },
  PodDisruptionBudgetSpec: {
    1: 'minAvailable:intOrString!', 2: 'selector:LabelSelector!', 3: 'maxUnavailable:intOrString!',
    4: 'unhealthyPodEvictionPolicy:string!',
  },
  PodDisruptionBudgetStatus: {
    1: 'observedGeneration:int64', 2: 'disruptedPods:{string:time}', 3: 'disruptionsAllowed:int32!',
    4: 'currentHealthy:int32!', 5: 'desiredHealthy:int32!', 6: 'expectedPods:int32!', 7: 'conditions:Condition[]',
  },
  PriorityClass: {
    1: 'metadata:ObjectMeta', 2: 'value:int32!', 3: 'globalDefault:bool', 4: 'description:string',
    5: 'preemptionPolicy:string!',
  },
  Ingress: { 1: 'metadata:ObjectMeta', 2: 'spec:IngressSpec', 3: 'status:IngressStatus' },
  IngressSpec: {
    4: 'ingressClassName:string!', 1: 'defaultBackend:IngressBackend!', 2: 'tls:IngressTLS[]',
    3: 'rules:IngressRule[]',
  },
  IngressBackend: { 4: 'service:IngressServiceBackend!', 3: 'resource:TypedLocalObjectReference!' },
  IngressServiceBackend: { 1: 'name:string!', 2: 'port:ServiceBackendPort' },
  ServiceBackendPort: { 1: 'name:string', 2: 'number:int32' },
  IngressTLS: { 1: 'hosts:string[]', 2: 'secretName:string' },
  IngressRule: { 1: 'host:string', 2: 'ingressRuleValue:IngressRuleValue^' },
  IngressRuleValue: { 1: 'http:HTTPIngressRuleValue!' },
  HTTPIngressRuleValue: { 1: 'paths:HTTPIngressPath[]!' },
  HTTPIngressPath: { 1: 'path:string', 3: 'pathType:string!', 2: 'backend:IngressBackend!' },
  IngressStatus: { 1: 'loadBalancer:IngressLoadBalancerStatus' },
  IngressLoadBalancerStatus: { 1: 'ingress:IngressLoadBalancerIngress[]' },
  IngressLoadBalancerIngress: { 1: 'ip:string', 2: 'hostname:string', 4: 'ports:IngressPortStatus[]' },
  IngressPortStatus: { 1: 'port:int32!', 2: 'protocol:string!', 3: 'error:string!' },
  TokenRequest: { 1: 'metadata:ObjectMeta', 2: 'spec:TokenRequestSpec!', 3: 'status:TokenRequestStatus' },
  TokenRequestSpec: {
    1: 'audiences:string[]!', 4: 'expirationSeconds:int64!', 3: 'boundObjectRef:BoundObjectReference!',
  },
  BoundObjectReference: { 1: 'kind:string', 2: 'apiVersion:string', 3: 'name:string', 4: 'uID:string' },
  TokenRequestStatus: { 1: 'token:string!', 2: 'expirationTimestamp:time!' },
  HorizontalPodAutoscaler: {
    1: 'metadata:ObjectMeta', 2: 'spec:HorizontalPodAutoscalerSpec', 3: 'status:HorizontalPodAutoscalerStatus',
  },
  HorizontalPodAutoscalerSpec: {
    1: 'scaleTargetRef:CrossVersionObjectReference!', 2: 'minReplicas:int32!', 3: 'maxReplicas:int32!',
    4: 'targetCPUUtilizationPercentage:int32!',
  },
  CrossVersionObjectReference: { 1: 'kind:string!', 2: 'name:string!', 3: 'apiVersion:string' },
  HorizontalPodAutoscalerStatus: {}, // not set by any generator: decoded as {}
  'v2.HorizontalPodAutoscaler': {
    1: 'metadata:ObjectMeta', 2: 'spec:v2.HorizontalPodAutoscalerSpec', 3: 'status:v2.HorizontalPodAutoscalerStatus',
  },
  'v2.HorizontalPodAutoscalerSpec': {
    1: 'scaleTargetRef:v2.CrossVersionObjectReference!', 2: 'minReplicas:int32!', 3: 'maxReplicas:int32!',
    4: 'metrics:v2.MetricSpec[]', 5: 'behavior:v2.HorizontalPodAutoscalerBehavior!',
  },
  'v2.CrossVersionObjectReference': { 1: 'kind:string!', 2: 'name:string!', 3: 'apiVersion:string' },
  'v2.MetricSpec': {
    1: 'type:string!', 2: 'object:v2.ObjectMetricSource!', 3: 'pods:v2.PodsMetricSource!',
    4: 'resource:v2.ResourceMetricSource!', 7: 'containerResource:v2.ContainerResourceMetricSource!',
    5: 'external:v2.ExternalMetricSource!',
  },
  'v2.ObjectMetricSource': {
    1: 'describedObject:v2.CrossVersionObjectReference!', 2: 'target:v2.MetricTarget!',
    3: 'metric:v2.MetricIdentifier!',
  },
  'v2.MetricTarget': {
    1: 'type:string!', 2: 'value:quantity!', 3: 'averageValue:quantity!', 4: 'averageUtilization:int32!',
  },
  'v2.MetricIdentifier': { 1: 'name:string!', 2: 'selector:LabelSelector!' },
  'v2.PodsMetricSource': { 1: 'metric:v2.MetricIdentifier!', 2: 'target:v2.MetricTarget!' },
  'v2.ResourceMetricSource': { 1: 'name:string!', 2: 'target:v2.MetricTarget!' },
  'v2.ContainerResourceMetricSource': { 1: 'name:string!', 2: 'target:v2.MetricTarget!', 3: 'container:string!' },
  'v2.ExternalMetricSource': { 1: 'metric:v2.MetricIdentifier!', 2: 'target:v2.MetricTarget!' },
  'v2.HorizontalPodAutoscalerBehavior': { 1: 'scaleUp:v2.HPAScalingRules!', 2: 'scaleDown:v2.HPAScalingRules!' },
  'v2.HPAScalingRules': {
    3: 'stabilizationWindowSeconds:int32!', 1: 'selectPolicy:string!', 2: 'policies:v2.HPAScalingPolicy[]',
  },
  'v2.HPAScalingPolicy': { 1: 'type:string!', 2: 'value:int32!', 3: 'periodSeconds:int32!' },
  'v2.HorizontalPodAutoscalerStatus': {}, // not set by any generator: decoded as {}
  SelfSubjectAccessReview: {
    1: 'metadata:ObjectMeta', 2: 'spec:SelfSubjectAccessReviewSpec!', 3: 'status:SubjectAccessReviewStatus',
  },
  SelfSubjectAccessReviewSpec: {
    1: 'resourceAttributes:ResourceAttributes!', 2: 'nonResourceAttributes:NonResourceAttributes!',
  },
  ResourceAttributes: {
    1: 'namespace:string', 2: 'verb:string', 3: 'group:string', 4: 'version:string', 5: 'resource:string',
    6: 'subresource:string', 7: 'name:string', 8: 'fieldSelector:FieldSelectorAttributes!',
    9: 'labelSelector:LabelSelectorAttributes!',
  },
  FieldSelectorAttributes: { 1: 'rawSelector:string', 2: 'requirements:FieldSelectorRequirement[]' },
  LabelSelectorAttributes: { 1: 'rawSelector:string', 2: 'requirements:LabelSelectorRequirement[]' },
  NonResourceAttributes: { 1: 'path:string', 2: 'verb:string' },
  SubjectAccessReviewStatus: { 1: 'allowed:bool!', 4: 'denied:bool', 2: 'reason:string', 3: 'evaluationError:string' },
  // `kubectl auth can-i --list` and `kubectl auth whoami`: only the server fills their statuses.
  SelfSubjectRulesReview: { 1: 'metadata:ObjectMeta', 2: 'spec:SelfSubjectRulesReviewSpec!', 3: 'status:SubjectRulesReviewStatus' },
  SelfSubjectRulesReviewSpec: { 1: 'namespace:string' },
  SubjectRulesReviewStatus: {}, // sent empty by kubectl: decoded as {}
  SelfSubjectReview: { 1: 'metadata:ObjectMeta', 2: 'status:SelfSubjectReviewStatus' },
  SelfSubjectReviewStatus: { 1: 'userInfo:UserInfo!' },
  UserInfo: { 1: 'username:string', 2: 'uid:string', 3: 'groups:string[]' },
  // `kubectl certificate approve|deny` PUTs the object it read to /approval. Its spec.extra (a map
  // of ExtraValue lists) is left out: the API server fills it from the requester, and the approval
  // subresource keeps the stored spec whatever is sent.
  CertificateSigningRequest: {
    1: 'metadata:ObjectMeta', 2: 'spec:CertificateSigningRequestSpec', 3: 'status:CertificateSigningRequestStatus',
  },
  CertificateSigningRequestSpec: {
    1: 'request:bytes!', 7: 'signerName:string!', 8: 'expirationSeconds:int32!', 5: 'usages:string[]',
    2: 'username:string', 3: 'uid:string', 4: 'groups:string[]',
  },
  CertificateSigningRequestStatus: { 1: 'conditions:CertificateSigningRequestCondition[]', 2: 'certificate:bytes' },
  CertificateSigningRequestCondition: {
    1: 'type:string!', 6: 'status:string!', 2: 'reason:string', 3: 'message:string', 4: 'lastUpdateTime:time',
    5: 'lastTransitionTime:time',
  },
};
