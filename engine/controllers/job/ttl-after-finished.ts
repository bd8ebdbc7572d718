/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * `spec.ttlSecondsAfterFinished` is deleted that many seconds after its Complete/Failed condition,
 * with propagationPolicy Foreground (the garbage collector removes its pods first) and a UID
 * precondition. Before deleting it re-reads the Job from the API, as upstream does, in case the
 * TTL was changed in the meantime. It records no events.
 *
 * Example: completed at 12:00:06 with ttlSecondsAfterFinished 100 → deleted at 12:01:46.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf, splitKey } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { timeOf } from '../replicaset/types.ts';
import { finishedCondition, jobSpec } from './types.ts';

/** `needsCleanup`: has a TTL, is finished, and is not already being deleted. */
function needsCleanup(job: KubeObject): boolean {
  return jobSpec(job).ttlSecondsAfterFinished !== undefined && finishedCondition(job) !== undefined && !job.metadata.deletionTimestamp;
}

/** When the Job may be deleted: the finish time plus the TTL (`timeLeft`). */
export function expireAt(job: KubeObject): number | undefined {
  const finished = finishedCondition(job);
  const ttl = jobSpec(job).ttlSecondsAfterFinished;
  if (!finished?.lastTransitionTime || ttl === undefined) return undefined;
  return timeOf(finished.lastTransitionTime) + ttl * 1000;
}

/** Deletes finished Jobs once their ttlSecondsAfterFinished has passed. */
export class TTLAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private jobs!: Informer;

  start(env: ControllerEnv): void {
    this.env = env;
    this.jobs = env.informer('/apis/batch/v1/jobs');
    const enqueue = (job: KubeObject): void => {
      if (needsCleanup(job)) this.queue.add(keyOf(job));
    };
    this.jobs.addHandler({ onAdd: enqueue, onUpdate: (_old, job) => enqueue(job) });
  }

  sync(key: string): SyncResult {
    const cached = this.jobs.get(key);
    if (!cached || !needsCleanup(cached)) return;
    const now = this.env.clock.now();
    const at = expireAt(cached)!;
    if (at > now) return { requeueAfter: at - now };
    // The cache may be stale: only a fresh read decides whether the Job really expired.
    const { namespace, name } = splitKey(key);
    const path = `/apis/batch/v1/namespaces/${namespace}/jobs/${name}`;
    const fresh = this.env.api.handle({ method: 'GET', path });
    if (fresh.status === 404) return;
    if (fresh.status >= 300) throw new Error(`get job ${key}: ${fresh.status}`);
    const job = fresh.body as KubeObject;
    if (!needsCleanup(job)) return;
    const freshAt = expireAt(job)!;
    if (freshAt > now) return { requeueAfter: freshAt - now };
    const response = this.env.api.handle({
      method: 'DELETE', path,
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } },
    });
    if (response.status >= 300 && response.status !== 404) throw new Error(`delete job ${key}: ${response.status}`);
  }
}
