/**
 * The selector PodTopologySpread's default constraints use (helper.DefaultSelector): the labels
 * of the Services that select the pod, merged with the selector of the pod's controller
 * (ReplicaSet, StatefulSet or ReplicationController). A bare pod with no Service gets none, and
 * so no default spreading.
 */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodInfo, SchedulerView } from '../types.ts';

/** The cluster-level defaults of v1.32 (`systemDefaulted`): soft, hostname skew 3 and zone skew 5. */
export const systemDefaultConstraints: readonly TopologySpreadConstraint[] = [
  { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

const controllerResources: Record<string, string> = {
  'apps/v1/ReplicaSet': 'replicasets',
  'apps/v1/StatefulSet': 'statefulsets',
  'v1/ReplicationController': 'replicationcontrollers',
};

/** The default selector for a pod, or undefined when it would be empty. */
export function defaultSelector(pod: PodInfo, view: SchedulerView): LabelSelector | undefined {
  const matchLabels: Record<string, string> = {};
  for (const service of view.list('services')) {
    const meta = service.metadata as { namespace?: string };
    const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (meta.namespace !== pod.namespace || !selector || !Object.keys(selector).length) continue;
    if (Object.entries(selector).every(([k, v]) => pod.labels[k] === v)) Object.assign(matchLabels, selector);
  }
  let matchExpressions: LabelSelector['matchExpressions'];
  const owner = pod.pod.metadata?.ownerReferences?.find((ref) => ref.controller);
  const resource = owner && controllerResources[`${owner.apiVersion}/${owner.kind}`];
  if (owner && resource) {
    const controller = view.object(resource, `${pod.namespace}/${owner.name}`);
    const selector = (controller?.spec as { selector?: unknown } | undefined)?.selector;
    if (resource === 'replicationcontrollers') {
      Object.assign(matchLabels, (selector as Record<string, string> | undefined) ?? {});
    } else if (selector) {
      const ls = selector as LabelSelector;
      Object.assign(matchLabels, ls.matchLabels ?? {});
      matchExpressions = ls.matchExpressions;
    }
  }
  if (!Object.keys(matchLabels).length && !matchExpressions?.length) return undefined;
  return matchExpressions?.length ? { matchLabels, matchExpressions } : { matchLabels };
}

/** The pod's own constraints, or the defaults with the default selector. */
export function spreadConstraints(pod: PodInfo, view: SchedulerView): { constraints: readonly TopologySpreadConstraint[]; systemDefaulted: boolean } {
  const own = pod.pod.spec?.topologySpreadConstraints;
  if (own?.length) return { constraints: own, systemDefaulted: false };
  const selector = defaultSelector(pod, view);
  if (!selector) return { constraints: [], systemDefaulted: false };
  return { constraints: systemDefaultConstraints.map((c) => ({ ...c, labelSelector: selector })), systemDefaulted: true };
}
