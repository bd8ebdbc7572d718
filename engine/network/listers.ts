/**
 * What the network layer reads of the cluster: Services, EndpointSlices, Pods, Namespaces,
 * NetworkPolicies, Ingresses and Nodes, as typed views over listed objects. In the cluster the
 * lists come from shared informers (never the store); in unit tests from plain arrays.
 */
import type { KubeObject } from '../api/types.ts';

/** A Service port as the network reads it. */
export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

/** The Service fields DNS and kube-proxy use. */
export interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  ports?: ServicePort[];
  selector?: Record<string, string>;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  publishNotReadyAddresses?: boolean;
  externalIPs?: string[];
}

/** One endpoint of an EndpointSlice. */
export interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string };
}

/** An EndpointSlice's ports: the resolved target port of each Service port, by name. */
export interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
}

/** The pod fields the network uses. */
export interface PodView {
  object: KubeObject;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ip?: string;
  hostIP?: string;
  hostNetwork: boolean;
  nodeName?: string;
  /** `containerPort` by port name, for named ports in NetworkPolicies. */
  namedPorts: Map<string, { port: number; protocol: string }>;
}

/** Read access to what the network needs; each call sees the latest cached state. */
export interface Listers {
  services(): KubeObject[];
  endpointSlices(): KubeObject[];
  pods(): KubeObject[];
  namespaces(): KubeObject[];
  networkPolicies(): KubeObject[];
  ingresses(): KubeObject[];
  nodes(): KubeObject[];
  secrets(): KubeObject[];
}

/** Listers over fixed arrays of objects, sorted by kind (for unit tests and snapshots). */
export function listersOf(objects: KubeObject[]): Listers {
  const of = (kind: string) => (): KubeObject[] => objects.filter((o) => o.kind === kind);
  return {
    services: of('Service'), endpointSlices: of('EndpointSlice'), pods: of('Pod'), namespaces: of('Namespace'),
    networkPolicies: of('NetworkPolicy'), ingresses: of('Ingress'), nodes: of('Node'), secrets: of('Secret'),
  };
}

/** The Service spec of an object read from the API. */
export function serviceSpec(service: KubeObject): ServiceSpec {
  return (service.spec ?? {}) as ServiceSpec;
}

/** Find a Service by namespace and name. */
export function findService(listers: Listers, namespace: string, name: string): KubeObject | undefined {
  return listers.services().find((s) => s.metadata.namespace === namespace && s.metadata.name === name);
}

/** The EndpointSlices the EndpointSlice controller keeps for a Service (label `kubernetes.io/service-name`). */
export function slicesOf(listers: Listers, namespace: string, service: string): KubeObject[] {
  return listers.endpointSlices().filter((s) => s.metadata.namespace === namespace && s.metadata.labels?.['kubernetes.io/service-name'] === service);
}

/** The endpoints of a slice. */
export function sliceEndpoints(slice: KubeObject): SliceEndpoint[] {
  return ((slice as { endpoints?: SliceEndpoint[] }).endpoints ?? []);
}

/** The ports of a slice. */
export function slicePorts(slice: KubeObject): SlicePort[] {
  return ((slice as { ports?: SlicePort[] }).ports ?? []);
}

/** A typed view of a pod. */
export function podView(pod: KubeObject): PodView {
  const spec = (pod.spec ?? {}) as { hostNetwork?: boolean; nodeName?: string; containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[] };
  const status = (pod.status ?? {}) as { podIP?: string; hostIP?: string };
  const namedPorts = new Map<string, { port: number; protocol: string }>();
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name) namedPorts.set(p.name, { port: p.containerPort, protocol: p.protocol ?? 'TCP' });
  }
  return {
    object: pod, namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name ?? '', labels: pod.metadata.labels ?? {},
    ip: status.podIP, hostIP: status.hostIP, hostNetwork: spec.hostNetwork === true, nodeName: spec.nodeName, namedPorts,
  };
}

/** The running pod with this IP (host-network pods share their node's IP and are not matched). */
export function podByIP(listers: Listers, ip: string): PodView | undefined {
  for (const pod of listers.pods()) {
    const view = podView(pod);
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (view.ip === ip && !view.hostNetwork && phase !== 'Succeeded' && phase !== 'Failed') return view;
  }
  return undefined;
}

/** The InternalIP of each node, by node name. */
export function nodeAddresses(listers: Listers): Map<string, string> {
  const out = new Map<string, string>();
  for (const node of listers.nodes()) {
    const addresses = ((node.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []);
    const internal = addresses.find((a) => a.type === 'InternalIP');
    if (internal) out.set(node.metadata.name!, internal.address);
  }
  return out;
}
