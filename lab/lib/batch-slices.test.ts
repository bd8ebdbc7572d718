import { describe, expect, it } from 'vitest';
import type { ChangeBatch, PodSummary } from '../../worker/protocol.ts';
import { PodGroups } from './pod-groups.ts';
import { slices } from './batch-slices.ts';

const time: ChangeBatch['time'] = { time: '2026-01-01T00:00:00Z', speed: 1, now: 0 };
const pod = (name: string, nodeName: string): PodSummary => ({ kind: 'Pod', key: `Pod/default/${name}`, namespace: 'default', name, nodeName, phase: 'Running', status: 'Running', ready: '1/1', restarts: 0 });

describe('slices', () => {
  it('keeps a small batch whole', () => {
    const batch: ChangeBatch = { reset: true, changed: [pod('a', 'node-1')], removed: [], time };
    expect(slices(batch, 2)).toEqual([batch]);
  });

  it('cuts removals, then changes, into slices of the size; only the first resets', () => {
    const batch: ChangeBatch = { reset: true, removed: ['Pod/default/x', 'Pod/default/y', 'Pod/default/z'], changed: ['a', 'b', 'c', 'd'].map((n) => pod(n, 'node-1')), time };
    const parts = slices(batch, 3);
    expect(parts.map((p) => [p.reset, p.removed.length, p.changed.map((c) => c.name)])).toEqual([
      [true, 3, []],
      [false, 0, ['a', 'b', 'c']],
      [false, 0, ['d']],
    ]);
    const mixed = slices({ ...batch, reset: false, removed: ['Pod/default/x'] }, 3);
    expect(mixed.map((p) => [p.removed, p.changed.map((c) => c.name)])).toEqual([[['Pod/default/x'], ['a', 'b']], [[], ['c', 'd']]]);
  });

  it('leaves the pods per node as the whole batch does', () => {
    const first: ChangeBatch = { reset: true, removed: [], changed: Array.from({ length: 7 }, (_, i) => pod(`p${i}`, `node-${i % 3}`)), time };
    const next: ChangeBatch = { reset: false, removed: ['Pod/default/p1', 'Pod/default/p4'], changed: [pod('p2', 'node-2'), pod('q', 'node-0')], time };
    // How the cluster view takes a batch's pods (cluster-state.svelte.ts `apply`).
    const take = (groups: PodGroups, batch: ChangeBatch): void => void groups.apply(batch.changed as PodSummary[], batch.removed);
    const whole = new PodGroups();
    const sliced = new PodGroups();
    for (const batch of [first, next]) {
      take(whole, batch);
      for (const part of slices(batch, 2)) take(sliced, part);
    }
    const picture = (groups: PodGroups): unknown => ['node-0', 'node-1', 'node-2'].map((node) => groups.list(node).map((p) => p.name));
    expect(picture(sliced)).toEqual(picture(whole));
    expect(picture(whole)).toEqual([['p0', 'p3', 'p6', 'q'], [], ['p2', 'p5']]);
    expect(sliced.size).toBe(whole.size);
  });
});
