/**
 * What one Job sync works with (`syncJobCtx` upstream) and what it needs from the controller
 * (API, events, pod control, expectations). Kept apart so manage.ts and tracking.ts read like the
 * halves of `syncJob` they are, without a class in between.
 */
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { Clock } from '../../clock.ts';
import type { EventRecorder } from '../../runtime/events.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import type { ControllerExpectations } from '../replicaset/expectations.ts';
import { errorText, namespaceTerminating, podFromTemplate, type PodControl } from '../replicaset/pod-control.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import type { BackoffRecord } from './backoff.ts';
import type { JobCondition, JobStatus } from './types.ts';

/** The controller's parts a sync uses. */
export interface JobDeps {
  api: ApiClient;
  clock: Clock;
  recorder: EventRecorder;
  podControl: PodControl;
  expectations: ControllerExpectations;
  backoffs: Map<string, BackoffRecord>;
  /** Sync this Job again at `at` (ms); an earlier pending time wins, as `AddAfter` does. */
  requeueAt(key: string, at: number): void;
}

/** One sync's view of a Job and its pods; `job.status` is `status`, a private copy. */
export interface JobSyncContext {
  key: string;
  job: KubeObject;
  status: JobStatus;
  pods: KubeObject[];
  active: KubeObject[];
  ready: number;
  terminating: number;
  succeeded: number;
  failed: number;
  /** Indexed Jobs: indexes counted in status before this sync, and with this sync's successes. */
  previousIndexes?: Set<number>;
  succeededIndexes?: Set<number>;
  /** UIDs in `status.uncountedTerminatedPods` when the sync began. */
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  backoff: BackoffRecord;
  /** The condition the Job is heading for: SuccessCriteriaMet/FailureTarget, then Complete/Failed. */
  finished?: JobCondition;
  now: number;
}

/** `CreatePodsWithGenerateName`: the pod of a Job, with `SuccessfulCreate` / `FailedCreate` on the Job. */
export function createJobPod(deps: JobDeps, template: PodTemplate, job: KubeObject, generateName?: string): ApiResponse {
  const pod = podFromTemplate(template, job);
  if (generateName) pod.metadata.generateName = generateName;
  const response = deps.api.handle({ method: 'POST', path: `/api/v1/namespaces/${job.metadata.namespace}/pods`, body: pod });
  if (response.status >= 300) {
    if (!namespaceTerminating(response)) deps.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${errorText(response)}`);
    return response;
  }
  deps.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${(response.body as KubeObject).metadata.name}`);
  return response;
}

/** `removeTrackingFinalizerPatch` sent as a strategic merge patch; a pod already gone counts as done. */
export function removeTrackingFinalizer(deps: JobDeps, pod: KubeObject): boolean {
  const response = deps.api.handle({
    method: 'PATCH',
    path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`,
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: { metadata: { '$deleteFromPrimitiveList/finalizers': ['batch.kubernetes.io/job-tracking'] } },
  });
  return response.status < 300 || response.status === 404;
}
