/**
 * How a write reaches every member of an Elasticsearch cluster in the simulation: the node that
 * takes the request (the coordinating node) applies it to its own store, which records each change
 * as an operation; the operations then go to the other members over the transport port, tagged
 * with the cluster state version they apply on top of. A member whose version differs has missed
 * writes (it was away) and is sent the whole store instead — ES's peer recovery, simplified: every
 * member keeps a copy of every index, so any member answers a search with all documents.
 */
import type { IndexMeta } from './elasticsearch-store.ts';
import { IndexStore } from './elasticsearch-store.ts';

/** One change to a store, as replicated to the other members. */
export type ReplicaOp =
  | { op: 'create'; index: string; meta: IndexMeta }
  | { op: 'put'; index: string; docs: { _id: string; _type?: string; _source: Record<string, unknown> }[] }
  | { op: 'delete'; index: string };

/** An IndexStore that records its changes so the coordinating node can send them to the other members. */
export class ReplicatedStore extends IndexStore {
  private pending: ReplicaOp[] = [];

  override create(index: string, settings: { shards: number; replicas: number }, now: number): boolean {
    if (!super.create(index, settings, now)) return false;
    this.pending.push({ op: 'create', index, meta: this.indices()[index] });
    return true;
  }

  override delete(index: string): boolean {
    if (!super.delete(index)) return false;
    this.pending.push({ op: 'delete', index });
    return true;
  }

  override put(index: string, docs: { _id?: string; _type?: string; _source: Record<string, unknown> }[]): ReturnType<IndexStore['put']> {
    const results = super.put(index, docs);
    // Replicas get the ids the primary chose, so every copy holds the same documents.
    this.pending.push({ op: 'put', index, docs: docs.map((d, i) => ({ _id: results[i]._id, ...(d._type ? { _type: d._type } : {}), _source: d._source })) });
    return results;
  }

  /** The changes since the last call. */
  take(): ReplicaOp[] {
    const ops = this.pending;
    this.pending = [];
    return ops;
  }

  /** Apply a coordinating node's changes as a replica (not recorded again). */
  applyReplica(ops: ReplicaOp[]): void {
    for (const op of ops) {
      if (op.op === 'create') this.adopt(op.index, op.meta);
      else if (op.op === 'delete') super.delete(op.index);
      else super.put(op.index, op.docs);
    }
  }
}
