/**
 * Elasticsearch pods of one StatefulSet forming one cluster, over a small fake pod network: each
 * seed host name (`es-cluster-N.elasticsearch`) resolves to its pod while the pod exists, and the
 * request reaches that pod's server, as the headless Service's DNS and the pod network do.
 */
import { describe, expect, it } from 'vitest';
import type { PodNetwork } from '../../network/cluster-network.ts';
import type { InClusterResult } from '../../network/http.ts';
import type { EsConfig, EsServer } from './elasticsearch.ts';
import { elasticsearchServer, esStartupMs } from './elasticsearch.ts';
import { discoverySettings } from './elasticsearch-discovery.ts';

const t0 = Date.UTC(2026, 0, 1);
const ready = t0 + esStartupMs;
const names = ['es-cluster-0', 'es-cluster-1', 'es-cluster-2'];
/** The DigitalOcean tutorial's StatefulSet env, as the docker image reads it. */
const env = {
  'cluster.name': 'k8s-logs',
  'discovery.seed_hosts': 'es-cluster-0.elasticsearch,es-cluster-1.elasticsearch,es-cluster-2.elasticsearch',
  'cluster.initial_master_nodes': 'es-cluster-0,es-cluster-1,es-cluster-2',
};

interface Pod { ip: string; files: Map<string, string>; server: EsServer }

/** Pods by name, and a pod network for each that reaches the others by their per-pod DNS names. */
class FakeStatefulSet {
  readonly pods = new Map<string, Pod>();

  constructor(private readonly version: string, private readonly settings: Record<string, string>) {}

  start(name: string, startedAt = t0, files = new Map<string, string>()): void {
    const ip = `10.244.${names.indexOf(name) + 1}.5`;
    const config: EsConfig = {
      version: this.version, nodeName: name, clusterName: this.settings['cluster.name'] ?? 'docker-cluster', dataPath: '/usr/share/elasticsearch/data',
      oss: false, startedAt, discovery: discoverySettings(this.settings), network: this.network(ip),
    };
    this.pods.set(name, { ip, files, server: elasticsearchServer(config, files) });
  }

  /** The pod is deleted: its name stops resolving; its volume (files) is kept, as a PVC is. */
  delete(name: string): Map<string, string> {
    const files = this.pods.get(name)!.files;
    this.pods.delete(name);
    return files;
  }

  private network(from: string): PodNetwork {
    return {
      fetch: (request): InClusterResult => {
        const url = /^http:\/\/([^/:]+):(\d+)(\/.*)$/.exec(request.url)!;
        const pod = this.pods.get(url[1].replace(/\.elasticsearch$/, ''));
        if (!pod) return { error: 'could not resolve host', host: url[1], elapsedMs: 0 };
        const answer = pod.server.http({ port: Number(url[2]), path: url[3], client: from, userAgent: 'Java', method: request.method, headers: request.headers, body: request.body }, now);
        if (!answer) return { error: 'connection refused', host: url[1], address: pod.ip, port: Number(url[2]), elapsedMs: 1 };
        return { status: answer.status, statusText: '', headers: {}, body: answer.body, address: pod.ip, port: Number(url[2]), elapsedMs: 1 };
      },
      dns: () => undefined,
      resolvConf: () => ({ nameservers: ['10.96.0.10'], searches: [], options: [] }),
    };
  }

  /** A REST call to one pod on 9200 (what `kubectl exec es-cluster-N -- curl localhost:9200…` sends). */
  call(name: string, method: string, path: string, body?: string): { status: number; body: string } {
    const answer = this.pods.get(name)!.server.http({ port: 9200, path, client: '127.0.0.1', userAgent: 'curl/8.11.1', method, body, headers: body ? { 'Content-Type': 'application/json' } : {} }, now)!;
    return { status: answer.status, body: answer.body };
  }
}

let now = ready;

function threeNodes(version = '7.17.26'): FakeStatefulSet {
  now = ready;
  const set = new FakeStatefulSet(version, env);
  for (const name of names) set.start(name);
  return set;
}

/** Three indices of one shard and one replica each: every node holds a copy of something. */
function withIndices(set: FakeStatefulSet): FakeStatefulSet {
  for (const index of ['logs-a', 'logs-b', 'logs-c']) set.call('es-cluster-0', 'PUT', `/${index}`);
  return set;
}

const health = (set: FakeStatefulSet, name: string): Record<string, unknown> => JSON.parse(set.call(name, 'GET', '/_cluster/health').body) as Record<string, unknown>;

