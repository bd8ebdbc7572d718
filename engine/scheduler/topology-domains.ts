/**
 * Topology domains as small integers, for counting distinct domains over hundreds of nodes per
 * pod. PodTopologySpread's PreScore weighs each constraint by log(domains among the candidate
 * nodes + 2); with the default hostname constraint that is ~420 distinct strings per pod, and a
 * Set per pod cost more than the scoring it feeds. Each value of a topology key gets an id once,
 * each NodeInfo remembers its ids in `domainIds` (a changed node is a new NodeInfo, and copies
 * for preemption keep the labels), and counting marks ids in a
 * stamp array: no allocation per pod.
 */
import type { NodeInfo } from './types.ts';

/** Topology keys by id, and each key's domain values by id. */
const keyIds = new Map<string, number>();
const domainIdsByKey: Map<string, number>[] = [];

/** stamps[domain id] === epoch marks a domain already counted in this pass. */
let stamps = new Int32Array(1024);
let epoch = 0;

/** The id of a topology key (the same key always gets the same id). */
export function topologyKeyId(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = keyIds.size;
    keyIds.set(key, id);
    domainIdsByKey.push(new Map());
  }
  return id;
}

/** The id of the node's domain for a key (from `topologyKeyId`), or −1 when the node lacks the label. */
export function domainId(node: NodeInfo, keyId: number, key: string): number {
  const ids = (node.domainIds ??= []);
  let id = ids[keyId];
  if (id === undefined) {
    const value = node.labels[key];
    if (value === undefined) id = -1;
    else {
      const domains = domainIdsByKey[keyId];
      id = domains.get(value) ?? domains.size;
      if (id === domains.size) domains.set(value, id);
    }
    ids[keyId] = id;
  }
  return id;
}

/** How many distinct values of `key` the nodes have (nodes without the label, or rejected by `eligible`, do not count). */
export function countDomains(nodes: readonly NodeInfo[], key: string, eligible?: (node: NodeInfo) => boolean): number {
  const keyId = topologyKeyId(key);
  if (++epoch === 0x7fffffff) {
    stamps.fill(0);
    epoch = 1;
  }
  let count = 0;
  for (let j = 0; j < nodes.length; j++) {
    const node = nodes[j];
    if (eligible && !eligible(node)) continue;
    const id = domainId(node, keyId, key);
    if (id < 0) continue;
    if (id >= stamps.length) {
      const grown = new Int32Array(Math.max(stamps.length * 2, id + 1));
      grown.set(stamps);
      stamps = grown;
    }
    if (stamps[id] !== epoch) {
      stamps[id] = epoch;
      count++;
    }
  }
  return count;
}
