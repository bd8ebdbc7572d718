import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import { eventsFor, get, ok, pods } from '../replicaset/test-helpers.ts';

const quotaPath = '/api/v1/namespaces/default/resourcequotas';

function quota(name: string, hard: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard, ...spec } };
}

function pod(name: string, resources?: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { containers: [{ name: 'nginx', image: 'nginx', ...(resources ? { resources } : {}) }], ...spec },
  };
}

function status(c: Cluster, name: string): { hard: Record<string, string>; used: Record<string, string> } {
  return get(c, `${quotaPath}/${name}`)!.status as { hard: Record<string, string>; used: Record<string, string> };
}

function message(response: ApiResponse): string {
  return `${response.status} ${(response.body as { message: string }).message}`;
}

describe('the resourcequota controller and quota admission in the default cluster', () => {
  it('fills status.hard and status.used as soon as a quota is created', () => {
    const c = new Cluster({ seed: 3, addons: false });
    ok(c, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('a', { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } }) });
    ok(c, { method: 'POST', path: quotaPath, body: quota('compute', { pods: '4', 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi', 'count/configmaps': '3' }) });
    // The namespace's kube-root-ca.crt ConfigMap counts too.
    expect(status(c, 'compute')).toEqual({
      hard: { 'count/configmaps': '3', 'limits.cpu': '2', 'limits.memory': '2Gi', pods: '4', 'requests.cpu': '1', 'requests.memory': '1Gi' },
      used: { 'count/configmaps': '1', 'limits.cpu': '500m', 'limits.memory': '128Mi', pods: '1', 'requests.cpu': '250m', 'requests.memory': '64Mi' },
    });
  });

  it('refuses the 5th pod of a pods=4 quota and admits it once a pod is deleted', () => {
    const c = new Cluster({ seed: 3, addons: false });
    ok(c, { method: 'POST', path: quotaPath, body: quota('pod-demo', { pods: '4' }) });
    for (const name of ['p1', 'p2', 'p3', 'p4']) ok(c, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod(name) });
    expect(status(c, 'pod-demo').used).toEqual({ pods: '4' });
    const refused = c.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('p5') });
    expect(message(refused)).toBe('403 pods "p5" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=4, limited: pods=4');
    ok(c, { method: 'DELETE', path: '/api/v1/namespaces/default/pods/p1', query: { gracePeriodSeconds: '0' } });
    c.advance(1_000);
    expect(status(c, 'pod-demo').used).toEqual({ pods: '3' });
    ok(c, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('p5') });
    expect(status(c, 'pod-demo').used).toEqual({ pods: '4' });
  });

  it('shows the refusal on the ReplicaSet: FailedCreate events and the ReplicaFailure condition', () => {
    const c = new Cluster({ seed: 3, addons: false });
    ok(c, { method: 'POST', path: quotaPath, body: quota('pod-demo', { pods: '2' }) });
    ok(c, {
      method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments',
      body: {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'pod-quota-demo' },
        spec: { replicas: 3, selector: { matchLabels: { purpose: 'quota-demo' } }, template: { metadata: { labels: { purpose: 'quota-demo' } }, spec: { containers: [{ name: 'pod-quota-demo', image: 'nginx' }] } } },
      },
    });
    c.advance(2_000);
    expect(pods(c, 'purpose=quota-demo')).toHaveLength(2);
    const rs = (ok(c, { method: 'GET', path: '/apis/apps/v1/namespaces/default/replicasets' }) as unknown as { items: KubeObject[] }).items[0];
    const failure = ((rs.status as { conditions?: { type: string; reason: string; message: string }[] }).conditions ?? [])[0];
    expect(failure.type).toBe('ReplicaFailure');
    expect(failure.message).toMatch(/^pods "pod-quota-demo-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2$/);
    const failed = eventsFor(c, rs.metadata.name!).filter((e) => e.includes('FailedCreate'));
    expect(failed[0]).toMatch(/^Warning FailedCreate Error creating: pods "pod-quota-demo-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2$/);
  });

  it('asks for the limits a compute quota tracks, naming the containers', () => {
    const c = new Cluster({ seed: 3, addons: false });
    ok(c, { method: 'POST', path: quotaPath, body: quota('compute-resources', { 'limits.cpu': '2', 'limits.memory': '2Gi' }) });
    const refused = c.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('web') });
    expect(message(refused)).toBe('403 pods "web" is forbidden: failed quota: compute-resources: must specify limits.cpu for: nginx; limits.memory for: nginx');
  });

  it('counts only the pods in a scope: BestEffort pods against a BestEffort quota', () => {
    const c = new Cluster({ seed: 3, addons: false });
    ok(c, { method: 'POST', path: quotaPath, body: quota('besteffort', { pods: '1' }, { scopes: ['BestEffort'] }) });
    ok(c, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('be') });
    ok(c, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('burstable', { requests: { cpu: '100m' } }) });
    expect(message(c.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('be2') })))
      .toBe('403 pods "be2" is forbidden: exceeded quota: besteffort, requested: pods=1, used: pods=1, limited: pods=1');
    expect(status(c, 'besteffort').used).toEqual({ pods: '1' });
  });

  it('gives compute quota back when a pod finishes, while count/pods still counts it', () => {
    const c = new Cluster({ seed: 3, addons: false });
    ok(c, { method: 'POST', path: quotaPath, body: quota('q', { pods: '5', 'count/pods': '5' }) });
    ok(c, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('done', undefined, { restartPolicy: 'Never' }) });
    const live = get(c, '/api/v1/namespaces/default/pods/done')!;
    ok(c, { method: 'PUT', path: '/api/v1/namespaces/default/pods/done/status', body: { ...live, status: { ...(live.status as object), phase: 'Succeeded' } } });
    // A finished pod still exists (count/pods) but no longer runs (pods).
    expect(status(c, 'q').used).toEqual({ 'count/pods': '1', pods: '0' });
  });
  it('replenishes object counts and node ports, and follows an edited spec.hard', () => {
    const c = new Cluster({ seed: 3, addons: false });
    ok(c, { method: 'POST', path: quotaPath, body: quota('objects', { 'count/deployments.apps': '1', 'services.nodeports': '1' }) });
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } };
    ok(c, { method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment });
    expect(message(c.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: { ...deployment, metadata: { name: 'api' } } })))
      .toBe('403 deployments.apps "api" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1');
    const nodePort = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } };
    ok(c, { method: 'POST', path: '/api/v1/namespaces/default/services', body: nodePort });
    expect(status(c, 'objects').used).toEqual({ 'count/deployments.apps': '1', 'services.nodeports': '1' });
    ok(c, { method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web' });
    ok(c, { method: 'PATCH', path: '/api/v1/namespaces/default/services/np', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { type: 'ClusterIP', externalTrafficPolicy: null, ports: [{ port: 80, nodePort: null }] } } });
    c.advance(1_000);
    expect(status(c, 'objects').used).toEqual({ 'count/deployments.apps': '0', 'services.nodeports': '0' });
    ok(c, { method: 'PATCH', path: `${quotaPath}/objects`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { hard: { 'count/deployments.apps': '2', pods: '3' } } } });
    expect(status(c, 'objects')).toEqual({ hard: { 'count/deployments.apps': '2', pods: '3', 'services.nodeports': '1' }, used: { 'count/deployments.apps': '0', pods: '0', 'services.nodeports': '0' } });
  });
});
