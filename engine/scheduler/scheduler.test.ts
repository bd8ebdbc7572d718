import { describe, expect, it } from 'vitest';
import { explainDecision } from './decisions.ts';
import { create, createPod, getPod, makeNode, makePod, podEvents, schedulerCluster } from './test-helpers.ts';

const taintPart = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

describe('scheduler: binding and FailedScheduling', () => {
  it('binds a pod and emits Scheduled', () => {
    const { cluster } = schedulerCluster();
    createPod(cluster, makePod('web-abc').cpu('500m'));
    const pod = getPod(cluster, 'web-abc');
    expect(pod.spec?.nodeName).toMatch(/^worker-[123]$/);
    expect(pod.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    expect(podEvents(cluster, 'web-abc')).toEqual([['Normal', 'Scheduled', 'Binding', `Successfully assigned default/web-abc to ${pod.spec?.nodeName}`]]);
  });

  it.each([
    {
      name: 'insufficient cpu',
      pod: makePod('big').cpu('5'),
      message: `0/4 nodes are available: ${taintPart}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    },
    {
      name: 'insufficient cpu and memory',
      pod: makePod('huge').requests({ cpu: '8', memory: '16Gi' }),
      message: `0/4 nodes are available: ${taintPart}, 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.`,
    },
    {
      name: 'nodeSelector mismatch',
      pod: makePod('gpu').spec({ nodeSelector: { accelerator: 'nvidia' } }),
      message: `0/4 nodes are available: ${taintPart}, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    },
    {
      name: 'preemptionPolicy Never',
      pod: makePod('polite').cpu('5').spec({ preemptionPolicy: 'Never' }),
      message: `0/4 nodes are available: ${taintPart}, 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.`,
    },
  ])('$name: PodScheduled=False and FailedScheduling with the real text', ({ pod, message }) => {
    const { cluster } = schedulerCluster();
    const name = pod.object.metadata.name!;
    createPod(cluster, pod);
    const stored = getPod(cluster, name);
    expect(stored.spec?.nodeName).toBeUndefined();
    expect(stored.status?.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Unschedulable', message },
    ]);
    expect(podEvents(cluster, name)).toEqual([['Warning', 'FailedScheduling', 'Scheduling', message]]);
  });

  it('reports untolerated taints on every node, and a toleration lets the pod in', () => {
    const { cluster } = schedulerCluster();
    for (const n of ['worker-1', 'worker-2', 'worker-3']) {
      cluster.handle({
        method: 'PATCH', path: `/api/v1/nodes/${n}`, headers: { 'content-type': 'application/merge-patch+json' },
        body: { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } },
      });
    }
    createPod(cluster, makePod('plain'));
    expect(getPod(cluster, 'plain').status?.conditions?.[0].message).toBe(
      `0/4 nodes are available: ${taintPart}, 3 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
    createPod(cluster, makePod('tolerant').spec({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    expect(getPod(cluster, 'tolerant').spec?.nodeName).toMatch(/^worker-/);
  });

  it('ignores pods for another scheduler', () => {
    const { cluster } = schedulerCluster();
    createPod(cluster, makePod('custom').spec({ schedulerName: 'my-scheduler' }));
    expect(getPod(cluster, 'custom').spec?.nodeName).toBeUndefined();
    expect(podEvents(cluster, 'custom')).toEqual([]);
  });
});

describe('scheduler: queue and cluster events', () => {
  it('retries an unschedulable pod when a node is added', () => {
    const { cluster, scheduler } = schedulerCluster();
    createPod(cluster, makePod('big').cpu('6'));
    expect(scheduler.schedulingQueue.where('default/big')).toBe('unschedulable');
    cluster.advance(60_000);
    expect(scheduler.decisions.find('default', 'big')?.attempt).toBe(1); // nothing changed: no retry
    create(cluster, '/api/v1/nodes', makeNode('worker-4', { zone: 'zone-a', cpu: '8' }));
    cluster.advance(1_000);
    expect(getPod(cluster, 'big').spec?.nodeName).toBe('worker-4');
    expect(scheduler.decisions.find('default', 'big')?.attempt).toBe(2);
  });

  it('retries after 5 minutes even without an event', () => {
    const { cluster, scheduler } = schedulerCluster();
    createPod(cluster, makePod('big').cpu('6'));
    cluster.advance(5 * 60_000);
    expect(scheduler.decisions.find('default', 'big')?.attempt).toBe(2);
  });
});

describe('scheduler: default topology spreading', () => {
  it('spreads the pods a Service selects over zones and nodes', () => {
    const { cluster, scheduler } = schedulerCluster();
    create(cluster, '/api/v1/namespaces/default/services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    for (let i = 0; i < 6; i++) createPod(cluster, makePod(`web-${i}`).labels({ app: 'web' }).cpu('100m'));
    const perNode = new Map<string, number>();
    for (let i = 0; i < 6; i++) {
      const node = getPod(cluster, `web-${i}`).spec!.nodeName!;
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    expect(Object.fromEntries([...perNode].sort())).toEqual({ 'worker-1': 2, 'worker-2': 2, 'worker-3': 2 });
    // The default constraints scored them (a bare pod's record has no PodTopologySpread).
    const last = scheduler.decisions.find('default', 'web-5')!;
    expect(last.scorePlugins.map((p) => p.name)).toContain('PodTopologySpread');
    const spread = explainDecision(last).map((n) => [n.node, n.scores?.find((x) => x.plugin === 'PodTopologySpread')?.score]).sort();
    // web-5 comes last: two nodes already hold 2 pods, one holds 1, and that one scores 100.
    expect(spread.filter(([, score]) => score === 100)).toHaveLength(1);
  });

  it('honours a DoNotSchedule constraint, with the real message when it cannot', () => {
    const { cluster } = schedulerCluster();
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'db' } } }] };
    // Two db pods already run in zone-a (placed by nodeName, bypassing the scheduler).
    for (const name of ['db-0', 'db-1']) createPod(cluster, makePod(name).labels({ app: 'db' }).spec({ nodeName: 'worker-1' }));
    createPod(cluster, makePod('db-2').labels({ app: 'db' }).spec(spread));
    // zone-a would have skew 2 + 1 − 0 = 3 > 1, so db-2 goes to zone-b or zone-c.
    expect(getPod(cluster, 'db-2').spec?.nodeName).toMatch(/^worker-[23]$/);
    for (const n of ['worker-2', 'worker-3']) {
      cluster.handle({
        method: 'PATCH', path: `/api/v1/nodes/${n}`, headers: { 'content-type': 'application/merge-patch+json' },
        body: { spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] } },
      });
    }
    createPod(cluster, makePod('db-3').labels({ app: 'db' }).spec(spread));
    expect(getPod(cluster, 'db-3').status?.conditions?.[0].message).toBe(
      `0/4 nodes are available: 1 node(s) didn't match pod topology spread constraints, ${taintPart}, 2 node(s) had untolerated taint {dedicated: batch}. `
      + 'preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    );
  });
});

