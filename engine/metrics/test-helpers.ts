/**
 * Tests' control over metrics-server. A Cluster serves metrics.k8s.io and, with its add-ons,
 * runs metrics-server; `installMetricsServer(cluster)` installs it on a cluster built
 * without add-ons, and `removeMetricsServer(cluster)` takes it away (no APIService, no pod).
 */
import type { Cluster } from '../cluster.ts';
import { resourcePath } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';
import { rfc3339 } from '../clock.ts';
import { metricsAPIServiceStatus, metricsServerObjects } from './metrics-server.ts';

const apiServicePath = resourcePath({ group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices', namespaced: false }, undefined, 'v1beta1.metrics.k8s.io');

/** Remove metrics-server: its APIService (so metrics.k8s.io is no longer served) and its Deployment. */
export function removeMetricsServer(cluster: Cluster): void {
  cluster.handle({ method: 'DELETE', path: apiServicePath });
  cluster.handle({ method: 'DELETE', path: '/apis/apps/v1/namespaces/kube-system/deployments/metrics-server' });
}

/** Install metrics-server on a cluster built without add-ons, with its APIService Available. */
export function installMetricsServer(cluster: Cluster): void {
  for (const object of metricsServerObjects()) create(cluster, object);
  cluster.handle({ method: 'PATCH', path: `${apiServicePath}/status`, headers: { 'content-type': 'application/merge-patch+json' }, body: { status: metricsAPIServiceStatus(rfc3339(cluster.now())) } });
}

function create(cluster: Cluster, object: KubeObject): void {
  const info = cluster.api.context.registry.byKind(object.apiVersion!, object.kind!)!;
  const response = cluster.handle({ method: 'POST', path: resourcePath(info, object.metadata.namespace), body: object });
  if (response.status >= 300 && response.status !== 409) throw new Error(`metrics-server ${object.kind}: ${JSON.stringify(response.body)}`);
}
