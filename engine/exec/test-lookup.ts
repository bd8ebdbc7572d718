/**
 * For tests only: serve exec and port-forward in a cluster before Kubelets has its public
 * `podRun` accessor, by reading the kubelets' private run records (and `podRun` once it exists).
 */
import type { Cluster } from '../cluster.ts';
import type { KubeObject } from '../api/types.ts';
import type { PodRun } from '../kubelet/pod-runtime.ts';
import type { ContainerLookup } from './plans.ts';
import type { ExecStreams } from './exec-streams.ts';
import { attachStreaming } from './exec-streams.ts';

interface KubeletInternals {
  podRun?(pod: KubeObject): PodRun | undefined;
  runs: Map<string, PodRun>;
}

/** The kubelets' record of a pod, as the `podRun` accessor will return it. */
export function kubeletLookup(cluster: Cluster): ContainerLookup {
  const kubelets = cluster.kubelets as unknown as KubeletInternals;
  if (typeof kubelets.podRun === 'function') return (pod) => kubelets.podRun!(pod);
  return (pod) => {
    const run = kubelets.runs.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    return run && run.uid === pod.metadata.uid && !run.deleted ? run : undefined;
  };
}

/** `attachStreaming` with the lookup above, unless the cluster already serves `pods/exec`. */
export function attachStreamingForTests(cluster: Cluster): ExecStreams | undefined {
  if (cluster.api.context.subresources.has('/pods/exec')) return undefined;
  return attachStreaming(cluster, kubeletLookup(cluster));
}
