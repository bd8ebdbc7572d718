/**
 * The objects a new cluster starts with, as kubeadm and the API server create them: the four
 * namespaces and the `kubernetes` Service.
 */
import type { KubeObject } from './api/types.ts';

/** The ClusterIP of the `kubernetes` Service: the first address of kind's service CIDR 10.96.0.0/16. */
export const kubernetesServiceIP = '10.96.0.1';

export function bootstrapObjects(): KubeObject[] {
  const namespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }));
  const kubernetesService: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: kubernetesServiceIP,
      clusterIPs: [kubernetesServiceIP],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
  return [...namespaces, kubernetesService];
}
