/**
 * Test helpers for the kubelet: a cluster with simulated nodes, a pod builder, and readers for
 * pods, events and logs through the API.
 */
import { Cluster } from '../cluster.ts';
import type { KubeObject } from '../api/types.ts';
import type { Kubelets, KubeletsOptions } from './kubelets.ts';
import { defaultNodes } from './nodes.ts';

export const t0 = Date.UTC(2026, 0, 1);

/** `2026-01-01T00:00:SSZ` for `seconds` after the start of virtual time. */
export function at(seconds: number): string {
  return new Date(t0 + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** A cluster with the default nodes (control-plane, node-1 … node-3) and their kubelets. */
export function kubeletCluster(options: KubeletsOptions = {}, seed = 1): { cluster: Cluster; kubelets: Kubelets } {
  const cluster = new Cluster({ seed, kubelets: { nodes: defaultNodes(3), nodeEvents: false, ...options }, scheduler: false, addons: false, omitControllers: ['node-controller', 'taint-eviction-controller'] });
  return { cluster, kubelets: cluster.kubelets };
}

type Container = Record<string, unknown> & { name: string; image: string };

/** A pod placed on `node` directly (no scheduler in these tests). */
export function makePod(name: string, containers: Container[], extra: Record<string, unknown> = {}, node = 'node-1'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers, ...extra } };
}

export function createPod(cluster: Cluster, pod: KubeObject): void {
  const response = cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
}

export function getPod(cluster: Cluster, name: string): KubeObject | undefined {
  const response = cluster.handle({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` });
  return response.status === 200 ? (response.body as KubeObject) : undefined;
}

export interface PodStatusView {
  phase: string;
  conditions: { type: string; status: string; reason?: string; message?: string; lastTransitionTime: string }[];
  containerStatuses: Record<string, unknown>[];
  initContainerStatuses?: Record<string, unknown>[];
  podIP?: string;
}

export function podStatusOf(cluster: Cluster, name: string): PodStatusView {
  return getPod(cluster, name)!.status as unknown as PodStatusView;
}

/** The first container's state, e.g. `{waiting: {reason: 'CrashLoopBackOff', …}}`. */
export function stateOf(cluster: Cluster, name: string): Record<string, Record<string, unknown>> {
  return podStatusOf(cluster, name).containerStatuses[0].state as Record<string, Record<string, unknown>>;
}

/** Events about `name` as `[type, reason, message, count]`, oldest first. */
export function eventsOf(cluster: Cluster, name: string, namespace = 'default'): [string, string, string, number][] {
  const list = cluster.handle({ method: 'GET', path: `/api/v1/namespaces/${namespace}/events` }).body as { items: KubeObject[] };
  return list.items
    .filter((e) => (e as unknown as { involvedObject: { name: string } }).involvedObject.name === name)
    .map((e) => {
      const event = e as unknown as { type: string; reason: string; message: string; count: number };
      return [event.type, event.reason, event.message, event.count];
    });
}

/** `GET pods/NAME/log` with query options: the body, or the error message. */
export function logsOf(cluster: Cluster, name: string, query: Record<string, string> = {}): string {
  const response = cluster.handle({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}/log`, query });
  if (response.status !== 200) return `error ${response.status}: ${(response.body as { message: string }).message}`;
  return response.body as string;
}
