/**
 * The `system:controller:*` ClusterRoles of bootstrappolicy/controller_policy.go (v1.32, default
 * feature gates): what each kube-controller-manager loop, running as its own service account in
 * kube-system, may do. Each is bound to that service account by a ClusterRoleBinding of the same name.
 */
import type { PolicyRule } from './types.ts';
import { eventsRule, read, rule } from './policy-rules.ts';

const all = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** Controller name → its rules (the role is `system:controller:NAME`). */
export function controllerRoles(): Record<string, PolicyRule[]> {
  return {
    'attachdetach-controller': [
      rule(['list', 'watch'], [''], ['persistentvolumeclaims', 'persistentvolumes']), rule(read, [''], ['nodes']),
      rule(['patch', 'update'], [''], ['nodes/status']), rule(['list', 'watch'], [''], ['pods']), eventsRule,
      rule(['create', 'delete', 'get', 'list', 'watch'], ['storage.k8s.io'], ['volumeattachments']),
      rule(read, ['storage.k8s.io'], ['csidrivers']), rule(read, ['storage.k8s.io'], ['csinodes']),
    ],
    'certificate-controller': [
      rule(['delete', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
      rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/approval', 'certificatesigningrequests/status']),
      rule(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
      rule(['sign'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']), eventsRule,
    ],
    'clusterrole-aggregation-controller': [rule(['escalate', 'get', 'list', 'patch', 'update', 'watch'], ['rbac.authorization.k8s.io'], ['clusterroles'])],
    'cronjob-controller': [
      rule(['get', 'list', 'update', 'watch'], ['batch'], ['cronjobs']), rule(all, ['batch'], ['jobs']),
      rule(['update'], ['batch'], ['cronjobs/status']), rule(['update'], ['batch'], ['cronjobs/finalizers']),
      rule(['delete', 'list', 'watch'], [''], ['pods']), eventsRule,
    ],
    'daemon-set-controller': [
      rule(read, ['apps', 'extensions'], ['daemonsets']), rule(['update'], ['apps', 'extensions'], ['daemonsets/status']),
      rule(['update'], ['apps', 'extensions'], ['daemonsets/finalizers']), rule(['list', 'watch'], [''], ['nodes']),
      rule(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']), rule(['create'], [''], ['pods/binding']),
      rule(all, ['apps'], ['controllerrevisions']), eventsRule,
    ],
    'deployment-controller': [
      rule(['get', 'list', 'update', 'watch'], ['apps', 'extensions'], ['deployments']),
      rule(['update'], ['apps', 'extensions'], ['deployments/status']), rule(['update'], ['apps', 'extensions'], ['deployments/finalizers']),
      rule(all, ['apps', 'extensions'], ['replicasets']), rule(['get', 'list', 'update', 'watch'], [''], ['pods']), eventsRule,
    ],
    'disruption-controller': [
      rule(read, ['apps', 'extensions'], ['deployments']), rule(read, ['apps', 'extensions'], ['replicasets']),
      rule(read, [''], ['replicationcontrollers']), rule(read, ['policy'], ['poddisruptionbudgets']), rule(read, ['apps'], ['statefulsets']),
      rule(['update'], ['policy'], ['poddisruptionbudgets/status']), rule(['patch', 'update'], [''], ['pods/status']),
      rule(['get'], ['*'], ['*/scale']), eventsRule,
    ],
    'endpoint-controller': [
      rule(read, [''], ['pods', 'services']), rule(['create', 'delete', 'get', 'list', 'update', 'watch'], [''], ['endpoints']),
      rule(['create'], [''], ['endpoints/restricted']), eventsRule,
    ],
    'endpointslice-controller': [
      rule(read, [''], ['nodes', 'pods', 'services']), rule(['update'], [''], ['services/finalizers']),
      rule(['create', 'delete', 'get', 'list', 'update', 'watch'], ['discovery.k8s.io'], ['endpointslices']), eventsRule,
    ],
    'endpointslicemirroring-controller': [
      rule(read, [''], ['endpoints', 'services']), rule(['update'], [''], ['services/finalizers']), rule(['update'], [''], ['endpoints/finalizers']),
      rule(['create', 'delete', 'get', 'list', 'update', 'watch'], ['discovery.k8s.io'], ['endpointslices']), eventsRule,
    ],
    'ephemeral-volume-controller': [
      rule(read, [''], ['pods']), rule(['update'], [''], ['pods/finalizers']),
      rule(['create', 'get', 'list', 'watch'], [''], ['persistentvolumeclaims']), eventsRule,
    ],
    'expand-controller': [
      rule(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumes']), rule(['patch', 'update'], [''], ['persistentvolumeclaims/status']),
      rule(read, [''], ['persistentvolumeclaims']), eventsRule,
    ],
    'generic-garbage-collector': [rule(['delete', 'get', 'list', 'patch', 'update', 'watch'], ['*'], ['*']), eventsRule],
    'horizontal-pod-autoscaler': [
      rule(read, ['autoscaling'], ['horizontalpodautoscalers']), rule(['update'], ['autoscaling'], ['horizontalpodautoscalers/status']),
      rule(['get', 'update'], ['*'], ['*/scale']), rule(['list', 'watch'], [''], ['pods']), rule(['list', 'watch'], ['metrics.k8s.io'], ['pods']),
      rule(read, ['custom.metrics.k8s.io'], ['*']), rule(read, ['external.metrics.k8s.io'], ['*']), eventsRule,
    ],
    'job-controller': [
      rule(['get', 'list', 'patch', 'update', 'watch'], ['batch'], ['jobs']), rule(['update'], ['batch'], ['jobs/status']),
      rule(['update'], ['batch'], ['jobs/finalizers']), rule(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']), eventsRule,
    ],
    'legacy-service-account-token-cleaner': [
      rule(['get'], [''], ['configmaps'], ['kube-apiserver-legacy-service-account-token-tracking']), rule(['delete', 'patch'], [''], ['secrets']),
    ],
    'namespace-controller': [
      rule(['delete', 'get', 'list', 'watch'], [''], ['namespaces']), rule(['update'], [''], ['namespaces/finalize', 'namespaces/status']),
      rule(['delete', 'deletecollection', 'get', 'list', 'watch'], ['*'], ['*']),
    ],
    'node-controller': [
      rule(['delete', 'get', 'list', 'patch', 'update', 'watch'], [''], ['nodes']), rule(['patch', 'update'], [''], ['nodes/status']),
      rule(['patch', 'update'], [''], ['pods/status']), rule(['delete', 'get', 'list', 'watch'], [''], ['pods']), eventsRule,
    ],
    'persistent-volume-binder': [
      rule(['create', 'delete', 'get', 'list', 'update', 'watch'], [''], ['persistentvolumes']), rule(['update'], [''], ['persistentvolumes/status']),
      rule(['get', 'list', 'update', 'watch'], [''], ['persistentvolumeclaims']), rule(['update'], [''], ['persistentvolumeclaims/status']),
      rule(['create', 'delete', 'get', 'list', 'watch'], [''], ['pods']), rule(read, ['storage.k8s.io'], ['storageclasses']),
      rule(['list', 'watch'], [''], ['nodes']), eventsRule, rule(['watch'], [''], ['events']),
    ],
    'pod-garbage-collector': [rule(['delete', 'list', 'watch'], [''], ['pods']), rule(read, [''], ['nodes']), rule(['patch'], [''], ['pods/status'])],
    'pv-protection-controller': [rule(['get', 'list', 'update', 'watch'], [''], ['persistentvolumes']), eventsRule],
    'pvc-protection-controller': [
      rule(['get', 'list', 'update', 'watch'], [''], ['persistentvolumeclaims']), rule(['update'], [''], ['persistentvolumeclaims/status']),
      rule(read, [''], ['pods']), eventsRule,
    ],
    'replicaset-controller': [
      rule(['get', 'list', 'update', 'watch'], ['apps', 'extensions'], ['replicasets']), rule(['update'], ['apps', 'extensions'], ['replicasets/status']),
      rule(['update'], ['apps', 'extensions'], ['replicasets/finalizers']), rule(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']), eventsRule,
    ],
    'replication-controller': [
      rule(['get', 'list', 'update', 'watch'], [''], ['replicationcontrollers']), rule(['update'], [''], ['replicationcontrollers/status']),
      rule(['update'], [''], ['replicationcontrollers/finalizers']), rule(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']), eventsRule,
    ],
    'resourcequota-controller': [rule(['list', 'watch'], ['*'], ['*']), rule(['update'], [''], ['resourcequotas/status']), eventsRule],
    'root-ca-cert-publisher': [rule(['create', 'update'], [''], ['configmaps']), eventsRule],
    'route-controller': [rule(['list', 'watch'], [''], ['nodes']), rule(['patch'], [''], ['nodes/status']), eventsRule],
    'service-account-controller': [rule(['create'], [''], ['serviceaccounts']), eventsRule],
    'service-controller': [
      rule(read, [''], ['services']), rule(['patch', 'update'], [''], ['services/status']), rule(['list', 'watch'], [''], ['nodes']), eventsRule,
    ],
    'statefulset-controller': [
      rule(['list', 'watch'], [''], ['pods']), rule(read, ['apps'], ['statefulsets']), rule(['update'], ['apps'], ['statefulsets/status']),
      rule(['update'], ['apps'], ['statefulsets/finalizers']), rule(['create', 'delete', 'get', 'patch', 'update'], [''], ['pods']),
      rule(all, ['apps'], ['controllerrevisions']), rule(['create', 'get', 'list', 'watch'], [''], ['persistentvolumeclaims']),
      rule(['delete', 'update'], [''], ['persistentvolumeclaims']), rule(['update'], [''], ['pods/finalizers']), eventsRule,
    ],
    'ttl-after-finished-controller': [rule(['delete', 'get', 'list', 'watch'], ['batch'], ['jobs']), eventsRule],
    'ttl-controller': [rule(['list', 'patch', 'update', 'watch'], [''], ['nodes']), eventsRule],
    'validatingadmissionpolicy-status-controller': [
      rule(read, ['admissionregistration.k8s.io'], ['validatingadmissionpolicies']),
      rule(['get', 'patch', 'update'], ['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status']), eventsRule,
    ],
  };
}
