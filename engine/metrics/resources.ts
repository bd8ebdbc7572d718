/**
 * The resources metrics-server serves, as the registry lists them (discovery: `nodes` and `pods`
 * in `metrics.k8s.io/v1beta1`, kinds NodeMetrics and PodMetrics, verbs get and list, and an empty
 * singularName — metrics-server's storage says so).
 */
import type { ResourceInfo } from '../api/registry.ts';

/** NodeMetrics and PodMetrics. */
export const metricsResources: ResourceInfo[] = [
  { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'nodes', kind: 'NodeMetrics', singular: '', namespaced: false, verbs: ['get', 'list'] },
  { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods', kind: 'PodMetrics', singular: '', namespaced: true, verbs: ['get', 'list'] },
];
