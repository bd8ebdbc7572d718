import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { eventsFor, get, ok, pods } from '../replicaset/test-helpers.ts';
import { JobController } from './job.ts';
import { piJob } from './test-helpers.ts';

describe('the pi Job on simulated nodes (scheduler and kubelets running)', () => {
  it('runs to Complete: the kubelet finishes the pod, the controller counts it and drops the finalizer', () => {
    const c = new Cluster({ seed: 7, nodes: 1, omitControllers: ['job-controller'] });
    c.controllers.add(new JobController());
    ok(c, { method: 'POST', path: '/apis/batch/v1/namespaces/default/jobs', body: piJob() });
    c.advance(10_000);
    const status = get(c, '/apis/batch/v1/namespaces/default/jobs/pi')!.status as { conditions: { type: string; reason: string }[]; succeeded: number; completionTime: string };
    expect(status.conditions.map((x) => `${x.type} ${x.reason}`)).toEqual(['SuccessCriteriaMet CompletionsReached', 'Complete CompletionsReached']);
    expect(status.succeeded).toBe(1);
    const [pod] = pods(c, 'job-name=pi');
    expect(pod.metadata.finalizers).toBeUndefined();
    expect((pod.status as { phase: string }).phase).toBe('Succeeded');
    // The Job completes one batch period (1 s) after the container's finishedAt.
    const finishedAt = (pod.status as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] }).containerStatuses[0].state.terminated.finishedAt;
    expect(Date.parse(status.completionTime) - Date.parse(finishedAt)).toBe(1_000);
    expect(eventsFor(c, 'pi')).toEqual([`Normal SuccessfulCreate Created pod: ${pod.metadata.name}`, 'Normal Completed Job completed']);
  });
});
