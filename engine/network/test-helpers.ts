/**
 * Test helpers for the network: object builders for pure tests, and for cluster tests a way to
 * create objects through the API and run a shell script in a pod's network namespace, moving
 * virtual time through the script's sleeps and timeouts.
 */
import type { Cluster } from '../cluster.ts';
import type { KubeObject } from '../api/types.ts';
import { resourcePath } from '../api/registry.ts';
import { Shell } from '../kubelet/images/shell.ts';
import type { ClusterNetwork } from './cluster-network.ts';

/** A Service object. */
export function makeService(name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

/** An EndpointSlice of a Service with ready (or not) endpoints. */
export function makeSlice(service: string, endpoints: { ip: string; ready?: boolean; hostname?: string; serving?: boolean; terminating?: boolean }[], ports: { name?: string; port: number; protocol?: string }[], namespace = 'default'): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${service}-abcde`, namespace, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4', ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: endpoints.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false }, ...(e.hostname ? { hostname: e.hostname } : {}) })),
  } as KubeObject;
}

/** A running pod with an IP, labels and container ports. */
export function makePod(name: string, ip: string, labels: Record<string, string> = {}, extra: { namespace?: string; node?: string; ports?: { name?: string; containerPort: number; protocol?: string }[]; spec?: Record<string, unknown> } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: extra.namespace ?? 'default', labels },
    spec: { nodeName: extra.node ?? 'node-1', containers: [{ name: 'c', image: 'nginx', ports: extra.ports ?? [] }], ...extra.spec },
    status: { phase: 'Running', podIP: ip, hostIP: '172.18.0.3', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** A Namespace with labels (kubernetes.io/metadata.name is added as the API server does). */
export function makeNamespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

/** Create objects through the API, failing loudly. */
export function create(cluster: Cluster, ...objects: KubeObject[]): void {
  for (const object of objects) {
    const info = cluster.api.context.registry.byKind(object.apiVersion!, object.kind!)!;
    const response = cluster.handle({ method: 'POST', path: resourcePath(info, object.metadata.namespace ?? (info.namespaced ? 'default' : undefined)), body: object });
    if (response.status >= 300) throw new Error(`create ${object.kind} ${object.metadata.name}: ${JSON.stringify(response.body)}`);
  }
}

/** GET one object or collection as JSON. */
export function get<T = KubeObject>(cluster: Cluster, path: string): T {
  return cluster.handle({ method: 'GET', path }).body as T;
}

/** Run `sh -c SCRIPT` in pod `namespace/name`'s network; time moves with its sleeps. */
export function sh(cluster: Cluster, network: ClusterNetwork, pod: string, script: string, namespace = 'default'): { out: string; code: number; slept: number } {
  const start = cluster.now();
  const shell = new Shell({ env: {}, files: new Map(), hostname: pod, now: () => cluster.now(), network: network.podNetwork(namespace, pod) });
  const run = shell.script(script);
  let out = '';
  for (;;) {
    const step = run.next();
    if (step.done) return { out, code: step.value, slept: cluster.now() - start };
    if (step.value.kind === 'output') out += step.value.text;
    else cluster.advance(step.value.ms);
  }
}

/** A Deployment of `replicas` pods of `image`, labelled `app: name`. */
export function deployment(name: string, image: string, replicas: number, extra: { labels?: Record<string, string>; ports?: { containerPort: number; name?: string }[]; command?: string[] } = {}): KubeObject {
  const labels = { app: name, ...extra.labels };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec: { containers: [{ name, image, ...(extra.ports ? { ports: extra.ports } : {}), ...(extra.command ? { command: extra.command } : {}) }] } } },
  };
}

/** A pod running `sleep 3600` in busybox, with labels. */
export function clientPod(name: string, labels: Record<string, string> = {}, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } };
}
