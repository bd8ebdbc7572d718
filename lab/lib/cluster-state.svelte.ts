/**
 * What the cluster view shows, as reactive state built from the worker's change batches. Maps are
 * `$state.raw` and replaced, never mutated, so a batch costs one reactive update per frame.
 */
import type { ChangeBatch, NamespaceSummary, NodeSummary, PodSummary, TimeState } from '../../worker/protocol.ts';

/** The cluster as the page knows it. */
export class ClusterState {
  nodes = $state.raw(new Map<string, NodeSummary>());
  pods = $state.raw(new Map<string, PodSummary>());
  namespaces = $state.raw(new Map<string, NamespaceSummary>());
  time = $state.raw<TimeState>({ time: '', speed: 0, now: 0 });

  /** Apply one squashed batch. */
  apply(batch: ChangeBatch): void {
    const nodes = batch.reset ? new Map<string, NodeSummary>() : new Map(this.nodes);
    const pods = batch.reset ? new Map<string, PodSummary>() : new Map(this.pods);
    const namespaces = batch.reset ? new Map<string, NamespaceSummary>() : new Map(this.namespaces);
    for (const key of batch.removed) {
      nodes.delete(key);
      pods.delete(key);
      namespaces.delete(key);
    }
    for (const object of batch.changed) {
      if (object.kind === 'Node') nodes.set(object.key, object);
      else if (object.kind === 'Pod') pods.set(object.key, object);
      else namespaces.set(object.key, object);
    }
    this.nodes = nodes;
    this.pods = pods;
    this.namespaces = namespaces;
    this.time = batch.time;
  }
}
