/**
 * The pod-failure back-off of the Job controller (backoff_utils.go): after a pod fails, its
 * replacement waits 10 s, and each further failure without a success in between doubles the wait,
 * up to 10 minutes (`DefaultJobPodFailureBackOff`, `MaxJobPodFailureBackOff`). The wait is counted
 * from the moment the last pod finished, not from when the controller noticed.
 *
 * Example: three pods fail at 12:00:05, 12:00:16 and 12:00:37. After the third failure the wait is
 * 10 s · 2² = 40 s from 12:00:37, so the fourth pod is created at 12:01:17.
 */
import type { KubeObject } from '../../api/types.ts';
import { podStatus, timeOf } from '../replicaset/types.ts';

/** `DefaultJobPodFailureBackOff`. */
export const defaultPodFailureBackoff = 10_000;
/** `MaxJobPodFailureBackOff` (the docs say "capped at six minutes"; the code says ten). */
export const maxPodFailureBackoff = 600_000;

/** What the controller remembers per Job between syncs: failures since the last success. */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  /** ms since the epoch of the latest counted failure, if any. */
  lastFailureTime?: number;
}

interface ContainerStatusView {
  state?: { terminated?: { finishedAt?: string } };
}

/**
 * `getFinishedTime`: when the pod finished — the latest container finishedAt if every container
 * has terminated, else the Ready=False transition, else deletion time minus grace, else creation.
 */
export function finishedTime(pod: KubeObject): number {
  const statuses = ((pod.status ?? {}) as { containerStatuses?: ContainerStatusView[] }).containerStatuses ?? [];
  let latest: number | undefined;
  let allTerminated = true;
  for (const status of statuses) {
    const finishedAt = status.state?.terminated?.finishedAt;
    if (!finishedAt) {
      allTerminated = false;
      break;
    }
    latest = Math.max(latest ?? 0, timeOf(finishedAt));
  }
  if (allTerminated && latest !== undefined) return latest;
  const ready = podStatus(pod).conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return timeOf(ready.lastTransitionTime);
  if (pod.metadata.deletionTimestamp) return timeOf(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return timeOf(pod.metadata.creationTimestamp);
}

/**
 * `newBackoffRecord`: fold this sync's newly finished pods into the record. A success resets the
 * count; failures that finished after the latest success still count.
 */
export function nextBackoffRecord(old: BackoffRecord | undefined, succeeded: KubeObject[], failed: KubeObject[]): BackoffRecord {
  const record: BackoffRecord = { failuresAfterLastSuccess: old?.failuresAfterLastSuccess ?? 0, lastFailureTime: old?.lastFailureTime };
  const failedTimes = failed.map(finishedTime).sort((a, b) => a - b);
  if (succeeded.length === 0) {
    if (failedTimes.length === 0) return record;
    return { failuresAfterLastSuccess: record.failuresAfterLastSuccess + failedTimes.length, lastFailureTime: failedTimes[failedTimes.length - 1] };
  }
  const lastSuccess = Math.max(...succeeded.map(finishedTime));
  const after = failedTimes.filter((t) => t > lastSuccess);
  return after.length ? { failuresAfterLastSuccess: after.length, lastFailureTime: after[after.length - 1] } : { failuresAfterLastSuccess: 0 };
}

/**
 * `getRemainingTimeForFailuresCount`: how long pod creation must still wait. 1 failure → 10 s,
 * 2 → 20 s, 3 → 40 s … capped at 10 min, minus the time since the last failure.
 */
export function remainingBackoff(record: BackoffRecord, now: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let backoff = defaultPodFailureBackoff;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= maxPodFailureBackoff) {
      backoff = maxPodFailureBackoff;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
