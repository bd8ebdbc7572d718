/**
 * The EndpointSlice mirroring reconciler (pkg/controller/endpointslicemirroring): each subset of
 * a user's Endpoints becomes one EndpointSlice per address type, with at most 1000 addresses
 * per subset. An existing slice is updated only when its endpoints differ; extra slices go.
 */
import type { KubeObject } from '../../api/types.ts';
import { endpointKey, endpointsEqualBeyondHash, portMapKey, sortSlicePorts, type AddressType, type Endpoint } from './pod-endpoint.ts';
import { managedByLabel, serviceNameLabel, sortedLabels, type Slice, type SlicePlan } from './reconciler.ts';
import type { CoreAddress, CoreSubset, SlicePort } from './spew.ts';

/** The `endpointslice.kubernetes.io/managed-by` value of mirrored slices. */
export const mirroringControllerName = 'endpointslicemirroring-controller.k8s.io';

/** kube-controller-manager's `--mirroring-max-endpoints-per-subset` default. */
export const maxEndpointsPerSubset = 1000;

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv6 = /^[0-9a-fA-F:.]+$/;

/** `addressToEndpoint`: undefined for an address that is not an IP. */
function addressToEndpoint(address: CoreAddress, ready: boolean): { endpoint: Endpoint; type: AddressType } | undefined {
  const type: AddressType | undefined = ipv4.test(address.ip) ? 'IPv4' : address.ip.includes(':') && ipv6.test(address.ip) ? 'IPv6' : undefined;
  if (!type) return undefined;
  const endpoint: Endpoint = { addresses: [address.ip], conditions: { ready } };
  if (address.hostname) endpoint.hostname = address.hostname;
  if (address.targetRef) endpoint.targetRef = address.targetRef;
  if (address.nodeName) endpoint.nodeName = address.nodeName;
  return { endpoint, type };
}

/** `newEndpointSlice` of mirroring: the Endpoints' labels and annotations, owned by the Endpoints. */
function newMirroredSlice(endpoints: KubeObject, ports: SlicePort[], addressType: AddressType, name?: string): Slice {
  const labels = { ...(endpoints.metadata.labels ?? {}), [serviceNameLabel]: endpoints.metadata.name!, [managedByLabel]: mirroringControllerName };
  const annotations = Object.fromEntries(Object.entries(endpoints.metadata.annotations ?? {}).filter(([key]) =>
    key !== 'endpoints.kubernetes.io/last-change-trigger-time' && key !== 'kubectl.kubernetes.io/last-applied-configuration'));
  const metadata: KubeObject['metadata'] = {
    namespace: endpoints.metadata.namespace,
    labels: sortedLabels(labels),
    annotations: sortedLabels(annotations),
    ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: endpoints.metadata.name!, uid: endpoints.metadata.uid!, controller: true, blockOwnerDeletion: true }],
  };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  if (name) metadata.name = name;
  else metadata.generateName = `${endpoints.metadata.name}-`;
  return { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata, addressType, endpoints: [], ports };
}

export interface MirrorResult extends SlicePlan {
  /** Warning events for the Endpoints: `[reason, message]`. */
  events: [string, string][];
}

/** Plan the mirrored slices of one Endpoints object. */
export function reconcileMirror(endpoints: KubeObject, existing: Slice[]): MirrorResult {
  const result: MirrorResult = { create: [], update: [], delete: [], errors: [], events: [] };
  const desired = new Map<string, { ports: SlicePort[]; type: AddressType; endpoints: Map<string, Endpoint> }>();
  let invalid = 0, skipped = 0;
  for (const subset of (endpoints.subsets ?? []) as CoreSubset[]) {
    const ports = sortSlicePorts((subset.ports ?? []).map((p) => {
      const port: SlicePort = { name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' };
      if (p.appProtocol !== undefined) port.appProtocol = p.appProtocol;
      return port;
    }));
    const keyOf = (type: AddressType): string => `${type}-${portMapKey(ports)}`;
    for (const type of ['IPv4', 'IPv6'] as const) if (!desired.has(keyOf(type))) desired.set(keyOf(type), { ports, type, endpoints: new Map() });
    const total = (subset.addresses?.length ?? 0) + (subset.notReadyAddresses?.length ?? 0);
    let added = 0;
    const all: [CoreAddress, boolean][] = [...(subset.addresses ?? []).map((a) => [a, true] as [CoreAddress, boolean]), ...(subset.notReadyAddresses ?? []).map((a) => [a, false] as [CoreAddress, boolean])];
    for (const [address, ready] of all) {
      if (added >= maxEndpointsPerSubset) break;
      const converted = addressToEndpoint(address, ready);
      if (!converted) { invalid++; continue; }
      desired.get(keyOf(converted.type))!.endpoints.set(endpointKey(converted.endpoint), converted.endpoint);
      added++;
    }
    skipped += total - added;
  }
  // Upstream also warns `InvalidIPAddress`, but Endpoints validation already refuses addresses that are not IPs.
  if (skipped > invalid) result.events.push(['TooManyAddressesToMirror', `A max of ${maxEndpointsPerSubset} addresses can be mirrored to EndpointSlices per Endpoints subset. ${skipped} addresses were skipped`]);

  const existingByKey = new Map<string, Slice[]>();
  for (const slice of existing) {
    const key = `${slice.addressType}-${portMapKey(slice.ports)}`;
    existingByKey.set(key, [...(existingByKey.get(key) ?? []), slice]);
  }
  for (const [key, want] of desired) {
    const slices = existingByKey.get(key) ?? [];
    if (want.endpoints.size === 0) { result.delete.push(...slices); continue; }
    if (slices.length > 0) {
      result.delete.push(...slices.slice(1));
      if (unchanged(slices[0]!, want.endpoints)) continue;
    }
    const slice = newMirroredSlice(endpoints, want.ports, want.type, slices[0]?.metadata.name);
    slice.endpoints = [...want.endpoints.values()].slice(0, maxEndpointsPerSubset);
    (slice.metadata.name ? result.update : result.create).push(slice);
  }
  for (const [key, slices] of existingByKey) if (!desired.has(key)) result.delete.push(...slices);
  return result;
}

/** `totalChanges` is zero: the slice holds exactly the desired endpoints, each unchanged. */
function unchanged(slice: Slice, desired: Map<string, Endpoint>): boolean {
  let matches = 0;
  for (const endpoint of slice.endpoints ?? []) {
    const got = desired.get(endpointKey(endpoint));
    if (!got || !endpointsEqualBeyondHash(got, endpoint)) return false;
    matches++;
  }
  return matches === desired.size;
}
