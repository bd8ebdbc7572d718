import { describe, expect, it } from 'vitest';
import { Random } from '../clock.ts';
import type { KubeObject } from '../api/types.ts';
import { SchedulerCache } from './cache.ts';
import { explainDecision } from './decisions.ts';
import { Framework, numFeasibleNodesToFind } from './framework.ts';
import { newPodInfo } from './pod-info.ts';
import { makeNode, makePod } from './test-helpers.ts';

describe('numFeasibleNodesToFind', () => {
  it.each([
    [50, 0, 50], [99, 0, 99], [100, 0, 100], [500, 0, 230], [1000, 0, 420], [5000, 0, 500], [15000, 0, 750], [1000, 10, 100], [1000, 100, 1000], [3000, 50, 1500],
  ])('%i nodes at %i %% → %i', (nodes, percentage, want) => {
    expect(numFeasibleNodesToFind(nodes, percentage)).toBe(want);
  });
});

/** A deterministic mixed workload: zone selectors, a tainted tenth of the nodes, tolerations, sizes. */
function workload(nodes: number, pods: number): { nodeObjects: KubeObject[]; podObjects: KubeObject[] } {
  const random = new Random(7);
  const nodeObjects = Array.from({ length: nodes }, (_, i) => makeNode(`n${i}`, {
    zone: `zone-${i % 3}`, cpu: `${2 + random.int(3)}`, memory: `${4 + random.int(12)}Gi`,
    ...(i % 10 === 0 ? { taints: [{ key: 'dedicated', value: 'gpu', effect: i % 20 ? 'NoSchedule' : 'PreferNoSchedule' }] } : {}),
    ...(i % 37 === 0 ? { unschedulable: true } : {}),
  }));
  const podObjects = Array.from({ length: pods }, (_, i) => {
    const pod = makePod(`p${i}`).requests({ cpu: `${100 * (1 + random.int(10))}m`, memory: `${128 * (1 + random.int(8))}Mi` });
    if (i % 3 === 0) pod.spec({ nodeSelector: { 'topology.kubernetes.io/zone': `zone-${random.int(3)}` } });
    if (i % 7 === 0) pod.spec({ tolerations: [{ key: 'dedicated', operator: 'Exists' }] });
    const object = pod.toObject();
    object.metadata.uid = `uid-${i}`;
    return object;
  });
  return { nodeObjects, podObjects };
}

describe('the fused fast path', () => {
  it('makes exactly the decisions the plugin-by-plugin path makes', () => {
    const { nodeObjects, podObjects } = workload(120, 700);
    const run = (fastPath: boolean) => {
      const cache = new SchedulerCache();
      for (const n of nodeObjects) cache.setNode(n);
      const framework = new Framework({ fastPath });
      const random = new Random(3);
      return podObjects.map((object) => {
        const pod = newPodInfo(object);
        const { decision } = framework.schedulePod(pod, cache, random, { attempt: 1, time: 0 });
        if (decision.selectedNode) cache.assume(pod, decision.selectedNode);
        return { node: decision.selectedNode, message: decision.message, nodes: explainDecision(decision) };
      });
    };
    const fast = run(true);
    const slow = run(false);
    expect(fast.filter((d) => !d.node).length).toBeGreaterThan(0); // the workload does overflow some nodes
    expect(fast).toEqual(slow);
  });
});

describe('findNodesThatFit', () => {
  it('starts each pod where the previous scan stopped (round robin)', () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 300; i++) cache.setNode(makeNode(`n${i}`));
    const framework = new Framework();
    const random = new Random(1);
    const first = framework.schedulePod(newPodInfo(makePod('a').toObject()), cache, random, { attempt: 1, time: 0 }).decision;
    const second = framework.schedulePod(newPodInfo(makePod('b').toObject()), cache, random, { attempt: 1, time: 0 }).decision;
    // 300 nodes: 50 − 2 = 48 % → 144 feasible wanted, so the second scan starts at node 144.
    expect([first.startIndex, first.evaluatedNodes, first.feasible.length, second.startIndex]).toEqual([0, 144, 144, 144]);
  });
});
