/**
 * `_cluster/health` and the `_cat` APIs of a node: cluster health from the shard allocation
 * (elasticsearch-allocation.ts), `_cat/health`, `_cat/indices` and `_cat/nodes` (one row per
 * member, `*` on the elected master) in the text layout of the running version.
 */
import type { Allocation } from './elasticsearch-allocation.ts';
import type { EsAnswer, EsNode } from './elasticsearch-api.ts';
import { indexNotFound, resolveIndices } from './elasticsearch-api.ts';
import type { Member } from './elasticsearch-discovery.ts';
import type { CatColumn } from './elasticsearch-format.ts';
import { byteSize, catTable, JavaDouble } from './elasticsearch-format.ts';
import { stableHex } from './digest.ts';

/** What the health and `_cat` answers are computed from. */
export interface ClusterSnapshot {
  clusterName: string;
  version: string;
  members: Member[];
  master: Member;
  allocation: Allocation;
  /** The OSS build lacks X-Pack's roles (ml, transform, data tiers). */
  oss: boolean;
}

const percent = (a: Allocation): number => (a.total ? (a.active / a.total) * 100 : 100);

/** `GET _cluster/health`. */
export function clusterHealth(c: ClusterSnapshot): Record<string, unknown> {
  const a = c.allocation;
  const major = Number(c.version.split('.')[0]);
  return {
    cluster_name: c.clusterName, status: a.status, timed_out: false, number_of_nodes: c.members.length, number_of_data_nodes: c.members.length,
    active_primary_shards: a.activePrimaries, active_shards: a.active, relocating_shards: 0, initializing_shards: 0, unassigned_shards: a.unassigned,
    ...(major >= 8 && c.version >= '8.16' ? { unassigned_primary_shards: a.unassignedPrimaries } : {}),
    delayed_unassigned_shards: a.delayed, number_of_pending_tasks: 0, number_of_in_flight_fetch: 0, task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: new JavaDouble(percent(a)),
  };
}

/** `GET _cat/health`. */
export function catHealth(c: ClusterSnapshot, params: URLSearchParams, now: number): string {
  const a = c.allocation;
  const columns: CatColumn[] = ['epoch', 'timestamp', 'cluster', 'status', 'node.total', 'node.data', 'shards', 'pri', 'relo', 'init', 'unassign', 'pending_tasks', 'max_task_wait_time', 'active_shards_percent']
    .map((header, i) => ({ header, right: i >= 4 }));
  const n = String(c.members.length);
  const row = [String(Math.floor(now / 1000)), new Date(now).toISOString().slice(11, 19), c.clusterName, a.status, n, n, String(a.active), String(a.activePrimaries), '0', '0', String(a.unassigned), '0', '-', `${percent(a).toFixed(1)}%`];
  return catTable(columns, [row], params.has('v'), params.get('h'));
}

/** `GET _cat/indices[/PATTERN]`. */
export function catIndices(c: ClusterSnapshot, es: EsNode, params: URLSearchParams, pattern: string | undefined): string | EsAnswer {
  const resolved = resolveIndices(es, pattern);
  if ('missing' in resolved) return indexNotFound(resolved.missing);
  const headers = ['health', 'status', 'index', 'uuid', 'pri', 'rep', 'docs.count', 'docs.deleted', 'store.size', 'pri.store.size', ...(c.version >= '8.11' ? ['dataset.size'] : [])];
  const columns = headers.map((header, i) => ({ header, right: i >= 4 }));
  const indices = es.store.indices();
  const rows = resolved.names.map((name) => {
    const meta = indices[name];
    const primaryBytes = es.store.size(name) + 225 * meta.shards;
    const copies = Math.max(c.allocation.indices[name]?.active ?? meta.shards, meta.shards);
    const pri = byteSize(primaryBytes);
    return [c.allocation.indices[name]?.status ?? 'green', 'open', name, meta.uuid, String(meta.shards), String(meta.replicas), String(es.store.docs(name).length), '0', byteSize((primaryBytes * copies) / meta.shards), pri, pri].slice(0, headers.length);
  });
  return catTable(columns, rows, params.has('v'), params.get('h'));
}

/** Default roles by version: `mdi` in 6.x; data tiers (c h s w) from 7.9 and frozen (f) from 7.12 in the default build. */
function roles(version: string, oss: boolean): string {
  const major = Number(version.split('.')[0]);
  if (major < 7) return 'mdi';
  if (oss) return 'dimr';
  const minor = Number(version.split('.')[1]);
  return major === 7 && minor < 12 ? 'cdhilmrstw' : 'cdfhilmrstw';
}

/** `GET _cat/nodes`: the members, with steady made-up load figures (the simulation keeps no JVM). */
export function catNodes(c: ClusterSnapshot, params: URLSearchParams): string {
  const headers = ['ip', 'heap.percent', 'ram.percent', 'cpu', 'load_1m', 'load_5m', 'load_15m', 'node.role', 'master', 'name'];
  const columns = headers.map((header, i) => ({ header, right: i >= 1 && i <= 6 }));
  const rows = c.members.map((m) => {
    const h = parseInt(stableHex(`es-load/${m.name}`).slice(0, 8), 16);
    const load = (k: number): string => (((h >>> k) % 90) / 100 + 0.1).toFixed(2);
    return [m.ip, String(20 + (h % 45)), String(60 + ((h >>> 6) % 35)), String((h >>> 12) % 8), load(3), load(9), load(15), roles(c.version, c.oss), m.name === c.master.name ? '*' : '-', m.name];
  });
  return catTable(columns, rows, params.has('v'), params.get('h'));
}
