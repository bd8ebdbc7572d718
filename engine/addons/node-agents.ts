/**
 * The per-node agents of a kind cluster: kube-proxy (kubeadm's DaemonSet) and kindnet (kind's
 * CNI DaemonSet). Both tolerate every taint, so they run on every node, new ones included.
 */
import type { KubeObject } from '../api/types.ts';

const kubeProxyConfig = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clusterCIDR: 10.244.0.0/16
kind: KubeProxyConfiguration
mode: iptables
`;

export function nodeAgentObjects(): KubeObject[] {
  const proxyLabels = { 'k8s-app': 'kube-proxy' };
  const kindnetLabels = { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' };
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } }, data: { 'config.conf': kubeProxyConfig } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: proxyLabels },
      spec: {
        selector: { matchLabels: proxyLabels },
        template: {
          metadata: { labels: proxyLabels },
          spec: {
            containers: [{
              name: 'kube-proxy',
              image: 'registry.k8s.io/kube-proxy:v1.32.2',
              imagePullPolicy: 'IfNotPresent',
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
              securityContext: { privileged: true },
              volumeMounts: [
                { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
              ],
            }],
            hostNetwork: true,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'kube-proxy',
            tolerations: [{ operator: 'Exists' }],
            volumes: [
              { configMap: { name: 'kube-proxy' }, name: 'kube-proxy' },
              { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
              { hostPath: { path: '/lib/modules' }, name: 'lib-modules' },
            ],
          },
        },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kindnet', namespace: 'kube-system' } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kindnet', namespace: 'kube-system', labels: kindnetLabels },
      spec: {
        selector: { matchLabels: { app: 'kindnet' } },
        template: {
          metadata: { labels: kindnetLabels },
          spec: {
            containers: [{
              name: 'kindnet-cni',
              image: 'docker.io/kindest/kindnetd:v20250214-acbabc1a',
              env: [
                { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'POD_SUBNET', value: '10.244.0.0/16' },
                { name: 'CONTROL_PLANE_ENDPOINT', value: 'kind-control-plane:6443' },
              ],
              resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
              securityContext: { capabilities: { add: ['NET_RAW', 'NET_ADMIN'] }, privileged: false },
              volumeMounts: [
                { mountPath: '/etc/cni/net.d', name: 'cni-cfg' },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
              ],
            }],
            hostNetwork: true,
            serviceAccountName: 'kindnet',
            tolerations: [{ operator: 'Exists' }],
            volumes: [
              { hostPath: { path: '/etc/cni/net.d', type: 'DirectoryOrCreate' }, name: 'cni-cfg' },
              { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
              { hostPath: { path: '/lib/modules' }, name: 'lib-modules' },
            ],
          },
        },
      },
    },
  ];
}
