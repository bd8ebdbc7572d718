/**
 * metrics-server v0.7.2 as its release `components.yaml` installs it, with the one change kind
 * needs (`--kubelet-insecure-tls`: kind's kubelet serving certificates have no IP SANs, and
 * without it the pod stays `0/1 Running`). The APIService puts it behind the aggregator as
 * `metrics.k8s.io/v1beta1`.
 */
import type { KubeObject } from '../api/types.ts';
import { metricsAPIServiceName } from './api.ts';

const labels = { 'k8s-app': 'metrics-server' };
const meta = (name: string, namespace?: string, extra: Record<string, string> = {}): KubeObject['metadata'] =>
  namespace ? { labels: { ...labels, ...extra }, name, namespace } : { labels: { ...labels, ...extra }, name };
const serviceAccount = [{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }];

/** metrics-server's container arguments on kind. */
export const metricsServerArgs = [
  '--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
  '--kubelet-use-node-status-port', '--kubelet-insecure-tls', '--metric-resolution=15s',
];

/** Every object of metrics-server's components.yaml, in the file's order. */
export function metricsServerObjects(): KubeObject[] {
  const probe = (path: string) => ({ failureThreshold: 3, httpGet: { path, port: 'https', scheme: 'HTTPS' }, periodSeconds: 10 });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('metrics-server', 'kube-system') },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: meta('system:aggregated-metrics-reader', undefined, {
        'rbac.authorization.k8s.io/aggregate-to-admin': 'true', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true', 'rbac.authorization.k8s.io/aggregate-to-view': 'true',
      }),
      rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('system:metrics-server'),
      rules: [
        { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('metrics-server-auth-reader', 'kube-system'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' }, subjects: serviceAccount,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('metrics-server:system:auth-delegator'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' }, subjects: serviceAccount,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('system:metrics-server'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:metrics-server' }, subjects: serviceAccount,
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: meta('metrics-server', 'kube-system'),
      spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }], selector: labels },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('metrics-server', 'kube-system'),
      spec: {
        selector: { matchLabels: labels },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels },
          spec: {
            containers: [{
              args: metricsServerArgs,
              image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
              imagePullPolicy: 'IfNotPresent',
              livenessProbe: probe('/livez'),
              name: 'metrics-server',
              ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }],
              readinessProbe: { ...probe('/readyz'), initialDelaySeconds: 20 },
              resources: { requests: { cpu: '100m', memory: '200Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true,
                runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ mountPath: '/tmp', name: 'tmp-dir' }],
            }],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'metrics-server',
            volumes: [{ emptyDir: {}, name: 'tmp-dir' }],
          },
        },
      },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: meta(metricsAPIServiceName),
      spec: {
        group: 'metrics.k8s.io', groupPriorityMinimum: 100, insecureSkipTLSVerify: true,
        service: { name: 'metrics-server', namespace: 'kube-system', port: 443 }, version: 'v1beta1', versionPriority: 100,
      },
    },
  ];
}

/** The aggregator's availability controller's verdict once metrics-server answers: Available, Passed. */
export function metricsAPIServiceStatus(lastTransitionTime: string): Record<string, unknown> {
  return { conditions: [{ lastTransitionTime, message: 'all checks passed', reason: 'Passed', status: 'True', type: 'Available' }] };
}
