/**
 * ReplicaSet status, as `calculateStatus` in pkg/controller/replicaset computes it: `replicas`
 * counts active pods the ReplicaSet controls, `fullyLabeledReplicas` those whose labels match
 * the template's labels, `readyReplicas` the Ready ones, `availableReplicas` those Ready for longer
 * than minReadySeconds. A failed create or delete sets the `ReplicaFailure` condition.
 */
import { rfc3339 } from '../../clock.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ReplicaSetCondition, ReplicaSetStatus } from './types.ts';
import { isPodAvailable, isPodReady, readyCondition, rsSpec, rsStatus, specReplicas } from './types.ts';

/** The status the ReplicaSet should have; `manageError` is the text of a failed create/delete. */
export function calculateStatus(rs: KubeObject, pods: KubeObject[], manageError: string | undefined, now: number): ReplicaSetStatus {
  const spec = rsSpec(rs);
  const templateLabels = Object.entries(spec.template?.metadata?.labels ?? {});
  const minReadySeconds = spec.minReadySeconds ?? 0;
  let fullyLabeled = 0, ready = 0, available = 0;
  for (const pod of pods) {
    const labels = pod.metadata.labels ?? {};
    if (templateLabels.every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  const old = rsStatus(rs);
  let conditions = old.conditions ?? [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError !== undefined && !failure) {
    const diff = pods.length - specReplicas(rs);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const condition: ReplicaSetCondition = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageError };
    conditions = [...conditions, condition];
  } else if (manageError === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: old.observedGeneration ?? 0,
  };
  if (conditions.length) status.conditions = conditions;
  return status;
}

/** True when `status` differs from what is stored, or the spec has not been observed yet. */
export function statusNeedsUpdate(rs: KubeObject, status: ReplicaSetStatus): boolean {
  const old = rsStatus(rs);
  return (old.replicas ?? 0) !== status.replicas
    || (old.fullyLabeledReplicas ?? 0) !== status.fullyLabeledReplicas
    || (old.readyReplicas ?? 0) !== status.readyReplicas
    || (old.availableReplicas ?? 0) !== status.availableReplicas
    || (old.observedGeneration ?? 0) !== (rs.metadata.generation ?? 0)
    || JSON.stringify(old.conditions ?? []) !== JSON.stringify(status.conditions ?? []);
}

/**
 * When the next Ready pod becomes available: its Ready lastTransitionTime plus minReadySeconds,
 * plus 1 ms because availability needs strictly more than minReadySeconds. Upstream requeues
 * after minReadySeconds and relies on wall-clock jitter; virtual time has none.
 */
export function nextAvailableAt(rs: KubeObject, pods: KubeObject[], now: number): number | undefined {
  const minReadySeconds = rsSpec(rs).minReadySeconds ?? 0;
  if (minReadySeconds === 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (!isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) continue;
    const since = readyCondition(pod)?.lastTransitionTime;
    if (!since) continue;
    const at = Date.parse(since) + minReadySeconds * 1000 + 1;
    if (next === undefined || at < next) next = at;
  }
  return next;
}
