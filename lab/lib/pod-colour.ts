/**
 * The colour class of a pod card, from what `kubectl get pods` shows in STATUS: green once
 * running and ready, amber while starting, red for errors and back-offs, grey when done or going.
 */
import type { PodSummary } from '../../worker/protocol.ts';

/** The tone of a pod's card. */
export type PodTone = 'ok' | 'starting' | 'error' | 'done' | 'going';

const errorReasons = /Err|BackOff|Failed|Error|OOMKilled|Invalid|Evicted|NodeLost|Unknown/;

/** The tone of a pod's card. */
export function podTone(pod: Pick<PodSummary, 'phase' | 'status' | 'ready'>): PodTone {
  if (pod.status === 'Terminating') return 'going';
  if (errorReasons.test(pod.status) || pod.phase === 'Failed') return 'error';
  if (pod.phase === 'Succeeded' || pod.status === 'Completed') return 'done';
  if (pod.phase === 'Running') {
    const [ready, total] = pod.ready.split('/');
    return ready === total ? 'ok' : 'starting';
  }
  return 'starting';
}
