/**
 * A kubelet's node-level API writes: registering the Node and its Lease, renewing the Lease
 * every 10 s, and posting node status (conditions' heartbeat, images) when it changes or every
 * 5 min. `SimulatedNode` is the kubelet's own record of a node it runs.
 */
import { rfc3339Micro } from '../clock.ts';
import type { KubeObject } from '../api/types.ts';
import type { ApiClient } from '../runtime/informer.ts';
import type { NodeSpec } from './nodes.ts';
import { leaseObject, leaseRenewMs, nodeAddress, nodeConditions, nodeObject, podCidr } from './nodes.ts';
import type { NodeState } from './pod-worker.ts';

/** Images kind nodes have before any pod runs (the node image preloads them). */
export const preloadedImages: [string, number][] = [
  ['registry.k8s.io/etcd:3.5.16-0', 57_680_541],
  ['registry.k8s.io/kube-apiserver:v1.32.2', 98_055_648],
  ['registry.k8s.io/kube-controller-manager:v1.32.2', 90_793_286],
  ['registry.k8s.io/kube-proxy:v1.32.2', 95_271_321],
  ['registry.k8s.io/kube-scheduler:v1.32.2', 70_649_156],
  ['registry.k8s.io/coredns/coredns:v1.11.3', 18_562_039],
  ['docker.io/kindest/kindnetd:v20250214-acbabc1a', 39_008_320],
  ['docker.io/kindest/local-path-provisioner:v20250214-acbabc1a', 22_541_737],
  ['docker.io/kindest/local-path-helper:v20241212-8ac705d0', 3_084_671],
  ['registry.k8s.io/pause:3.10', 320_368],
];

/** What the kubelets keep per simulated node. */
export interface SimulatedNode extends NodeState {
  spec: NodeSpec;
  index: number;
  /** The Node as last written (for its uid). */
  node?: KubeObject;
  /** The Lease as last written (its resourceVersion for the next renew). */
  lease?: KubeObject;
  leaseRenewAt: number;
  statusPostedAt: number;
  imagesReported: number;
  failed: boolean;
  /** Pod IPs in use (last octet) and the host-local IPAM cursor. */
  usedIPs: Set<number>;
  ipCursor: number;
  pods: Set<string>;
}

/** A fresh node record for the n-th node. */
export function simulatedNode(spec: NodeSpec, index: number): SimulatedNode {
  const cidr = podCidr(index);
  return {
    spec, index, name: spec.name, address: nodeAddress(index), gateway: cidr.replace('.0/24', '.1'),
    images: new Map(preloadedImages), pullFreeAt: 0, pullingImages: new Set(), leaseRenewAt: 0, statusPostedAt: 0, imagesReported: -1,
    failed: false, usedIPs: new Set(), ipCursor: 1, pods: new Set(),
  };
}

/** Next free pod IP from the node's /24, as host-local IPAM hands them out: .2, .3, … wrapping at .254. */
export function allocatePodIP(node: SimulatedNode): string {
  for (let tries = 0; tries < 253; tries++) {
    node.ipCursor = node.ipCursor >= 254 ? 2 : node.ipCursor + 1;
    if (!node.usedIPs.has(node.ipCursor)) {
      node.usedIPs.add(node.ipCursor);
      return node.gateway.replace(/\.1$/, `.${node.ipCursor}`);
    }
  }
  throw new Error(`node ${node.name}: no pod IPs left in ${podCidr(node.index)}`);
}

/** Give a pod IP back to its node. */
export function releasePodIP(node: SimulatedNode, ip: string | undefined): void {
  if (ip && ip.startsWith(node.gateway.slice(0, -1))) node.usedIPs.delete(Number(ip.slice(ip.lastIndexOf('.') + 1)));
}

/** The node's images as the kubelet reports them: largest first, at most 50. */
function imageList(node: SimulatedNode): { names: string[]; sizeBytes: number }[] {
  return [...node.images].sort((a, b) => b[1] - a[1]).slice(0, 50).map(([name, sizeBytes]) => ({ names: [name], sizeBytes }));
}

/** Register the node: create the Node with its status, then its Lease. Returns false if the API refused. */
export function registerNode(api: ApiClient, node: SimulatedNode, now: number): boolean {
  const created = api.handle({ method: 'POST', path: '/api/v1/nodes', body: nodeObject(node.spec, node.index, now, imageList(node)) });
  if (created.status === 409) {
    const existing = api.handle({ method: 'GET', path: `/api/v1/nodes/${node.name}` });
    if (existing.status !== 200) return false;
    node.node = existing.body as KubeObject;
  } else if (created.status !== 201) {
    throw new Error(`register node ${node.name}: ${JSON.stringify(created.body)}`);
  } else node.node = created.body as KubeObject;
  node.imagesReported = node.images.size;
  node.statusPostedAt = now;
  renewLease(api, node, now);
  return true;
}

/** Create or renew the node's Lease (renewTime now); the next renew is due 10 s later. */
export function renewLease(api: ApiClient, node: SimulatedNode, now: number): void {
  node.leaseRenewAt = now + leaseRenewMs;
  const path = `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node.name}`;
  if (node.lease) {
    const lease = node.lease;
    const body = { ...lease, spec: { ...(lease.spec as object), renewTime: rfc3339Micro(now) } };
    const renewed = api.handle({ method: 'PUT', path, body });
    if (renewed.status === 200) { node.lease = renewed.body as KubeObject; return; }
    node.lease = undefined;
  }
  const created = api.handle({ method: 'POST', path: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', body: leaseObject(node.node!, now) });
  if (created.status === 201) { node.lease = created.body as KubeObject; return; }
  const existing = api.handle({ method: 'GET', path });
  if (existing.status === 200) {
    node.lease = existing.body as KubeObject;
    renewLease(api, node, now);
  }
}

/** Post node status: conditions with a new heartbeat, and the image list. */
export function postNodeStatus(api: ApiClient, node: SimulatedNode, now: number): void {
  const old = ((node.node?.status as { conditions?: { type: string; lastTransitionTime: string; status: string }[] } | undefined)?.conditions ?? []);
  const transitions: Record<string, number> = {};
  for (const c of old) if (c.type !== 'Ready' || c.status === 'True') transitions[c.type] = Date.parse(c.lastTransitionTime);
  const response = api.handle({
    method: 'PATCH',
    path: `/api/v1/nodes/${node.name}/status`,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: { status: { conditions: nodeConditions(true, now, transitions), images: imageList(node) } },
  });
  if (response.status === 200) node.node = response.body as KubeObject;
  node.statusPostedAt = now;
  node.imagesReported = node.images.size;
}

/** The Node's own reference for kubelet node events: the kubelet uses the node name as its UID. */
export function nodeReference(node: SimulatedNode): KubeObject {
  return { kind: 'Node', metadata: { name: node.name, uid: node.name } };
}

