/**
 * ingress-nginx as its kind manifest installs it (controller v1.12.0): namespace, service
 * accounts, the controller's ConfigMap, Deployment (on the node labelled `ingress-ready=true`,
 * host ports 80/443), its NodePort Service and admission Service, and the IngressClass `nginx`.
 * The admission webhook and its certificate Jobs are left out: the simulated API server calls no
 * webhooks, so a webhook configuration would only fail every Ingress write.
 */
import type { KubeObject } from '../api/types.ts';

const namespace = 'ingress-nginx';
const version = '1.12.0';

function labels(component?: string): Record<string, string> {
  return {
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
    'app.kubernetes.io/instance': 'ingress-nginx',
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/part-of': 'ingress-nginx',
    'app.kubernetes.io/version': version,
  };
}

export function ingressNginxObjects(): KubeObject[] {
  const selector = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ingress-nginx', namespace, labels: labels('controller') }, automountServiceAccountToken: true },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace, labels: labels('controller') } },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'ingress-nginx-controller', namespace, labels: labels('controller') },
      spec: {
        ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', type: 'NodePort', selector,
        ports: [
          { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
        ],
      },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'ingress-nginx-controller-admission', namespace, labels: labels('controller') },
      spec: { type: 'ClusterIP', selector, ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }] },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ingress-nginx-controller', namespace, labels: labels('controller') },
      spec: {
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector: { matchLabels: selector },
        strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
        template: {
          metadata: { labels: labels('controller') },
          spec: {
            containers: [{
              name: 'controller',
              image: `registry.k8s.io/ingress-nginx/controller:v${version}`,
              imagePullPolicy: 'IfNotPresent',
              args: [
                '/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx',
                '--ingress-class=nginx', '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller', '--validating-webhook=:8443',
                '--validating-webhook-certificate=/usr/local/certificates/cert', '--validating-webhook-key=/usr/local/certificates/key',
                '--watch-ingress-without-class=true', '--enable-metrics=false', '--publish-status-address=localhost',
              ],
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
              ],
              lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
              livenessProbe: { failureThreshold: 5, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
              readinessProbe: { failureThreshold: 3, httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
              ports: [
                { containerPort: 80, hostPort: 80, name: 'http', protocol: 'TCP' },
                { containerPort: 443, hostPort: 443, name: 'https', protocol: 'TCP' },
                { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
              ],
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: false, runAsGroup: 82, runAsNonRoot: true, runAsUser: 101, seccompProfile: { type: 'RuntimeDefault' },
              },
            }],
            dnsPolicy: 'ClusterFirst',
            nodeSelector: { 'ingress-ready': 'true', 'kubernetes.io/os': 'linux' },
            serviceAccountName: 'ingress-nginx',
            terminationGracePeriodSeconds: 0,
            tolerations: [
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', labels: labels('controller') },
      spec: { controller: 'k8s.io/ingress-nginx' },
    },
  ];
}
