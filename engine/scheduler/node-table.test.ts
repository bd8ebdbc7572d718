import { describe, expect, it } from 'vitest';
import { SchedulerCache } from './cache.ts';
import { newNodeTable, type NodeTable } from './node-table.ts';
import { newPodInfo } from './pod-info.ts';
import { makeNode, makePod } from './test-helpers.ts';

function pod(name: string, cpu: string, memory: string) {
  const object = makePod(name).requests({ cpu, memory }).toObject();
  object.metadata.uid = `uid-${name}`;
  return newPodInfo(object);
}

/** The table's row for node `i`, as plain numbers. */
function row(table: NodeTable, i: number): number[] {
  return [table.allocatableCpu[i], table.requestedCpu[i], table.requestedMemory[i], table.nonZeroCpu[i], table.podCount[i], table.allowedPodNumber[i]];
}

describe('the scheduler cache keeps its node table equal to the NodeInfos', () => {
  it.each([
    { step: 'assume two pods', act: (c: SchedulerCache) => { c.assume(pod('a', '500m', '1Gi'), 'n1'); c.assume(pod('b', '250m', '1Gi'), 'n1'); } },
    { step: 'assume, then forget', act: (c: SchedulerCache) => { c.assume(pod('a', '500m', '1Gi'), 'n1'); c.forget('uid-a'); } },
    { step: 'a node is replaced (allocatable changes)', act: (c: SchedulerCache) => { c.assume(pod('a', '1', '1Gi'), 'n0'); c.setNode(makeNode('n0', { cpu: '8' })); } },
    { step: 'a node is removed and another added', act: (c: SchedulerCache) => { c.assume(pod('a', '1', '1Gi'), 'n2'); c.removeNode('n0'); c.setNode(makeNode('n3')); } },
  ])('$step', ({ act }) => {
    const cache = new SchedulerCache();
    for (const name of ['n0', 'n1', 'n2']) cache.setNode(makeNode(name));
    cache.nodeTable(); // built before the changes, so they must be copied into it
    act(cache);
    const table = cache.nodeTable();
    const fresh = newNodeTable(cache.nodes());
    cache.nodes().forEach((_, i) => expect(row(table, i)).toEqual(row(fresh, i)));
  });

  it('copies the sums after an assume (1 cpu on a 4-cpu node)', () => {
    const cache = new SchedulerCache();
    cache.setNode(makeNode('n0', { cpu: '4' }));
    cache.nodeTable();
    cache.assume(pod('a', '1', '1Gi'), 'n0');
    expect(row(cache.nodeTable(), 0)).toEqual([4000, 1000, 1024 ** 3, 1000, 1, 110]);
  });
});
