/**
 * `metrics.k8s.io/v1beta1` as metrics-server v0.7 serves it behind the aggregator: NodeMetrics
 * and PodMetrics, get and list (label and field selectors), Tables for `kubectl get`. Values are
 * those of the last scrape: metrics-server scrapes every kubelet each `metric-resolution` (15 s)
 * and reports the CPU rate between its last two points, so a value holds for 15 s, and a new
 * container shows up only once two scrapes have seen it (15–30 s after it started).
 */
import type { ApiContext } from '../api/context.ts';
import { StatusError, statusErrors, type Status } from '../api/errors.ts';
import type { Call } from '../api/handlers/common.ts';
import { json } from '../api/handlers/common.ts';
import { objectMatcher } from '../api/pipeline.ts';
import { toTable } from '../api/table/index.ts';
import type { Printer } from '../api/table/index.ts';
import type { ApiResponse, KubeObject } from '../api/types.ts';
import { rfc3339 } from '../clock.ts';
import { metricsSourceOf } from './source.ts';
import type { ContainerSample } from './source.ts';
import { cpuQuantity, memoryQuantity } from './quantities.ts';

/** metrics-server's `--metric-resolution`. */
export const metricResolutionMs = 15_000;

/** The APIService that puts metrics-server behind the aggregator. */
export const metricsAPIServiceName = 'v1beta1.metrics.k8s.io';

/** The instant of the last scrape at or before `now` (scrapes fall on multiples of the resolution). */
export function lastScrape(now: number): number {
  return Math.floor(now / metricResolutionMs) * metricResolutionMs;
}

/**
 * The aggregator's answer while the APIService is not Available: a bare 503 that client-go turns
 * into this Status, naming the request (`(get pods.metrics.k8s.io web)`).
 */
function serviceUnavailable(call: Call): Status {
  const request = `get ${call.info.resource}.metrics.k8s.io${call.name ? ` ${call.name}` : ''}`;
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `the server is currently unable to handle the request (${request})`,
    reason: 'ServiceUnavailable', details: { causes: [{ reason: 'UnexpectedServerResponse', message: 'service unavailable' }] }, code: 503,
  };
}

function available(ctx: ApiContext): boolean {
  const service = ctx.store.get('apiregistration.k8s.io/apiservices', undefined, metricsAPIServiceName);
  const conditions = (service?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Available' && c.status === 'True');
}

function podMetrics(pod: KubeObject, containers: ContainerSample[], scrape: number, now: number): KubeObject {
  const metadata: KubeObject['metadata'] = { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: rfc3339(now) };
  if (pod.metadata.labels) metadata.labels = pod.metadata.labels;
  return {
    kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata,
    timestamp: rfc3339(scrape), window: '15s',
    containers: containers.map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.cpuMillicores), memory: memoryQuantity(c.memoryBytes) } })),
  };
}

/** The PodMetrics of the pods (that `filter` keeps) that have them, in namespace/name order. */
export function listPodMetrics(ctx: ApiContext, namespace: string | undefined, now: number, filter: (pod: KubeObject) => boolean = () => true): KubeObject[] {
  const source = metricsSourceOf(ctx);
  if (!source) return [];
  const scrape = lastScrape(now);
  const out: KubeObject[] = [];
  for (const pod of ctx.store.list('/pods', namespace)) {
    if (!filter(pod)) continue;
    const containers = source.podUsage(pod, scrape - metricResolutionMs, scrape);
    if (containers) out.push(podMetrics(pod, containers, scrape, now));
  }
  return out.sort((a, b) => compareKeys(a, b));
}

/** The NodeMetrics of the nodes (that `filter` keeps) whose kubelets answered the last two scrapes, by name. */
export function listNodeMetrics(ctx: ApiContext, now: number, filter: (node: KubeObject) => boolean = () => true): KubeObject[] {
  const source = metricsSourceOf(ctx);
  if (!source) return [];
  const scrape = lastScrape(now);
  const out: KubeObject[] = [];
  for (const node of ctx.store.list('/nodes')) {
    if (!filter(node)) continue;
    const usage = source.nodeUsage(node.metadata.name!, scrape - metricResolutionMs, scrape);
    if (!usage) continue;
    const metadata: KubeObject['metadata'] = { name: node.metadata.name, creationTimestamp: rfc3339(now) };
    if (node.metadata.labels) metadata.labels = node.metadata.labels;
    out.push({
      kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata,
      timestamp: rfc3339(scrape), window: '15s',
      usage: { cpu: cpuQuantity(usage.cpuMillicores), memory: memoryQuantity(usage.memoryBytes) },
    });
  }
  return out.sort((a, b) => compareKeys(a, b));
}

