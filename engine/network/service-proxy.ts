/**
 * kube-proxy in iptables mode: a connection to a ClusterIP, an external or load-balancer IP, or
 * a NodePort on any node is DNAT'ed to one endpoint of the Service, picked at random among the
 * ready endpoints of its EndpointSlices (the statistic match is random); with sessionAffinity
 * ClientIP the same client keeps its endpoint while it keeps coming back within timeoutSeconds.
 * A Service with no usable endpoint is REJECTed (connection refused); a ClusterIP on a port no
 * Service port declares has no rule at all, so the packet goes nowhere (timeout).
 */
import type { Random } from '../clock.ts';
import type { KubeObject } from '../api/types.ts';
import type { Listers, ServicePort } from './listers.ts';
import { nodeAddresses, serviceSpec, sliceEndpoints, slicePorts, slicesOf } from './listers.ts';

/** Where kube-proxy sends a connection. */
export type ProxyDecision =
  | { kind: 'direct' }
  | { kind: 'endpoint'; ip: string; port: number; service: KubeObject; servicePort: ServicePort; nodeName?: string }
  | { kind: 'reject'; service: KubeObject }
  | { kind: 'drop' };

/** kube-proxy's default ClientIP affinity timeout: 3 hours. */
export const defaultAffinitySeconds = 10800;

interface Sticky {
  ip: string;
  port: number;
  until: number;
}

/** The Service port a destination names, if any: ClusterIP/external/LB IP and port, or a NodePort. */
export function matchServicePort(listers: Listers, ip: string, port: number, protocol: string): { service: KubeObject; servicePort: ServicePort; viaNodePort: boolean } | { service: KubeObject; servicePort?: undefined } | undefined {
  const nodeIPs = new Set(nodeAddresses(listers).values());
  const isNode = nodeIPs.has(ip);
  for (const service of listers.services()) {
    const spec = serviceSpec(service);
    if (spec.type === 'ExternalName') continue;
    const ingress = ((service.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((i) => i.ip);
    const frontIPs = [spec.clusterIP, ...(spec.clusterIPs ?? []), ...(spec.externalIPs ?? []), ...ingress].filter((x) => x && x !== 'None');
    const ports = spec.ports ?? [];
    if (frontIPs.includes(ip)) {
      const servicePort = ports.find((p) => p.port === port && (p.protocol ?? 'TCP') === protocol);
      return servicePort ? { service, servicePort, viaNodePort: false } : { service };
    }
    if (isNode && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
      const servicePort = ports.find((p) => p.nodePort === port && (p.protocol ?? 'TCP') === protocol);
      if (servicePort) return { service, servicePort, viaNodePort: true };
    }
  }
  return undefined;
}

/** The usable endpoints of one Service port: ready ones, else serving-and-terminating ones. */
export function serviceEndpoints(listers: Listers, service: KubeObject, servicePort: ServicePort): { ip: string; port: number; nodeName?: string }[] {
  const ready: { ip: string; port: number; nodeName?: string }[] = [];
  const terminating: { ip: string; port: number; nodeName?: string }[] = [];
  for (const slice of slicesOf(listers, service.metadata.namespace!, service.metadata.name!)) {
    // The slice's port of the same name carries the resolved targetPort (a named port can differ per pod).
    const port = slicePorts(slice).find((p) => (p.name ?? '') === (servicePort.name ?? '') && (p.protocol ?? 'TCP') === (servicePort.protocol ?? 'TCP'));
    if (port?.port === undefined) continue;
    for (const e of sliceEndpoints(slice)) {
      const into = e.conditions?.ready !== false ? ready : e.conditions?.serving && e.conditions.terminating ? terminating : undefined;
      for (const ip of e.addresses) into?.push({ ip, port: port.port, nodeName: e.nodeName });
    }
  }
  return ready.length ? ready : terminating;
}

/** The iptables rules of every node, as one: stateless except for ClientIP affinity. */
export class ServiceProxy {
  private readonly sticky = new Map<string, Sticky>();

  constructor(private readonly listers: Listers, private readonly random: Random, private readonly now: () => number) {}

  /** Route a new connection from `client` to `ip:port`. */
  route(client: string, ip: string, port: number, protocol = 'TCP'): ProxyDecision {
    const match = matchServicePort(this.listers, ip, port, protocol);
    if (!match) return { kind: 'direct' };
    const { service, servicePort } = match;
    if (!servicePort) return { kind: 'drop' };
    const endpoints = serviceEndpoints(this.listers, service, servicePort);
    if (!endpoints.length) return { kind: 'reject', service };
    const spec = serviceSpec(service);
    const now = this.now();
    const key = `${service.metadata.namespace}/${service.metadata.name}:${servicePort.name ?? ''}:${client}`;
    if (spec.sessionAffinity === 'ClientIP') {
      const held = this.sticky.get(key);
      const still = held && held.until > now ? endpoints.find((e) => e.ip === held.ip && e.port === held.port) : undefined;
      const timeout = (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? defaultAffinitySeconds) * 1000;
      const chosen = still ?? endpoints[this.random.int(endpoints.length)];
      this.sticky.set(key, { ip: chosen.ip, port: chosen.port, until: now + timeout });
      return { kind: 'endpoint', ...chosen, service, servicePort };
    }
    return { kind: 'endpoint', ...endpoints[this.random.int(endpoints.length)], service, servicePort };
  }
}
