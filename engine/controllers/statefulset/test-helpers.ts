/**
 * Shared by the StatefulSet tests: a cluster with the controller and no kubelets (tests play the
 * kubelet through `pods/NAME/status`), a StatefulSet manifest, and short views of pods and claims.
 */
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { get, list, ok } from '../replicaset/test-helpers.ts';
import { StatefulSetController } from './statefulset.ts';
import type { StatefulSetGates } from './rolling.ts';

export const setsPath = '/apis/apps/v1/namespaces/default/statefulsets';
export const podsPath = '/api/v1/namespaces/default/pods';
export const claimsPath = '/api/v1/namespaces/default/persistentvolumeclaims';
export const revisionsPath = '/apis/apps/v1/namespaces/default/controllerrevisions';

/** A cluster with the StatefulSet controller (cluster.ts does not register it yet) and no nodes. */
export function statefulCluster(gates: StatefulSetGates = {}): Cluster {
  const cluster = new Cluster({ seed: 5, kubelets: { nodes: [] }, addons: false, scheduler: false, omitControllers: ['statefulset-controller'] });
  cluster.controllers.add(new StatefulSetController(gates));
  return cluster;
}

/** The `web` StatefulSet of the Kubernetes tutorial: nginx behind the headless Service `nginx`. */
export function statefulSet(replicas: number, spec: Record<string, unknown> = {}, image = 'registry.k8s.io/nginx-slim:0.24'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
    spec: {
      serviceName: 'nginx', replicas, selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80, name: 'web' }] }] } },
      ...spec,
    },
  };
}

/** The tutorial's claim template `www` (1Gi, ReadWriteOnce), mounted at nginx's html directory. */
export function withClaims(set: KubeObject): KubeObject {
  const copy = structuredClone(set);
  const spec = copy.spec as { template: { spec: { containers: Record<string, unknown>[] } }; volumeClaimTemplates?: unknown[] };
  spec.template.spec.containers[0].volumeMounts = [{ name: 'www', mountPath: '/usr/share/nginx/html' }];
  spec.volumeClaimTemplates = [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
  return copy;
}

/** POST the StatefulSet. */
export function createSet(cluster: Cluster, set: KubeObject): KubeObject {
  return ok(cluster, { method: 'POST', path: setsPath, body: set });
}

/** A strategic merge patch of the set, as `kubectl scale`, `set image` and `patch` send. */
export function patchSet(cluster: Cluster, body: unknown): KubeObject {
  return ok(cluster, { method: 'PATCH', path: `${setsPath}/web`, headers: { 'content-type': 'application/strategic-merge-patch+json' }, body });
}

/** GET the set. */
export function getSet(cluster: Cluster): KubeObject {
  return get(cluster, `${setsPath}/web`)!;
}

/** Write a pod's phase (and Ready condition when Running) as the kubelet would. */
export function setPhase(cluster: Cluster, name: string, phase: 'Running' | 'Failed' | 'Succeeded', ready = phase === 'Running'): void {
  const now = new Date(cluster.now()).toISOString().replace('.000Z', 'Z');
  ok(cluster, {
    method: 'PATCH', path: `${podsPath}/${name}/status`, headers: { 'content-type': 'application/merge-patch+json' },
    body: { status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now }] } },
  });
}

/** `name rev=<controller-revision-hash>` per pod, with `(terminating)` for pods being deleted. */
export function podSummary(cluster: Cluster): string[] {
  return list(cluster, podsPath).map((p) => `${p.metadata.name} ${p.metadata.labels?.['controller-revision-hash'] ?? '-'}${p.metadata.deletionTimestamp ? ' (terminating)' : ''}`);
}

/** Names of the objects at a collection URL. */
export function names(cluster: Cluster, path: string): string[] {
  return list(cluster, path).map((o) => o.metadata.name!);
}
