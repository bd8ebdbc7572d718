import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { eventsFor, get, ok, pods } from '../replicaset/test-helpers.ts';
import { JobController } from './job.ts';
import { finishPods, piJob } from './test-helpers.ts';

const jobsPath = '/apis/batch/v1/namespaces/default/jobs';

function cluster(): Cluster {
  const c = new Cluster({ seed: 7, kubelets: { nodes: [] }, addons: false, scheduler: false, omitControllers: ['job-controller'] });
  c.controllers.add(new JobController());
  return c;
}

function status(c: Cluster, name: string): unknown {
  return get(c, `${jobsPath}/${name}`)!.status;
}

/** Name, phase and finalizers of each pod: enough to follow a Job's pods over time. */
function podSummary(c: Cluster, selector: string): string[] {
  return pods(c, selector).map((p) => `${p.metadata.name} ${String((p.status as { phase?: string }).phase)}${p.metadata.deletionTimestamp ? ' Terminating' : ''} [${(p.metadata.finalizers ?? []).join(',')}]`);
}

const condition = (type: string, reason: string, message: string, at: string): Record<string, string> =>
  ({ type, status: 'True', lastProbeTime: at, lastTransitionTime: at, reason, message });

describe('Job controller', () => {
  it('runs the pi Job: one pod with the tracking finalizer, then SuccessCriteriaMet and Complete', () => {
    const c = cluster();
    const job = ok(c, { method: 'POST', path: jobsPath, body: piJob() });
    const uid = job.metadata.uid!;
    const [pod] = pods(c, 'job-name=pi');
    expect(pod.metadata).toMatchObject({
      name: 'pi-7fmg6', generateName: 'pi-',
      labels: { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid, controller: true, blockOwnerDeletion: true }],
      finalizers: ['batch.kubernetes.io/job-tracking'],
    });
    expect(status(c, 'pi')).toEqual({ startTime: '2026-01-01T00:00:00Z', active: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });

    c.advance(5_000);
    finishPods(c, 'job-name=pi');
    // Pod events reach the Job one second later (syncJobBatchPeriod).
    expect(status(c, 'pi')).toMatchObject({ active: 1 });
    c.advance(1_000);
    const done = condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', '2026-01-01T00:00:06Z');
    expect(status(c, 'pi')).toEqual({
      conditions: [done, { ...done, type: 'Complete' }],
      startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:00:06Z',
      succeeded: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
    });
    expect(podSummary(c, 'job-name=pi')).toEqual(['pi-7fmg6 Succeeded []']);
    expect(eventsFor(c, 'pi')).toEqual(['Normal SuccessfulCreate Created pod: pi-7fmg6', 'Normal Completed Job completed']);
  });

  it('backs off 10 s, 20 s after failures and fails with BackoffLimitExceeded after backoffLimit+1 failures', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: jobsPath, body: piJob({ backoffLimit: 2 }) });
    const created: string[] = [];
    const log = (): void => {
      for (const e of eventsFor(c, 'pi')) if (!created.includes(e)) created.push(e);
    };
    c.advance(2_000);
    finishPods(c, 'job-name=pi', 1); // fails at 00:02 → replacement at 00:12
    c.advance(9_999);
    expect(pods(c, 'job-name=pi')).toHaveLength(1);
    expect(status(c, 'pi')).toEqual({ startTime: '2026-01-01T00:00:00Z', failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
    c.advance(1);
    expect(pods(c, 'job-name=pi')).toHaveLength(2);
    c.advance(3_000);
    finishPods(c, 'job-name=pi', 1); // second failure at 00:15 → wait 20 s → 00:35
    c.advance(19_999);
    expect(pods(c, 'job-name=pi')).toHaveLength(2);
    c.advance(1);
    expect(pods(c, 'job-name=pi')).toHaveLength(3);
    finishPods(c, 'job-name=pi', 1); // third failure at 00:35: 3 > backoffLimit 2
    c.advance(1_000);
    log();
    const failed = condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', '2026-01-01T00:00:36Z');
    expect(status(c, 'pi')).toEqual({
      conditions: [failed, { ...failed, type: 'Failed' }],
      startTime: '2026-01-01T00:00:00Z', failed: 3, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
    });
    expect(podSummary(c, 'job-name=pi')).toEqual(['pi-7dv9b Failed []', 'pi-7fmg6 Failed []', 'pi-phtvj Failed []']);
    expect(created).toEqual([
      'Normal SuccessfulCreate Created pod: pi-7fmg6',
      'Normal SuccessfulCreate Created pod: pi-phtvj',
      'Normal SuccessfulCreate Created pod: pi-7dv9b',
      'Warning BackoffLimitExceeded Job has reached the specified backoff limit',
    ]);
  });

  it('runs an Indexed Job: pods <job>-<index>-<suffix> with index annotation, label, hostname and env', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: jobsPath, body: piJob({ completions: 3, parallelism: 2, completionMode: 'Indexed' }, 'sample') });
    const created = pods(c, 'job-name=sample');
    expect(created.map((p) => [p.metadata.name, p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], p.metadata.labels?.['batch.kubernetes.io/job-completion-index'], (p.spec as { hostname?: string }).hostname]))
      .toEqual([['sample-0-7fmg6', '0', '0', 'sample-0'], ['sample-1-phtvj', '1', '1', 'sample-1']]);
    expect((created[0].spec as { containers: { env?: unknown[] }[] }).containers[0].env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
    ]);
    finishPods(c, 'batch.kubernetes.io/job-completion-index=0');
    c.advance(1_000);
    expect(podSummary(c, 'job-name=sample')).toEqual(['sample-0-7fmg6 Succeeded []', 'sample-1-phtvj Pending [batch.kubernetes.io/job-tracking]', 'sample-2-7dv9b Pending [batch.kubernetes.io/job-tracking]']);
    expect(status(c, 'sample')).toEqual({ startTime: '2026-01-01T00:00:00Z', active: 2, succeeded: 1, terminating: 0, completedIndexes: '0', uncountedTerminatedPods: {}, ready: 0 });
    finishPods(c, 'job-name=sample');
    c.advance(1_000);
    expect(status(c, 'sample')).toMatchObject({ succeeded: 3, completedIndexes: '0-2', completionTime: '2026-01-01T00:00:02Z' });
    expect(eventsFor(c, 'sample').at(-1)).toBe('Normal Completed Job completed');
  });

  it('fails a Job active longer than activeDeadlineSeconds: deletes its pods, FailureTarget then Failed', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: jobsPath, body: piJob({ activeDeadlineSeconds: 30, parallelism: 2, completions: 4 }) });
    c.advance(29_999);
    expect(status(c, 'pi')).toMatchObject({ active: 2 });
    c.advance(1);
    // The pods were Terminating when FailureTarget was written: Failed waits for them to be gone.
    const deadline = condition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline', '2026-01-01T00:00:30Z');
    expect(status(c, 'pi')).toEqual({
      conditions: [deadline], startTime: '2026-01-01T00:00:00Z', failed: 2, terminating: 2, uncountedTerminatedPods: {}, ready: 0,
    });
    expect(pods(c, 'job-name=pi')).toEqual([]);
    c.advance(1_000);
    expect(status(c, 'pi')).toEqual({
      conditions: [deadline, { ...deadline, type: 'Failed', lastProbeTime: '2026-01-01T00:00:31Z', lastTransitionTime: '2026-01-01T00:00:31Z' }],
      startTime: '2026-01-01T00:00:00Z', failed: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
    });
    expect(eventsFor(c, 'pi')).toEqual([
      'Normal SuccessfulCreate Created pod: pi-7fmg6',
      'Normal SuccessfulCreate Created pod: pi-phtvj',
      'Normal SuccessfulDelete Deleted pod: pi-7fmg6',
      'Normal SuccessfulDelete Deleted pod: pi-phtvj',
      'Warning DeadlineExceeded Job was active longer than specified deadline',
    ]);
  });

  it('creates no pods while suspended, and deletes them when suspended again', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: jobsPath, body: piJob({ suspend: true }) });
    expect(pods(c, 'job-name=pi')).toEqual([]);
    const suspended = condition('Suspended', 'JobSuspended', 'Job suspended', '2026-01-01T00:00:00Z');
    expect(status(c, 'pi')).toEqual({ conditions: [suspended], terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
    c.advance(10_000);
    const patch = (suspend: boolean): KubeObject => ok(c, { method: 'PATCH', path: `${jobsPath}/pi`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { suspend } } });
    patch(false);
    expect(status(c, 'pi')).toEqual({
      conditions: [{ type: 'Suspended', status: 'False', lastProbeTime: '2026-01-01T00:00:10Z', lastTransitionTime: '2026-01-01T00:00:10Z', reason: 'JobResumed', message: 'Job resumed' }],
      startTime: '2026-01-01T00:00:10Z', active: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
    });
    c.advance(5_000);
    patch(true);
    expect(pods(c, 'job-name=pi')).toEqual([]);
    expect(status(c, 'pi')).toMatchObject({ conditions: [condition('Suspended', 'JobSuspended', 'Job suspended', '2026-01-01T00:00:15Z')], terminating: 1 });
    expect(eventsFor(c, 'pi')).toEqual([
      // The second Suspended is the same event with count 2, as client-go's recorder aggregates it.
      'Normal Suspended Job suspended (x2)',
      'Normal SuccessfulCreate Created pod: pi-7fmg6',
      'Normal Resumed Job resumed',
      'Normal SuccessfulDelete Deleted pod: pi-7fmg6',
    ]);
  });

  it('fails at once on a FailJob rule of the pod failure policy', () => {
    const c = cluster();
    const rules = [{ action: 'FailJob', onExitCodes: { containerName: 'pi', operator: 'In', values: [42] } }];
    ok(c, { method: 'POST', path: jobsPath, body: piJob({ podFailurePolicy: { rules } }) });
    finishPods(c, 'job-name=pi', 42);
    c.advance(1_000);
    const message = 'Container pi for pod default/pi-7fmg6 failed with exit code 42 matching FailJob rule at index 0';
    const failed = condition('FailureTarget', 'PodFailurePolicy', message, '2026-01-01T00:00:01Z');
    expect(status(c, 'pi')).toEqual({
      conditions: [failed, { ...failed, type: 'Failed' }],
      startTime: '2026-01-01T00:00:00Z', failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
    });
    expect(eventsFor(c, 'pi').at(-1)).toBe(`Warning PodFailurePolicy ${message}`);
  });

  it('releases the tracking finalizer of its pods when the Job is deleted', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: jobsPath, body: piJob({ parallelism: 2, completions: 2 }) });
    ok(c, { method: 'DELETE', path: `${jobsPath}/pi`, body: { propagationPolicy: 'Orphan' } });
    expect(podSummary(c, 'job-name=pi')).toEqual(['pi-7fmg6 Pending []', 'pi-phtvj Pending []']);
  });
});