describe('scheduler: preemption by PriorityClass', () => {
  it('evicts a lower-priority pod and nominates its node, then binds after the victim is gone', () => {
    const { cluster, scheduler } = schedulerCluster();
    for (let i = 1; i <= 3; i++) createPod(cluster, makePod(`low-${i}`).cpu('3').spec({ nodeSelector: { 'kubernetes.io/hostname': `worker-${i}` } }));
    create(cluster, '/apis/scheduling.k8s.io/v1/priorityclasses', {
      apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000,
    });
    const preemptor = createPod(cluster, makePod('urgent').cpu('2').spec({ priorityClassName: 'high' }));
    const pod = getPod(cluster, 'urgent');
    expect(pod.spec?.priority).toBe(1000);
    const nominated = pod.status?.nominatedNodeName;
    expect(nominated).toMatch(/^worker-[123]$/);
    const victimName = `low-${nominated!.slice(-1)}`;
    const victim = getPod(cluster, victimName);
    expect(victim.metadata?.deletionTimestamp).toBeDefined();
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toEqual({
      type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z',
      reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    expect(podEvents(cluster, victimName)).toContainEqual(['Normal', 'Preempted', 'Preempting', `Preempted by pod ${preemptor.metadata.uid} on node ${nominated}`]);
    expect(podEvents(cluster, 'urgent')).toEqual([['Warning', 'FailedScheduling', 'Scheduling', `0/4 nodes are available: ${taintPart}, 3 Insufficient cpu.`]]);
    expect(scheduler.decisions.find('default', 'urgent')?.preemption).toEqual({ message: undefined, nominatedNode: nominated, victims: [`default/${victimName}`] });
    // The kubelet finishes the graceful deletion; the pod delete wakes the preemptor.
    cluster.handle({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${victimName}`, query: { gracePeriodSeconds: '0' } });
    cluster.advance(1_000);
    expect(getPod(cluster, 'urgent').spec?.nodeName).toBe(nominated);
  });
});

describe('scheduler: volumes', () => {
  const claim = (name: string, storageClassName: string) => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '1Gi' } } },
  });
  const withClaim = (pod: string, claimName: string) => makePod(pod).spec({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] });

  it('keeps a pod with an unbound immediate claim Pending with the PreFilter message', () => {
    const { cluster } = schedulerCluster();
    create(cluster, '/apis/storage.k8s.io/v1/storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'example.com/fast' });
    create(cluster, '/api/v1/namespaces/default/persistentvolumeclaims', claim('data', 'fast'));
    createPod(cluster, withClaim('db', 'data'));
    expect(podEvents(cluster, 'db')).toEqual([['Warning', 'FailedScheduling', 'Scheduling',
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.']]);
  });

  it('reports a missing claim', () => {
    const { cluster } = schedulerCluster();
    createPod(cluster, withClaim('db', 'nope'));
    expect(getPod(cluster, 'db').status?.conditions?.[0].message).toBe(
      '0/4 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });

  it('schedules a WaitForFirstConsumer claim and tells the provisioner the node', () => {
    const { cluster } = schedulerCluster();
    create(cluster, '/apis/storage.k8s.io/v1/storageclasses', {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer',
    });
    create(cluster, '/api/v1/namespaces/default/persistentvolumeclaims', claim('data', 'standard'));
    createPod(cluster, withClaim('db', 'data'));
    const node = getPod(cluster, 'db').spec?.nodeName;
    expect(node).toMatch(/^worker-/);
    const pvc = cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/persistentvolumeclaims/data' }).body as { metadata: { annotations?: Record<string, string> } };
    expect(pvc.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
  });
});

describe('scheduler: decision records', () => {
  it('explains a Pending pod node by node, from the same record as the message', () => {
    const { cluster, scheduler } = schedulerCluster();
    const pod = createPod(cluster, makePod('big').cpu('5'));
    const decision = scheduler.decisions.get(pod.metadata.uid!)!;
    expect(decision.result).toBe('Unschedulable');
    expect(decision.message).toBe(getPod(cluster, 'big').status?.conditions?.[0].message);
    const nodes = explainDecision(decision).sort((a, b) => a.node.localeCompare(b.node));
    expect(nodes[0]).toEqual({
      node: 'control-plane', selected: false,
      filters: [
        { plugin: 'NodeUnschedulable', code: 'Success', reasons: [] },
        { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
      ],
    });
    expect(nodes[1].filters.at(-1)).toEqual({ plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] });
  });

  it('records every score plugin for a scheduled pod', () => {
    const { cluster, scheduler } = schedulerCluster();
    const pod = createPod(cluster, makePod('web').cpu('1'));
    const nodes = explainDecision(scheduler.decisions.get(pod.metadata.uid!)!);
    const chosen = nodes.find((n) => n.selected)!;
    expect(chosen.node).toBe(getPod(cluster, 'web').spec?.nodeName);
    expect(chosen.scores?.map((s) => `${s.plugin}×${s.weight}`)).toEqual(['TaintToleration×3', 'NodeResourcesFit×1', 'NodeResourcesBalancedAllocation×1']);
    // Three empty identical workers: LeastAllocated (4 cpu − 1 requested) 75 and memory 97 → 86.
    expect(chosen.scores?.find((s) => s.plugin === 'NodeResourcesFit')?.score).toBe(86);
    expect(nodes.filter((n) => n.total !== undefined)).toHaveLength(3);
  });
});
