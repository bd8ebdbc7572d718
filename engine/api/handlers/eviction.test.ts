import { beforeEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import { evict } from './eviction.ts';

const t0 = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z');
const ns = '/api/v1/namespaces/default';
const pdbs = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';

/** An API server alone (no controllers), with the eviction subresource served by `evict`. */
function apiOnly(): Cluster {
  const cluster = new Cluster({ controllers: false });
  const info = cluster.api.context.registry.byResource('', 'v1', 'pods')!;
  cluster.api.serveSubresource('/pods/eviction', (request) => evict(cluster.api.context, { ...request, info, headers: {} }));
  return cluster;
}

function must(response: ApiResponse): KubeObject {
  if (response.status >= 300) throw new Error(JSON.stringify(response.body));
  return response.body as KubeObject;
}

/** A pod bound to node-1 with the given phase and readiness, as a kubelet would have reported. */
function createPod(cluster: Cluster, name: string, phase = 'Running', ready = true, labels = { app: 'web' }): void {
  must(cluster.handle({ method: 'POST', path: `${ns}/pods`, body: { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx' }] } } }));
  must(cluster.handle({
    method: 'PATCH', path: `${ns}/pods/${name}/status`, headers: { 'content-type': 'application/merge-patch+json' },
    body: { status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at(0) }] } },
  }));
}

/** A budget with the status the disruption controller would have written (or none). */
function createBudget(cluster: Cluster, name: string, status?: Record<string, unknown>, spec: Record<string, unknown> = { minAvailable: 2 }): void {
  must(cluster.handle({ method: 'POST', path: pdbs, body: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } } }));
  if (status) must(cluster.handle({ method: 'PATCH', path: `${pdbs}/${name}/status`, headers: { 'content-type': 'application/merge-patch+json' }, body: { status } }));
}

