import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { get, ok, pods } from '../replicaset/test-helpers.ts';
import { JobController } from './job.ts';
import { finishPods, piJob } from './test-helpers.ts';
import { TTLAfterFinishedController } from './ttl-after-finished.ts';

const jobsPath = '/apis/batch/v1/namespaces/default/jobs';

describe('TTL-after-finished controller', () => {
  it.each([
    ['a Complete Job', 0, 100],
    ['a Failed Job', 1, 0],
  ])('deletes %s ttlSecondsAfterFinished after it finished, with its pods', (_name, exitCode, ttl) => {
    const c = new Cluster({ seed: 7, kubelets: { nodes: [] }, addons: false, scheduler: false, omitControllers: ['job-controller', 'ttl-after-finished-controller'] });
    c.controllers.add(new JobController());
    c.controllers.add(new TTLAfterFinishedController());
    ok(c, { method: 'POST', path: jobsPath, body: piJob({ ttlSecondsAfterFinished: ttl, backoffLimit: 0 }) });
    c.advance(5_000);
    finishPods(c, 'job-name=pi', exitCode);
    c.advance(1_000); // finished at 00:06
    expect(get(c, `${jobsPath}/pi`)?.metadata.name).toBe(ttl === 0 ? undefined : 'pi');
    if (ttl > 0) {
      c.advance(ttl * 1000 - 1);
      expect(get(c, `${jobsPath}/pi`)?.status).toMatchObject({ completionTime: '2026-01-01T00:00:06Z' });
      expect(pods(c, 'job-name=pi')).toHaveLength(1);
      c.advance(1);
    }
    expect(get(c, `${jobsPath}/pi`)).toBeUndefined();
    expect(pods(c, 'job-name=pi')).toEqual([]);
  });

  it('deletes in the Foreground: the Job waits, with foregroundDeletion, for a pod that cannot go yet', () => {
    const c = new Cluster({ seed: 7, kubelets: { nodes: [] }, addons: false, scheduler: false, omitControllers: ['job-controller', 'ttl-after-finished-controller'] });
    c.controllers.add(new JobController());
    c.controllers.add(new TTLAfterFinishedController());
    const job = piJob({ ttlSecondsAfterFinished: 10 });
    (job.spec as { template: { metadata?: unknown } }).template.metadata = { finalizers: ['example.com/hold'] };
    ok(c, { method: 'POST', path: jobsPath, body: job });
    finishPods(c, 'job-name=pi');
    c.advance(11_000);
    const deleting = get(c, `${jobsPath}/pi`)!;
    expect(deleting.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:11Z', finalizers: ['foregroundDeletion'] });
    const [pod] = pods(c, 'job-name=pi');
    expect(pod.metadata).toMatchObject({ deletionTimestamp: '2026-01-01T00:00:11Z', finalizers: ['example.com/hold'] });
    ok(c, { method: 'PATCH', path: `/api/v1/namespaces/default/pods/${pod.metadata.name}`, headers: { 'content-type': 'application/merge-patch+json' }, body: { metadata: { finalizers: null } } });
    expect(get(c, `${jobsPath}/pi`)).toBeUndefined();
  });

  it('leaves a finished Job without ttlSecondsAfterFinished alone', () => {
    const c = new Cluster({ seed: 7, kubelets: { nodes: [] }, addons: false, scheduler: false, omitControllers: ['job-controller', 'ttl-after-finished-controller'] });
    c.controllers.add(new JobController());
    c.controllers.add(new TTLAfterFinishedController());
    ok(c, { method: 'POST', path: jobsPath, body: piJob() });
    finishPods(c, 'job-name=pi');
    c.advance(3_600_000);
    expect(get(c, `${jobsPath}/pi`)?.status).toMatchObject({ succeeded: 1 });
  });
});
