/**
 * The scheduler framework's vocabulary (pkg/scheduler/framework/interface.go): a plugin implements
 * some of PreFilter, Filter, PreScore and Score, and every phase answers with a `Status` value
 * rather than throwing. The framework turns those statuses into the decision record, and the
 * decision record into the FailedScheduling message.
 */
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { NodeTable } from './node-table.ts';

/**
 * The status codes of framework.Code. `Unschedulable` means preemption might help on this node;
 * `UnschedulableAndUnresolvable` means it cannot (taints, affinity, a node name); `Skip` from a
 * PreFilter or PreScore means "nothing for me to do for this pod".
 */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

/** A plugin's answer: a code, the reasons a learner reads, and which plugin said it. */
export interface Status {
  code: Code;
  reasons: readonly string[];
  plugin?: string;
}

/** The one shared success value: the hot loop never allocates for a node that fits. */
export const success: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) as readonly string[] });

/** The one shared skip value. */
export const skip: Status = Object.freeze({ code: 'Skip', reasons: Object.freeze([]) as readonly string[] });

/** A shared, frozen rejection for a reason that never varies: the hot loop reuses it for every node. */
export function constantStatus(plugin: string, code: Code, reason: string): Status {
  return Object.freeze({ code, reasons: Object.freeze([reason]) as readonly string[], plugin });
}

/** A rejection that preemption may resolve (e.g. `Insufficient cpu`). */
export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

/** A rejection preemption cannot resolve (e.g. an untolerated taint). */
export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

/** Resource amounts as plain numbers: cpu in millicores, memory and storage in bytes. */
export interface Resources {
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (`nvidia.com/gpu`, hugepages…) by name; usually empty. */
  scalar: Map<string, number> | undefined;
}

/**
 * A pod with everything the hot loop needs parsed once (framework.PodInfo): requests as numbers,
 * so no quantity string is read per (pod, node) check.
 */
export interface PodInfo {
  pod: Pod;
  uid: string;
  namespace: string;
  name: string;
  /** `namespace/name`, the queue key. */
  key: string;
  labels: Readonly<Record<string, string>>;
  requests: Resources;
  /** Requests with the scheduler's defaults for containers that ask for nothing (100m cpu, 200Mi memory). */
  nonZeroCpu: number;
  nonZeroMemory: number;
  priority: number;
  tolerations: readonly Toleration[];
  /** Terminating pods still hold their resources but no longer count for spreading or affinity. */
  terminating: boolean;
  /** The node this pod is bound (or assumed) to. */
  nodeName: string;
  /** Has required pod anti-affinity terms, which other pods must respect. */
  hasRequiredAntiAffinity: boolean;
  /** Creation time in ms, for the queue's FIFO order within a priority. */
  created: number;
}

/** A node with its allocatable and the sums of what the pods on it request (framework.NodeInfo). */
export interface NodeInfo {
  name: string;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  unschedulable: boolean;
  allocatable: Resources;
  allowedPodNumber: number;
  requested: Resources;
  nonZeroCpu: number;
  nonZeroMemory: number;
  /** The pods bound or assumed here, by uid. */
  pods: Map<string, PodInfo>;
  /** Interned topology domain per topology key id, filled on first use (topology-domains.ts). */
  domainIds?: number[];
}

/**
 * Per-cycle scratch space (framework.CycleState): what a plugin's PreFilter or PreScore computes
 * once for the pod and its Filter or Score reads for each node.
 */
export type CycleState = Map<string, unknown>;

/** What a plugin may read besides the pod and node: the cluster as the scheduler cache sees it. */
export interface SchedulerView {
  /** Every node, in a stable order. */
  nodes(): readonly NodeInfo[];
  /** The nodes' resource figures indexed like `nodes()` (the scheduler cache has it; the fused loops use it when present). */
  nodeTable?(): NodeTable;
  node(name: string): NodeInfo | undefined;
  /** Pods whose labels match `selector` in `namespaces` (undefined = all), counted per value of `topologyKey`. */
  countMatching(namespaces: readonly string[] | undefined, selector: MatchSelector, topologyKey: string): ReadonlyMap<string, number>;
  /** Pods with required anti-affinity terms (few, so scanning them is cheap). */
  podsWithRequiredAntiAffinity(): Iterable<PodInfo>;
  /** An object from the scheduler's other informers (`persistentvolumeclaims`, `replicasets`…) by `ns/name` or name. */
  object(resource: string, key: string): Record<string, unknown> | undefined;
  /** Every object of one of those resources (Services, to find the ones selecting a pod). */
  list(resource: string): readonly Record<string, unknown>[];
}

/** A compiled label selector: matches a label set; `key` identifies it for caching. */
export interface MatchSelector {
  key: string;
  matches(labels: Readonly<Record<string, string>>): boolean;
}

/** A plugin: a name and any of the extension points, each returning a Status. */
export interface Plugin {
  readonly name: string;
}

/** Runs once per pod before the node loop; may reject the pod outright or say Skip. */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, view: SchedulerView): Status;
}

/** Answers "can this pod run on this node?". */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo, view: SchedulerView): Status;
}

/** Gives each feasible node a score; `normalize` rescales the scores to 0–100 when needed. */
export interface ScorePlugin extends Plugin {
  readonly weight: number;
  preScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], view: SchedulerView): Status;
  score(state: CycleState, pod: PodInfo, node: NodeInfo, view: SchedulerView): number;
  normalize?(state: CycleState, scores: Float64Array): void;
}

/** The top score a plugin can give (framework.MaxNodeScore). */
export const maxNodeScore = 100;

/** A type guard for plugins with a PreFilter. */
export function hasPreFilter(plugin: Plugin): plugin is PreFilterPlugin {
  return typeof (plugin as Partial<PreFilterPlugin>).preFilter === 'function';
}

/** A type guard for plugins with a Filter. */
export function hasFilter(plugin: Plugin): plugin is FilterPlugin {
  return typeof (plugin as Partial<FilterPlugin>).filter === 'function';
}

/** A type guard for plugins with a Score. */
export function hasScore(plugin: Plugin): plugin is ScorePlugin {
  return typeof (plugin as Partial<ScorePlugin>).score === 'function';
}
