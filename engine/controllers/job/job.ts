/**
 * The Job controller (pkg/controller/job/job_controller.go, v1.32): run a Job's pods to
 * completion. Handlers only enqueue: a new Job or a spec change syncs at once, pod events and
 * status-only updates one second later (`syncJobBatchPeriod`), so a burst of pod changes makes
 * one sync. `sync` is a ladder of guards — gone → finished → managed elsewhere → unknown mode —
 * then sync-job.ts does the work. Orphan pods still holding the tracking finalizer are queued
 * under `pod:<ns>/<name>` and released here too (upstream's orphanQueue).
 */
import type { KubeObject } from '../../api/types.ts';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.ts';
import type { Controller, ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { EventRecorder } from '../../runtime/events.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';
import { WorkQueue } from '../../runtime/workqueue.ts';
import { claim } from '../replicaset/controller-ref.ts';
import { ControllerExpectations } from '../replicaset/expectations.ts';
import { OwnerIndex } from '../replicaset/pod-index.ts';
import { PodControl } from '../replicaset/pod-control.ts';
import { controllerOf, timeOf, withKind } from '../replicaset/types.ts';
import type { BackoffRecord } from './backoff.ts';
import { removeTrackingFinalizer, type JobDeps } from './context.ts';
import { syncJobBatchPeriod } from './manage.ts';
import { newSyncContext, syncJobPods } from './sync-job.ts';
import type { JobStatus } from './types.ts';
import { hasTrackingFinalizer, isJobFinished, jobSpec } from './types.ts';

const jobsPath = '/apis/batch/v1/jobs';
const orphanPrefix = 'pod:';
/** The `spec.managedBy` value that means "this controller". */
export const jobControllerName = 'kubernetes.io/job-controller';

/** Creates, counts and cleans up the pods of every Job, and writes Job status. */
export class JobController implements Controller {
  readonly name = 'job-controller';
  readonly queue = new WorkQueue();
  private env!: ControllerEnv;
  private jobs!: Informer;
  private pods = new OwnerIndex();
  /** Every pod by `ns/name`, for the orphan-finalizer queue. */
  private podsByKey = new Map<string, KubeObject>();
  private deps!: JobDeps;

  start(env: ControllerEnv): void {
    this.env = env;
    const recorder = new EventRecorder(env.api, env.clock, { component: this.name });
    this.deps = {
      api: env.api, clock: env.clock, recorder,
      podControl: new PodControl(env.api, recorder),
      expectations: new ControllerExpectations(env.clock),
      backoffs: new Map<string, BackoffRecord>(),
      requeueAt: (key, at) => this.queue.addAt(key, at),
    };
    this.jobs = env.informer(jobsPath);
    this.jobs.addHandler({
      onAdd: (job) => this.queue.add(keyOf(job)),
      onUpdate: (old, job) => this.updateJob(old, job),
      onDelete: (job) => {
        this.queue.add(keyOf(job));
        this.cleanupPodFinalizers(job);
      },
    });
    env.informer('/api/v1/pods').addHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, pod) => this.updatePod(old, pod),
      onDelete: (pod) => this.deletePod(pod, true),
    });
  }

  private enqueueBatched(job: KubeObject): void {
    this.queue.addAt(keyOf(job), this.env.clock.now() + syncJobBatchPeriod);
  }

  private updateJob(old: KubeObject, job: KubeObject): void {
    if (old.metadata.generation === job.metadata.generation) this.enqueueBatched(job);
    else this.queue.add(keyOf(job));
    // Finished Jobs never sync again: release any pod still holding the finalizer.
    if (isJobFinished(job)) this.cleanupPodFinalizers(job);
    const startTime = (job.status as JobStatus | undefined)?.startTime;
    const deadline = jobSpec(job).activeDeadlineSeconds;
    if (startTime && deadline !== undefined && jobSpec(old).activeDeadlineSeconds !== deadline) {
      this.queue.addAt(keyOf(job), timeOf(startTime) + deadline * 1000);
    }
  }

  /** The Job a controllerRef points at, if it is in the cache with that UID. */
  private resolve(pod: KubeObject): KubeObject | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'Job') return undefined;
    const job = this.jobs.get(`${pod.metadata.namespace}/${ref.name}`);
    return job?.metadata.uid === ref.uid ? job : undefined;
  }

  private addPod(pod: KubeObject): void {
    this.pods.upsert(undefined, pod);
    this.podsByKey.set(keyOf(pod), pod);
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod, false);
    const job = this.resolve(pod);
    if (job) {
      this.deps.expectations.creationObserved(keyOf(job));
      this.enqueueBatched(job);
      return;
    }
    if (!controllerOf(pod) && hasTrackingFinalizer(pod)) this.queue.add(orphanPrefix + keyOf(pod));
  }

  private updatePod(old: KubeObject, pod: KubeObject): void {
    this.pods.upsert(old, pod);
    this.podsByKey.set(keyOf(pod), pod);
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod, false);
    const oldRef = controllerOf(old), ref = controllerOf(pod);
    if (oldRef && oldRef.uid !== ref?.uid) {
      const oldJob = this.resolve(old);
      if (oldJob) this.enqueueBatched(oldJob);
    }
    if (ref) {
      const job = this.resolve(pod);
      if (job) this.enqueueBatched(job);
      return;
    }
    if (hasTrackingFinalizer(pod)) this.queue.add(orphanPrefix + keyOf(pod));
  }

  private deletePod(pod: KubeObject, final: boolean): void {
    if (final) {
      this.pods.remove(pod);
      this.podsByKey.delete(keyOf(pod));
    }
    const job = this.resolve(pod);
    if (!job || isJobFinished(job)) {
      if (hasTrackingFinalizer(pod) && !final) this.queue.add(orphanPrefix + keyOf(pod));
      return;
    }
    this.deps.expectations.deletionObserved(keyOf(job), keyOf(pod));
    this.enqueueBatched(job);
  }

  /** `cleanupPodFinalizers`: queue the Job's pods that still hold the finalizer for release. */
  private cleanupPodFinalizers(job: KubeObject): void {
    for (const pod of this.pods.owned(job.metadata.uid!)) if (hasTrackingFinalizer(pod)) this.queue.add(orphanPrefix + keyOf(pod));
  }

  sync(key: string): SyncResult {
    if (key.startsWith(orphanPrefix)) return this.syncOrphanPod(key.slice(orphanPrefix.length));
    const cached = this.jobs.get(key);
    if (!cached) {
      this.deps.expectations.delete(key);
      this.deps.backoffs.delete(key);
      return;
    }
    if (isJobFinished(cached)) {
      this.deps.backoffs.delete(key);
      return;
    }
    const managedBy = jobSpec(cached).managedBy;
    if (managedBy !== undefined && managedBy !== jobControllerName) return;
    const mode = jobSpec(cached).completionMode;
    if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.deps.recorder.event(withKind(cached, 'batch/v1', 'Job'), 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return;
    }
    const job = withKind(structuredClone(cached), 'batch/v1', 'Job');
    const status = (job.status ??= {}) as JobStatus;
    status.uncountedTerminatedPods ??= {};
    // Expectations are read before the pods, so a pod arriving in between only delays the sync.
    const satisfied = this.deps.expectations.satisfied(key);
    const ctx = newSyncContext(key, job, this.podsForJob(job), this.deps);
    syncJobPods(this.deps, ctx, satisfied);
  }

  /** `getPodsForJob`: owned pods plus adoptable orphans of the namespace. */
  private podsForJob(job: KubeObject): KubeObject[] {
    const selector = labelSelectorAsSelector(jobSpec(job).selector);
    if (!selector.ok) throw new Error(`couldn't convert Job selector: ${keyOf(job)}`);
    const namespace = job.metadata.namespace!;
    const candidates = [...this.pods.owned(job.metadata.uid!), ...this.pods.orphansIn(namespace)];
    return claim({
      api: this.env.api, owner: job, ownerKind: { apiVersion: 'batch/v1', kind: 'Job' }, ownerPath: `/apis/batch/v1/namespaces/${namespace}/jobs`,
      selector: selector.value, pathOf: (pod) => `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}`,
    }, candidates);
  }

  /** `syncOrphanPod`: drop the finalizer of a pod no unfinished Job of ours controls. */
  private syncOrphanPod(podKey: string): void {
    const pod = this.podsByKey.get(podKey);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.resolve(pod);
      if (job && !isJobFinished(job)) return;
    }
    if (!removeTrackingFinalizer(this.deps, pod)) throw new Error(`removing tracking finalizer of ${podKey}`);
  }
}
