import { describe, expect, it } from 'vitest';
import { at, createPod, eventsOf, getPod, kubeletCluster, logsOf, makePod, podStatusOf, stateOf } from './test-helpers.ts';

describe('probes', () => {
  it('keeps Ready False while a readiness probe fails, with an Unhealthy event per failure', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('web', [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 } }]));
    cluster.advance(30_000);
    const status = podStatusOf(cluster, 'web');
    expect(status.phase).toBe('Running');
    expect(status.conditions.find((c) => c.type === 'Ready')).toEqual({
      type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: at(0), reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]',
    });
    expect(status.containerStatuses[0]).toMatchObject({ ready: false, started: true });
    // Started at 3.274 s; probes at 3.3, 8.3 … 28.3: six failures.
    expect(eventsOf(cluster, 'web').filter((e) => e[1] === 'Unhealthy')).toEqual([['Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 404', 6]]);
    // nginx logged the kubelet's probes from the node's gateway address.
    expect(logsOf(cluster, 'web', { tailLines: '1' })).toBe('10.244.1.1 - - [01/Jan/2026:00:00:28 +0000] "GET /healthz HTTP/1.1" 404 153 "-" "kube-probe/1.32" "-"\n');
  });

  it('turns Ready True after the first successful readiness probe', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('web', [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 } }]));
    cluster.advance(10_000);
    expect(podStatusOf(cluster, 'web').containerStatuses[0].ready).toBe(false);
    cluster.advance(5_000);
    expect(podStatusOf(cluster, 'web').conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: at(13) });
  });

  it('restarts a container whose liveness probe fails three times (the exec idiom of the docs)', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('liveness', [{
      name: 'liveness', image: 'busybox:1.28', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    }]));
    cluster.advance(60_000);
    const events = eventsOf(cluster, 'liveness');
    expect(events.filter((e) => e[1] === 'Unhealthy' || e[1] === 'Killing')).toEqual([
      ['Warning', 'Unhealthy', "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", 3],
      ['Normal', 'Killing', 'Container liveness failed liveness probe, will be restarted', 1],
    ]);
    // sh ignores SIGTERM: SIGKILL after the 30 s grace period, exit code 137.
    cluster.advance(30_000);
    const status = podStatusOf(cluster, 'liveness').containerStatuses[0] as { restartCount: number; lastState: { terminated: { exitCode: number; reason: string } } };
    expect(status.restartCount).toBe(1);
    expect(status.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });
});

describe('commands and exits', () => {
  it("runs busybox sh -c 'echo hello; sleep 5; exit 3' once with restartPolicy Never: Failed, exit code 3", () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('once', [{ name: 'sh', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 5; exit 3'] }], { restartPolicy: 'Never' }));
    cluster.advance(3_000);
    expect(stateOf(cluster, 'once')).toHaveProperty('running');
    expect(logsOf(cluster, 'once')).toBe('hello\n');
    cluster.advance(10_000);
    const status = podStatusOf(cluster, 'once');
    expect(status.phase).toBe('Failed');
    expect(status.containerStatuses[0]).toMatchObject({
      state: { terminated: { exitCode: 3, reason: 'Error', startedAt: at(1), finishedAt: at(6) } }, ready: false, restartCount: 0, started: false,
    });
    expect(status.conditions.map((c) => [c.type, c.status, c.reason ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', ''], ['Initialized', 'True', ''], ['Ready', 'False', 'PodFailed'], ['ContainersReady', 'False', 'PodFailed'], ['PodScheduled', 'True', ''],
    ]);
    expect(logsOf(cluster, 'once', { timestamps: 'true' })).toMatch(/^2026-01-01T00:00:01\.\d{9}Z hello\n$/);
    expect(logsOf(cluster, 'once', { previous: 'true' })).toBe('error 400: previous terminated container "sh" in pod "once" not found');
  });

  it('completes a loop: Succeeded with reason PodCompleted, the output in order', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('count', [{ name: 'c', image: 'alpine:3.20', command: ['/bin/sh', '-c'], args: ['for i in 1 2 3; do echo "tick $i"; sleep 1; done'] }], { restartPolicy: 'OnFailure' }));
    cluster.advance(10_000);
    const status = podStatusOf(cluster, 'count');
    expect(status.phase).toBe('Succeeded');
    expect(status.conditions.find((c) => c.type === 'Initialized')?.reason).toBe('PodCompleted');
    expect(logsOf(cluster, 'count')).toBe('tick 1\ntick 2\ntick 3\n');
    expect(logsOf(cluster, 'count', { tailLines: '2' })).toBe('tick 2\ntick 3\n');
  });

  it('runs init containers in order before the app container', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('init', [{ name: 'app', image: 'nginx:1.25' }], {
      initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'echo waiting; sleep 4'] }],
    }));
    cluster.advance(2_000);
    let status = podStatusOf(cluster, 'init');
    expect(status.containerStatuses[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(status.conditions.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [wait]' });
    cluster.advance(10_000);
    status = podStatusOf(cluster, 'init');
    expect(status.phase).toBe('Running');
    expect(status.initContainerStatuses![0]).toMatchObject({ state: { terminated: { exitCode: 0, reason: 'Completed' } }, ready: true });
    expect(logsOf(cluster, 'init', { container: 'wait' })).toBe('waiting\n');
  });
});

describe('graceful deletion', () => {
  it('waits the grace period for a process that ignores SIGTERM, then deletes the pod', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('sleeper', [{ name: 'sleep', image: 'busybox:1.36', command: ['sleep', '3600'] }]));
    cluster.advance(5_000);
    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/sleeper' });
    expect(getPod(cluster, 'sleeper')?.metadata.deletionTimestamp).toBe(at(35));
    expect(eventsOf(cluster, 'sleeper').at(-1)).toEqual(['Normal', 'Killing', 'Stopping container sleep', 1]);
    cluster.advance(29_000);
    expect(getPod(cluster, 'sleeper')).toBeDefined();
    cluster.advance(1_000);
    expect(getPod(cluster, 'sleeper')).toBeUndefined();
  });

  it('stops nginx at once on SIGTERM, after its preStop hook', () => {
    const { cluster } = kubeletCluster();
    createPod(cluster, makePod('web', [{ name: 'nginx', image: 'nginx:1.25', lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }]));
    cluster.advance(5_000);
    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/web' });
    cluster.advance(5_000);
    expect(getPod(cluster, 'web')).toBeDefined();
    cluster.advance(200);
    expect(getPod(cluster, 'web')).toBeUndefined();
  });
});
