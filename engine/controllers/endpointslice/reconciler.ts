/**
 * The EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go): compare the
 * endpoints the Service's pods call for with the slices that exist, and change as little as
 * possible — keep endpoints in the slice they are in and update them in place, fill slices that
 * are being updated anyway, then the unchanged slice closest to full, and only then create new
 * slices of at most `maxEndpointsPerSlice`. A Service with no endpoints keeps one empty placeholder.
 */
import type { KubeObject } from '../../api/types.ts';
import {
  addressTypesForService, endpointKey, endpointPorts, endpointsEqualBeyondHash, podToEndpoint, portMapKey,
  serviceSpec, shouldPodBeInEndpoints, storedEndpointKey, type AddressType, type Endpoint,
} from './pod-endpoint.ts';
import type { SlicePort } from './spew.ts';

/** The labels the EndpointSlice API reserves; a Service's own values for them are ignored. */
export const serviceNameLabel = 'kubernetes.io/service-name';
export const managedByLabel = 'endpointslice.kubernetes.io/managed-by';
export const headlessLabel = 'service.kubernetes.io/headless';

/** An EndpointSlice as this controller reads and writes it. */
export interface Slice extends KubeObject {
  addressType: AddressType | string;
  endpoints?: Endpoint[] | null;
  ports?: SlicePort[] | null;
}

/** What to write: the same lists upstream's `finalize` receives. */
export interface SlicePlan {
  create: Slice[];
  update: Slice[];
  delete: Slice[];
  /** Problems that do not stop the writes but fail the sync (a pod's node is missing). */
  errors: string[];
}

export interface ReconcileInput {
  service: KubeObject;
  pods: KubeObject[];
  /** The Service's slices managed by this controller, without those being deleted. */
  existing: Slice[];
  node(name: string): KubeObject | undefined;
  maxEndpointsPerSlice: number;
  controllerName: string;
}

function isServiceIPSet(service: KubeObject): boolean {
  const clusterIP = serviceSpec(service).clusterIP;
  return !!clusterIP && clusterIP !== 'None';
}

function isReserved(label: string): boolean {
  return label === serviceNameLabel || label === managedByLabel || label === headlessLabel;
}

/** A copy with keys in sorted order, as Go marshals a map. */
export function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * `setEndpointSliceLabels`: the Service's labels (reserved keys aside), the headless label for a
 * Service without a ClusterIP, the service name and managed-by; `changed` when the slice's own
 * non-reserved labels differ from the Service's.
 */
export function sliceLabels(slice: KubeObject | undefined, service: KubeObject, controllerName: string): { labels: Record<string, string>; changed: boolean } {
  const own = Object.entries(slice?.metadata.labels ?? {}).filter(([key]) => !isReserved(key));
  const wanted = Object.entries(service.metadata.labels ?? {}).filter(([key]) => !isReserved(key));
  const changed = own.length !== wanted.length || wanted.some(([key, value]) => slice?.metadata.labels?.[key] !== value);
  const labels: Record<string, string> = Object.fromEntries(wanted);
  if (!isServiceIPSet(service)) labels[headlessLabel] = '';
  labels[serviceNameLabel] = service.metadata.name!;
  labels[managedByLabel] = controllerName;
  return { labels: sortedLabels(labels), changed };
}

