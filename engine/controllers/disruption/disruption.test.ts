import { beforeEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { evict } from '../../api/handlers/eviction.ts';
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import { DisruptionController } from './disruption.ts';

const t0 = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z');
const pdbs = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';

/** The default cluster (scheduler, kubelets) with the disruption controller and the eviction subresource. */
function disruptionCluster(): Cluster {
  const cluster = new Cluster({ seed: 1, omitControllers: ['disruption-controller'] });
  cluster.controllers.add(new DisruptionController(cluster.api.context.registry));
  const info = cluster.api.context.registry.byResource('', 'v1', 'pods')!;
  cluster.api.serveSubresource('/pods/eviction', (request) => evict(cluster.api.context, { ...request, info, headers: {} }));
  cluster.settle();
  return cluster;
}

function must(response: ApiResponse): KubeObject {
  if (response.status >= 300) throw new Error(JSON.stringify(response.body));
  return response.body as KubeObject;
}

function createDeployment(cluster: Cluster, replicas: number): void {
  must(cluster.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  } }));
}

function createBudget(cluster: Cluster, spec: Record<string, unknown>): void {
  must(cluster.handle({ method: 'POST', path: pdbs, body: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } } }));
}

function budgetStatus(cluster: Cluster): Record<string, unknown> {
  return must(cluster.handle({ method: 'GET', path: `${pdbs}/web-pdb` })).status as Record<string, unknown>;
}

function livePods(cluster: Cluster): KubeObject[] {
  const list = must(cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods' })) as unknown as { items: KubeObject[] };
  return list.items.filter((p) => !p.metadata.deletionTimestamp).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

function evictPod(cluster: Cluster, name: string): ApiResponse {
  return cluster.handle({ method: 'POST', path: `/api/v1/namespaces/default/pods/${name}/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } } });
}

const condition = (allowed: boolean, second: number): Record<string, unknown> => ({
  type: 'DisruptionAllowed', status: allowed ? 'True' : 'False', observedGeneration: 1, lastTransitionTime: at(second),
  reason: allowed ? 'SufficientPods' : 'InsufficientPods', message: '',
});

describe('DisruptionController', () => {
  let cluster: Cluster;
  beforeEach(() => {
    cluster = disruptionCluster();
  });

  // The budget is first synced before any pod is ready (False at 0 s); it turns True when the
  // third pod becomes ready, 3 s in.
  it.each<[string, Record<string, unknown>, Record<string, number>, number]>([
    ['minAvailable 2', { minAvailable: 2 }, { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 }, 3],
    ['minAvailable 50% of the Deployment’s 3 (rounded up)', { minAvailable: '50%' }, { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 }, 3],
    ['maxUnavailable 1', { maxUnavailable: 1 }, { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 }, 3],
    ['maxUnavailable 0%', { maxUnavailable: '0%' }, { disruptionsAllowed: 0, currentHealthy: 3, desiredHealthy: 3, expectedPods: 3 }, 0],
    ['minAvailable 100%', { minAvailable: '100%' }, { disruptionsAllowed: 0, currentHealthy: 3, desiredHealthy: 3, expectedPods: 3 }, 0],
  ])('%s', (_name, spec, counts, transition) => {
    createDeployment(cluster, 3);
    createBudget(cluster, spec);
    cluster.advance(60_000);
    expect(budgetStatus(cluster)).toEqual({ observedGeneration: 1, ...counts, conditions: [condition(counts.disruptionsAllowed > 0, transition)] });
  });

  const budgetEvents = (): string[][] => {
    const events = (must(cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/events' })) as unknown as { items: KubeObject[] }).items;
    return events.filter((e) => (e.involvedObject as { kind: string }).kind === 'PodDisruptionBudget').map((e) => [String(e.type), String(e.reason), String(e.message), (e.source as { component: string }).component]);
  };

  it('reports a budget that selects no pods', () => {
    createBudget(cluster, { minAvailable: 1 });
    expect(budgetStatus(cluster)).toEqual({ observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 1, expectedPods: 0, conditions: [condition(false, 0)] });
    expect(budgetEvents()).toEqual([['Normal', 'NoPods', 'No matching pods found', 'controllermanager']]);
  });

  it('warns about pods without a controller when the budget needs a scale', () => {
    must(cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } }));
    createBudget(cluster, { maxUnavailable: '50%' });
    cluster.advance(10_000);
    expect(budgetStatus(cluster)).toEqual({ observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 0, expectedPods: 0, conditions: [condition(false, 0)] });
    expect(budgetEvents()).toContainEqual(['Warning', 'UnmanagedPods',
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
      'controllermanager']);
  });

  it('lets one eviction through, refuses the next, and recovers once the replacement is ready', () => {
    createDeployment(cluster, 3);
    createBudget(cluster, { minAvailable: 2 });
    cluster.advance(60_000);
    const [first, second] = livePods(cluster);
    expect(evictPod(cluster, first.metadata.name!)).toMatchObject({ status: 201, body: { status: 'Success', code: 201 } });
    // An int minAvailable expects the pods found: the evicted one (Terminating) and its replacement both count.
    expect(budgetStatus(cluster)).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 4, conditions: [condition(false, 60)] });
    expect(evictPod(cluster, second.metadata.name!)).toMatchObject({
      status: 429,
      body: {
        message: "Cannot evict pod as it would violate the pod's disruption budget.", reason: 'TooManyRequests',
        details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' }] },
      },
    });
    cluster.advance(60_000);
    expect(livePods(cluster)).toHaveLength(3);
    expect(budgetStatus(cluster)).toMatchObject({ disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    expect(budgetStatus(cluster).disruptedPods).toBeUndefined();
  });

  it('refuses while a changed budget is not observed yet', () => {
    createDeployment(cluster, 3);
    createBudget(cluster, { minAvailable: 1 });
    cluster.advance(60_000);
    // The controller has not run between the spec change and the eviction.
    cluster.api.handle({ method: 'PATCH', path: `${pdbs}/web-pdb`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { minAvailable: 2 } } });
    const pod = livePods(cluster)[0].metadata.name!;
    expect(cluster.api.handle({ method: 'POST', path: `/api/v1/namespaces/default/pods/${pod}/eviction`, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod } } }).body).toMatchObject({
      code: 429, details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb is still being processed by the server.' }], retryAfterSeconds: 10 },
    });
    cluster.settle();
    expect(budgetStatus(cluster)).toMatchObject({ observedGeneration: 2, disruptionsAllowed: 1, desiredHealthy: 2 });
  });
});
