/**
 * `RepackSubsets` (pkg/api/v1/endpoints) and `truncateEndpoints`: the canonical layout of
 * Endpoints subsets. Every address is grouped with exactly the ports it serves (not-ready wins
 * over ready for the same address and port); addresses sort by IP then pod UID; ports and
 * subsets sort by the MD5 of their Go spew text, as the real controller's hash sort does.
 */
import { md5Hex } from '../endpointslice/go-hash.ts';
import { spewCorePort, spewSubset, type CoreAddress, type CorePort, type CoreSubset } from '../endpointslice/spew.ts';

/** A port that stands for "no ports" while repacking a headless Service without ports. */
const noPort: CorePort = { name: '', port: -1, protocol: '' };

function portId(port: CorePort): string {
  return JSON.stringify([port.name ?? '', port.port, port.protocol ?? '', port.appProtocol ?? null]);
}

function addressId(address: CoreAddress): string {
  return JSON.stringify([address.ip, address.targetRef?.uid ?? '']);
}

/** `LessEndpointAddress`: by IP bytes, then the target's UID (no target first). */
export function compareAddresses(a: CoreAddress, b: CoreAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (!b.targetRef) return a.targetRef ? 1 : 0;
  if (!a.targetRef) return -1;
  const ua = a.targetRef.uid ?? '', ub = b.targetRef.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function byHash<T>(items: T[], text: (item: T) => string): T[] {
  // One item needs no sorting (and a subset of thousands of addresses makes a long text to hash).
  if (items.length < 2) return items;
  return items.map((item) => ({ item, hash: md5Hex(text(item)) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0))
    .map((entry) => entry.item);
}

/** Expand subsets to (address, port, ready) and pack them again into the canonical form. */
export function repackSubsets(subsets: CoreSubset[]): CoreSubset[] {
  const addresses = new Map<string, CoreAddress>();
  const ports = new Map<string, { port: CorePort; ready: Map<string, boolean> }>();
  const add = (address: CoreAddress, port: CorePort, ready: boolean): void => {
    const id = addressId(address);
    if (!addresses.has(id)) addresses.set(id, address);
    let entry = ports.get(portId(port));
    if (!entry) ports.set(portId(port), (entry = { port, ready: new Map() }));
    const was = entry.ready.get(id);
    if (was === undefined || was) entry.ready.set(id, ready);
  };
  for (const subset of subsets) {
    const subsetPorts = subset.ports?.length ? subset.ports : [noPort];
    for (const port of subsetPorts) {
      for (const address of subset.addresses ?? []) add(address, port, true);
      for (const address of subset.notReadyAddresses ?? []) add(address, port, false);
    }
  }
  // Ports offered by exactly the same addresses (with the same readiness) share a subset.
  const groups = new Map<string, { ready: Map<string, boolean>; ports: CorePort[] }>();
  for (const { port, ready } of ports.values()) {
    const key = JSON.stringify([...ready].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ready, ports: [] }));
    group.ports.push(port);
  }
  const final: CoreSubset[] = [];
  for (const group of groups.values()) {
    const ready: CoreAddress[] = [], notReady: CoreAddress[] = [];
    for (const [id, isReady] of group.ready) (isReady ? ready : notReady).push(addresses.get(id)!);
    const subset: CoreSubset = {};
    // Go leaves a list nil when nothing was appended to it; spew (and so the sort) tells nil apart.
    if (ready.length) subset.addresses = ready.sort(compareAddresses);
    if (notReady.length) subset.notReadyAddresses = notReady.sort(compareAddresses);
    const isNoPort = group.ports.length === 1 && group.ports[0] === noPort;
    if (!isNoPort) subset.ports = byHash(group.ports, spewCorePort);
    final.push(subset);
  }
  return byHash(final, (subset) => spewSubset(subset));
}

/** One pod's address and whether it is ready, for `packSamePorts`. */
export interface Member {
  address: CoreAddress;
  ready: boolean;
}

/** Whether two ports are the same port to `repackSubsets` (same name, number, protocol and appProtocol). */
export function samePort(a: CorePort, b: CorePort): boolean {
  return (a.name ?? '') === (b.name ?? '') && a.port === b.port && (a.protocol ?? '') === (b.protocol ?? '') && (a.appProtocol ?? null) === (b.appProtocol ?? null);
}

/**
 * What `repackSubsets` makes when every address (each a different pod) serves the same distinct
 * `ports` (`[]`: a headless Service without ports): one subset, ready and not-ready addresses
 * sorted, ports in hash order. Without the per-address bookkeeping of the general case, because a
 * Service of 1,000 pods is packed again after every batch of pod changes.
 */
export function packSamePorts(members: Member[], ports: CorePort[]): CoreSubset[] {
  if (members.length === 0) return [];
  const ready: CoreAddress[] = [], notReady: CoreAddress[] = [];
  for (const member of members) (member.ready ? ready : notReady).push(member.address);
  const subset: CoreSubset = {};
  if (ready.length) subset.addresses = ready.sort(compareAddresses);
  if (notReady.length) subset.notReadyAddresses = notReady.sort(compareAddresses);
  if (ports.length) subset.ports = byHash(ports, spewCorePort);
  return [subset];
}

/** The most addresses an Endpoints object holds (`maxCapacity`). */
export const maxEndpointsCapacity = 1000;

/**
 * `truncateEndpoints`: over 1000 addresses, keep ready addresses first and share the room among
 * subsets in proportion to their size (rounded up, the last subset gets what is left).
 * Returns whether anything was cut.
 */
export function truncateSubsets(subsets: CoreSubset[]): boolean {
  let totalReady = 0, totalNotReady = 0;
  for (const subset of subsets) {
    totalReady += subset.addresses?.length ?? 0;
    totalNotReady += subset.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= maxEndpointsCapacity) return false;
  const truncateReady = totalReady > maxEndpointsCapacity;
  const max = truncateReady ? maxEndpointsCapacity : maxEndpointsCapacity - totalReady;
  const total = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const subset of subsets) {
    const inSubset = (truncateReady ? subset.addresses?.length : subset.notReadyAddresses?.length) ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / total) * max), canBeAdded);
    if (truncateReady) {
      subset.addresses = subset.addresses?.slice(0, toBeAdded);
      subset.notReadyAddresses = [];
      canBeAdded -= subset.addresses?.length ?? 0;
    } else {
      subset.notReadyAddresses = subset.notReadyAddresses?.slice(0, toBeAdded);
      canBeAdded -= subset.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}
