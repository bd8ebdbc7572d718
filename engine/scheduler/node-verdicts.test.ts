import { describe, expect, it } from 'vitest';
import { Random } from '../clock.ts';
import { SchedulerCache } from './cache.ts';
import { Framework } from './framework.ts';
import { newPodInfo } from './pod-info.ts';
import { makeNode, makePod } from './test-helpers.ts';

/** Schedule one pod of a shared template (the same spec object, as a ReplicaSet's pods share a signature). */
function place(framework: Framework, cache: SchedulerCache, name: string, spec: Record<string, unknown>) {
  const object = makePod(name).toObject();
  object.metadata.uid = `uid-${name}`;
  object.spec = { ...(object.spec as Record<string, unknown>), ...spec };
  return framework.schedulePod(newPodInfo(object), cache, new Random(1), { attempt: 1, time: 0 }).decision;
}

describe('per-template node verdicts', () => {
  // Each case schedules a pod, changes the cluster, and schedules a pod of the same template again:
  // the second answer must reflect the change, not the first pod's cached verdicts.
  it.each([
    {
      change: 'a node gains a NoSchedule taint',
      apply: (cache: SchedulerCache) => cache.setNode(makeNode('n0', { zone: 'a', taints: [{ key: 'gpu', effect: 'NoSchedule', value: 'x' }] })),
      want: '0/1 nodes are available: 1 node(s) had untolerated taint {gpu: x}.',
    },
    {
      change: 'a node is cordoned',
      apply: (cache: SchedulerCache) => cache.setNode(makeNode('n0', { zone: 'a', unschedulable: true })),
      want: '0/1 nodes are available: 1 node(s) were unschedulable.',
    },
    {
      change: 'a node moves to another zone',
      apply: (cache: SchedulerCache) => cache.setNode(makeNode('n0', { zone: 'b' })),
      want: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
    },
  ])('$change', ({ apply, want }) => {
    const cache = new SchedulerCache();
    cache.setNode(makeNode('n0', { zone: 'a' }));
    const framework = new Framework();
    const spec = { nodeSelector: { 'topology.kubernetes.io/zone': 'a' } };
    expect(place(framework, cache, 'first', spec).selectedNode).toBe('n0');
    apply(cache);
    const second = place(framework, cache, 'second', spec);
    expect([second.selectedNode, second.message]).toEqual([undefined, want]);
  });

  it('follows the node list when a node is added ahead of the cached indexes', () => {
    const cache = new SchedulerCache();
    cache.setNode(makeNode('n0', { zone: 'a', taints: [{ key: 'gpu', effect: 'NoSchedule' }] }));
    cache.setNode(makeNode('n1', { zone: 'a' }));
    const framework = new Framework();
    expect(place(framework, cache, 'first', {}).selectedNode).toBe('n1');
    cache.removeNode('n0');
    cache.setNode(makeNode('n2', { zone: 'a', taints: [{ key: 'gpu', effect: 'NoSchedule' }] }));
    const second = place(framework, cache, 'second', {});
    expect([second.feasible, second.rejectedNodes]).toEqual([['n1'], ['n2']]);
  });
});
