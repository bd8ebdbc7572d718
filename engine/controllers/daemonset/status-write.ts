/**
 * Writing DaemonSet status (`storeDaemonSetStatus`) and knowing when to look again: a PUT to
 * `daemonsets/NAME/status`, retried once against a fresh read on a conflict (StatusUpdateRetries
 * is 1), and the instant the next Ready pod becomes available under minReadySeconds.
 */
import type { KubeObject } from '../../api/types.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { isPodAvailable, isPodReady, readyCondition } from '../replicaset/types.ts';
import type { DaemonSetStatus } from './types.ts';

/** `StatusUpdateRetries`. */
export const statusUpdateRetries = 1;

/** PUT the status `build` makes from the DaemonSet; throw when it cannot be written. */
export function writeStatus(api: ApiClient, ds: KubeObject, build: (ds: KubeObject) => DaemonSetStatus): void {
  const path = `/apis/apps/v1/namespaces/${ds.metadata.namespace}/daemonsets/${ds.metadata.name}`;
  let current = ds;
  for (let attempt = 0; ; attempt++) {
    const response = api.handle({ method: 'PUT', path: `${path}/status`, body: { ...current, status: build(current) } });
    if (response.status < 300) return;
    if (attempt >= statusUpdateRetries || response.status !== 409) throw new Error(`error storing status for daemon set "${ds.metadata.name}": ${errorText(response)}`);
    const fresh = api.handle({ method: 'GET', path });
    if (fresh.status !== 200) throw new Error(`error storing status for daemon set "${ds.metadata.name}": ${errorText(fresh)}`);
    current = { ...(fresh.body as KubeObject), apiVersion: ds.apiVersion, kind: ds.kind };
  }
}

/**
 * When the next Ready pod becomes available: Ready since + minReadySeconds + 1 ms (availability
 * needs strictly more than minReadySeconds). Upstream requeues after minReadySeconds and relies
 * on wall-clock skew; virtual time has none, so the exact instant is used.
 */
export function nextAvailableAt(pods: readonly KubeObject[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds === 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp || !isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) continue;
    const since = readyCondition(pod)?.lastTransitionTime;
    if (!since) continue;
    const at = Date.parse(since) + minReadySeconds * 1000 + 1;
    if (next === undefined || at < next) next = at;
  }
  return next;
}