/** `newEndpointSlice`: named `<service>-<5 random>` by the API server, owned by the Service. */
export function newSlice(service: KubeObject, ports: SlicePort[], addressType: AddressType, controllerName: string): Slice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${service.metadata.name}-`,
      namespace: service.metadata.namespace,
      labels: sliceLabels(undefined, service, controllerName).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: service.metadata.name!, uid: service.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

function ownedBy(slice: Slice, service: KubeObject): boolean {
  return (slice.metadata.ownerReferences ?? []).some((ref) => ref.uid === service.metadata.uid && ref.kind === 'Service' && ref.apiVersion === 'v1');
}

function copySlice(slice: Slice): Slice {
  return { ...slice, metadata: { ...slice.metadata }, endpoints: [...(slice.endpoints ?? [])] };
}

/** A placeholder that already exists is kept rather than deleted and created again. */
function isSamePlaceholder(slice: Slice, placeholder: Slice): boolean {
  const a = slice.metadata.labels ?? {}, b = placeholder.metadata.labels ?? {};
  const sameLabels = Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);
  const sameOwners = JSON.stringify(slice.metadata.ownerReferences ?? []) === JSON.stringify(placeholder.metadata.ownerReferences ?? []);
  return sameLabels && sameOwners && slice.metadata.namespace === placeholder.metadata.namespace && slice.addressType === placeholder.addressType
    && (slice.endpoints ?? []).length === 0 && (slice.ports ?? []).length === 0;
}

/** The same ports in the same order, field by field (so the same `portMapKey`). */
function samePorts(a: SlicePort[], b: SlicePort[]): boolean {
  return a.length === b.length && a.every((port, i) => port.name === b[i]!.name && port.protocol === b[i]!.protocol && port.port === b[i]!.port && port.appProtocol === b[i]!.appProtocol);
}

/** Desired endpoints (by `endpointKey`, in pod order) and the ports they share. */
interface Desired { ports: SlicePort[]; endpoints: Map<string, Endpoint> }

/** Plan the writes for one Service across all its address types (`Reconcile`). */
export function reconcile(input: ReconcileInput): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [], errors: [] };
  const types = addressTypesForService(input.service);
  const byType = new Map<string, Slice[]>();
  const unsupported: Slice[] = [];
  for (const slice of input.existing) {
    if (!types.includes(slice.addressType as AddressType)) unsupported.push(slice);
    else byType.set(slice.addressType, [...(byType.get(slice.addressType) ?? []), slice]);
  }
  for (const type of types) reconcileByAddressType(input, byType.get(type) ?? [], type, plan);
  plan.delete.push(...unsupported);
  return plan;
}

function reconcileByAddressType(input: ReconcileInput, existing: Slice[], addressType: AddressType, plan: SlicePlan): void {
  const { service, controllerName } = input;
  const toCreate: Slice[] = [], toUpdate: Slice[] = [], toDelete: Slice[] = [];
  const existingByPorts = new Map<string, Slice[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, service)) { toDelete.push(slice); continue; }
    const key = portMapKey(slice.ports);
    existingByPorts.set(key, [...(existingByPorts.get(key) ?? []), slice]);
  }
  const desired = new Map<string, Desired>();
  const publishNotReady = !!serviceSpec(service).publishNotReadyAddresses;
  // Pods of one Service nearly always serve the same ports: reuse the previous pod's key then.
  let previous: { ports: SlicePort[]; key: string } | undefined;
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(service, pod);
    const key = previous && samePorts(previous.ports, ports) ? previous.key : portMapKey(ports);
    previous = { ports, key };
    let group = desired.get(key);
    if (!group) desired.set(key, (group = { ports, endpoints: new Map() }));
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
    const node = input.node(nodeName);
    if (!node && !publishNotReady) {
      // Left out, and the sync fails so that it is retried; the rest of the slice is still written.
      plan.errors.push(`skipping Pod ${pod.metadata.name} for Service ${service.metadata.namespace}/${service.metadata.name}: Node ${nodeName} Not Found`);
      continue;
    }
    const endpoint = podToEndpoint(pod, node, service, addressType);
    if (endpoint.addresses.length > 0) group.endpoints.set(endpointKey(endpoint), endpoint);
  }
  for (const [key, group] of desired) {
    const result = reconcileByPortMapping(input, existingByPorts.get(key) ?? [], group, addressType);
    toCreate.push(...result.create);
    toUpdate.push(...result.update);
    toDelete.push(...result.delete);
  }
  for (const [key, slices] of existingByPorts) if (!desired.has(key)) toDelete.push(...slices);
  if (existing.length === toDelete.length && toCreate.length === 0) {
    const placeholder = newSlice(service, [], addressType, controllerName);
    if (toDelete.length === 1 && isSamePlaceholder(toDelete[0]!, placeholder)) toDelete.length = 0;
    else toCreate.push(placeholder);
  }
  // The Service's topology hints and trafficDistribution are not simulated: no hints are written.
  plan.create.push(...toCreate);
  plan.update.push(...toUpdate);
  plan.delete.push(...toDelete);
}

/** `reconcileByPortMapping`: the three steps described at the top of this file. */
function reconcileByPortMapping(input: ReconcileInput, existing: Slice[], desired: Desired, addressType: AddressType): { create: Slice[]; update: Slice[]; delete: Slice[] } {
  const max = input.maxEndpointsPerSlice;
  const wanted = desired.endpoints;
  const byName = new Map<string, Slice>();
  const unchanged = new Set<string>(), toUpdate = new Set<string>(), toDelete = new Set<string>();
  // 1. Keep endpoints still wanted (in their new form), drop the others.
  for (const slice of existing) {
    const name = slice.metadata.name!;
    byName.set(name, slice);
    const kept: Endpoint[] = [];
    let endpointUpdated = false;
    for (const endpoint of slice.endpoints ?? []) {
      const key = storedEndpointKey(endpoint);
      const got = wanted.get(key);
      if (!got) continue;
      kept.push(got);
      if (!endpointsEqualBeyondHash(got, endpoint)) endpointUpdated = true;
      wanted.delete(key);
    }
    const { labels, changed } = sliceLabels(slice, input.service, input.controllerName);
    if (endpointUpdated || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.add(name);
      else {
        byName.set(name, { ...copySlice(slice), endpoints: kept, metadata: { ...slice.metadata, labels } });
        toUpdate.add(name);
      }
    } else if (changed) {
      byName.set(name, { ...copySlice(slice), metadata: { ...slice.metadata, labels } });
      toUpdate.add(name);
    } else {
      unchanged.add(name);
    }
  }
  const pending = wanted.values();
  const take = (): Endpoint | undefined => {
    const next = pending.next();
    return next.done ? undefined : next.value;
  };
  let remaining = wanted.size;
  // 2. Fill the slices being updated anyway, fullest first.
  if (remaining > 0 && toUpdate.size > 0) {
    const slices = [...toUpdate].map((name) => byName.get(name)!).sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
    for (const slice of slices) {
      while (remaining > 0 && slice.endpoints!.length < max) { slice.endpoints!.push(take()!); remaining--; }
    }
  }
  // 3. Put what is left into the unchanged slice it fits best, else into new slices.
  const create: Slice[] = [];
  while (remaining > 0) {
    let slice: Slice | undefined;
    if (remaining < max && unchanged.size > 0) {
      const fit = sliceToFill([...unchanged].map((name) => byName.get(name)!), remaining, max);
      if (fit) { slice = copySlice(fit); byName.set(fit.metadata.name!, slice); }
    }
    slice ??= newSlice(input.service, desired.ports, addressType, input.controllerName);
    while (remaining > 0 && slice.endpoints!.length < max) { slice.endpoints!.push(take()!); remaining--; }
    if (slice.metadata.name) { toUpdate.add(slice.metadata.name); unchanged.delete(slice.metadata.name); }
    else create.push(slice);
  }
  return {
    create,
    update: [...toUpdate].map((name) => byName.get(name)!),
    delete: [...toDelete].map((name) => byName.get(name)!),
  };
}

/** `getSliceToFill`: the slice that `count` more endpoints bring closest to `max` without passing it. */
function sliceToFill(slices: Slice[], count: number, max: number): Slice | undefined {
  let closest = max;
  let found: Slice | undefined;
  for (const slice of slices) {
    const diff = max - (count + (slice.endpoints ?? []).length);
    if (diff >= 0 && diff < closest) {
      closest = diff;
      found = slice;
      if (diff === 0) break;
    }
  }
  return found;
}
