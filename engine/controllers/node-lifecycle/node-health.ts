/**
 * The node-lifecycle controller's arithmetic, apart from any API: when a node counts as silent,
 * how its conditions turn Unknown, and which taints its conditions call for
 * (pkg/controller/nodelifecycle: tryUpdateNodeHealth, doNoScheduleTaintingPass,
 * processTaintBaseEviction). Pure functions over plain objects, so they are tested by tables.
 */
import { rfc3339 } from '../../clock.ts';
import type { KubeObject } from '../../api/types.ts';

/** `--node-monitor-period`: how often the controller looks at every node. */
export const nodeMonitorPeriodMs = 5_000;
/** `--node-monitor-grace-period`: 50 s since 1.32 (PR #126287; it was 40 s before). */
export const nodeMonitorGracePeriodMs = 50_000;
/** `--node-startup-grace-period`: a node that never posted status gets this long. */
export const nodeStartupGracePeriodMs = 60_000;

export interface NodeCondition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export const unreachableTaintKey = 'node.kubernetes.io/unreachable';
export const notReadyTaintKey = 'node.kubernetes.io/not-ready';
export const unschedulableTaintKey = 'node.kubernetes.io/unschedulable';

/** The NoExecute taints the controller puts on a node whose Ready is Unknown / False. */
export const unreachableNoExecute: Taint = { key: unreachableTaintKey, effect: 'NoExecute' };
export const notReadyNoExecute: Taint = { key: notReadyTaintKey, effect: 'NoExecute' };

/**
 * nodeConditionToTaintKeyStatusMap: which condition status calls for which NoSchedule taint.
 * Ready=False is "not-ready"; Ready=Unknown (the controller's own verdict) is "unreachable".
 */
const conditionTaints: Record<string, Record<string, string>> = {
  Ready: { False: notReadyTaintKey, Unknown: unreachableTaintKey },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const conditionTaintKeys = new Set(Object.values(conditionTaints).flatMap((m) => Object.values(m)));

/** The conditions the controller turns Unknown, Ready first (NetworkUnavailable is left alone). */
const silencedConditionTypes = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** The node's status conditions (never the cached array itself: callers copy before changing). */
export function conditionsOf(node: KubeObject): NodeCondition[] {
  return ((node.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []);
}

/** The node's Ready condition, if the kubelet (or this controller) ever posted one. */
export function readyCondition(node: KubeObject): NodeCondition | undefined {
  return conditionsOf(node).find((c) => c.type === 'Ready');
}

/** The node's taints. */
export function taintsOf(node: KubeObject): Taint[] {
  return ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []);
}

/**
 * The conditions after a grace period without heartbeats: each of Ready, MemoryPressure,
 * DiskPressure and PIDPressure becomes Unknown (`NodeStatusUnknown`, "Kubelet stopped posting
 * node status.") keeping its lastHeartbeatTime; one that was never posted is added as
 * `NodeStatusNeverUpdated`. A condition already Unknown is left as it is.
 */
export function silencedConditions(node: KubeObject, now: number): NodeCondition[] {
  const conditions = conditionsOf(node).map((c) => ({ ...c }));
  const at = rfc3339(now);
  for (const type of silencedConditionTypes) {
    const current = conditions.find((c) => c.type === type);
    if (!current) {
      conditions.push({
        type, status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp ?? at, lastTransitionTime: at,
        reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
      });
    } else if (current.status !== 'Unknown') {
      Object.assign(current, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: at });
    }
  }
  return conditions;
}

/** Taints match when key and effect match (v1.Taint.MatchTaint). */
export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/**
 * The NoSchedule taints a node's conditions and `spec.unschedulable` call for, in condition order
 * (doNoScheduleTaintingPass): a cordoned node gets `node.kubernetes.io/unschedulable:NoSchedule`.
 */
export function wantedNoScheduleTaints(node: KubeObject): Taint[] {
  const taints: Taint[] = [];
  for (const condition of conditionsOf(node)) {
    const key = conditionTaints[condition.type]?.[condition.status];
    if (key) taints.push({ key, effect: 'NoSchedule' });
  }
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) taints.push({ key: unschedulableTaintKey, effect: 'NoSchedule' });
  return taints;
}

/** The node's NoSchedule taints this controller owns (condition taints and unschedulable). */
export function ownedNoScheduleTaints(node: KubeObject): Taint[] {
  return taintsOf(node).filter((t) => t.effect === 'NoSchedule' && (t.key === unschedulableTaintKey || conditionTaintKeys.has(t.key)));
}

/**
 * SwapNodeControllerTaint: add `add` (stamped with timeAdded = now, replacing a taint with the
 * same key and effect) and drop `remove`. Returns the new list, or undefined when nothing changes.
 */
export function swapTaints(current: Taint[], add: Taint[], remove: Taint[], now: number): Taint[] | undefined {
  const missing = add.filter((t) => !current.some((c) => sameTaint(c, t)));
  const dropping = current.filter((c) => remove.some((t) => sameTaint(c, t)));
  if (!missing.length && !dropping.length) return undefined;
  const kept = current.filter((c) => !remove.some((t) => sameTaint(c, t)));
  return [...kept, ...missing.map((t) => ({ ...t, timeAdded: rfc3339(now) }))];
}

/**
 * The NoExecute taint change processTaintBaseEviction makes for the Ready status observed:
 * Unknown → unreachable (swapping out not-ready), False → not-ready (swapping out unreachable),
 * True → neither.
 */
export function noExecuteChange(readyStatus: string): { add: Taint[]; remove: Taint[] } {
  if (readyStatus === 'Unknown') return { add: [unreachableNoExecute], remove: [notReadyNoExecute] };
  if (readyStatus === 'False') return { add: [notReadyNoExecute], remove: [unreachableNoExecute] };
  return { add: [], remove: [unreachableNoExecute, notReadyNoExecute] };
}
