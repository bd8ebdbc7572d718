/**
 * NetworkPolicy enforcement as a CNI plugin does it (kind's kindnet uses kube-network-policies):
 * a pod is isolated for ingress (or egress) once any policy in its namespace selects it with that
 * policy type; isolated traffic passes only if some selecting policy has a rule admitting the
 * peer and the port. Policies are additive — there is no deny rule. Traffic between a pod and its
 * own node is always allowed. Policies see the packet after kube-proxy's DNAT: the endpoint pod
 * and its target port, never the Service.
 */
import type { KubeObject } from '../api/types.ts';
import { labelSelectorAsSelector, type LabelSelector } from '../api/selectors/label-selector.ts';
import { matchLabels } from '../api/selectors/labels.ts';
import type { Listers, PodView } from './listers.ts';

/** One end of a connection: an IP, and the pod or node behind it when there is one. */
export interface Peer {
  ip: string;
  pod?: PodView;
  /** The node whose own address this is (traffic from a node, a host-network pod). */
  node?: string;
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface PolicyRule {
  ports?: PolicyPort[];
  from?: PolicyPeer[];
  to?: PolicyPeer[];
}

interface PolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

/** policyTypes as the API defaults it: Ingress always, Egress when egress rules are given. */
export function policyTypes(spec: PolicySpec): string[] {
  if (spec.policyTypes?.length) return spec.policyTypes;
  return spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  const parsed = labelSelectorAsSelector(selector ?? {});
  return parsed.ok && matchLabels(parsed.value, labels);
}

/** Whether `ip` falls in the IPv4 `cidr`. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const toInt = (a: string): number | undefined => {
    const parts = a.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
    return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
  };
  const a = toInt(ip);
  const b = toInt(base);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) === (b & mask);
}

function peerMatches(listers: Listers, rulePeer: PolicyPeer, policyNamespace: string, peer: Peer): boolean {
  if (rulePeer.ipBlock) {
    return inCidr(peer.ip, rulePeer.ipBlock.cidr) && !(rulePeer.ipBlock.except ?? []).some((c) => inCidr(peer.ip, c));
  }
  // Pod and namespace selectors match pods only (never nodes or addresses outside the cluster).
  const pod = peer.pod;
  if (!pod || pod.hostNetwork) return false;
  if (rulePeer.namespaceSelector) {
    const namespace = listers.namespaces().find((n) => n.metadata.name === pod.namespace);
    if (!selects(rulePeer.namespaceSelector, namespace?.metadata.labels ?? {})) return false;
  } else if (pod.namespace !== policyNamespace) return false;
  return rulePeer.podSelector ? selects(rulePeer.podSelector, pod.labels) : true;
}

/** Whether a rule's ports admit `port`/`protocol`; named ports are looked up on the destination pod. */
function portMatches(ports: PolicyPort[] | undefined, port: number, protocol: string, destination: PodView | undefined): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') {
      const named = destination?.namedPorts.get(p.port);
      return !!named && named.port === port && named.protocol === protocol;
    }
    return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  });
}

/**
 * Whether one direction lets the connection through: `subject` is the pod the policies select
 * (the destination for Ingress, the source for Egress), `other` the far end.
 */
function directionAllows(listers: Listers, direction: 'Ingress' | 'Egress', subject: PodView, other: Peer, port: number, protocol: string, destination: PodView | undefined): boolean {
  let isolated = false;
  for (const policy of listers.networkPolicies()) {
    if (policy.metadata.namespace !== subject.namespace) continue;
    const spec = (policy.spec ?? {}) as PolicySpec;
    if (!policyTypes(spec).includes(direction) || !selects(spec.podSelector, subject.labels)) continue;
    isolated = true;
    const rules = (direction === 'Ingress' ? spec.ingress : spec.egress) ?? [];
    for (const rule of rules) {
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk = !peers?.length || peers.some((p) => peerMatches(listers, p, subject.namespace, other));
      if (peerOk && portMatches(rule.ports, port, protocol, destination)) return true;
    }
  }
  return !isolated;
}

/** Whether policies let `source` open `port`/`protocol` on `destination` (both after DNAT). */
export function policyAllows(listers: Listers, source: Peer, destination: Peer, port: number, protocol = 'TCP'): boolean {
  const sameNode = (a: Peer, b: Peer): boolean => !!a.node && (a.node === b.pod?.nodeName || a.node === b.node);
  if (sameNode(source, destination) || sameNode(destination, source)) return true;
  const from = source.pod && !source.pod.hostNetwork ? source.pod : undefined;
  const to = destination.pod && !destination.pod.hostNetwork ? destination.pod : undefined;
  if (from && !directionAllows(listers, 'Egress', from, destination, port, protocol, to)) return false;
  if (to && !directionAllows(listers, 'Ingress', to, source, port, protocol, to)) return false;
  return true;
}

/** The policies that select a pod, for explanations ("why did my wget time out?"). */
export function policiesSelecting(listers: Listers, pod: PodView): KubeObject[] {
  return listers.networkPolicies().filter((p) => p.metadata.namespace === pod.namespace && selects(((p.spec ?? {}) as PolicySpec).podSelector, pod.labels));
}
