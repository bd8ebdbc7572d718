/**
 * The objects a new cluster starts with, as kubeadm and the API server create them: the four
 * namespaces, the `kubernetes` Service and the system PriorityClasses.
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
  // The API server keeps the two system PriorityClasses (scheduling/v1 bootstrap data).
  const priorityClasses: KubeObject[] = [
    ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
    ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
  ].map(([name, value, description]) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: name as string }, value, description, preemptionPolicy: 'PreemptLowerPriority' }));
  return [...namespaces, kubernetesService, ...priorityClasses];
}
