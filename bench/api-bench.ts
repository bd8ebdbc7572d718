/**
 * API server benchmarks (issue #2): create, status, get, list (JSON and Table), update and watch
 * throughput with a ReplicaSet's worth of realistic pods, and heap bytes per stored pod.
 *
 * Requests go to `cluster.api.handle`, the API server alone, so the figures do not move when
 * controllers are added; the controllers that exist (the garbage collector's informers watch every
 * resource) still receive every watch event, and `cluster.settle()` runs between phases, untimed.
 */
import { Cluster } from '../engine/cluster.ts';
import type { ApiRequest, ApiResponse, KubeObject, WatchEvent } from '../engine/api/types.ts';
import { podJson, podSuffix, replicaSet, runningStatusJson } from './pod.ts';

/** How big and how long the benchmark runs. */
export interface ApiBenchOptions {
  /** Pods to store (the figures' names say 30k; smaller runs are for tests and quick looks). */
  pods: number;
  /** Watches open during the watch phase. */
  watches: number;
  /** Seconds each time-boxed throughput phase (get, update, watch) runs. */
  seconds: number;
  /** Progress lines (to stderr in the child process). */
  log?: (line: string) => void;
  /** `global.gc` when node runs with `--expose-gc`; without it no heap figures are measured. */
  gc?: () => void;
}

/** Every figure the API benchmark measures, by its JSON key. */
export type ApiBenchResult = Record<string, number>;

const podsPath = '/api/v1/namespaces/default/pods';
const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const mergePatch = { 'content-type': 'application/merge-patch+json' };
const owner = { name: 'web-7d4b9c8f5', hash: '7d4b9c8f5' };
const batchSize = 1000;

function expectStatus(response: ApiResponse, status: number, what: string): void {
  if (response.status !== status) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
}

function podName(index: number): string {
  return `${owner.name}-${podSuffix(index)}`;
}

/** A small deterministic generator of indexes (xorshift), so random access is the same every run. */
function indexes(count: number, seed = 0x9e3779b9): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % count;
  };
}

/**
 * Run `makeRequest(i)` against the API in batches until `options.seconds` have passed; requests are built
 * outside the timed part. Returns operations per second.
 */
function throughput(api: { handle(r: ApiRequest): ApiResponse }, options: ApiBenchOptions, makeRequest: (i: number) => ApiRequest, status: number, what: string): number {
  let done = 0;
  let spent = 0;
  while (spent < options.seconds * 1000) {
    const requests = Array.from({ length: Math.min(batchSize, options.pods) }, (_, i) => makeRequest(done + i));
    const start = performance.now();
    for (const request of requests) expectStatus(api.handle(request), status, what);
    spent += performance.now() - start;
    done += requests.length;
  }
  return done / (spent / 1000);
}

