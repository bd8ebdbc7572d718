import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import { advanceWithin, type SliceableCluster } from './sliced-advance.ts';

/** A cluster of due instants only: records each advance it is asked for. */
function fakeCluster(dues: number[]): SliceableCluster & { steps: number[] } {
  let now = 0;
  const steps: number[] = [];
  return {
    steps,
    now: () => now,
    advance: (ms) => {
      steps.push(ms);
      now += ms;
    },
    controllers: { nextDue: () => dues.find((due) => due > now) },
  };
}

/** Every pod's name, node, phase and readiness, as `kubectl get pods -A` would list them. */
function podStates(cluster: Cluster): string[] {
  const list = cluster.handle({ method: 'GET', path: '/api/v1/pods' }).body as { items: { metadata: { namespace: string; name: string }; spec: { nodeName?: string }; status: { phase?: string; conditions?: { type: string; status: string }[] } }[] };
  return list.items.map((pod) => [pod.metadata.namespace, pod.metadata.name, pod.spec.nodeName, pod.status.phase, pod.status.conditions?.find((c) => c.type === 'Ready')?.status].join(' ')).sort();
}

describe('advanceWithin', () => {
  it.each([
    { name: 'stops at each due instant until the target', dues: [100, 250, 900], ms: 1000, budget: 1000, steps: [100, 150, 650, 100], covered: 1000 },
    { name: 'goes straight to the target when nothing is due', dues: [], ms: 500, budget: 1000, steps: [500], covered: 500 },
    { name: 'ends early when the wall-time budget is spent', dues: [100, 250, 900], ms: 1000, budget: 2, steps: [100, 150], covered: 250 },
  ])('$name', ({ dues, ms, budget, steps, covered }) => {
    const cluster = fakeCluster(dues);
    let wall = 0;
    // Each read of the wall clock is one more millisecond: a budget of 2 allows two slices.
    expect(advanceWithin(cluster, ms, budget, () => wall++)).toBe(covered);
    expect(cluster.steps).toEqual(steps);
  });

  it('leaves a real cluster exactly as one long advance does', () => {
    const make = (): Cluster => {
      const cluster = new Cluster({ seed: 7, addons: false });
      cluster.handle({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
        spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      } });
      return cluster;
    };
    const whole = make();
    whole.advance(30_000);
    const sliced = make();
    let wall = 0;
    let covered = 0;
    // A budget of one slice per call: the worst case of many short ticks.
    while (covered < 30_000) covered += advanceWithin(sliced, 30_000 - covered, 1, () => wall++);
    expect(sliced.now()).toBe(whole.now());
    // The whole stored pods (resourceVersions, timestamps, IPs), not just their phases.
    const pods = (cluster: Cluster): unknown => (cluster.handle({ method: 'GET', path: '/api/v1/pods' }).body as { items: unknown[] }).items;
    expect(pods(sliced)).toEqual(pods(whole));
    expect(podStates(whole).filter((line) => line.startsWith('default web-') && line.endsWith(' Running True'))).toHaveLength(4);
  });
});
