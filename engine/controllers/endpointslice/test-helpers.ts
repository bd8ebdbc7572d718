/**
 * Shared by the EndpointSlice, mirroring and Endpoints tests: a cluster with three zoned nodes and
 * no kubelets (tests write pod status themselves, as a kubelet would), pod and Service builders,
 * and readers for slices, Endpoints, events and `kubectl get` table cells.
 */
import { rfc3339 } from '../../clock.ts';
import { Cluster } from '../../cluster.ts';
import type { ApiRequest, KubeObject } from '../../api/types.ts';

/** Send a request and fail loudly on an error status. */
export function ok(cluster: Cluster, request: ApiRequest): KubeObject {
  const response = cluster.handle(request);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as KubeObject;
}

/** node-1, node-2, node-3 in zone-a, zone-b, zone-c, as DESIGN.md's default cluster. */
export const nodeZones: Record<string, string> = { 'node-1': 'zone-a', 'node-2': 'zone-b', 'node-3': 'zone-c' };

/** A cluster without kubelets or scheduler, with the three zoned Nodes registered. */
export function zonedCluster(seed = 5): Cluster {
  const cluster = new Cluster({ seed, kubelets: { nodes: [] }, addons: false, scheduler: false, omitControllers: ['endpoint-controller', 'endpointslice-controller', 'endpointslicemirroring-controller'] });
  for (const [name, zone] of Object.entries(nodeZones)) {
    ok(cluster, { method: 'POST', path: '/api/v1/nodes', body: { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } } } });
  }
  return cluster;
}

export interface PodOptions {
  node?: string;
  ip?: string;
  ready?: boolean;
  labels?: Record<string, string>;
  ports?: { name?: string; containerPort: number }[];
  hostname?: string;
  subdomain?: string;
}

/** Create a pod bound to `node` and give it the status a kubelet would write: Running, its IP, Ready or not. */
export function makePod(cluster: Cluster, name: string, options: PodOptions = {}): KubeObject {
  const spec: Record<string, unknown> = { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: options.ports }] };
  if (options.node) spec.nodeName = options.node;
  if (options.hostname) spec.hostname = options.hostname;
  if (options.subdomain) spec.subdomain = options.subdomain;
  ok(cluster, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: options.labels ?? { app: 'web' } }, spec } });
  if (options.ip) setPodStatus(cluster, name, options.ip, options.ready ?? true);
  return get(cluster, `/api/v1/namespaces/default/pods/${name}`)!;
}

/** Write a pod's status as its kubelet: phase Running, the IP, and the Ready condition at the current time. */
export function setPodStatus(cluster: Cluster, name: string, ip: string, ready: boolean): void {
  const now = rfc3339(cluster.now());
  ok(cluster, {
    method: 'PATCH',
    path: `/api/v1/namespaces/default/pods/${name}/status`,
    headers: { 'content-type': 'application/merge-patch+json' },
    body: { status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now }] } },
  });
}

/** Create a Service in `default`. */
export function makeService(cluster: Cluster, name: string, spec: Record<string, unknown>, labels?: Record<string, string>): KubeObject {
  return ok(cluster, { method: 'POST', path: '/api/v1/namespaces/default/services', body: { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec } });
}

/** GET one object, or undefined when it is not there. */
export function get(cluster: Cluster, path: string): KubeObject | undefined {
  const response = cluster.handle({ method: 'GET', path });
  return response.status === 200 ? (response.body as KubeObject) : undefined;
}

/** The EndpointSlices of a Service, sorted by name, without managedFields. */
export function slicesOf(cluster: Cluster, service: string): KubeObject[] {
  const body = ok(cluster, { method: 'GET', path: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', query: { labelSelector: `kubernetes.io/service-name=${service}` } }) as unknown as { items: KubeObject[] };
  return body.items.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1)).map(withoutManagedFields);
}

/** An object without managedFields, for whole-object expectations. */
export function withoutManagedFields(object: KubeObject): KubeObject {
  const { managedFields: _managed, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/** `Type Reason Message` of the events about one object. */
export function eventsFor(cluster: Cluster, name: string): string[] {
  const body = ok(cluster, { method: 'GET', path: '/api/v1/namespaces/default/events' }) as unknown as { items: KubeObject[] };
  return body.items
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${String(e.type)} ${String(e.reason)} ${String(e.message)}`);
}

/** The cells of the server-side Table rows for a collection (what `kubectl get` prints). */
export function tableCells(cluster: Cluster, path: string): unknown[][] {
  const body = ok(cluster, { method: 'GET', path, headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } }) as unknown as { rows: { cells: unknown[] }[] };
  return body.rows.map((row) => row.cells);
}
