import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { Cluster } from '../cluster.ts';
import { memoryQuantity } from './quantities.ts';
import { installMetricsServer, removeMetricsServer } from './test-helpers.ts';
import { behaviourProfiles, pagesFor } from './usage.ts';

function nginx(name: string, labels: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
}

/** A cluster without add-ons (only metrics-server), started 10 s before a scrape boundary. */
function setup(): Cluster {
  const cluster = new Cluster({ seed: 3, addons: false, start: Date.parse('2026-01-01T00:00:05Z') });
  installMetricsServer(cluster);
  cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: nginx('web', { app: 'web' }) });
  cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: nginx('db', { app: 'db' }) });
  return cluster;
}

const pods = '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods';
const get = (cluster: Cluster, path: string, query?: Partial<Record<string, string>>, accept?: string): { status: number; body?: unknown } =>
  cluster.handle({ method: 'GET', path, query: query as Record<string, string> | undefined, headers: accept ? { accept } : {} });
const names = (body: unknown): string[] => ((body as { items: KubeObject[] }).items).map((i) => i.metadata.name!);

describe('metrics.k8s.io/v1beta1', () => {
  test('a pod shows up after two scrapes, with the last scrape\'s timestamp and a 15 s window', () => {
    const cluster = setup();
    cluster.advance(10_000); // 00:00:15: the first scrape has seen the containers, once
    expect(get(cluster, pods).body).toEqual({ kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [] });
    cluster.advance(15_000); // 00:00:30: the second scrape
    const web = (get(cluster, `${pods}/web`).body) as KubeObject;
    expect(web).toEqual({
      kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:30Z', labels: { app: 'web' } },
      timestamp: '2026-01-01T00:00:30Z', window: '15s',
      // An idle nginx: 1m, and its working set plus the pages this container holds.
      containers: [{ name: 'nginx', usage: { cpu: '1m', memory: memoryQuantity(behaviourProfiles.nginx.memoryBytes + pagesFor('web/nginx') * 4096) } }],
    });
    cluster.advance(10_000); // values hold until the next scrape
    expect(((get(cluster, `${pods}/web`).body) as KubeObject).timestamp).toBe('2026-01-01T00:00:30Z');
    expect(((get(cluster, `${pods}/web`).body) as KubeObject).metadata.creationTimestamp).toBe('2026-01-01T00:00:40Z');
  });

  test.each([
    { query: {}, expected: ['db', 'web'] },
    { query: { labelSelector: 'app=web' }, expected: ['web'] },
    { query: { labelSelector: 'app!=web' }, expected: ['db'] },
    { query: { fieldSelector: 'metadata.name=db' }, expected: ['db'] },
  ])('list with $query', ({ query, expected }) => {
    const cluster = setup();
    cluster.advance(30_000);
    expect(names(get(cluster, pods, query).body)).toEqual(expected);
  });

  test('errors: no such pod, no metrics yet, bad selector, watch', () => {
    const cluster = setup();
    expect(get(cluster, `${pods}/nope`).body).toMatchObject({ code: 404, reason: 'NotFound', message: 'pods "nope" not found' });
    expect(get(cluster, `${pods}/web`).body).toMatchObject({
      code: 404, reason: 'NotFound', message: 'podmetrics.metrics.k8s.io "default/web" not found', details: { name: 'default/web', group: 'metrics.k8s.io', kind: 'podmetrics' },
    });
    expect(get(cluster, pods, { labelSelector: 'a b' }).status).toBe(400);
    expect(get(cluster, pods, { watch: 'true' }).body).toMatchObject({ code: 405, reason: 'MethodNotAllowed' });
  });

  test('503 while the APIService is not Available', () => {
    const cluster = new Cluster({ seed: 3, addons: false });
    removeMetricsServer(cluster);
    expect(get(cluster, `${pods}/web`).body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server is currently unable to handle the request (get pods.metrics.k8s.io web)',
      reason: 'ServiceUnavailable', details: { causes: [{ reason: 'UnexpectedServerResponse', message: 'service unavailable' }] }, code: 503,
    });
  });

  test('nodes: overhead plus pods; a failed kubelet drops out', () => {
    const cluster = setup();
    cluster.advance(30_000);
    const list = get(cluster, '/apis/metrics.k8s.io/v1beta1/nodes').body as { items: KubeObject[] };
    expect(list.items.map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(list.items[0]).toMatchObject({ timestamp: '2026-01-01T00:00:30Z', window: '15s', usage: { cpu: '28m' } });
    cluster.kubelets.failNode('node-2');
    expect(names(get(cluster, '/apis/metrics.k8s.io/v1beta1/nodes').body)).toEqual(['control-plane', 'node-1', 'node-3']);
  });

  test('a Table for kubectl get: Name, cpu, memory, Window', () => {
    const cluster = setup();
    cluster.advance(30_000);
    const table = get(cluster, pods, { labelSelector: 'app=web' }, 'application/json;as=Table;v=v1;g=meta.k8s.io') as { body: { columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] } };
    expect(table.body.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'cpu', 'memory', 'Window']);
    expect(table.body.rows[0].cells.slice(0, 2)).toEqual(['web', '1m']);
    expect(table.body.rows[0].cells[3]).toBe('15s');
  });
});
