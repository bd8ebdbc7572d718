/**
 * Elasticsearch's indices kept as files under its data path, so they live on the container's
 * volume (a PVC from volumeClaimTemplates) and survive restarts: one JSON-lines file of documents
 * per index and one state file listing the indices with their settings. Only `files.get` and
 * `files.set` are used; parsed documents are cached while the file text is unchanged.
 */
import { stableHex } from './digest.ts';

/** An index's settings and identity, as `_cat/indices` shows them. */
export interface IndexMeta {
  uuid: string;
  shards: number;
  replicas: number;
  createdAt: number;
}

/** A stored document. */
export interface StoredDoc {
  _id: string;
  _source: Record<string, unknown>;
  _seq_no: number;
  /** The mapping type of ES 6 (`fluentd` from fluent-plugin-elasticsearch); absent means `_doc`. */
  _type?: string;
}

/** What a member of a cluster has applied: the state version and whether a cluster was ever bootstrapped. */
export interface ClusterStateMeta {
  version: number;
  formed: boolean;
}

/** A whole store as one member sends it to another (peer recovery). */
export interface StoreDump {
  state: ClusterStateMeta;
  indices: Record<string, IndexMeta>;
  /** Each index's documents file, as written. */
  docs: Record<string, string>;
}

/** The map of a container's files (ShellContext.files): only get and set are relied on. */
export interface FileMap {
  get(path: string): string | undefined;
  set(path: string, text: string): unknown;
}

const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A stable base64url identifier of `length` characters (ES auto IDs are 20, index UUIDs 22). */
export function stableId(seed: string, length: number): string {
  const hex = stableHex(seed) + stableHex(`${seed}/2`);
  let out = '';
  for (let i = 0; out.length < length; i += 2) out += base64url[parseInt(hex.slice(i, i + 2), 16) % 64];
  return out;
}

/** The indices of one node, on its data path. */
export class IndexStore {
  private readonly cache = new Map<string, { raw: string; docs: StoredDoc[] }>();

  constructor(private readonly files: FileMap, private readonly dataPath: string, private readonly nodeName: string) {}

  private get statePath(): string {
    return `${this.dataPath}/nodes/0/_state/indices.json`;
  }

  private docsPath(index: string): string {
    return `${this.dataPath}/nodes/0/indices/${this.indices()[index]?.uuid ?? index}/docs.ndjson`;
  }

  private get clusterPath(): string {
    return `${this.dataPath}/nodes/0/_state/cluster.json`;
  }

  /** The cluster state this node has applied (version 0, never formed, on a new volume). */
  clusterState(): ClusterStateMeta {
    const raw = this.files.get(this.clusterPath);
    return raw ? (JSON.parse(raw) as ClusterStateMeta) : { version: 0, formed: false };
  }

  /** Record the cluster state version applied. */
  setClusterState(state: ClusterStateMeta): void {
    this.files.set(this.clusterPath, JSON.stringify(state));
  }

  /** Everything this node holds, for a member that is behind. */
  dump(): StoreDump {
    const indices = this.indices();
    const docs = Object.fromEntries(Object.keys(indices).map((name) => [name, this.files.get(this.docsPath(name)) ?? '']));
    return { state: this.clusterState(), indices, docs };
  }

  /** Replace this node's indices with a member's (peer recovery after it was away). */
  restore(dump: StoreDump): void {
    for (const name of Object.keys(this.indices())) this.files.set(this.docsPath(name), '');
    this.files.set(this.statePath, JSON.stringify(dump.indices));
    for (const [name, raw] of Object.entries(dump.docs)) this.files.set(this.docsPath(name), raw);
    this.cache.clear();
    this.setClusterState(dump.state);
  }

  /** Create an index with the identity the coordinating node gave it; false when it exists already. */
  adopt(index: string, meta: IndexMeta): boolean {
    const all = this.indices();
    if (all[index]) return false;
    all[index] = meta;
    this.files.set(this.statePath, JSON.stringify(all));
    return true;
  }

  /** Every index by name. */
  indices(): Record<string, IndexMeta> {
    const raw = this.files.get(this.statePath);
    return raw ? (JSON.parse(raw) as Record<string, IndexMeta>) : {};
  }

  /** Create an index; false when it exists already. */
  create(index: string, settings: { shards: number; replicas: number }, now: number): boolean {
    const all = this.indices();
    if (all[index]) return false;
    all[index] = { uuid: stableId(`${this.nodeName}/${index}/${now}`, 22), ...settings, createdAt: now };
    this.files.set(this.statePath, JSON.stringify(all));
    return true;
  }

  /** Delete an index and its documents; false when there is none. */
  delete(index: string): boolean {
    const all = this.indices();
    if (!all[index]) return false;
    this.files.set(this.docsPath(index), '');
    delete all[index];
    this.files.set(this.statePath, JSON.stringify(all));
    this.cache.delete(index);
    return true;
  }

  /** The documents of an index, oldest first. */
  docs(index: string): StoredDoc[] {
    const raw = this.files.get(this.docsPath(index)) ?? '';
    const cached = this.cache.get(index);
    if (cached && cached.raw === raw) return cached.docs;
    const docs = raw.split('\n').filter(Boolean).map((line) => JSON.parse(line) as StoredDoc);
    this.cache.set(index, { raw, docs });
    return docs;
  }

  /** Bytes the index takes on disk (what `store.size` reports, roughly). */
  size(index: string): number {
    return new TextEncoder().encode(this.files.get(this.docsPath(index)) ?? '').length;
  }

  /** Add or replace documents (`_id` given) in one write; returns their sequence numbers and whether each was new. */
  put(index: string, docs: { _id?: string; _type?: string; _source: Record<string, unknown> }[]): { _id: string; _seq_no: number; created: boolean; version: number }[] {
    const current = this.docs(index);
    const byId = new Map(current.map((d, i) => [d._id, i]));
    let seq = current.reduce((max, d) => Math.max(max, d._seq_no), -1);
    const next = [...current];
    const results = docs.map((doc) => {
      seq += 1;
      const id = doc._id ?? stableId(`${this.nodeName}/${index}/${seq}`, 20);
      const stored: StoredDoc = { _id: id, _source: doc._source, _seq_no: seq, ...(doc._type && doc._type !== '_doc' ? { _type: doc._type } : {}) };
      const existing = byId.get(id);
      if (existing !== undefined) {
        next[existing] = stored;
        return { _id: id, _seq_no: seq, created: false, version: 2 };
      }
      byId.set(id, next.length);
      next.push(stored);
      return { _id: id, _seq_no: seq, created: true, version: 1 };
    });
    // Only new documents: append (the cost follows the batch, not the index).
    const appended = results.every((r) => r.created);
    const raw = appended
      ? (this.files.get(this.docsPath(index)) ?? '') + next.slice(current.length).map((d) => JSON.stringify(d) + '\n').join('')
      : next.map((d) => JSON.stringify(d) + '\n').join('');
    this.files.set(this.docsPath(index), raw);
    this.cache.set(index, { raw, docs: next });
    return results;
  }
}