const observed = (allowed: number, healthy: number, desired: number): Record<string, unknown> => ({
  observedGeneration: 1, disruptionsAllowed: allowed, currentHealthy: healthy, desiredHealthy: desired, expectedPods: 3,
  conditions: [{ type: 'DisruptionAllowed', status: allowed > 0 ? 'True' : 'False', observedGeneration: 1, lastTransitionTime: at(0), reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods', message: '' }],
});

function eviction(name: string, extra: Record<string, unknown> = {}, apiVersion = 'policy/v1'): Record<string, unknown> {
  return { apiVersion, kind: 'Eviction', metadata: { name, namespace: 'default' }, ...extra };
}

function post(cluster: Cluster, pod: string, body: unknown, query?: Record<string, string>): ApiResponse {
  return cluster.handle({ method: 'POST', path: `${ns}/pods/${pod}/eviction`, body, query });
}

const success = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
const refusal = "Cannot evict pod as it would violate the pod's disruption budget.";

describe('POST pods/NAME/eviction', () => {
  let cluster: Cluster;
  beforeEach(() => {
    cluster = apiOnly();
    cluster.advance(60_000);
  });

  const get = (path: string): KubeObject | undefined => {
    const response = cluster.handle({ method: 'GET', path });
    return response.status === 200 ? (response.body as KubeObject) : undefined;
  };

  it('evicts when the budget allows it: the pod is marked and deleted, the budget takes one', () => {
    createPod(cluster, 'web-1');
    createBudget(cluster, 'web-pdb', observed(1, 3, 2));
    const response = post(cluster, 'web-1', eviction('web-1'));
    expect(response).toMatchObject({ status: 201, body: success });
    const pod = get(`${ns}/pods/web-1`)!;
    expect(pod.metadata).toMatchObject({ deletionTimestamp: at(90), deletionGracePeriodSeconds: 30 });
    expect((pod.status as { conditions: unknown[] }).conditions).toContainEqual({
      type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: at(60), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting',
    });
    expect(get(`${pdbs}/web-pdb`)!.status).toEqual({
      ...observed(0, 3, 2),
      disruptedPods: { 'web-1': at(60) },
      conditions: [{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: at(60), reason: 'InsufficientPods', message: '' }],
    });
  });

  it('refuses with 429 when the budget allows no disruption', () => {
    createPod(cluster, 'web-1');
    createBudget(cluster, 'web-pdb', observed(0, 2, 2));
    expect(post(cluster, 'web-1', eviction('web-1'))).toMatchObject({
      status: 429,
      body: {
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: refusal, reason: 'TooManyRequests',
        details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' }] }, code: 429,
      },
    });
    expect(get(`${ns}/pods/web-1`)!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('refuses with 429 and retryAfterSeconds while the budget is not observed yet', () => {
    createPod(cluster, 'web-1');
    createBudget(cluster, 'web-pdb');
    expect(post(cluster, 'web-1', eviction('web-1')).body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: refusal, reason: 'TooManyRequests',
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb is still being processed by the server.' }], retryAfterSeconds: 10 }, code: 429,
    });
  });

  it.each<[string, () => void, number, boolean]>([
    ['no budget selects the pod', () => createPod(cluster, 'web-1'), 201, true],
    ['a Pending pod needs no budget', () => { createPod(cluster, 'web-1', 'Pending', false); createBudget(cluster, 'web-pdb', observed(0, 2, 2)); }, 201, true],
    ['an unready pod whose going leaves enough healthy', () => { createPod(cluster, 'web-1', 'Running', false); createBudget(cluster, 'web-pdb', observed(0, 2, 2)); }, 201, true],
    ['an unready pod when the budget is short', () => { createPod(cluster, 'web-1', 'Running', false); createBudget(cluster, 'web-pdb', observed(0, 1, 2)); }, 429, false],
    ['an unready pod under AlwaysAllow', () => { createPod(cluster, 'web-1', 'Running', false); createBudget(cluster, 'web-pdb', observed(0, 1, 2), { minAvailable: 2, unhealthyPodEvictionPolicy: 'AlwaysAllow' }); }, 201, true],
    ['a budget whose selector does not match', () => { createPod(cluster, 'web-1', 'Running', true, { app: 'api' }); createBudget(cluster, 'web-pdb', observed(0, 2, 2)); }, 201, true],
  ])('%s', (_name, setup, code, deleted) => {
    setup();
    expect(post(cluster, 'web-1', eviction('web-1')).status).toBe(code);
    expect(!!get(`${ns}/pods/web-1`)!.metadata.deletionTimestamp).toBe(deleted);
  });

  it('does not take from the budget for an unready pod', () => {
    createPod(cluster, 'web-1', 'Running', false);
    createBudget(cluster, 'web-pdb', observed(1, 3, 2));
    expect(post(cluster, 'web-1', eviction('web-1')).status).toBe(201);
    expect(get(`${pdbs}/web-pdb`)!.status).toEqual(observed(1, 3, 2));
  });

  it('accepts a policy/v1beta1 Eviction and honours its deleteOptions', () => {
    createPod(cluster, 'web-1');
    createBudget(cluster, 'web-pdb', observed(1, 3, 2));
    expect(post(cluster, 'web-1', eviction('web-1', { deleteOptions: { gracePeriodSeconds: 5 } }, 'policy/v1beta1')).status).toBe(201);
    expect(get(`${ns}/pods/web-1`)!.metadata).toMatchObject({ deletionTimestamp: at(65), deletionGracePeriodSeconds: 5 });
  });

  it('changes nothing on a dry run', () => {
    createPod(cluster, 'web-1');
    createBudget(cluster, 'web-pdb', observed(1, 3, 2));
    expect(post(cluster, 'web-1', eviction('web-1'), { dryRun: 'All' })).toMatchObject({ status: 201, body: success });
    expect(get(`${ns}/pods/web-1`)!.metadata.deletionTimestamp).toBeUndefined();
    expect(get(`${pdbs}/web-pdb`)!.status).toEqual(observed(1, 3, 2));
  });

  it.each<[string, () => ApiResponse, number, string]>([
    ['the name in the body differs', () => post(cluster, 'web-1', eviction('web-2')), 400, 'name in URL does not match name in Eviction object'],
    ['the pod does not exist', () => post(cluster, 'web-9', eviction('web-9')), 404, 'pods "web-9" not found'],
    ['two budgets select the pod', () => { createBudget(cluster, 'other', observed(1, 3, 2)); return post(cluster, 'web-1', eviction('web-1')); }, 500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'],
    ['the budget allows a negative number', () => { cluster.handle({ method: 'PATCH', path: `${pdbs}/web-pdb/status`, headers: { 'content-type': 'application/merge-patch+json' }, body: { status: { disruptionsAllowed: -1 } } }); return post(cluster, 'web-1', eviction('web-1')); }, 403, 'poddisruptionbudget.policy "web-pdb" is forbidden: pdb disruptions allowed is negative'],
  ])('fails when %s', (_name, request, code, message) => {
    createPod(cluster, 'web-1');
    createBudget(cluster, 'web-pdb', observed(1, 3, 2));
    const response = request();
    expect([response.status, (response.body as { message: string }).message]).toEqual([code, message]);
  });
});
