import { describe, expect, it } from 'vitest';
import { describeNode, findNodeRoles } from './node.ts';

describe('findNodeRoles', () => {
  it.each([
    [{ 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'edge' }, ['control-plane', 'edge']],
    [{ 'node-role.kubernetes.io/': 'x', 'kubernetes.io/role': '' }, []],
    [{ 'node-role.kubernetes.io/worker': 'yes', 'node-role.kubernetes.io/infra': '' }, ['infra', 'worker']],
  ])('%j → %j', (labels, roles) => {
    expect(findNodeRoles(labels)).toEqual(roles);
  });
});

describe('describeNode', () => {
  it('reports a missing Lease and forbidden pods as kubectl does, aligned with the blocks around them', () => {
    const node = { metadata: { name: 'node-2', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { unschedulable: true } };
    const text = describeNode(node, undefined, [], { error: 'leases.coordination.k8s.io "node-2" not found' }, Date.parse('2026-01-01T00:01:00Z'));
    expect(text).toBe('Name:               node-2\nRoles:              <none>\nLabels:             <none>\nAnnotations:        <none>\n'
      + 'CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000\nTaints:             <none>\nUnschedulable:      true\n'
      + 'Lease:              Failed to get lease: leases.coordination.k8s.io "node-2" not found\nAddresses:\nSystem Info:\n'
      + '  Machine ID:                 \n  System UUID:                \n  Boot ID:                    \n  Kernel Version:             \n'
      + '  OS Image:                   \n  Operating System:           \n  Architecture:               \n'
      + '  Container Runtime Version:  \n  Kubelet Version:            \n  Kube-Proxy Version:         \n'
      + 'Pods:                         not authorized\nEvents:                       <none>\n');
  });
});
