/**
 * The scheduler cache (pkg/scheduler/backend/cache): NodeInfos kept up to date from informer
 * events, plus pods "assumed" onto a node the moment the scheduler picks it, so the next pod
 * already sees the node as fuller, before the binding is written. Matching-pod counts for
 * topology spreading and inter-pod affinity are kept as incremental indexes keyed by
 * (namespaces, selector, topology key): built once on first use, then adjusted per pod event —
 * never a scan of all pods per scheduled pod.
 */
import type { KubeObject } from '../api/types.ts';
import { addPodToNode, newNodeInfo, removePodFromNode } from './node-info.ts';
import { newNodeTable, writeNodeRow, type NodeTable } from './node-table.ts';
import type { MatchSelector, NodeInfo, PodInfo, SchedulerView } from './types.ts';

interface MatchCounter {
  namespaces: ReadonlySet<string> | undefined;
  selector: MatchSelector;
  topologyKey: string;
  counts: Map<string, number>;
}

/** How many distinct (selector, topology key) counters to keep; the least recently used goes first. */
const maxCounters = 512;

/** Reads the scheduler's other informers: one object by key, or all of a resource when `key` is undefined. */
export interface ObjectLookup {
  get(resource: string, key: string): Record<string, unknown> | undefined;
  list(resource: string): readonly Record<string, unknown>[];
}

const noObjects: ObjectLookup = { get: () => undefined, list: () => [] };

/** Nodes and placed pods as the scheduler sees them. */
export class SchedulerCache implements SchedulerView {
  private nodeInfos = new Map<string, NodeInfo>();
  /** Pods placed on nodes the cache has not seen yet (the node informer may lag the pod informer). */
  private orphans = new Map<string, NodeInfo>();
  private nodeList: NodeInfo[] | undefined;
  /** Resource figures indexed like nodeList (rebuilt with it), and each node's index there. */
  private table: NodeTable | undefined;
  private indexByName = new Map<string, number>();
  private placed = new Map<string, PodInfo>();
  private assumedPods = new Set<string>();
  private antiAffinity = new Map<string, PodInfo>();
  private counters = new Map<string, MatchCounter>();

  constructor(private readonly lookup: ObjectLookup = noObjects) {}

  /** Add or replace a node; its pods stay. Label changes invalidate the topology counts. */
  setNode(object: KubeObject): void {
    const name = object.metadata.name!;
    const previous = this.nodeInfos.get(name) ?? this.orphans.get(name);
    this.orphans.delete(name);
    const info = newNodeInfo(object, name, previous?.pods);
    if (!previous || !sameLabels(previous.labels, info.labels)) this.counters.clear();
    if (!this.nodeInfos.has(name)) this.nodeList = undefined;
    this.nodeInfos.set(name, info);
    if (this.nodeList) {
      const index = this.indexByName.get(name)!;
      this.nodeList[index] = info;
      if (this.table) writeNodeRow(this.table, index, info);
    }
  }

  removeNode(name: string): void {
    const info = this.nodeInfos.get(name);
    if (!info) return;
    this.nodeInfos.delete(name);
    this.nodeList = undefined;
    this.counters.clear();
    if (info.pods.size) this.orphans.set(name, newNodeInfo(undefined, name, info.pods));
  }

  /** Nodes in insertion order (the order the informer delivered them). */
  nodes(): readonly NodeInfo[] {
    if (!this.nodeList) {
      this.nodeList = [...this.nodeInfos.values()];
      this.table = undefined;
      this.indexByName.clear();
      this.nodeList.forEach((node, i) => this.indexByName.set(node.name, i));
    }
    return this.nodeList;
  }

  /** The resource figures of `nodes()`, row i for node i. */
  nodeTable(): NodeTable {
    const nodes = this.nodes();
    this.table ??= newNodeTable(nodes);
    return this.table;
  }

  /** Copy a node's changed sums into its table row. */
  private syncRow(node: NodeInfo): void {
    if (!this.table || !this.nodeList) return;
    const index = this.indexByName.get(node.name);
    if (index !== undefined && this.nodeList[index] === node) writeNodeRow(this.table, index, node);
  }

