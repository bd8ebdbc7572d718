/**
 * The Elasticsearch image: a node that takes ~20 s to start (connections to 9200 are refused
 * until it logs `started`), keeps its indices as files under its data path (see
 * elasticsearch-store.ts) and answers the REST API over simulated HTTP: `/`, `_cluster/health`,
 * `_cat/health`, `_cat/indices`, `_cat/nodes`, `_bulk`, `_doc`, `_search`, `_count`. With
 * `discovery.seed_hosts` it forms a cluster with the nodes it reaches on 9300
 * (elasticsearch-membership.ts); alone it cannot hold the replica of its own shards, so an index
 * with replicas leaves it yellow, as real ES says.
 */
import type { HttpAnswer, HttpRequest } from './behaviours.ts';
import type { EsAnswer, EsNode } from './elasticsearch-api.ts';
import { bulk, count, ensureIndex, getDoc, indexDoc, indexNotFound, invalidIndexName, resolveIndices, search, searchRequest } from './elasticsearch-api.ts';
import type { ClusterSnapshot } from './elasticsearch-cat.ts';
import { catHealth, catIndices, catNodes, clusterHealth } from './elasticsearch-cat.ts';
import type { DiscoverySettings } from './elasticsearch-discovery.ts';
import { esError, esJson } from './elasticsearch-format.ts';
import { stableHex } from './digest.ts';
import { ClusterMembership } from './elasticsearch-membership.ts';
import { parseQuery, parseQueryString } from './elasticsearch-query.ts';
import type { FileMap } from './elasticsearch-store.ts';
import { stableId } from './elasticsearch-store.ts';
import { ReplicatedStore } from './elasticsearch-replication.ts';
import type { PodNetwork } from '../../network/cluster-network.ts';
import type { ProcessRun } from './shell.ts';

/** How long a node takes from JVM start to `started` (real nodes take 15–40 s). */
export const esStartupMs = 20_000;

/** What `/` reports for a version: Lucene and compatibility versions of that release. */
interface Release {
  lucene: string;
  wire: string;
  index: string;
  date: string;
}

const releases: Record<string, Release> = {
  '6.2.5': { lucene: '7.2.1', wire: '5.6.0', index: '5.0.0', date: '2018-06-12T10:11:37.086Z' },
  '6.5.1': { lucene: '7.5.0', wire: '5.6.0', index: '5.0.0', date: '2018-11-16T02:22:42.182257Z' },
  '7.10.2': { lucene: '8.7.0', wire: '6.8.0', index: '6.0.0-beta1', date: '2021-01-13T00:42:12.435326Z' },
  '7.17.26': { lucene: '8.11.3', wire: '6.8.0', index: '6.0.0-beta1', date: '2024-12-04T10:12:35.939526416Z' },
  '8.15.0': { lucene: '9.11.1', wire: '7.17.0', index: '7.0.0', date: '2024-08-05T10:05:34.233336849Z' },
  '8.17.0': { lucene: '9.12.0', wire: '7.17.0', index: '7.0.0', date: '2024-12-11T12:08:05.663969764Z' },
};

/** How the node is configured: from the image (data path, cluster name) and the pod (hostname, env). */
export interface EsConfig {
  version: string;
  nodeName: string;
  clusterName: string;
  dataPath: string;
  /** The k8s.gcr.io addon image is the OSS tarball build; Elastic's images are the default docker build. */
  oss: boolean;
  startedAt: number;
  /** How it finds other nodes; absent or single-node: a cluster of one. */
  discovery?: DiscoverySettings;
  /** The pod network the transport port reaches the other members through. */
  network?: PodNetwork;
  /** The pod's IP, for `_cat/nodes` (else learnt from the other members). */
  ip?: string;
}

/** The node's pieces the kubelet runs: ports, HTTP, the log-writing process, SIGTERM. */
export interface EsServer {
  ports: number[];
  http(request: HttpRequest, now: number): HttpAnswer | undefined;
  run: ProcessRun;
  term: { afterMs: number; exitCode: number };
}

/** ES's log line format of each major: 6 plain, 7 JSON, 8 ECS JSON. */
function logLine(config: EsConfig, major: number, now: number, logger: string, message: string): string {
  const iso = new Date(now).toISOString();
  if (major >= 8) {
    return JSON.stringify({ '@timestamp': iso, 'log.level': 'INFO', message, 'ecs.version': '1.2.0', 'service.name': 'ES_ECS', 'event.dataset': 'elasticsearch.server', 'process.thread.name': 'main', 'log.logger': `org.elasticsearch.${logger}`, 'elasticsearch.node.name': config.nodeName, 'elasticsearch.cluster.name': config.clusterName });
  }
  const short = logger.split('.').map((p, i, all) => (i < all.length - 1 ? p[0] : p)).join('.');
  const stamp = iso.replace('.', ',');
  if (major === 7) return `{"type": "server", "timestamp": "${stamp}", "level": "INFO", "component": "o.e.${short}", "cluster.name": "${config.clusterName}", "node.name": "${config.nodeName}", "message": "${message}" }`;
  return `[${stamp.replace(/Z$/, '')}][INFO ][${`o.e.${short}`.padEnd(25)}] [${config.nodeName}] ${message}`;
}

