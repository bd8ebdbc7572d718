/**
 * The end-to-end Deployment benchmark (perf-anchors §5.2): on a cluster of N nodes without add-ons,
 * apply a Service and an R-replica Deployment through the API front door (`cluster.handle`), then
 * advance virtual time until every pod is Running, Ready and listed in the Service's
 * EndpointSlices. The figure is the wall time of all of that: the engine's cost, not virtual time.
 */
import { Cluster } from '../engine/cluster.ts';
import type { ApiResponse, KubeObject } from '../engine/api/types.ts';
import type { NodeSpec } from '../engine/kubelet/nodes.ts';

/** How big a Deployment benchmark is. */
export interface DeployBenchOptions {
  nodes: number;
  replicas: number;
  /** Virtual ms per `advance` step while waiting (default 1 s, the kubelet's probe granularity). */
  stepMs?: number;
  /** Give up after this much virtual time (default 10 minutes). */
  timeoutMs?: number;
  /** Afterwards, advance this many idle virtual minutes and measure their CPU cost (default 0). */
  idleMinutes?: number;
  log?: (line: string) => void;
  /** Called with the cluster at the end (the A/B checks compare every stored object). */
  inspect?: (cluster: Cluster) => void;
}

/** The measured wall time and what it covered. */
export interface DeployBenchResult {
  /** Wall ms from the apply until every pod is Running, Ready and in the EndpointSlices. */
  ms: number;
  /** Wall ms of building the cluster (not part of `ms`). */
  setupMs: number;
  /** Virtual ms that passed until the Deployment was fully ready. */
  virtualMs: number;
  ready: number;
  /** CPU ms per idle virtual minute once the Deployment is ready, when `idleMinutes` asked for it. */
  idleCpuMsPerVirtualMinute?: number;
}

/** Worker nodes big enough for `replicas` pods of 10m cpu, at least 110 pods each. */
export function benchNodes(count: number, replicas: number): NodeSpec[] {
  const pods = Math.max(110, Math.ceil((replicas * 1.2) / count));
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  return Array.from({ length: count }, (_, i) => ({
    name: `node-${i + 1}`, cpu: 64, memory: '256Gi', pods, labels: { 'topology.kubernetes.io/zone': zones[i % 3] },
  }));
}

/** This process's CPU time so far (user + system, every thread), ms. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function check(response: ApiResponse, what: string): KubeObject {
  if (response.status >= 300) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  return response.body as KubeObject;
}

/** The Deployment and Service of the benchmark, as `kubectl apply` would send them. */
export function webManifests(replicas: number): KubeObject[] {
  const labels = { app: 'web' };
  return [
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27.3', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        },
      },
    },
  ];
}

/** Ready endpoints of Service `web` across its EndpointSlices. */
function readyEndpoints(cluster: Cluster): number {
  const response = cluster.api.handle({ method: 'GET', path: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', query: { labelSelector: 'kubernetes.io/service-name=web' } });
  const slices = check(response, 'list EndpointSlices') as unknown as { items: { endpoints?: { conditions?: { ready?: boolean } }[] }[] };
  let ready = 0;
  for (const slice of slices.items) for (const endpoint of slice.endpoints ?? []) if (endpoint.conditions?.ready) ready++;
  return ready;
}

/** Pods of the Deployment that are Running and Ready. */
function readyPods(cluster: Cluster): number {
  const response = cluster.api.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { labelSelector: 'app=web' } });
  const pods = check(response, 'list pods') as unknown as { items: { status?: { phase?: string; conditions?: { type: string; status: string }[] } }[] };
  return pods.items.filter((p) => p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
}

/** Run one Deployment benchmark on a fresh cluster. */
export function runDeployBench(options: DeployBenchOptions): DeployBenchResult {
  const { nodes, replicas, stepMs = 1000, timeoutMs = 600_000, idleMinutes = 0, log = () => {} } = options;
  const setupStart = performance.now();
  const cluster = new Cluster({ seed: 1, addons: false, maxPods: replicas + 1000, kubelets: { nodes: benchNodes(nodes, replicas), nodeEvents: false } });
  cluster.advance(1000);
  const setupMs = performance.now() - setupStart;
  log(`deploy ${replicas} on ${nodes} nodes (setup ${setupMs.toFixed(0)} ms)…`);
  const start = performance.now();
  const virtualStart = cluster.now();
  for (const object of webManifests(replicas)) {
    const plural = object.kind === 'Service' ? '/api/v1/namespaces/default/services' : '/apis/apps/v1/namespaces/default/deployments';
    check(cluster.handle({ method: 'POST', path: plural, body: object, headers: { 'content-type': 'application/json' } }), `create ${object.kind}`);
  }
  let ready = 0;
  while (cluster.now() - virtualStart <= timeoutMs) {
    // Count only once the slices say so: they are the last thing to change.
    ready = readyEndpoints(cluster);
    if (ready >= replicas && readyPods(cluster) >= replicas) break;
    cluster.advance(stepMs);
  }
  const ms = performance.now() - start;
  if (ready < replicas) throw new Error(`only ${ready} of ${replicas} endpoints ready after ${timeoutMs} virtual ms`);
  const result: DeployBenchResult = { ms, setupMs, virtualMs: cluster.now() - virtualStart, ready };
  if (idleMinutes > 0) {
    // Settle first: the minute after the rollout still has its tail (conditions, progress deadline).
    cluster.advance(60_000);
    const cpuStart = cpuMs();
    cluster.advance(idleMinutes * 60_000);
    result.idleCpuMsPerVirtualMinute = (cpuMs() - cpuStart) / idleMinutes;
  }
  options.inspect?.(cluster);
  return result;
}
