import { beforeEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import { NodeLifecycleController } from './node-lifecycle.ts';
import { PodGCController } from './pod-gc.ts';
import { TaintEvictionController } from './taint-eviction.ts';

const t0 = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z');

function must(response: ApiResponse): KubeObject {
  if (response.status >= 300) throw new Error(JSON.stringify(response.body));
  return response.body as KubeObject;
}

/** The default cluster with the node-lifecycle, taint-eviction and pod GC controllers, and a 3-replica Deployment. */
function failoverCluster(): Cluster {
  const cluster = new Cluster({ seed: 1, omitControllers: ['node-controller', 'taint-eviction-controller', 'pod-garbage-collector'] });
  cluster.controllers.add(new NodeLifecycleController());
  cluster.controllers.add(new TaintEvictionController());
  cluster.controllers.add(new PodGCController());
  must(cluster.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  } }));
  // A pod that tolerates an unreachable node for 20 s only.
  must(cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'impatient' },
    spec: { nodeName: 'node-2', containers: [{ name: 'nginx', image: 'nginx:1.27' }], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 }] },
  } }));
  return cluster;
}

/** Advance to `second` seconds after the start of virtual time. */
function advanceTo(cluster: Cluster, second: number): void {
  cluster.advance(t0 + second * 1000 - cluster.now());
}

const node2 = (cluster: Cluster): KubeObject => must(cluster.handle({ method: 'GET', path: '/api/v1/nodes/node-2' }));