/** The best of `runs` timings of `work`, in ms: the run least disturbed by other load. */
function bestMs(runs: number, work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function heapUsed(gc: () => void): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** Run every API benchmark on one fresh cluster and return the figures. */
export function runApiBench(options: ApiBenchOptions): ApiBenchResult {
  const { pods, log = () => {}, gc } = options;
  const result: ApiBenchResult = {};
  // The API server alone: no controller reacts to the benchmark's writes (they would add their own).
  const cluster = new Cluster({ seed: 1, controllers: false, maxPods: Number.MAX_SAFE_INTEGER });
  const api = cluster.api;
  const rs = cluster.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/replicasets', body: replicaSet(owner.name, owner.hash, pods) });
  expectStatus(rs, 201, 'create ReplicaSet');
  const ref = { ...owner, uid: (rs.body as KubeObject).metadata.uid! };
  const heapBefore = gc ? heapUsed(gc) : 0;

  // Create: every pod through POST, as the ReplicaSet controller would; bodies parsed untimed.
  log(`creating ${pods} pods…`);
  let spent = 0;
  for (let first = 0; first < pods; first += batchSize) {
    const bodies = [];
    for (let i = first; i < Math.min(pods, first + batchSize); i++) bodies.push(JSON.parse(podJson(ref, i)) as unknown);
    const start = performance.now();
    for (const body of bodies) expectStatus(api.handle({ method: 'POST', path: podsPath, body }), 201, 'create pod');
    spent += performance.now() - start;
  }
  result.apiCreatePerSec = pods / (spent / 1000);
  cluster.settle();
  if (gc) result.bytesPerPodPending = (heapUsed(gc) - heapBefore) / pods;

  // Status: the kubelet's write, every pod to Running, so the heap then holds running pods.
  log('writing Running status…');
  const startedAt = '2026-01-01T00:00:05Z';
  spent = 0;
  for (let first = 0; first < pods; first += batchSize) {
    const requests: ApiRequest[] = [];
    for (let i = first; i < Math.min(pods, first + batchSize); i++) {
      requests.push({ method: 'PATCH', path: `${podsPath}/${podName(i)}/status`, headers: mergePatch, body: JSON.parse(runningStatusJson(i, startedAt)) });
    }
    const start = performance.now();
    for (const request of requests) expectStatus(api.handle(request), 200, 'patch pod status');
    spent += performance.now() - start;
  }
  result.apiStatusPerSec = pods / (spent / 1000);
  cluster.settle();
  if (gc) result.bytesPerPod = (heapUsed(gc) - heapBefore) / pods;

  log('get…');
  const nextGet = indexes(pods);
  result.apiGetPerSec = throughput(api, options, () => ({ method: 'GET', path: `${podsPath}/${podName(nextGet())}` }), 200, 'get pod');

  log('list…');
  let listBody: unknown;
  result.apiListMs30k = bestMs(3, () => {
    const response = api.handle({ method: 'GET', path: '/api/v1/pods' });
    expectStatus(response, 200, 'list pods');
    listBody = response.body;
  });
  const items = (listBody as { items: unknown[] }).items.length;
  if (items !== pods) throw new Error(`list returned ${items} pods, expected ${pods}`);
  let bytes = 0;
  result.apiListSerializeMs30k = bestMs(2, () => { bytes = JSON.stringify(listBody).length; });
  result.listBytesPerPod = bytes / pods;
  listBody = undefined;

  log('list as Table…');
  const tableHeaders = { accept: tableAccept };
  result.apiListTableMs30k = bestMs(3, () => expectStatus(api.handle({ method: 'GET', path: '/api/v1/pods', headers: tableHeaders }), 200, 'list pods as Table'));
  // kubectl get pods asks for chunks of 500: the first screen waits for the first chunk.
  result.apiListTablePage500Ms30k = bestMs(5, () =>
    expectStatus(api.handle({ method: 'GET', path: podsPath, headers: tableHeaders, query: { limit: '500' } }), 200, 'list first 500 pods as Table'));

  log('update (merge-patch of a label)…');
  const nextUpdate = indexes(pods, 12345);
  result.apiUpdatePerSec = throughput(api, options,
    (i) => ({ method: 'PATCH', path: `${podsPath}/${podName(nextUpdate())}`, headers: mergePatch, body: { metadata: { labels: { 'bench-round': `r${i}` } } } }),
    200, 'patch pod label');
  cluster.settle();

  log(`watch (${options.watches} watches)…`);
  result.apiWatchEventsPerSec = watchThroughput(cluster, options);
  cluster.settle();
  return result;
}

/** Events delivered per second to `options.watches` watches of all pods while labels are patched. */
function watchThroughput(cluster: Cluster, options: ApiBenchOptions): number {
  const api = cluster.api;
  const listed = api.handle({ method: 'GET', path: podsPath, query: { limit: '1' } });
  const resourceVersion = (listed.body as KubeObject).metadata.resourceVersion!;
  let events = 0;
  const count = (event: WatchEvent) => { if (event.type === 'MODIFIED') events++; };
  const streams = Array.from({ length: options.watches }, () => {
    const response = api.handle({ method: 'GET', path: '/api/v1/pods', query: { watch: 'true', resourceVersion, allowWatchBookmarks: 'true' } });
    expectStatus(response, 200, 'watch pods');
    response.watch!.start(count, () => {});
    return response.watch!;
  });
  const next = indexes(options.pods, 777);
  let spent = 0;
  let writes = 0;
  while (spent < options.seconds * 1000) {
    const requests = Array.from({ length: Math.min(batchSize, options.pods) }, (_, i): ApiRequest =>
      ({ method: 'PATCH', path: `${podsPath}/${podName(next())}`, headers: mergePatch, body: { metadata: { labels: { 'bench-watch': `w${writes + i}` } } } }));
    const start = performance.now();
    for (const request of requests) expectStatus(api.handle(request), 200, 'patch pod label');
    spent += performance.now() - start;
    writes += requests.length;
  }
  for (const stream of streams) stream.close();
  if (events !== writes * options.watches) throw new Error(`watches saw ${events} events for ${writes} writes × ${options.watches}`);
  return events / (spent / 1000);
}
