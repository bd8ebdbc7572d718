/**
 * Which pods a ReplicaSet deletes first when it scales down: upstream's `ActivePodsWithRanks`
 * order, cheapest loss first. Unscheduled before scheduled, Pending before Unknown before Running,
 * not ready before ready, lower `controller.kubernetes.io/pod-deletion-cost` first, pods doubled
 * up on a node with their siblings first, then the most recently ready, the most restarted and the
 * youngest — the last two on a logarithmic scale (LogarithmicScaleDown, on since 1.22), so pods
 * created 5 s and 7 s ago count as equally young and the UID decides.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodActive, isPodReady, podStatus, readyCondition, timeOf } from './types.ts';

const phaseOrdinal: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** `controller.kubernetes.io/pod-deletion-cost`, 0 when absent or not an int32. */
function deletionCost(pod: KubeObject): number {
  const value = pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (value === undefined || !/^-?\d+$/.test(value)) return 0;
  return Number(value);
}

function nodeName(pod: KubeObject): string {
  return ((pod.spec ?? {}) as { nodeName?: string }).nodeName ?? '';
}

function maxRestarts(pod: KubeObject): number {
  return Math.max(0, ...(podStatus(pod).containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

/** `logarithmicRankDiff`: compare ages by the power of two of their nanoseconds. */
function logRank(at: number, now: number): number {
  const nanos = (now - at) * 1e6;
  return nanos > 0 ? Math.floor(Math.log2(nanos)) : -1;
}

/** Negative when `a` should go first: the later time (or the zero time) goes first. */
function compareTimes(a: KubeObject, b: KubeObject, ta: number, tb: number, now: number): number {
  if (ta === tb) return 0;
  if (ta === 0 || tb === 0) return ta === 0 ? -1 : 1;
  const diff = logRank(ta, now) - logRank(tb, now);
  if (diff !== 0) return diff;
  const ua = a.metadata.uid ?? '', ub = b.metadata.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * `getPodsToDelete`: the first `count` of `pods` in deletion order. `related` are the active pods
 * of every ReplicaSet of the same owner, used to rank pods doubled up on a node.
 */
export function podsToDelete(pods: KubeObject[], related: Iterable<KubeObject>, count: number, now: number): KubeObject[] {
  if (count >= pods.length) return pods.slice();
  const onNode = new Map<string, number>();
  for (const pod of related) if (isPodActive(pod)) onNode.set(nodeName(pod), (onNode.get(nodeName(pod)) ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(nodeName(pod)) ?? 0 }));
  ranked.sort((x, y) => compareForDeletion(x.pod, y.pod, x.rank, y.rank, now));
  return ranked.slice(0, count).map((r) => r.pod);
}

/** `ActivePodsWithRanks.Less` as a comparator: negative when `a` is deleted before `b`. */
export function compareForDeletion(a: KubeObject, b: KubeObject, rankA: number, rankB: number, now: number): number {
  const na = nodeName(a), nb = nodeName(b);
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = phaseOrdinal[podStatus(a).phase ?? ''] ?? 0, pb = phaseOrdinal[podStatus(b).phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a), rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a), cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const byReady = compareTimes(a, b, timeOf(readyCondition(a)?.lastTransitionTime), timeOf(readyCondition(b)?.lastTransitionTime), now);
    if (byReady !== 0) return byReady;
  }
  const restarts = maxRestarts(b) - maxRestarts(a);
  if (restarts !== 0) return restarts;
  return compareTimes(a, b, timeOf(a.metadata.creationTimestamp), timeOf(b.metadata.creationTimestamp), now);
}
