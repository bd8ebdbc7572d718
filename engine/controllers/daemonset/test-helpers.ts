/**
 * Helpers for the DaemonSet tests: a default cluster (tainted control plane, node-1 … node-3,
 * scheduler and kubelets) with the DaemonSet controller added, a fluentd-like DaemonSet
 * manifest, and short views of pods and status.
 */
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { get, ok, pods } from '../replicaset/test-helpers.ts';
import { DaemonSetController } from './daemonset.ts';

export const dsPath = '/apis/apps/v1/namespaces/default/daemonsets';
export const revisionsPath = '/apis/apps/v1/namespaces/default/controllerrevisions';

/** The default lab cluster plus the DaemonSet controller. */
export function daemonSetCluster(seed = 3): Cluster {
  const cluster = new Cluster({ seed, kubelets: { nodeEvents: false }, omitControllers: ['daemonset-controller'] });
  cluster.controllers.add(new DaemonSetController());
  return cluster;
}

/** A DaemonSet running `image`, pods labelled `app=<name>`; `podSpec` and `spec` add fields. */
export function daemonSet(name: string, image = 'fluentd:v1.16', podSpec: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image }], terminationGracePeriodSeconds: 5, ...podSpec } },
      ...spec,
    },
  };
}

/** Create the DaemonSet through the API. */
export function createDaemonSet(cluster: Cluster, ds: KubeObject): KubeObject {
  return ok(cluster, { method: 'POST', path: dsPath, body: ds });
}

/** `<node> <phase> <image> <revision hash>` of each pod (sorted by node), Terminating pods marked. */
export function podsByNode(cluster: Cluster, selector: string): string[] {
  return pods(cluster, selector).map((pod) => {
    const spec = pod.spec as { nodeName?: string; containers: { image: string }[] };
    const phase = pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status as { phase?: string }).phase;
    return `${spec.nodeName ?? '<none>'} ${phase} ${spec.containers[0].image} ${pod.metadata.labels?.['controller-revision-hash']}`;
  }).sort();
}

/** The DaemonSet's status. */
export function status(cluster: Cluster, name: string): unknown {
  return get(cluster, `${dsPath}/${name}`)?.status;
}

/** Merge-patch the DaemonSet's spec (e.g. a new image: a new revision). */
export function patchSpec(cluster: Cluster, name: string, spec: Record<string, unknown>): void {
  ok(cluster, { method: 'PATCH', path: `${dsPath}/${name}`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec } });
}
