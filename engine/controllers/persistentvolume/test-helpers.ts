/**
 * Shared by the storage tests: a cluster with the `standard` class and the storage controllers
 * added, request helpers, small claim/volume/pod manifests, and events read back as
 * `Type Reason Message (xN)` lines sorted by when they were first recorded.
 */
import { Cluster } from '../../cluster.ts';
import type { ApiRequest, KubeObject } from '../../api/types.ts';
import { storageControllers, type StorageControllerOptions } from './controllers.ts';
import { defaultStorageClass } from './storage-class.ts';

/** Send a request and fail loudly on an error status. */
export function ok(cluster: Cluster, request: ApiRequest): KubeObject {
  const response = cluster.handle(request);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as KubeObject;
}

/** GET one object, or undefined when it is not there. */
export function get(cluster: Cluster, path: string): KubeObject | undefined {
  const response = cluster.handle({ method: 'GET', path });
  return response.status === 200 ? (response.body as KubeObject) : undefined;
}

/** A claim's path in `default`. */
export const claimPath = (name: string, namespace = 'default'): string => `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${name}`;
/** A volume's path. */
export const volumePath = (name: string): string => `/api/v1/persistentvolumes/${name}`;

/** The default storage controllers' names: the tests start their own, configured instances. */
const storageControllerNames = storageControllers().map((c) => c.name);

/** A cluster with the default StorageClass and the storage controllers (kubelets and scheduler as usual). */
export function storageCluster(options: StorageControllerOptions & { withDefaultClass?: boolean } = {}): Cluster {
  const cluster = new Cluster({ seed: 7, addons: false, omitControllers: storageControllerNames });
  if (options.withDefaultClass !== false) ok(cluster, { method: 'POST', path: '/apis/storage.k8s.io/v1/storageclasses', body: defaultStorageClass() });
  for (const controller of storageControllers(options)) cluster.controllers.add(controller);
  cluster.settle();
  return cluster;
}

/** A PersistentVolumeClaim manifest. */
export function makeClaim(name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}

/** A PersistentVolume manifest (hostPath under /mnt unless told otherwise). */
export function makeVolume(name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name, ...metadata },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/mnt/${name}` }, ...spec },
  };
}

/** A pod that mounts the claim. */
export function makePodWithClaim(name: string, claimName: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  };
}

/** Create a claim, volume or pod in its collection. */
export function create(cluster: Cluster, object: KubeObject): KubeObject {
  const path = object.kind === 'PersistentVolume' ? '/api/v1/persistentvolumes'
    : object.kind === 'Pod' ? '/api/v1/namespaces/default/pods'
      : object.kind === 'StorageClass' ? '/apis/storage.k8s.io/v1/storageclasses'
        : '/api/v1/namespaces/default/persistentvolumeclaims';
  return ok(cluster, { method: 'POST', path, body: object });
}

/**
 * `Type Reason Message` (with ` (xN)` for repeats) of the core/v1 events about one object, by
 * firstTimestamp (events of the same second by reason: two recorders' names do not order them).
 */
export function eventsFor(cluster: Cluster, name: string, namespace = 'default'): string[] {
  const body = ok(cluster, { method: 'GET', path: `/api/v1/namespaces/${namespace}/events` }) as unknown as { items: KubeObject[] };
  const order = (e: KubeObject): string => `${String(e.firstTimestamp)} ${String(e.reason)}`;
  return body.items
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    .map((e) => `${String(e.type)} ${String(e.reason)} ${String(e.message)}${(e.count as number) > 1 ? ` (x${String(e.count)})` : ''}`);
}

/** The source.component of the events about one object, by reason. */
export function eventSources(cluster: Cluster, name: string, namespace = 'default'): Record<string, string> {
  const body = ok(cluster, { method: 'GET', path: `/api/v1/namespaces/${namespace}/events` }) as unknown as { items: KubeObject[] };
  const sources: Record<string, string> = {};
  for (const e of body.items) {
    if ((e.involvedObject as { name: string }).name !== name) continue;
    sources[String(e.reason)] = (e.source as { component: string }).component;
  }
  return sources;
}

/** An object without the fields that only the server makes up (uid, resourceVersion, times, managedFields). */
export function strip(object: KubeObject | undefined): unknown {
  if (!object) return undefined;
  const drop = new Set(['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation']);
  return JSON.parse(JSON.stringify(object, (key, value: unknown) => (drop.has(key) ? undefined : value)));
}
