/**
 * Where each shard copy of each index lives, and what `_cluster/health` and `_cat` count from it.
 * A copy never shares a node with another copy of the same shard, so an index with N replicas
 * needs N+1 nodes: on one node every replica stays unassigned (yellow). Copies are placed round the
 * roster of nodes (index i, shard s, copy c on node (i+s+c) mod n). When a node leaves, its copies
 * become unassigned and *delayed* for `index.unassigned.node_left.delayed_timeout` (1 minute), in
 * case it comes back; after that they are placed on the nodes that are left. A shard with no
 * copy on a live node is red.
 *
 * Worked example: 3 nodes, one index with 1 shard and 1 replica. The primary is on node 0 and the
 * replica on node 1 — green, 2 active shards. Node 1's pod is deleted: 1 active shard, 1 unassigned
 * (delayed), yellow, until node 1 is back or a minute has passed (then the replica goes to node 2).
 */
import type { IndexMeta } from './elasticsearch-store.ts';

/** `index.unassigned.node_left.delayed_timeout`'s default. */
export const nodeLeftDelayMs = 60_000;

/** Health as `_cluster/health` counts it. */
export interface Allocation {
  status: 'green' | 'yellow' | 'red';
  activePrimaries: number;
  active: number;
  unassigned: number;
  /** Shards with no copy on a live node (red). */
  unassignedPrimaries: number;
  delayed: number;
  /** All copies, assigned or not (the base of active_shards_percent). */
  total: number;
  /** Each index's status and active copies, for `_cat/indices`. */
  indices: Record<string, { status: 'green' | 'yellow' | 'red'; active: number }>;
}

/**
 * Allocate every index over `roster` (node names, in placement order); `live` are the nodes up now.
 * Nodes in the roster that are not live left less than a minute ago: their copies are delayed.
 */
export function allocate(indices: Record<string, IndexMeta>, roster: string[], live: Set<string>): Allocation {
  const result: Allocation = { status: 'green', activePrimaries: 0, active: 0, unassigned: 0, unassignedPrimaries: 0, delayed: 0, total: 0, indices: {} };
  const rank = { green: 0, yellow: 1, red: 2 } as const;
  Object.keys(indices).sort().forEach((name, i) => {
    const meta = indices[name];
    let status: Allocation['status'] = 'green';
    let active = 0;
    for (let s = 0; s < meta.shards; s++) {
      let liveCopies = 0;
      for (let c = 0; c <= meta.replicas; c++) {
        result.total++;
        const node = c < roster.length ? roster[(i + s + c) % roster.length] : undefined;
        if (node !== undefined && live.has(node)) liveCopies++;
        else {
          result.unassigned++;
          if (node !== undefined) result.delayed++;
        }
      }
      active += liveCopies;
      // A replica on a live node is promoted when the primary's node is gone.
      if (liveCopies > 0) result.activePrimaries++;
      else result.unassignedPrimaries++;
      const shardStatus = liveCopies === 0 ? 'red' : liveCopies <= meta.replicas ? 'yellow' : 'green';
      if (rank[shardStatus] > rank[status]) status = shardStatus;
    }
    result.active += active;
    result.indices[name] = { status, active };
    if (rank[status] > rank[result.status]) result.status = status;
  });
  return result;
}

/**
 * The roster a node keeps: the live members, plus those that left less than `nodeLeftDelayMs`
 * ago. `departed` (name → when it was first missed) is the node's memory, updated here.
 */
export function roster(live: string[], departed: Map<string, number>, known: Set<string>, now: number): string[] {
  for (const name of live) {
    departed.delete(name);
    known.add(name);
  }
  for (const name of known) {
    if (live.includes(name)) continue;
    if (!departed.has(name)) departed.set(name, now);
    if (now - departed.get(name)! >= nodeLeftDelayMs) {
      departed.delete(name);
      known.delete(name);
    }
  }
  return [...known].sort();
}
