/**
 * The fields of Jobs the Job controller reads and writes, typed once, and the constants of
 * batch/v1 it uses (finalizer, annotation and label keys, condition types and reasons). Objects
 * come from informers as `KubeObject`; these views only narrow them and never change them.
 */
import type { KubeObject } from '../../api/types.ts';
import type { LabelSelector } from '../../api/selectors/label-selector.ts';
import type { PodTemplate } from '../replicaset/types.ts';

/** `batch.JobTrackingFinalizer`: pods keep it until the controller has counted them. */
export const jobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';
/** `batch.JobCompletionIndexAnnotation` (also the label key, PodIndexLabel is on in 1.32). */
export const completionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';
/** The environment variable every container of an Indexed Job's pod gets. */
export const completionIndexEnv = 'JOB_COMPLETION_INDEX';

/** A Job condition, in the field order of `batch.JobCondition`. */
export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** `status.uncountedTerminatedPods`: UIDs of finished pods whose finalizer is not yet removed. */
export interface UncountedTerminatedPods {
  succeeded?: string[];
  failed?: string[];
}

/** `status` of a Job, in the field order of `batch.JobStatus`. */
export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: UncountedTerminatedPods;
  ready?: number;
}

/** One rule of `spec.podFailurePolicy`. */
export interface PodFailurePolicyRule {
  action: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
  onPodConditions?: { type: string; status?: string }[];
}

/** `spec` of a Job (the API server has applied the defaults: parallelism, backoffLimit, …). */
export interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: string;
  podFailurePolicy?: { rules?: PodFailurePolicyRule[] };
  managedBy?: string;
}

/** The spec of a Job object. */
export function jobSpec(job: KubeObject): JobSpec {
  return (job.spec ?? {}) as JobSpec;
}

/** The status of a Job object. */
export function jobStatus(job: KubeObject): JobStatus {
  return (job.status ?? {}) as JobStatus;
}

/** `isIndexedJob`. */
export function isIndexedJob(job: KubeObject): boolean {
  return jobSpec(job).completionMode === 'Indexed';
}

/** `jobSuspended`. */
export function isSuspended(job: KubeObject): boolean {
  return jobSpec(job).suspend === true;
}

/** The condition of this type, if the Job has one. */
export function findCondition(job: KubeObject, type: string): JobCondition | undefined {
  return jobStatus(job).conditions?.find((c) => c.type === type);
}

/**
 * `util.FinishedCondition`: the Complete or Failed condition that is True. A Job with one is
 * finished for good; the controller never touches it again.
 */
export function finishedCondition(job: KubeObject): JobCondition | undefined {
  return jobStatus(job).conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** `util.IsJobFinished`. */
export function isJobFinished(job: KubeObject): boolean {
  return finishedCondition(job) !== undefined;
}

/** `newCondition`: probe and transition time are both now. */
export function newCondition(type: string, status: string, reason: string, message: string, now: string): JobCondition {
  const condition: JobCondition = { type, status, lastProbeTime: now, lastTransitionTime: now };
  if (reason) condition.reason = reason;
  if (message) condition.message = message;
  return condition;
}

/** `hasJobTrackingFinalizer`. */
export function hasTrackingFinalizer(pod: KubeObject): boolean {
  return pod.metadata.finalizers?.includes(jobTrackingFinalizer) ?? false;
}

/**
 * `onlyReplaceFailedPods`: with podReplacementPolicy Failed (the default once a podFailurePolicy
 * is set) a Terminating pod is not replaced until it has really failed.
 */
export function onlyReplaceFailedPods(job: KubeObject): boolean {
  const spec = jobSpec(job);
  return spec.podReplacementPolicy === 'Failed' || spec.podFailurePolicy !== undefined;
}