/** `name node phase ready terminating` for every pod, sorted by name. */
function podTable(cluster: Cluster): string[] {
  const list = must(cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/pods' })) as unknown as { items: KubeObject[] };
  return list.items.map((p) => {
    const status = p.status as { phase: string; conditions?: { type: string; status: string }[] };
    const ready = status.conditions?.find((c) => c.type === 'Ready')?.status ?? '-';
    return `${p.metadata.name} ${(p.spec as { nodeName?: string }).nodeName} ${status.phase} Ready=${ready}${p.metadata.deletionTimestamp ? ' Terminating' : ''}`;
  }).sort();
}

/** `reason message` of the events the node and taint controllers recorded, oldest first. */
function controllerEvents(cluster: Cluster): string[] {
  const list = must(cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/events' })) as unknown as { items: KubeObject[] };
  return list.items
    .filter((e) => ['node-controller', 'taint-eviction-controller'].includes((e.source as { component: string }).component))
    .filter((e) => e.reason !== 'RegisteredNode')
    .sort((a, b) => (String(a.firstTimestamp) < String(b.firstTimestamp) ? -1 : String(a.firstTimestamp) > String(b.firstTimestamp) ? 1 : 0))
    .map((e) => `${String(e.firstTimestamp).slice(11, 19)} ${String(e.type)} ${String(e.reason)} ${(e.involvedObject as { name: string }).name}: ${String(e.message)}`);
}

const unknown = (type: string): Record<string, unknown> => ({
  type, status: 'Unknown', lastHeartbeatTime: at(10), lastTransitionTime: at(85), reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.',
});

describe('node failure and recovery', () => {
  let cluster: Cluster;
  let onNode2: string;
  beforeEach(() => {
    cluster = failoverCluster();
    advanceTo(cluster, 30);
    onNode2 = podTable(cluster).find((row) => row.includes(' node-2 ') && row.startsWith('web-'))!.split(' ')[0];
    cluster.kubelets.failNode('node-2');
  });

  it('marks the node NotReady 50 s after its last Lease renewal, taints it, and evicts its pods after their tolerations', () => {
    const table: [number, string][] = [];
    // 30 s: last renewal; 85 s: the first 5 s monitor pass past the 50 s grace period.
    advanceTo(cluster, 84);
    expect((node2(cluster).status as { conditions: { type: string; status: string }[] }).conditions.map((c) => `${c.type}=${c.status}`))
      .toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    advanceTo(cluster, 85);
    expect((node2(cluster).status as { conditions: unknown[] }).conditions).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map(unknown));
    expect(node2(cluster).spec).toMatchObject({ taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: at(85) }] });
    advanceTo(cluster, 90);
    expect((node2(cluster).spec as { taints: unknown[] }).taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: at(85) },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at(90) },
    ]);
    for (const second of [109, 110, 389, 390, 480]) {
      advanceTo(cluster, second);
      for (const row of podTable(cluster)) table.push([second, row]);
    }
    const rows = (second: number): string[] => table.filter(([s]) => s === second).map(([, row]) => row);
    // 20 s after the NoExecute taint the impatient pod goes; the others wait their 300 s.
    expect(rows(109)).toContain('impatient node-2 Running Ready=False');
    expect(rows(110)).toContain('impatient node-2 Running Ready=False Terminating');
    expect(rows(389)).toContain(`${onNode2} node-2 Running Ready=False`);
    expect(rows(390)).toContain(`${onNode2} node-2 Running Ready=False Terminating`);
    // The kubelet cannot confirm: the pod stays Terminating, and its replacement runs elsewhere.
    const later = rows(480);
    expect(later).toContain(`${onNode2} node-2 Running Ready=False Terminating`);
    const live = later.filter((row) => row.startsWith('web-') && !row.includes('Terminating'));
    expect(live).toHaveLength(3);
    for (const row of live) expect(row).toMatch(/^web-\S+ node-[13] Running Ready=True$/);
    const pod = must(cluster.handle({ method: 'GET', path: `/api/v1/namespaces/default/pods/${onNode2}` }));
    expect(pod.metadata).toMatchObject({ deletionTimestamp: at(420), deletionGracePeriodSeconds: 30 });
    expect((pod.status as { conditions: unknown[] }).conditions).toContainEqual({
      type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: at(390), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect(controllerEvents(cluster).sort()).toEqual([
      '00:01:25 Normal NodeNotReady node-2: Node node-2 status is now: NodeNotReady',
      '00:01:25 Warning NodeNotReady impatient: Node is not ready',
      `00:01:25 Warning NodeNotReady ${onNode2}: Node is not ready`,
      '00:01:50 Normal TaintManagerEviction impatient: Marking for deletion Pod default/impatient',
      `00:06:30 Normal TaintManagerEviction ${onNode2}: Marking for deletion Pod default/${onNode2}`,
    ].sort());
  });

  it('removes the taints when heartbeats resume and cancels the deletions still counting down', () => {
    advanceTo(cluster, 200);
    cluster.kubelets.recoverNode('node-2');
    advanceTo(cluster, 205);
    expect((node2(cluster).spec as { taints?: unknown }).taints).toBeUndefined();
    expect(controllerEvents(cluster).slice(-1)).toEqual([`00:03:25 Normal TaintManagerEviction ${onNode2}: Cancelling deletion of Pod default/${onNode2}`]);
    advanceTo(cluster, 600);
    // The pod was never deleted. (Its Ready condition is the kubelet's to restore once it is back.)
    expect(podTable(cluster).filter((row) => row.includes(' node-2 ')).map((row) => row.replace(/ Ready=\w+/, ''))).toEqual([`${onNode2} node-2 Running`]);
  });

  it('force-deletes the pods of a deleted node 40 s later (pod GC)', () => {
    advanceTo(cluster, 400);
    must(cluster.handle({ method: 'DELETE', path: '/api/v1/nodes/node-2' }));
    advanceTo(cluster, 439);
    expect(podTable(cluster).filter((row) => row.includes(' node-2 '))).toHaveLength(2);
    advanceTo(cluster, 445);
    expect(podTable(cluster).filter((row) => row.includes(' node-2 '))).toEqual([]);
    const list = must(cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/events' })) as unknown as { items: KubeObject[] };
    expect(list.items.filter((e) => e.reason === 'RemovingNode').map((e) => e.message)).toEqual(['Node node-2 event: Removing Node node-2 from Controller']);
  });
});

describe('cordon', () => {
  it('adds and removes the unschedulable taint with spec.unschedulable', () => {
    const cluster = new Cluster({ seed: 1, omitControllers: ['node-controller', 'taint-eviction-controller', 'pod-garbage-collector'] });
    cluster.controllers.add(new NodeLifecycleController());
    const cordon = (unschedulable: boolean): void => {
      must(cluster.handle({ method: 'PATCH', path: '/api/v1/nodes/node-1', headers: { 'content-type': 'application/strategic-merge-patch+json' }, body: { spec: { unschedulable } } }));
    };
    cordon(true);
    expect(must(cluster.handle({ method: 'GET', path: '/api/v1/nodes/node-1' })).spec).toMatchObject({
      unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: at(0) }],
    });
    cordon(false);
    expect((must(cluster.handle({ method: 'GET', path: '/api/v1/nodes/node-1' })).spec as { taints?: unknown }).taints).toBeUndefined();
  });
});