function compareKeys(a: KubeObject, b: KubeObject): number {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Sum the containers' usage per resource, for the table's columns. */
function usageOf(object: KubeObject): Record<string, string> {
  if (object.kind === 'NodeMetrics') return object.usage as Record<string, string>;
  let cpu = 0;
  let memory = 0;
  for (const c of object.containers as { usage: { cpu: string; memory: string } }[]) {
    cpu += parseCpu(c.usage.cpu);
    memory += parseMemory(c.usage.memory);
  }
  return { cpu: cpuQuantity(cpu), memory: memoryQuantity(memory) };
}

function parseCpu(text: string): number {
  if (text.endsWith('n')) return Number(text.slice(0, -1)) / 1e6;
  if (text.endsWith('u')) return Number(text.slice(0, -1)) / 1e3;
  if (text.endsWith('m')) return Number(text.slice(0, -1));
  return Number(text) * 1000;
}

function parseMemory(text: string): number {
  const units: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
  const suffix = text.slice(-2);
  return units[suffix] ? Number(text.slice(0, -2)) * units[suffix] : Number(text);
}

/** metrics-server's TableConvertor: Name, one column per resource (cpu, memory), Window. */
const metricsPrinter: Printer = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource', priority: 0 },
    { name: 'cpu', type: 'string', format: 'quantity', description: '', priority: 0 },
    { name: 'memory', type: 'string', format: 'quantity', description: '', priority: 0 },
    { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 },
  ],
  print: (object) => {
    const usage = usageOf(object);
    return { cells: [object.metadata.name ?? '', usage.cpu, usage.memory, String(object.window)] };
  },
};

function answer(call: Call, objects: KubeObject[], now: number, single: boolean): ApiResponse {
  if (/as=Table/.test(call.headers.accept ?? '')) {
    const table = toTable(call.info, objects, { now, printer: metricsPrinter, includeObject: call.query.includeObject as 'None' | 'Metadata' | 'Object' | undefined });
    // With no rows the convertor never learns the resource names: no columns at all.
    return json(200, objects.length ? { ...table, metadata: {} } : { ...table, metadata: {}, columnDefinitions: null, rows: null });
  }
  if (single) return json(200, objects[0]);
  const items = objects.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
  return json(200, { kind: `${call.info.kind}List`, apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
}

/**
 * Serve a request for `metrics.k8s.io` (the aggregator proxying to metrics-server): `verb` is
 * the Kubernetes verb of the request. Failures come back as Status answers.
 */
export function metricsRequest(ctx: ApiContext, call: Call, verb: string): ApiResponse {
  try {
    if (!available(ctx)) throw new StatusError(serviceUnavailable(call));
    if (verb !== 'get' && verb !== 'list') throw new StatusError(statusErrors.methodNotAllowed());
    const now = ctx.clock.now();
    const nodes = call.info.resource === 'nodes';
    if (verb === 'get') {
      const name = call.name!;
      const scope = nodes ? undefined : call.namespace;
      const owner = ctx.store.get(nodes ? '/nodes' : '/pods', scope, name);
      if (!owner) throw new StatusError(statusErrors.notFound({ group: '', resource: nodes ? 'nodes' : 'pods', name }));
      const only = (o: KubeObject): boolean => o.metadata.name === name;
      const [found] = nodes ? listNodeMetrics(ctx, now, only) : listPodMetrics(ctx, scope, now, only);
      const missing = nodes ? name : `${scope}/${name}`;
      if (!found) throw new StatusError(statusErrors.notFound({ group: 'metrics.k8s.io', resource: nodes ? 'nodemetrics' : 'podmetrics', name: missing }));
      return answer(call, [found], now, true);
    }
    const matches = objectMatcher(call, ctx);
    const all = nodes ? listNodeMetrics(ctx, now, matches) : listPodMetrics(ctx, call.namespace, now, matches);
    return answer(call, all, now, false);
  } catch (error) {
    if (error instanceof StatusError) return json(error.status.code, error.status);
    throw error;
  }
}
