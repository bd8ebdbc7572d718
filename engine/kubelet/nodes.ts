/**
 * What a simulated node looks like to the API: the Node a kubelet registers (labels, addresses,
 * capacity, nodeInfo as on kind v0.27 / v1.32.2), its Lease in kube-node-lease, the kubelet's
 * condition setters, and the lab's default cluster.
 */
import { rfc3339, rfc3339Micro } from '../clock.ts';
import type { KubeObject } from '../api/types.ts';
import { stableHex } from './images/digest.ts';

/** A node to simulate: the lab control API's `addNode` body. */
export interface NodeSpec {
  name: string;
  /** CPU cores; default 4. */
  cpu?: number | string;
  /** Memory as a quantity; default `8Gi`. */
  memory?: string;
  /** Max pods; default 110. */
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  /** Static pod manifests the node's kubelet runs from disk (kubeadm's control plane). */
  staticPods?: KubeObject[];
}

export const kubeletVersion = 'v1.32.2';
export const containerRuntimeVersion = 'containerd://2.0.2';
/** Lease duration and renew interval (kubelet defaults). */
export const leaseDurationSeconds = 40;
export const leaseRenewMs = 10_000;
/** Node status is posted when it changes, or every nodeStatusReportFrequency (5 min). */
export const nodeStatusReportMs = 300_000;

/** The default cluster of DESIGN.md contract 4: a tainted control plane and `count` workers in zones a/b/c. */
export function defaultNodes(count = 3): NodeSpec[] {
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  const nodes: NodeSpec[] = [{
    name: 'control-plane', cpu: 4, memory: '8Gi', pods: 110,
    labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '', 'topology.kubernetes.io/zone': zones[0] },
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
  }];
  for (let i = 1; i <= count; i++) {
    nodes.push({ name: `node-${i}`, cpu: 4, memory: '8Gi', pods: 110, labels: { 'topology.kubernetes.io/zone': zones[(i - 1) % zones.length] } });
  }
  return nodes;
}

/** Memory quantity → Ki, as kubelets report memory capacity (`8Gi` → `8388608Ki`). */
function memoryKi(quantity: string): string {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!match) return quantity;
  const factor = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12, '': 1 }[match[2] ?? '']!;
  return `${Math.floor((Number(match[1]) * factor) / 1024)}Ki`;
}

/** Blocks of 256 node /24s: kind's 10.244.0.0/16 first, then 10.245–10.255, then 10.128–10.243. */
const podCidrBlocks = [...Array.from({ length: 12 }, (_, i) => 244 + i), ...Array.from({ length: 116 }, (_, i) => 128 + i)];

/**
 * The n-th node's pod CIDR: 10.244.n.0/24 as on kind. Benchmark clusters of more than 256 nodes
 * continue through 10.245–10.255 and then 10.128–10.243: private space that stays clear of the
 * Service range (10.96.0.0/12), so every pod IP is still a valid IPv4 address (32,768 nodes).
 */
export function podCidr(index: number): string {
  const block = podCidrBlocks[Math.floor(index / 256)];
  if (block === undefined) throw new Error(`no pod CIDR left for node ${index + 1}: the simulated pod network holds ${podCidrBlocks.length * 256} nodes`);
  return `10.${block}.${index % 256}.0/24`;
}

/** The n-th node's InternalIP on the docker `kind` network: 172.18.0.2, .3, … */
export function nodeAddress(index: number): string {
  const n = index + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}

/** The node's /etc/machine-id (without its newline), also reported as `nodeInfo.machineID`. */
export function machineIdOf(nodeName: string): string {
  return stableHex(`machine:${nodeName}`).slice(0, 32);
}

/** 32 hex digits as a UUID: 8-4-4-4-12. */
function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The kubelet's four condition setters, healthy, with heartbeat and transition times. */
export function nodeConditions(ready: boolean, heartbeat: number, transitions: Record<string, number>): Record<string, unknown>[] {
  const at = (type: string): string => rfc3339(transitions[type] ?? heartbeat);
  const hb = rfc3339(heartbeat);
  return [
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: at('MemoryPressure'), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: at('DiskPressure'), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: at('PIDPressure'), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    ready
      ? { type: 'Ready', status: 'True', lastHeartbeatTime: hb, lastTransitionTime: at('Ready'), reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : { type: 'Ready', status: 'False', lastHeartbeatTime: hb, lastTransitionTime: at('Ready'), reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized' },
  ];
}

/** The Node object a kubelet registers: spec, labels, status with capacity and nodeInfo. */
export function nodeObject(spec: NodeSpec, index: number, now: number, images: { names: string[]; sizeBytes: number }[]): KubeObject {
  const cpu = String(spec.cpu ?? 4);
  const resources = { cpu, 'ephemeral-storage': '263112772Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: memoryKi(spec.memory ?? '8Gi'), pods: String(spec.pods ?? 110) };
  const cidr = podCidr(index);
  const nodeSpec: Record<string, unknown> = { podCIDR: cidr, podCIDRs: [cidr], providerID: `kind://docker/kind/${spec.name}` };
  if (spec.taints?.length) nodeSpec.taints = spec.taints.map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect }));
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name: spec.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': spec.name, 'kubernetes.io/os': 'linux', ...(spec.labels ?? {}),
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: nodeSpec,
    status: {
      capacity: resources,
      allocatable: { ...resources },
      conditions: nodeConditions(true, now, {}),
      addresses: [{ type: 'InternalIP', address: nodeAddress(index) }, { type: 'Hostname', address: spec.name }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: machineIdOf(spec.name), systemUUID: asUuid(stableHex(`system:${spec.name}`)), bootID: asUuid(stableHex(`boot:${spec.name}`)),
        kernelVersion: '6.8.0-52-generic', osImage: 'Debian GNU/Linux 12 (bookworm)', containerRuntimeVersion,
        kubeletVersion, kubeProxyVersion: kubeletVersion, operatingSystem: 'linux', architecture: 'amd64',
      },
      images,
    },
  };
}

/** The node's Lease in kube-node-lease, owned by the Node. */
export function leaseObject(node: KubeObject, now: number): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: {
      name: node.metadata.name, namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid! }],
    },
    spec: { holderIdentity: node.metadata.name, leaseDurationSeconds, renewTime: rfc3339Micro(now) },
  };
}
