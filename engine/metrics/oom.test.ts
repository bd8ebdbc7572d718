import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { Cluster } from '../cluster.ts';
import { installMetricsServer } from './test-helpers.ts';

/** The Kubernetes docs' memory examples (polinux/stress, "Assign Memory Resources to Containers"). */
function memoryDemo(name: string, limit: string, bytes: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: {
      containers: [{
        name: `${name}-ctr`, image: 'polinux/stress',
        resources: { requests: { memory: '50Mi' }, limits: { memory: limit } },
        command: ['stress'], args: ['--vm', '1', '--vm-bytes', bytes, '--vm-hang', '1'],
      }],
    },
  };
}

interface ContainerStatus {
  restartCount: number;
  state: Record<string, { reason?: string; exitCode?: number }>;
  lastState: Record<string, { reason?: string; exitCode?: number }>;
}

function containerStatus(cluster: Cluster, name: string): ContainerStatus {
  const pod = cluster.handle({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` }).body as KubeObject;
  return (pod.status as { containerStatuses: ContainerStatus[] }).containerStatuses[0];
}

describe('memory limits', () => {
  test('250M in a 100Mi limit: OOMKilled, exit 137, restarted, then CrashLoopBackOff', () => {
    const cluster = new Cluster({ seed: 5, addons: false });
    cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: memoryDemo('memory-demo-2', '100Mi', '250M') });
    cluster.advance(20_000);
    const first = containerStatus(cluster, 'memory-demo-2');
    expect(first.restartCount).toBeGreaterThanOrEqual(1);
    expect(first.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    cluster.advance(60_000);
    const later = containerStatus(cluster, 'memory-demo-2');
    expect(later.state.waiting).toMatchObject({ reason: 'CrashLoopBackOff' });
    expect(later.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  test('150M in a 200Mi limit runs, and metrics-server reports the memory', () => {
    const cluster = new Cluster({ seed: 5, addons: false });
    installMetricsServer(cluster);
    cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: memoryDemo('memory-demo', '200Mi', '150M') });
    cluster.advance(60_000);
    expect(containerStatus(cluster, 'memory-demo')).toMatchObject({ restartCount: 0, state: { running: {} } });
    const metrics = cluster.handle({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/memory-demo' }).body as KubeObject;
    const memory = (metrics.containers as { usage: { memory: string } }[])[0].usage.memory;
    // 150Mi and, besides, the process itself: under 2Mi.
    const mebibytes = parseInt(memory, 10) / 1024;
    expect(mebibytes).toBeGreaterThan(150);
    expect(mebibytes).toBeLessThan(152);
  });
});
