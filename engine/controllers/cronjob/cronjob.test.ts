import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { eventsFor, get, list, ok } from '../replicaset/test-helpers.ts';
import { JobController } from '../job/job.ts';
import { finishPods } from '../job/test-helpers.ts';
import { CronJobController } from './cronjob.ts';

const cronJobsPath = '/apis/batch/v1/namespaces/default/cronjobs';
const jobsPath = '/apis/batch/v1/namespaces/default/jobs';

function cluster(): Cluster {
  const c = new Cluster({ seed: 7, kubelets: { nodes: [] }, addons: false, scheduler: false, omitControllers: ['job-controller', 'cronjob-controller'] });
  c.controllers.add(new JobController());
  c.controllers.add(new CronJobController());
  return c;
}

/** The docs' `hello` CronJob, every minute. */
function hello(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }], restartPolicy: 'OnFailure' } } } },
      ...spec,
    },
  };
}

const jobNames = (c: Cluster): string[] => list(c, jobsPath).map((j) => j.metadata.name!);
const cronStatus = (c: Cluster): unknown => get(c, `${cronJobsPath}/hello`)!.status;

// 2026-01-01T00:01:00Z is 29,453,761 minutes after the epoch.
describe('CronJob controller', () => {
  it('runs */1 * * * * every minute, keeps successfulJobsHistoryLimit Jobs and records the v1.32 events', () => {
    const c = cluster();
    const cj = ok(c, { method: 'POST', path: cronJobsPath, body: hello({ successfulJobsHistoryLimit: 2 }) });
    c.advance(60_099);
    expect(jobNames(c)).toEqual([]);
    c.advance(1); // 00:01:00.100: the activation plus nextScheduleDelta
    const [job] = list(c, jobsPath);
    expect(job.metadata).toMatchObject({
      name: 'hello-29453761',
      annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:01:00Z' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }],
    });
    expect(cronStatus(c)).toEqual({
      // The reference is taken from the create response: the Job's resourceVersion at creation.
      active: [{ kind: 'Job', namespace: 'default', name: 'hello-29453761', uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: expect.stringMatching(/^[0-9]+$/) }],
      lastScheduleTime: '2026-01-01T00:01:00Z',
    });
    for (let minute = 1; minute <= 3; minute++) {
      c.advance(4_900); // the pod runs for 5 s
      finishPods(c, 'batch.kubernetes.io/job-name');
      c.advance(55_100); // Complete 1 s later; the next activation at the minute
    }
    // Three runs completed, the fourth is running; the oldest success went when the third completed.
    expect(jobNames(c)).toEqual(['hello-29453762', 'hello-29453763', 'hello-29453764']);
    expect(cronStatus(c)).toEqual({
      active: [expect.objectContaining({ name: 'hello-29453764' })],
      lastScheduleTime: '2026-01-01T00:04:00Z',
      lastSuccessfulTime: '2026-01-01T00:03:06Z',
    });
    expect(eventsFor(c, 'hello')).toEqual([
      'Normal SuccessfulCreate Created job hello-29453761',
      'Normal SawCompletedJob Saw completed job: hello-29453761, status: Complete',
      'Normal SuccessfulCreate Created job hello-29453762',
      'Normal SawCompletedJob Saw completed job: hello-29453762, status: Complete',
      'Normal SuccessfulCreate Created job hello-29453763',
      'Normal SuccessfulDelete Deleted job hello-29453761',
      'Normal SawCompletedJob Saw completed job: hello-29453763, status: Complete',
      'Normal SuccessfulCreate Created job hello-29453764',
    ]);
  });

  it.each([
    // No deadline: the skipped 00:02 run starts as soon as the 00:01 Job has completed.
    ['starts the skipped run late', undefined, 0, ['hello-29453761', 'hello-29453762'], 'Created job hello-29453762'],
    // startingDeadlineSeconds 30: at 00:02:41 the 00:02 run is too late; the next is 00:03.
    ['drops the skipped run after startingDeadlineSeconds', 30, 40_000, ['hello-29453761'], 'Created job hello-29453763'],
  ])('with concurrencyPolicy Forbid skips a run while the previous Job is active, then %s', (_name, startingDeadlineSeconds, finishAfter, jobsAfterFinish, lastEvent) => {
    const c = cluster();
    ok(c, { method: 'POST', path: cronJobsPath, body: hello({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds }) });
    c.advance(120_100); // 00:02:00.1: the 00:01 Job is still running
    expect(jobNames(c)).toEqual(['hello-29453761']);
    c.advance(finishAfter);
    finishPods(c, 'batch.kubernetes.io/job-name');
    c.advance(1_000);
    expect(jobNames(c)).toEqual(jobsAfterFinish);
    c.advance(20_000); // 00:02:21 or 00:03:01
    expect(eventsFor(c, 'hello')).toEqual([
      'Normal SuccessfulCreate Created job hello-29453761',
      'Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid',
      'Normal SawCompletedJob Saw completed job: hello-29453761, status: Complete',
      `Normal SuccessfulCreate ${lastEvent}`,
    ]);
  });

  it('deletes the running Job before starting the next with concurrencyPolicy Replace', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: cronJobsPath, body: hello({ concurrencyPolicy: 'Replace' }) });
    c.advance(120_100);
    expect(jobNames(c)).toEqual(['hello-29453762']);
    expect(cronStatus(c)).toMatchObject({ active: [expect.objectContaining({ name: 'hello-29453762' })], lastScheduleTime: '2026-01-01T00:02:00Z' });
    expect(eventsFor(c, 'hello')).toEqual([
      'Normal SuccessfulCreate Created job hello-29453761',
      'Normal SuccessfulDelete Deleted job hello-29453761',
      'Normal SuccessfulCreate Created job hello-29453762',
    ]);
  });

  it.each([
    ['without startingDeadlineSeconds: warns TooManyMissedTimes', {}, ['Warning TooManyMissedTimes too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew']],
    ['with startingDeadlineSeconds 200: only the last 200 s count', { startingDeadlineSeconds: 200 }, []],
  ])('after two suspended hours runs only the latest missed time, %s', (_name, spec, warnings) => {
    const c = cluster();
    ok(c, { method: 'POST', path: cronJobsPath, body: hello({ suspend: true, ...spec }) });
    c.advance(2 * 3_600_000 + 30_000);
    expect(jobNames(c)).toEqual([]);
    ok(c, { method: 'PATCH', path: `${cronJobsPath}/hello`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { suspend: false } } });
    expect(jobNames(c)).toEqual(['hello-29453880']); // 02:00
    expect(eventsFor(c, 'hello')).toEqual([...warnings, 'Normal SuccessfulCreate Created job hello-29453880']);
  });

  it('schedules in spec.timeZone and writes the scheduled time in that zone', () => {
    const c = cluster();
    ok(c, { method: 'POST', path: cronJobsPath, body: hello({ schedule: '0 9 * * *', timeZone: 'Asia/Tokyo' }) });
    // Created at 09:00 Tokyo exactly: the first run is 09:00 the next day, 2026-01-02T00:00Z.
    c.advance(86_400_000);
    expect(jobNames(c)).toEqual([]);
    c.advance(100);
    const [job] = list(c, jobsPath);
    expect(job.metadata.name).toBe('hello-29455200');
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-02T09:00:00+09:00' });
  });
});
