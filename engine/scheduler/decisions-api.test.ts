import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { Cluster } from '../cluster.ts';

const base = '/apis/scheduling.kubelab.dev/v1alpha1';
const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const unschedulableMessage = '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
  'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';

function pod(name: string, cpu: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: name } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu } } }] },
  };
}

/** An isolated cluster with `web` (fits anywhere) and `big` (fits nowhere), 5 s after both were tried. */
function setup(): Cluster {
  const cluster = new Cluster({ seed: 1, addons: false });
  for (const body of [pod('web', '100m'), pod('big', '10')]) cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body });
  cluster.advance(5_000);
  return cluster;
}

const get = (cluster: Cluster, path: string, accept?: string): { status: number; body?: unknown } =>
  cluster.handle({ method: 'GET', path, headers: accept ? { accept } : {} });

const workerFilters = ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit'];
const controlPlane = {
  name: 'control-plane',
  filters: [
    { plugin: 'NodeUnschedulable', result: 'Success' },
    { plugin: 'TaintToleration', result: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
  ],
};

describe('scheduling.kubelab.dev/v1alpha1 podschedulingdecisions', () => {
  test('an unschedulable pod\'s record: each node\'s filters, the FailedScheduling message, the preemption outcome', () => {
    const cluster = setup();
    const response = get(cluster, `${base}/namespaces/default/podschedulingdecisions/big`);
    const uid = (get(cluster, '/api/v1/namespaces/default/pods/big').body as KubeObject).metadata.uid;
    expect(response).toMatchObject({ status: 200 });
    expect(response.body).toEqual({
      apiVersion: 'scheduling.kubelab.dev/v1alpha1', kind: 'PodSchedulingDecision',
      metadata: { name: 'big', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'big' } },
      podUID: uid, attempt: 1, result: 'Unschedulable', numAllNodes: 4, evaluatedNodes: 4, feasibleNodes: 0,
      message: unschedulableMessage,
      preemption: { message: unschedulableMessage.slice(unschedulableMessage.indexOf('preemption:')), victims: [] },
      nodes: [controlPlane, ...['node-1', 'node-2', 'node-3'].map((name) => ({
        name,
        filters: [
          { plugin: 'NodeUnschedulable', result: 'Success' }, { plugin: 'TaintToleration', result: 'Success' },
          { plugin: 'NodeResourcesFit', result: 'Unschedulable', reasons: ['Insufficient cpu'] },
        ],
      }))],
    });
  });

  test('a scheduled pod\'s record: every filter passed on the workers, each plugin\'s score, the choice', () => {
    const cluster = setup();
    const record = get(cluster, `${base}/namespaces/default/podschedulingdecisions/web`).body as { selectedNode: string; nodes: unknown[] };
    const bound = (get(cluster, '/api/v1/namespaces/default/pods/web').body as { spec: { nodeName: string } }).spec.nodeName;
    expect(record.selectedNode).toBe(bound);
    expect(record.nodes).toEqual([controlPlane, ...['node-1', 'node-2', 'node-3'].map((name) => ({
      name,
      filters: workerFilters.map((plugin) => ({ plugin, result: 'Success' })),
      // An empty 4-CPU node and a 100m pod: LeastAllocated (4000-100)/4000 → 97, balance 98; taints 100 × 3.
      scores: [
        { plugin: 'TaintToleration', score: 100, weight: 3 },
        { plugin: 'NodeResourcesFit', score: 97, weight: 1 },
        { plugin: 'NodeResourcesBalancedAllocation', score: 98, weight: 1 },
      ],
      totalScore: 495,
      ...(name === bound ? { selected: true } : {}),
    }))]);
  });

  test('a Table for kubectl get, in name order, with the message only in the wide column', () => {
    const table = get(setup(), `${base}/namespaces/default/podschedulingdecisions`, tableAccept).body as { columnDefinitions: { name: string; priority: number }[]; rows: { cells: unknown[] }[] };
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Result:0', 'Node:0', 'Feasible:0', 'Attempt:0', 'Age:0', 'Message:1']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['big', 'Unschedulable', '<none>', '0/4', 1, '5s', unschedulableMessage],
      ['web', 'Scheduled', 'node-1', '3/4', 1, '5s', '<none>'],
    ]);
  });

  test('list: JSON items, label selectors, and nothing from other namespaces', () => {
    const cluster = setup();
    const list = (path: string): unknown => cluster.handle({ method: 'GET', path, query: { labelSelector: 'app=web' } }).body;
    expect(list(`${base}/namespaces/default/podschedulingdecisions`)).toMatchObject({
      kind: 'PodSchedulingDecisionList', apiVersion: 'scheduling.kubelab.dev/v1alpha1', items: [{ metadata: { name: 'web' }, result: 'Scheduled' }],
    });
    expect((list(`${base}/podschedulingdecisions`) as { items: unknown[] }).items).toHaveLength(1);
    expect((list(`${base}/namespaces/kube-system/podschedulingdecisions`) as { items: unknown[] }).items).toEqual([]);
  });

  test('the record goes with the pod, and the group is read-only', () => {
    const cluster = setup();
    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/big' });
    cluster.advance(1_000);
    expect(cluster.scheduler.decisions.size).toBe(1);
    expect(get(cluster, `${base}/namespaces/default/podschedulingdecisions/big`)).toMatchObject({
      status: 404, body: { reason: 'NotFound', message: 'podschedulingdecisions.scheduling.kubelab.dev "big" not found' },
    });
    expect(cluster.handle({ method: 'DELETE', path: `${base}/namespaces/default/podschedulingdecisions/web` })).toMatchObject({
      status: 405, body: { reason: 'MethodNotAllowed' },
    });
  });

  test('discovery lists the group once its APIService exists', () => {
    const cluster = new Cluster({ seed: 1, addons: false });
    expect(get(cluster, `${base}`).body).toMatchObject({
      kind: 'APIResourceList', groupVersion: 'scheduling.kubelab.dev/v1alpha1',
      resources: [{ name: 'podschedulingdecisions', namespaced: true, kind: 'PodSchedulingDecision', verbs: ['get', 'list'], shortNames: ['psd'] }],
    });
  });
});
