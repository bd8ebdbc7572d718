/**
 * The network layer's entry: `attachNetwork(cluster)` registers the data plane (ClusterNetwork,
 * read-only) and the two controllers that write status — kind's cloud provider for LoadBalancer
 * addresses and ingress-nginx's Ingress status.
 */
import type { Cluster } from '../cluster.ts';
import { ClusterNetwork } from './cluster-network.ts';
import { IngressStatusController } from './ingress-status.ts';
import { LoadBalancerController } from './load-balancer.ts';

export { ClusterNetwork } from './cluster-network.ts';
export type { PodNetwork, HttpGet } from './cluster-network.ts';
export type { InClusterRequest, InClusterResult, InClusterResponse, InClusterError } from './http.ts';
export { IngressStatusController } from './ingress-status.ts';
export { LoadBalancerController } from './load-balancer.ts';

/** Add the network to a running cluster and return the data plane; a cluster that already has one keeps it. */
export function attachNetwork(cluster: Cluster): ClusterNetwork {
  const existing = (cluster as { network?: unknown }).network;
  if (existing instanceof ClusterNetwork) return existing;
  const network = new ClusterNetwork((request) => cluster.kubelets.httpGet(request));
  cluster.controllers.add(network);
  cluster.controllers.add(new LoadBalancerController());
  cluster.controllers.add(new IngressStatusController());
  cluster.settle();
  return network;
}
