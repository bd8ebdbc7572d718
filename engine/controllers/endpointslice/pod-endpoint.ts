/**
 * From a Pod and its Service to an EndpointSlice endpoint and ports, as
 * staging/src/k8s.io/endpointslice (utils.go, util/controller_utils.go) does: which pods belong in
 * endpoints, ready/serving/terminating, named target ports, hostnames of headless Services, the
 * zone of the pod's node, and which pod changes matter at all.
 */
import type { KubeObject } from '../../api/types.ts';
import { fnv128aHex } from './go-hash.ts';
import type { ServiceIndex } from './selector-index.ts';
import { spewSlicePort, type SlicePort } from './spew.ts';

export type AddressType = 'IPv4' | 'IPv6';

/** An EndpointSlice endpoint. Optional fields are left out, as Go's nil pointers with omitempty. */
export interface Endpoint {
  addresses: string[];
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string };
  nodeName?: string;
  zone?: string;
  [field: string]: unknown;
}

export interface ContainerPort { name?: string; containerPort: number; protocol?: string }

/** The Pod fields endpoints are made of. */
export interface PodView {
  spec?: {
    nodeName?: string; hostname?: string; subdomain?: string;
    containers?: { ports?: ContainerPort[] }[];
    initContainers?: { ports?: ContainerPort[]; restartPolicy?: string }[];
  };
  status?: { phase?: string; podIP?: string; podIPs?: { ip: string }[]; conditions?: { type: string; status: string; lastTransitionTime?: string | null }[] };
}

export interface ServicePort { name?: string; protocol?: string; port: number; targetPort?: number | string; appProtocol?: string }

/** The Service fields endpoints are made of. */
export interface ServiceSpec {
  selector?: Record<string, string> | null;
  ports?: ServicePort[];
  clusterIP?: string;
  ipFamilies?: string[];
  type?: string;
  publishNotReadyAddresses?: boolean;
}

export function podView(pod: KubeObject): PodView {
  return pod as unknown as PodView;
}

export function serviceSpec(service: KubeObject): ServiceSpec {
  return (service.spec ?? {}) as ServiceSpec;
}

