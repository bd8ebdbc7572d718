/**
 * Shared by the Deployment tests: a cluster running the ReplicaSet and Deployment controllers,
 * a Deployment manifest, and short views of ReplicaSets ("name replicas/ready/available rev").
 */
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { ReplicaSetController } from '../replicaset/replicaset.ts';
import { get, list, ok } from '../replicaset/test-helpers.ts';
import { DeploymentController } from './deployment.ts';

export const deploymentsPath = '/apis/apps/v1/namespaces/default/deployments';
export const replicaSetsPath = '/apis/apps/v1/namespaces/default/replicasets';

/** A cluster with both controllers (cluster.ts does not register them yet). */
export function workloadCluster(): Cluster {
  // No nodes: these tests drive pod status themselves, with no kubelet in between.
  const cluster = new Cluster({ seed: 3, kubelets: { nodes: [] }, scheduler: false, addons: false });
  cluster.controllers.add(new ReplicaSetController());
  cluster.controllers.add(new DeploymentController());
  return cluster;
}

/** A Deployment of nginx labelled `app=<name>`. */
export function deployment(name: string, replicas: number, spec: Record<string, unknown> = {}, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } },
      ...spec,
    },
  };
}

/** POST a Deployment. */
export function createDeployment(cluster: Cluster, object: KubeObject): KubeObject {
  return ok(cluster, { method: 'POST', path: deploymentsPath, body: object });
}

/** `kubectl set image deployment/NAME nginx=IMAGE` (a strategic merge patch). */
export function setImage(cluster: Cluster, name: string, image: string): KubeObject {
  return patch(cluster, name, { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });
}

/** A strategic merge patch of a Deployment, as kubectl sends for set image, scale, pause, restart. */
export function patch(cluster: Cluster, name: string, body: unknown): KubeObject {
  return ok(cluster, {
    method: 'PATCH', path: `${deploymentsPath}/${name}`,
    headers: { 'content-type': 'application/strategic-merge-patch+json' }, body,
  });
}

/** GET the Deployment. */
export function getDeployment(cluster: Cluster, name: string): KubeObject {
  return get(cluster, `${deploymentsPath}/${name}`)!;
}

/** ReplicaSets by revision, as `<name> <spec>/<ready>/<available> rev=<revision>`. */
export function replicaSetSummary(cluster: Cluster): string[] {
  const revision = (rs: KubeObject): number => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  return list(cluster, replicaSetsPath)
    .sort((a, b) => revision(a) - revision(b))
    .map((rs) => {
      const spec = rs.spec as { replicas: number };
      const status = (rs.status ?? {}) as { readyReplicas?: number; availableReplicas?: number };
      return `${rs.metadata.name} ${spec.replicas}/${status.readyReplicas ?? 0}/${status.availableReplicas ?? 0} rev=${rs.metadata.annotations?.['deployment.kubernetes.io/revision']}`;
    });
}
