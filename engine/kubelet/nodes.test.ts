import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { at, createPod, eventsOf, kubeletCluster, logsOf, makePod } from './test-helpers.ts';
import { defaultNodes, podCidr } from './nodes.ts';

const lease = (cluster: ReturnType<typeof kubeletCluster>['cluster'], name: string): KubeObject =>
  cluster.handle({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}` }).body as KubeObject;
const node = (cluster: ReturnType<typeof kubeletCluster>['cluster'], name: string): KubeObject =>
  cluster.handle({ method: 'GET', path: `/api/v1/nodes/${name}` }).body as KubeObject;

describe('the default cluster', () => {
  it('has a tainted control plane and workers in zones a, b, c', () => {
    expect(defaultNodes(3)).toEqual([
      {
        name: 'control-plane', cpu: 4, memory: '8Gi', pods: 110,
        labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '', 'topology.kubernetes.io/zone': 'zone-a' },
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      },
      { name: 'node-1', cpu: 4, memory: '8Gi', pods: 110, labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
      { name: 'node-2', cpu: 4, memory: '8Gi', pods: 110, labels: { 'topology.kubernetes.io/zone': 'zone-b' } },
      { name: 'node-3', cpu: 4, memory: '8Gi', pods: 110, labels: { 'topology.kubernetes.io/zone': 'zone-c' } },
    ]);
    expect([0, 1, 255, 256, 3071, 3072, 4999, 32767].map(podCidr)).toEqual([
      '10.244.0.0/24', '10.244.1.0/24', '10.244.255.0/24', '10.245.0.0/24', '10.255.255.0/24', '10.128.0.0/24', '10.135.135.0/24', '10.243.255.0/24',
    ]);
    expect(() => podCidr(32768)).toThrow('no pod CIDR left for node 32769');
  });

  it('registers Nodes as kind shows them, with the kubelet start-up events', () => {
    const { cluster } = kubeletCluster({ nodeEvents: true });
    const worker = node(cluster, 'node-2');
    expect(worker.spec).toEqual({ podCIDR: '10.244.2.0/24', podCIDRs: ['10.244.2.0/24'], providerID: 'kind://docker/kind/node-2' });
    expect(worker.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-2', 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': 'zone-b',
    });
    const status = worker.status as Record<string, Record<string, unknown>>;
    expect(status.capacity).toEqual({ cpu: '4', 'ephemeral-storage': '263112772Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8Gi', pods: '110' });
    expect(status.addresses).toEqual([{ type: 'InternalIP', address: '172.18.0.4' }, { type: 'Hostname', address: 'node-2' }]);
    expect(status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.2', containerRuntimeVersion: 'containerd://2.0.2', osImage: 'Debian GNU/Linux 12 (bookworm)', operatingSystem: 'linux', architecture: 'amd64' });
    expect((status.conditions as unknown as { type: string; status: string; reason: string }[]).map((c) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'], ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'], ['Ready', 'True', 'KubeletReady'],
    ]);
    expect((node(cluster, 'control-plane').spec as { taints: unknown }).taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(eventsOf(cluster, 'node-2')).toEqual([
      ['Normal', 'Starting', 'Starting kubelet.', 1],
      ['Normal', 'NodeHasSufficientMemory', 'Node node-2 status is now: NodeHasSufficientMemory', 1],
      ['Normal', 'NodeHasNoDiskPressure', 'Node node-2 status is now: NodeHasNoDiskPressure', 1],
      ['Normal', 'NodeHasSufficientPID', 'Node node-2 status is now: NodeHasSufficientPID', 1],
      ['Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', 1],
      ['Normal', 'NodeReady', 'Node node-2 status is now: NodeReady', 1],
    ]);
  });
});

describe('heartbeats', () => {
  it('renews each node Lease every 10 s, owned by its Node', () => {
    const { cluster } = kubeletCluster();
    const first = lease(cluster, 'node-1');
    expect(first.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: node(cluster, 'node-1').metadata.uid }]);
    expect(first.spec).toEqual({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z' });
    cluster.advance(25_000);
    expect((lease(cluster, 'node-1').spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:00:20.000000Z');
  });

  it('stops renewing on failNode and resumes on recoverNode; marking NotReady is the node-lifecycle controller\'s job', () => {
    const { cluster, kubelets } = kubeletCluster();
    createPod(cluster, makePod('web', [{ name: 'nginx', image: 'nginx:1.25' }]));
    cluster.advance(12_000);
    kubelets.failNode('node-1');
    cluster.advance(60_000);
    expect((lease(cluster, 'node-1').spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:00:10.000000Z');
    expect((lease(cluster, 'node-2').spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:01:10.000000Z');
    // The kubelet says nothing more: its Node still shows the last heartbeat it posted.
    const ready = ((node(cluster, 'node-1').status as { conditions: { type: string; status: string; lastHeartbeatTime: string }[] }).conditions).find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', lastHeartbeatTime: at(10) });
    kubelets.recoverNode('node-1');
    cluster.settle();
    expect((lease(cluster, 'node-1').spec as { renewTime: string }).renewTime).toBe('2026-01-01T00:01:12.000000Z');
    expect(logsOf(cluster, 'web', { tailLines: '1' })).toContain('start worker process');
  });
});
