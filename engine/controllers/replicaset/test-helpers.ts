/**
 * Shared by the ReplicaSet and Deployment tests: request helpers, and `markPodsReady`, which
 * stands in for a kubelet (none runs in these tests) by writing pod status through
 * `PATCH /api/v1/namespaces/NS/pods/NAME/status` as a merge patch.
 */
import { rfc3339 } from '../../clock.ts';
import type { Cluster } from '../../cluster.ts';
import type { ApiResponse, KubeObject } from '../../api/types.ts';

/** Send a request and fail loudly on an error status. */
export function ok(cluster: Cluster, request: Parameters<Cluster['handle']>[0]): KubeObject {
  const response: ApiResponse = cluster.handle(request);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as KubeObject;
}

/** GET one object, or undefined when it is not there. */
export function get(cluster: Cluster, path: string): KubeObject | undefined {
  const response = cluster.handle({ method: 'GET', path });
  return response.status === 200 ? (response.body as KubeObject) : undefined;
}

/** The items of a list request, sorted by name. */
export function list(cluster: Cluster, path: string, labelSelector?: string): KubeObject[] {
  const body = ok(cluster, { method: 'GET', path, query: labelSelector ? { labelSelector } : undefined }) as unknown as { items: KubeObject[] };
  return body.items.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** Pods in `namespace` (optionally by label selector). */
export function pods(cluster: Cluster, labelSelector?: string, namespace = 'default'): KubeObject[] {
  return list(cluster, `/api/v1/namespaces/${namespace}/pods`, labelSelector);
}

/** `Type Reason Message` of the events about one object, in the order they were first recorded. */
export function eventsFor(cluster: Cluster, name: string, namespace = 'default'): string[] {
  const body = ok(cluster, { method: 'GET', path: `/api/v1/namespaces/${namespace}/events` }) as unknown as { items: KubeObject[] };
  return body.items
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .map((e) => `${String(e.type)} ${String(e.reason)} ${String(e.message)}${(e.count as number) > 1 ? ` (x${String(e.count)})` : ''}`);
}

/**
 * Make pods Running and Ready now, as a kubelet would: phase Running and a Ready condition whose
 * lastTransitionTime is the current virtual time. Pods already Ready are left alone.
 */
export function markPodsReady(cluster: Cluster, labelSelector?: string, namespace = 'default'): string[] {
  const now = rfc3339(cluster.now());
  const marked: string[] = [];
  for (const pod of pods(cluster, labelSelector, namespace)) {
    if (pod.metadata.deletionTimestamp) continue;
    const conditions = ((pod.status ?? {}) as { conditions?: { type: string; status: string }[] }).conditions ?? [];
    if (conditions.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
    ok(cluster, {
      method: 'PATCH',
      path: `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}/status`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: now }] } },
    });
    marked.push(pod.metadata.name!);
  }
  return marked;
}

/** A ReplicaSet manifest: `replicas` nginx pods labelled `app=<name>`. */
export function replicaSet(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      ...extra,
    },
  };
}