/** Start a node. `files` is the container's file map; the data path may be a mounted volume. */
export function elasticsearchServer(config: EsConfig, files: FileMap): EsServer {
  const major = Number(config.version.split('.')[0]) || 8;
  const store = new ReplicatedStore(files, config.dataPath, config.nodeName);
  const membership = new ClusterMembership(config, store, major);
  const readyAt = config.startedAt + esStartupMs;
  const clusterUuid = stableId(`${config.clusterName}/${config.dataPath}`, 22);
  const release = releases[config.version] ?? releases['8.17.0'];
  const banner = {
    name: config.nodeName, cluster_name: config.clusterName, cluster_uuid: clusterUuid,
    version: {
      number: config.version, build_flavor: config.oss ? 'oss' : 'default', build_type: config.oss ? 'tar' : 'docker',
      build_hash: stableHex(`es-${config.version}`).slice(0, 40), build_date: release.date, build_snapshot: false,
      lucene_version: release.lucene, minimum_wire_compatibility_version: release.wire, minimum_index_compatibility_version: release.index,
    },
    tagline: 'You Know, for Search',
  };
  if (major < 7) delete (banner.version as Partial<typeof banner.version>).build_type;

  function* run(): ProcessRun {
    const at = (ms: number, logger: string, message: string): { kind: 'output'; text: string; stream: 'stdout' } => ({ kind: 'output', text: logLine(config, major, ms, logger, message) + '\n', stream: 'stdout' });
    yield at(config.startedAt, 'node.Node', `version[${config.version}], pid[1], build[${banner.version.build_flavor}/${banner.version.build_type ?? 'tar'}/${banner.version.build_hash}/${release.date}], OS[Linux/6.8.0-52-generic/amd64], JVM[Eclipse Adoptium/OpenJDK 64-Bit Server VM/21.0.5/21.0.5+11-LTS]`);
    yield at(config.startedAt, 'node.Node', 'initializing ...');
    yield { kind: 'sleep', ms: esStartupMs };
    yield at(readyAt, 'http.AbstractHttpServerTransport', 'publish_address {0.0.0.0:9200}, bound_addresses {[::]:9200}');
    yield at(readyAt, 'node.Node', 'started');
    for (;;) yield { kind: 'sleep', ms: Number.MAX_SAFE_INTEGER / 2 };
  }

  const node = (now: number): EsNode => ({ store, major, now, log: [] });

  const route = (method: string, path: string, params: URLSearchParams, body: string, now: number, es: EsNode, cluster: ClusterSnapshot): EsAnswer | string => {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [first, second, third] = parts;
    if (first === '_cluster' && second === 'health') return { status: 200, body: clusterHealth(cluster) };
    if (first === '_cat' && second === 'health') return catHealth(cluster, params, now);
    if (first === '_cat' && second === 'indices') return catIndices(cluster, es, params, third);
    if (first === '_cat' && second === 'nodes') return catNodes(cluster, params);
    if (first === '_bulk') return method === 'POST' || method === 'PUT' ? bulk(es, body) : methodNotAllowed(path, method, 'POST, PUT');
    if (first === '_search' || second === '_search' || first === '_count' || second === '_count') {
      const resolved = resolveIndices(es, first.startsWith('_') ? undefined : first);
      if ('missing' in resolved) return indexNotFound(resolved.missing);
      const request = searchRequest(params, body);
      if ('status' in request) return request;
      if (first === '_count' || second === '_count') {
        const q = params.get('q');
        return count(es, resolved.names, q !== null ? parseQueryString(q) : body.trim() ? parseQuery((JSON.parse(body) as { query?: unknown }).query) : request.query);
      }
      return search(es, resolved.names, request);
    }
    if (first.startsWith('_')) return esError(400, 'invalid_index_name_exception', `Invalid index name [${first}], must not start with '_', '-', or '+'`, { index_uuid: '_na_', index: first });
    if (second === '_bulk') return bulk(es, body, first);
    const invalid = invalidIndexName(first);
    if (invalid) return esError(400, 'invalid_index_name_exception', `Invalid index name [${first}], ${invalid}`, { index_uuid: '_na_', index: first });
    if (second === undefined) {
      if (method === 'PUT') {
        const settings = body.trim() ? (JSON.parse(body) as { settings?: { number_of_shards?: number; number_of_replicas?: number; index?: { number_of_shards?: number; number_of_replicas?: number } } }).settings : undefined;
        const shards = Number(settings?.number_of_shards ?? settings?.index?.number_of_shards ?? (major >= 7 ? 1 : 5));
        const replicas = Number(settings?.number_of_replicas ?? settings?.index?.number_of_replicas ?? 1);
        if (!ensureIndex(es, first, 'api', { shards, replicas })) {
          const uuid = store.indices()[first].uuid;
          return esError(400, 'resource_already_exists_exception', `index [${first}/${uuid}] already exists`, { index_uuid: uuid, index: first });
        }
        return { status: 200, body: { acknowledged: true, shards_acknowledged: true, index: first } };
      }
      if (method === 'DELETE') {
        if (!store.delete(first)) return indexNotFound(first);
        return { status: 200, body: { acknowledged: true } };
      }
      const meta = store.indices()[first];
      if (!meta) return indexNotFound(first);
      return { status: 200, body: { [first]: { aliases: {}, mappings: {}, settings: { index: { creation_date: String(meta.createdAt), number_of_shards: String(meta.shards), number_of_replicas: String(meta.replicas), uuid: meta.uuid, provided_name: first } } } } };
    }
    // `/index/_doc[/id]`; ES 6 also takes `/index/TYPE[/id]`.
    const type = second === '_doc' || major < 7 ? second : undefined;
    if (type) {
      if (method === 'GET' && third) return getDoc(es, first, type, third);
      if (method === 'PUT' && !third) return methodNotAllowed(path, method, 'POST');
      if (method === 'POST' || method === 'PUT') return indexDoc(es, first, type, third, body);
    }
    return methodNotAllowed(path, method, 'POST');
  };

  return {
    ports: [9200, 9300],
    term: { afterMs: 1_500, exitCode: 143 },
    run: run(),
    http: (request, now) => {
      if (now < readyAt || (request.port !== 9200 && request.port !== 9300)) return undefined;
      if (request.port === 9300) return membership.answer(request, now) ?? { status: 400, body: 'This is not an HTTP port' };
      const method = (request.method ?? 'GET').toUpperCase();
      const [path, query = ''] = request.path.split(/\?(.*)/s);
      const params = new URLSearchParams(query);
      const body = request.body ?? '';
      const type = Object.entries(request.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      const es = node(now);
      const first = path.split('/').filter(Boolean)[0];
      let answer: EsAnswer | string;
      // ES 6+ reads bodies only as JSON-family types; curl -d's form type is refused.
      if (body && type && !/^application\/(json|x-ndjson|smile|yaml|cbor)\b/.test(type)) answer = { status: 406, body: { error: `Content-Type header [${type}] is not supported`, status: 406 } };
      else if (first === undefined) answer = method === 'GET' || method === 'HEAD' ? { status: 200, body: banner } : methodNotAllowed(path, method, 'GET, HEAD');
      else {
        // `/` answers without a cluster; everything else needs an elected master.
        const cluster = membership.snapshot(now);
        if ('noMaster' in cluster) {
          const refused = noMaster(first, cluster.formed);
          return { status: refused.status, body: esJson(refused.body, params.has('pretty')), elapsedMs: first === '_cluster' || first === '_cat' ? masterTimeoutMs : undefined };
        }
        try {
          answer = route(method, path, params, body, now, es, cluster);
        } catch {
          answer = esError(400, 'parsing_exception', 'Unexpected character in request body', { line: 1, col: 1 });
        }
        membership.replicate(cluster);
      }
      const log = es.log.map((line) => logLine(config, major, now, major >= 8 ? 'cluster.metadata.MetadataCreateIndexService' : 'cluster.metadata.MetaDataCreateIndexService', line)).join('\n') || undefined;
      if (typeof answer === 'string') return { status: 200, body: method === 'HEAD' ? '' : answer, log };
      // The banner is pretty-printed even without ?pretty; everything else is compact unless asked.
      const pretty = params.has('pretty') || (path === '/' || path === '');
      return { status: answer.status, body: method === 'HEAD' ? '' : esJson(answer.body, pretty), log };
    },
  };
}

/** How long `_cluster/health` and `_cat` wait for a master before giving up (`master_timeout`). */
const masterTimeoutMs = 30_000;

/**
 * A request with no elected master: `_cluster` and `_cat` wait for one and give up; the document
 * APIs hit the cluster block (never formed: state not recovered; formed once: no master).
 */
function noMaster(first: string, formed: boolean): EsAnswer {
  if (first === '_cluster' || first === '_cat') return { status: 503, body: { error: { root_cause: [{ type: 'master_not_discovered_exception', reason: null }], type: 'master_not_discovered_exception', reason: null }, status: 503 } };
  const reason = formed ? 'blocked by: [SERVICE_UNAVAILABLE/2/no master];' : 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];';
  return esError(503, 'cluster_block_exception', reason);
}

/** ES 7+'s answer to a method a path does not take. */
function methodNotAllowed(path: string, method: string, allowed: string): EsAnswer {
  return { status: 405, body: { error: `Incorrect HTTP method for uri [${path}] and method [${method}], allowed: [${allowed}]`, status: 405 } };
}
