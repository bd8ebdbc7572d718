/**
 * What the cluster view shows, as reactive state built from the worker's change batches. Nodes and
 * namespaces are `$state.raw` maps, replaced (never mutated) only when a batch touches them. Pods are
 * grouped by node (lib/pod-groups.ts) and each group is its own reactive cell, so a batch redraws
 * only the node cards whose pods changed: with 1,000 pods rolling out, a frame costs what changed.
 */
import type { ChangeBatch, NamespaceSummary, NodeSummary, PodSummary, TimeState } from '../../worker/protocol.ts';
import { PodGroups } from './pod-groups.ts';

/** One node's pods ('' = unscheduled), replaced when one of them changes. */
class PodCell {
  list = $state.raw<readonly PodSummary[]>([]);
}

/** The cluster as the page knows it. */
export class ClusterState {
  nodes = $state.raw(new Map<string, NodeSummary>());
  namespaces = $state.raw(new Map<string, NamespaceSummary>());
  time = $state.raw<TimeState>({ time: '', speed: 0, now: 0 });
  /** How many pods the page holds (all namespaces). */
  podCount = $state(0);
  private readonly groups = new PodGroups();
  private readonly cells = new Map<string, PodCell>([['', new PodCell()]]);

  /** The pods bound to `node` ('' = not scheduled), sorted by namespace and name; reactive per node. */
  podsOn(node: string): readonly PodSummary[] {
    return this.cells.get(node)?.list ?? this.groups.list(node);
  }

  private cell(node: string): PodCell {
    let cell = this.cells.get(node);
    if (!cell) this.cells.set(node, (cell = new PodCell()));
    return cell;
  }

  /** Apply one squashed batch. */
  apply(batch: ChangeBatch): void {
    const touched = batch.reset ? this.groups.clear() : new Set<string>();
    let nodes: Map<string, NodeSummary> | undefined = batch.reset ? new Map() : undefined;
    let namespaces: Map<string, NamespaceSummary> | undefined = batch.reset ? new Map() : undefined;
    const pods: PodSummary[] = [];
    const removedPods: string[] = [];
    for (const key of batch.removed) {
      // Keys are `Kind/namespace/name` (worker/summaries.ts).
      if (key.startsWith('Node/')) (nodes ??= new Map(this.nodes)).delete(key);
      else if (key.startsWith('Namespace/')) (namespaces ??= new Map(this.namespaces)).delete(key);
      else removedPods.push(key);
    }
    for (const object of batch.changed) {
      if (object.kind === 'Node') {
        (nodes ??= new Map(this.nodes)).set(object.key, object);
        this.cell(object.name);
      } else if (object.kind === 'Pod') pods.push(object);
      else (namespaces ??= new Map(this.namespaces)).set(object.key, object);
    }
    for (const node of this.groups.apply(pods, removedPods)) touched.add(node);
    for (const node of touched) this.cell(node).list = this.groups.list(node);
    if (nodes) this.nodes = nodes;
    if (namespaces) this.namespaces = namespaces;
    if (this.podCount !== this.groups.size) this.podCount = this.groups.size;
    this.time = batch.time;
  }
}
