import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../types.ts';
import { defaultNodes } from '../../kubelet/nodes.ts';

const podPath = '/api/v1/namespaces/default/pods/web';
const subresource = `${podPath}/ephemeralcontainers`;
const smp = { 'content-type': 'application/strategic-merge-patch+json' };

function lab(): Cluster {
  const cluster = new Cluster({ seed: 7, addons: false, kubelets: { nodes: defaultNodes(1), nodeEvents: false } });
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
  expect(cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod }).status).toBe(201);
  cluster.advance(30_000);
  return cluster;
}

function addDebugger(cluster: Cluster, extra: Record<string, unknown> = {}, name = 'debugger'): ReturnType<Cluster['handle']> {
  const container = { name, image: 'busybox', command: ['sleep', '3600'], stdin: true, terminationMessagePolicy: 'File', ...extra };
  return cluster.handle({ method: 'PATCH', path: subresource, headers: smp, body: { spec: { ephemeralContainers: [container] } } });
}

describe('pods/ephemeralcontainers', () => {
  it('GET returns the whole Pod', () => {
    const cluster = lab();
    const response = cluster.handle({ method: 'GET', path: subresource });
    expect(response.status).toBe(200);
    expect((response.body as KubeObject).kind).toBe('Pod');
  });

  it('adds a defaulted ephemeral container that the kubelet starts and reports', () => {
    const cluster = lab();
    expect(addDebugger(cluster).status).toBe(200);
    cluster.advance(30_000);
    const pod = cluster.handle({ method: 'GET', path: podPath }).body as KubeObject;
    expect((pod.spec as { ephemeralContainers: unknown[] }).ephemeralContainers).toEqual([{
      name: 'debugger', image: 'busybox', command: ['sleep', '3600'], stdin: true, terminationMessagePolicy: 'File',
      terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'Always', resources: {},
    }]);
    const statuses = (pod.status as { ephemeralContainerStatuses: Record<string, unknown>[] }).ephemeralContainerStatuses;
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ name: 'debugger', ready: false, restartCount: 0, state: { running: {} } });
    expect(statuses[0]).not.toHaveProperty('started');
  });

  it('changes nothing but the ephemeral containers', () => {
    const cluster = lab();
    const response = cluster.handle({ method: 'PATCH', path: subresource, headers: smp, body: { metadata: { labels: { x: 'y' } }, spec: { activeDeadlineSeconds: 5 } } });
    expect(response.status).toBe(200);
    const pod = response.body as KubeObject;
    expect(pod.metadata.labels).toBeUndefined();
    expect((pod.spec as { activeDeadlineSeconds?: number }).activeDeadlineSeconds).toBeUndefined();
  });

  it.each([
    [{ ports: [{ containerPort: 80 }] }, 'Pod "web" is invalid: spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container'],
    [{ resources: { limits: { cpu: '1' } } }, 'Pod "web" is invalid: spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container'],
    [{ readinessProbe: { exec: { command: ['true'] } } }, 'Pod "web" is invalid: spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container'],
    [{ targetContainerName: 'nope' }, 'Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"'],
  ])('refuses %j', (extra, message) => {
    const response = addDebugger(lab(), extra);
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toBe(message);
  });

  it('refuses a duplicate name and the removal of an existing ephemeral container', () => {
    const cluster = lab();
    expect((addDebugger(cluster, {}, 'web').body as { message: string }).message)
      .toBe('Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "web"');
    expect(addDebugger(cluster).status).toBe(200);
    const pod = cluster.handle({ method: 'GET', path: subresource }).body as KubeObject;
    const removed = cluster.handle({ method: 'PUT', path: subresource, body: { ...pod, spec: { ...(pod.spec as object), ephemeralContainers: [] } } });
    expect((removed.body as { message: string }).message)
      .toBe('Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be removed\n');
  });
});