  node(name: string): NodeInfo | undefined {
    return this.nodeInfos.get(name);
  }

  /** The placed (bound or assumed) pod with this uid. */
  pod(uid: string): PodInfo | undefined {
    return this.placed.get(uid);
  }

  isAssumed(uid: string): boolean {
    return this.assumedPods.has(uid);
  }

  /** Place a pod the informer reports bound (replacing an assumed copy, if any). */
  addPod(pod: PodInfo): void {
    this.removePod(pod.uid);
    this.place(pod);
  }

  /** Place a pod the scheduler has just chosen a node for, before the binding is written. */
  assume(pod: PodInfo, nodeName: string): PodInfo {
    const assumed: PodInfo = { ...pod, nodeName };
    this.removePod(pod.uid);
    this.place(assumed);
    this.assumedPods.add(pod.uid);
    return assumed;
  }

  /** Undo `assume` after a failed binding. */
  forget(uid: string): void {
    if (this.assumedPods.has(uid)) this.removePod(uid);
  }

  removePod(uid: string): void {
    const pod = this.placed.get(uid);
    if (!pod) return;
    this.placed.delete(uid);
    this.assumedPods.delete(uid);
    this.antiAffinity.delete(uid);
    const node = this.nodeInfos.get(pod.nodeName) ?? this.orphans.get(pod.nodeName);
    if (node) {
      removePodFromNode(node, pod);
      this.syncRow(node);
      this.count(pod, node, -1);
      if (!this.nodeInfos.has(node.name) && node.pods.size === 0) this.orphans.delete(node.name);
    }
  }

  private place(pod: PodInfo): void {
    this.placed.set(pod.uid, pod);
    if (pod.hasRequiredAntiAffinity && !pod.terminating) this.antiAffinity.set(pod.uid, pod);
    let node = this.nodeInfos.get(pod.nodeName) ?? this.orphans.get(pod.nodeName);
    if (!node) {
      node = newNodeInfo(undefined, pod.nodeName);
      this.orphans.set(pod.nodeName, node);
    }
    addPodToNode(node, pod);
    this.syncRow(node);
    this.count(pod, node, 1);
  }

  private count(pod: PodInfo, node: NodeInfo, delta: number): void {
    if (pod.terminating || this.counters.size === 0) return;
    for (const counter of this.counters.values()) {
      const domain = node.labels[counter.topologyKey];
      if (domain === undefined || !this.nodeInfos.has(node.name)) continue;
      if (counter.namespaces && !counter.namespaces.has(pod.namespace)) continue;
      if (!counter.selector.matches(pod.labels)) continue;
      counter.counts.set(domain, (counter.counts.get(domain) ?? 0) + delta);
    }
  }

  countMatching(namespaces: readonly string[] | undefined, selector: MatchSelector, topologyKey: string): ReadonlyMap<string, number> {
    const key = `${namespaces?.join(',') ?? '*'}|${selector.key}|${topologyKey}`;
    let counter = this.counters.get(key);
    if (counter) return counter.counts;
    counter = { namespaces: namespaces && new Set(namespaces), selector, topologyKey, counts: new Map() };
    for (const node of this.nodeInfos.values()) {
      const domain = node.labels[topologyKey];
      if (domain === undefined) continue;
      let n = 0;
      for (const pod of node.pods.values()) {
        if (pod.terminating || (counter.namespaces && !counter.namespaces.has(pod.namespace))) continue;
        if (selector.matches(pod.labels)) n++;
      }
      if (n) counter.counts.set(domain, (counter.counts.get(domain) ?? 0) + n);
    }
    if (this.counters.size >= maxCounters) this.counters.delete(this.counters.keys().next().value!);
    this.counters.set(key, counter);
    return counter.counts;
  }

  podsWithRequiredAntiAffinity(): Iterable<PodInfo> {
    return this.antiAffinity.values();
  }

  object(resource: string, key: string): Record<string, unknown> | undefined {
    return this.lookup.get(resource, key);
  }

  list(resource: string): readonly Record<string, unknown>[] {
    return this.lookup.list(resource);
  }
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}