describe('Elasticsearch pods of one StatefulSet', () => {
  it('form one cluster: three nodes, replicas assigned, green', () => {
    const set = withIndices(threeNodes());
    expect(set.call('es-cluster-2', 'GET', '/_cluster/health').body).toBe('{"cluster_name":"k8s-logs","status":"green","timed_out":false,"number_of_nodes":3,"number_of_data_nodes":3,"active_primary_shards":3,"active_shards":6,"relocating_shards":0,"initializing_shards":0,"unassigned_shards":0,"delayed_unassigned_shards":0,"number_of_pending_tasks":0,"number_of_in_flight_fetch":0,"task_max_waiting_in_queue_millis":0,"active_shards_percent_as_number":100.0}');
  });

  it('list every member in _cat/nodes, the master starred', () => {
    const set = threeNodes();
    // The same table from any member; cells past the ip are steady per node.
    const table = set.call('es-cluster-1', 'GET', '/_cat/nodes?v').body;
    expect(table).toBe(set.call('es-cluster-0', 'GET', '/_cat/nodes?v').body);
    const rows = table.trimEnd().split('\n').map((line) => line.split(/\s+/));
    expect(rows[0]).toEqual(['ip', 'heap.percent', 'ram.percent', 'cpu', 'load_1m', 'load_5m', 'load_15m', 'node.role', 'master', 'name']);
    expect(rows.slice(1).map((r) => [r[0], r[7], r[8], r[9]])).toEqual([
      ['10.244.1.5', 'cdfhilmrstw', '*', 'es-cluster-0'],
      ['10.244.2.5', 'cdfhilmrstw', '-', 'es-cluster-1'],
      ['10.244.3.5', 'cdfhilmrstw', '-', 'es-cluster-2'],
    ]);
    expect(rows.slice(1).every((r) => /^\d+$/.test(r[1]) && /^\d+\.\d\d$/.test(r[4]))).toBe(true);
    expect(set.call('es-cluster-2', 'GET', '/_cat/nodes?h=name,master').body).toBe('es-cluster-0 *\nes-cluster-1 -\nes-cluster-2 -\n');
  });

  it.each([['7.10.2', 'cdhilmrstw'], ['8.17.0', 'cdfhilmrstw']])('give %s nodes the roles of that release', (version, roles) => {
    expect(threeNodes(version).call('es-cluster-0', 'GET', '/_cat/nodes?h=node.role').body).toBe(`${roles}\n${roles}\n${roles}\n`);
  });

  it('find a document indexed on one member from any other', () => {
    const set = threeNodes();
    expect(set.call('es-cluster-0', 'PUT', '/app/_doc/1', '{"msg":"hello from 0"}').status).toBe(201);
    set.call('es-cluster-1', 'POST', '/app/_doc', '{"msg":"hello from 1"}');
    for (const name of names) {
      expect(JSON.parse(set.call(name, 'GET', '/app/_count').body)).toMatchObject({ count: 2 });
      expect(JSON.parse(set.call(name, 'GET', '/app/_doc/1').body)).toMatchObject({ found: true, _source: { msg: 'hello from 0' } });
    }
    expect(set.call('es-cluster-2', 'GET', '/_cat/indices?h=health,index,rep,docs.count').body).toBe('green app 1 2\n');
  });

  it('drop a deleted member: two nodes, yellow with delayed replicas, green again when it is back', () => {
    const set = withIndices(threeNodes());
    const volume = set.delete('es-cluster-1');
    now += 5_000;
    expect(health(set, 'es-cluster-0')).toMatchObject({ status: 'yellow', number_of_nodes: 2, number_of_data_nodes: 2, active_primary_shards: 3, active_shards: 4, unassigned_shards: 2, delayed_unassigned_shards: 2 });
    expect(set.call('es-cluster-2', 'GET', '/_cluster/health').body).toContain('"active_shards_percent_as_number":66.66666666666666}');
    // Written while it is away: the member catches up when it is back (peer recovery).
    set.call('es-cluster-2', 'PUT', '/logs-a/_doc/late', '{"msg":"while away"}');
    set.start('es-cluster-1', now, volume);
    now += esStartupMs;
    expect(health(set, 'es-cluster-1')).toMatchObject({ status: 'green', number_of_nodes: 3, unassigned_shards: 0 });
    expect(JSON.parse(set.call('es-cluster-1', 'GET', '/logs-a/_doc/late').body)).toMatchObject({ found: true });
    // The master that stayed up stays master.
    expect(set.call('es-cluster-1', 'GET', '/_cat/nodes?h=name,master').body).toBe('es-cluster-0 *\nes-cluster-1 -\nes-cluster-2 -\n');
  });

  it('bring a returning member up to date when a write reaches it first', () => {
    const set = threeNodes();
    const volume = set.delete('es-cluster-2');
    set.call('es-cluster-0', 'PUT', '/app/_doc/1', '{"msg":"missed"}');
    set.start('es-cluster-2', now, volume);
    now += esStartupMs;
    // es-cluster-0 replicates the next write; es-cluster-2's state is older, so it is sent the whole store.
    set.call('es-cluster-0', 'PUT', '/app/_doc/2', '{"msg":"seen"}');
    expect(volume.get('/usr/share/elasticsearch/data/nodes/0/_state/cluster.json')).toBe('{"version":2,"formed":true}');
    const ids = (JSON.parse(set.call('es-cluster-2', 'GET', '/app/_search?sort=msg').body) as { hits: { hits: { _id: string }[] } }).hits.hits.map((h) => h._id);
    expect(ids).toEqual(['1', '2']);
  });

  it('elect a new master when the master’s pod is deleted, yellow meanwhile', () => {
    const set = withIndices(threeNodes());
    set.call('es-cluster-1', 'GET', '/_cluster/health');
    set.delete('es-cluster-0');
    now += 5_000;
    expect(health(set, 'es-cluster-2')).toMatchObject({ status: 'yellow', number_of_nodes: 2, delayed_unassigned_shards: 2 });
    expect(set.call('es-cluster-2', 'GET', '/_cat/nodes?h=name,master').body).toBe('es-cluster-1 *\nes-cluster-2 -\n');
  });

  it('reallocate the replicas of a member gone for more than a minute', () => {
    const set = withIndices(threeNodes());
    set.delete('es-cluster-1');
    now += 5_000;
    expect(health(set, 'es-cluster-0')).toMatchObject({ status: 'yellow', number_of_nodes: 2 });
    now += 60_000;
    expect(health(set, 'es-cluster-0')).toMatchObject({ status: 'green', number_of_nodes: 2, active_shards: 6, unassigned_shards: 0, delayed_unassigned_shards: 0 });
  });

  it('elect no master without a majority of the initial master nodes', () => {
    now = ready;
    const alone = new FakeStatefulSet('7.17.26', env);
    alone.start('es-cluster-0');
    expect(alone.call('es-cluster-0', 'GET', '/_cluster/health')).toEqual({ status: 503, body: '{"error":{"root_cause":[{"type":"master_not_discovered_exception","reason":null}],"type":"master_not_discovered_exception","reason":null},"status":503}' });
    expect(alone.call('es-cluster-0', 'GET', '/_search').body).toBe('{"error":{"root_cause":[{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];"}],"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];"},"status":503}');
    alone.start('es-cluster-1');
    expect(health(alone, 'es-cluster-0')).toMatchObject({ number_of_nodes: 2, status: 'green' });
    // A typo in cluster.initial_master_nodes: the names never match, so it never bootstraps.
    const typo = new FakeStatefulSet('7.17.26', { ...env, 'cluster.initial_master_nodes': 'es-cluster0,es-cluster1,es-cluster2' });
    for (const name of names) typo.start(name);
    expect(typo.call('es-cluster-0', 'GET', '/_cat/health').status).toBe(503);
  });

  it('keep a single-node Elasticsearch to itself', () => {
    now = ready;
    const single = new FakeStatefulSet('7.17.26', { ...env, 'discovery.type': 'single-node' });
    for (const name of names) single.start(name);
    single.call('es-cluster-0', 'PUT', '/app/_doc/1', '{"msg":"only here"}');
    expect(health(single, 'es-cluster-0')).toMatchObject({ status: 'yellow', number_of_nodes: 1, unassigned_shards: 1 });
    expect(JSON.parse(single.call('es-cluster-1', 'GET', '/_count').body)).toMatchObject({ count: 0 });
  });

  it('refuse plain HTTP on the transport port', () => {
    const set = threeNodes();
    expect(set.pods.get('es-cluster-0')!.server.http({ port: 9300, path: '/', client: '10.244.2.5', userAgent: 'curl/8.11.1' }, now)).toEqual({ status: 400, body: 'This is not an HTTP port' });
  });
});
