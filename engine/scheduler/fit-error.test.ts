import { describe, expect, it } from 'vitest';
import { fitErrorMessage, reasonHistogram } from './fit-error.ts';
import { unresolvable, unschedulable, type Status } from './types.ts';

const statuses = (...entries: [number, Status][]): Map<string, Status> => {
  const map = new Map<string, Status>();
  let i = 0;
  for (const [count, status] of entries) for (let k = 0; k < count; k++) map.set(`n${i++}`, status);
  return map;
};

describe('FitError message', () => {
  it.each([
    {
      name: 'taint and cpu, with preemption',
      nodes: statuses([1, unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }')], [3, unschedulable('Insufficient cpu')]),
      post: 'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
      want: '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    },
    {
      name: 'a node with two reasons counts in both',
      nodes: statuses([2, unschedulable('Insufficient cpu', 'Insufficient memory')]),
      want: '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory.',
    },
    {
      name: 'sorted as strings: 10 before 2',
      nodes: statuses([2, unresolvable("node(s) didn't match Pod's node affinity/selector")], [10, unschedulable('Insufficient cpu')]),
      want: "0/12 nodes are available: 10 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.",
    },
  ])('$name', ({ nodes, post, want }) => {
    expect(fitErrorMessage(nodes.size, { nodeToStatus: nodes, postFilterMsg: post })).toBe(want);
  });

  it('uses the PreFilter message instead of a histogram', () => {
    const nodes = statuses([3, unresolvable('pod has unbound immediate PersistentVolumeClaims')]);
    expect(fitErrorMessage(3, { nodeToStatus: nodes, preFilterMsg: 'pod has unbound immediate PersistentVolumeClaims' }))
      .toBe('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.');
    expect(reasonHistogram(nodes)).toEqual(['3 pod has unbound immediate PersistentVolumeClaims']);
  });
});