/** The pod's Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return podView(pod).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Succeeded and Failed pods never come back: they are never endpoints. */
function isPodTerminal(pod: KubeObject): boolean {
  const phase = podView(pod).status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function podIPs(pod: KubeObject): string[] {
  const status = podView(pod).status;
  if (status?.podIPs?.length) return status.podIPs.map((entry) => entry.ip);
  return status?.podIP ? [status.podIP] : [];
}

/** `ShouldPodBeInEndpoints`: not terminal, has an IP, and terminating only when asked for. */
export function shouldPodBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  const status = podView(pod).status;
  if (!status?.podIP && !status?.podIPs?.length) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** `ShouldSetHostname`: a pod with `hostname` whose `subdomain` names this Service. */
export function shouldSetHostname(pod: KubeObject, service: KubeObject): boolean {
  const spec = podView(pod).spec;
  return !!spec?.hostname && spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace;
}

/** `FindPort`: a numeric targetPort as is; a named one from the containers' (and sidecars') ports. */
export function findPort(pod: KubeObject, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const spec = podView(pod).spec;
  const matches = (port: ContainerPort): boolean => port.name === target && (port.protocol ?? 'TCP') === protocol;
  for (const container of spec?.containers ?? []) {
    const found = container.ports?.find(matches);
    if (found) return found.containerPort;
  }
  for (const container of spec?.initContainers ?? []) {
    if (container.restartPolicy !== 'Always') continue;
    const found = container.ports?.find(matches);
    if (found) return found.containerPort;
  }
  return undefined;
}

/** Ports in the order `NewPortMapKey` sorts them into: by FNV-128a of their spew text. */
export function sortSlicePorts(ports: SlicePort[]): SlicePort[] {
  if (ports.length < 2) return ports;
  return ports
    .map((port) => ({ port, hash: fnv128aHex(spewSlicePort(port)) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0))
    .map((entry) => entry.port);
}

/** A key equal for equal sets of ports (`PortMapKey`). */
export function portMapKey(ports: SlicePort[] | null | undefined): string {
  return sortSlicePorts(ports ?? []).map(spewSlicePort).join('\n');
}

/** `getEndpointPorts`: the Service's ports this pod serves, resolved to numbers. */
export function endpointPorts(service: KubeObject, pod: KubeObject): SlicePort[] {
  const spec = serviceSpec(service);
  const ports: SlicePort[] = [];
  for (const servicePort of spec.ports ?? []) {
    const number = findPort(pod, servicePort);
    if (number === undefined) continue;
    const port: SlicePort = { name: servicePort.name ?? '', protocol: servicePort.protocol ?? 'TCP', port: number };
    if (servicePort.appProtocol !== undefined) port.appProtocol = servicePort.appProtocol;
    ports.push(port);
  }
  return sortSlicePorts(ports);
}

function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/** `getAddressTypesForService`: from `ipFamilies`, else from the ClusterIP, else both. */
export function addressTypesForService(service: KubeObject): AddressType[] {
  const spec = serviceSpec(service);
  const types = new Set<AddressType>();
  for (const family of spec.ipFamilies ?? []) if (family === 'IPv4' || family === 'IPv6') types.add(family);
  if (types.size > 0) return [...types];
  if (spec.clusterIP && spec.clusterIP !== 'None') return [isIPv6(spec.clusterIP) ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/**
 * `podToEndpoint`. `serving` is the pod's readiness; `ready` is the same but false while the pod
 * terminates, unless the Service publishes not-ready addresses.
 */
export function podToEndpoint(pod: KubeObject, node: KubeObject | undefined, service: KubeObject, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = !!serviceSpec(service).publishNotReadyAddresses || (serving && !terminating);
  const endpoint: Endpoint = {
    addresses: podIPs(pod).filter((ip) => isIPv6(ip) === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  const spec = podView(pod).spec;
  if (spec?.nodeName) endpoint.nodeName = spec.nodeName;
  const zone = node?.metadata.labels?.['topology.kubernetes.io/zone'];
  if (zone) endpoint.zone = zone;
  if (shouldSetHostname(pod, service)) endpoint.hostname = spec!.hostname;
  return endpoint;
}

/** `hashEndpoint`: addresses, hostname and the target's name identify an endpoint; the rest may change in place. */
export function endpointKey(endpoint: Endpoint): string {
  const ref = endpoint.targetRef;
  return JSON.stringify([[...endpoint.addresses].sort(), endpoint.hostname ?? '', ref?.namespace ?? '', ref?.name ?? '']);
}

const storedKeys = new WeakMap<Endpoint, string>();

/**
 * `endpointKey` of an endpoint read from the informer, remembered: cached objects never change,
 * and every sync of a Service compares each of its stored endpoints again.
 */
export function storedEndpointKey(endpoint: Endpoint): string {
  let key = storedKeys.get(endpoint);
  if (key === undefined) storedKeys.set(endpoint, (key = endpointKey(endpoint)));
  return key;
}

/** `EndpointsEqualBeyondHash`: node, zone, conditions and target (resourceVersion aside) are equal. */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  if (a.nodeName !== b.nodeName || a.zone !== b.zone) return false;
  if (a.conditions.ready !== b.conditions.ready || a.conditions.serving !== b.conditions.serving || a.conditions.terminating !== b.conditions.terminating) return false;
  const ra = a.targetRef, rb = b.targetRef;
  if (!ra || !rb) return ra === rb;
  return ra.kind === rb.kind && ra.namespace === rb.namespace && ra.name === rb.name && ra.uid === rb.uid
    && ra.apiVersion === rb.apiVersion && ra.fieldPath === rb.fieldPath;
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ak = Object.keys(a ?? {}), bk = Object.keys(b ?? {});
  return ak.length === bk.length && ak.every((k) => a![k] === b?.[k]);
}

/**
 * `podEndpointsChanged`: whether the pod's endpoint may differ (deletion, readiness, IPs) and
 * whether the Services it matches may differ (labels, hostname, subdomain). Go compares the
 * deletionTimestamp pointers, so any update of a terminating pod counts as a change.
 */
export function podEndpointsChanged(old: KubeObject, pod: KubeObject): { podChanged: boolean; labelsChanged: boolean } {
  const os = podView(old).spec, ns = podView(pod).spec;
  const labelsChanged = !sameLabels(old.metadata.labels, pod.metadata.labels) || os?.hostname !== ns?.hostname || os?.subdomain !== ns?.subdomain;
  if (old.metadata.deletionTimestamp || pod.metadata.deletionTimestamp) return { podChanged: true, labelsChanged };
  if (isPodReady(old) !== isPodReady(pod)) return { podChanged: true, labelsChanged };
  const oldIPs = podView(old).status?.podIPs ?? [], newIPs = podView(pod).status?.podIPs ?? [];
  const ipsChanged = oldIPs.length !== newIPs.length || oldIPs.some((entry, i) => entry.ip !== newIPs[i]!.ip);
  return { podChanged: ipsChanged, labelsChanged };
}

/** `GetServicesToUpdateOnPodChange`: the Service keys a pod update must sync. */
export function servicesToUpdateOnPodChange(index: ServiceIndex, old: KubeObject, pod: KubeObject): Set<string> {
  if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return new Set();
  const { podChanged, labelsChanged } = podEndpointsChanged(old, pod);
  if (!podChanged && !labelsChanged) return new Set();
  const namespace = pod.metadata.namespace ?? '';
  const services = index.servicesFor(namespace, pod.metadata.labels);
  if (!labelsChanged) return services;
  const oldServices = index.servicesFor(namespace, old.metadata.labels);
  // Labels and endpoint changed: every old and new Service; only labels: those in one set but not both.
  const result = new Set<string>();
  for (const key of services) if (podChanged || !oldServices.has(key)) result.add(key);
  for (const key of oldServices) if (podChanged || !services.has(key)) result.add(key);
  return result;
}
