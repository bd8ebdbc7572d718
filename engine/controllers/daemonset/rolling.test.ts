import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import type { DaemonSetSpec } from './types.ts';
import { isPodUpdated, rollingLimits, rollingUpdate, scaledValue } from './rolling.ts';

const now = Date.UTC(2026, 0, 1, 0, 10);
const NEW = 'new-hash';

/** A daemon pod: `old` or `new` revision, Ready (since `readyAgo` seconds) or not. */
function pod(name: string, revision: 'old' | 'new', ready: boolean, readyAgo = 60): KubeObject {
  const transition = new Date(now - readyAgo * 1000).toISOString().replace('.000Z', 'Z');
  return {
    metadata: { name, namespace: 'default', labels: { 'controller-revision-hash': revision === 'new' ? NEW : 'old-hash' } },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: transition }] },
  };
}

function spec(maxUnavailable: number | string, maxSurge: number | string = 0, minReadySeconds = 0): DaemonSetSpec {
  return { minReadySeconds, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } } };
}

function step(s: DaemonSetSpec, nodes: Partial<Record<string, KubeObject[]>>, gone: string[] = []): { podsToDelete: string[]; nodesToCreate: string[] } {
  const map = new Map(Object.entries(nodes).map(([name, pods]) => [name, pods ?? []]));
  const desired = [...map.keys()].filter((n) => !gone.includes(n)).length;
  return rollingUpdate({ spec: s, hash: NEW, generation: undefined, nodeToDaemonPods: map, desired, shouldRun: (n) => !gone.includes(n), now });
}

describe('scaledValue (GetScaledValueFromIntOrPercent)', () => {
  it.each([
    { value: 2, total: 10, up: true, want: 2 },
    { value: '25%', total: 10, up: true, want: 3 },
    { value: '25%', total: 10, up: false, want: 2 },
    { value: '10%', total: 3, up: true, want: 1 },
    { value: '0%', total: 3, up: true, want: 0 },
  ])('$value of $total (round up: $up) is $want', ({ value, total, up, want }) => {
    expect(scaledValue(value, total, up)).toBe(want);
  });

  it('rejects a string that is not a percentage', () => {
    expect(() => scaledValue('two', 3, true)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
  });
});

describe('rollingLimits', () => {
  it.each([
    { name: 'defaults', s: spec(1, 0), desired: 3, want: { maxSurge: 0, maxUnavailable: 1 } },
    { name: '50% of 3 rounds up', s: spec('50%', 0), desired: 3, want: { maxSurge: 0, maxUnavailable: 2 } },
    { name: 'both 0 would deadlock: maxUnavailable 1', s: spec(0, 0), desired: 3, want: { maxSurge: 0, maxUnavailable: 1 } },
    { name: 'surge 25% of 5', s: spec(0, '25%'), desired: 5, want: { maxSurge: 2, maxUnavailable: 0 } },
    { name: 'OnDelete has no limits', s: { updateStrategy: { type: 'OnDelete' } }, desired: 3, want: { maxSurge: 0, maxUnavailable: 1 } },
  ])('$name', ({ s, desired, want }) => {
    expect(rollingLimits(s, desired)).toEqual(want);
  });
});

describe('rollingUpdate without surge', () => {
  it.each([
    {
      name: 'maxUnavailable 1: the first available old pod goes',
      s: spec(1), nodes: { a: [pod('a1', 'old', true)], b: [pod('b1', 'old', true)], c: [pod('c1', 'old', true)] },
      want: { podsToDelete: ['a1'], nodesToCreate: [] },
    },
    {
      name: 'maxUnavailable 2: two at a time',
      s: spec(2), nodes: { a: [pod('a1', 'old', true)], b: [pod('b1', 'old', true)], c: [pod('c1', 'old', true)] },
      want: { podsToDelete: ['a1', 'b1'], nodesToCreate: [] },
    },
    {
      name: 'a node waiting for its new pod uses up the budget',
      s: spec(1), nodes: { a: [], b: [pod('b1', 'old', true)], c: [pod('c1', 'old', true)] },
      want: { podsToDelete: [], nodesToCreate: [] },
    },
    {
      name: 'a new pod not yet available counts as unavailable',
      s: spec(1), nodes: { a: [pod('a2', 'new', false)], b: [pod('b1', 'old', true)] },
      want: { podsToDelete: [], nodesToCreate: [] },
    },
    {
      name: 'an available new pod frees the budget for the next node',
      s: spec(1), nodes: { a: [pod('a2', 'new', true)], b: [pod('b1', 'old', true)], c: [pod('c1', 'old', true)] },
      want: { podsToDelete: ['b1'], nodesToCreate: [] },
    },
    {
      name: 'an unavailable old pod is replaced at once, outside the budget',
      s: spec(1), nodes: { a: [pod('a1', 'old', false)], b: [pod('b1', 'old', true)], c: [pod('c1', 'old', true)] },
      want: { podsToDelete: ['a1', 'b1'], nodesToCreate: [] },
    },
    {
      name: 'minReadySeconds: Ready for 60 s is not available under minReadySeconds 120',
      s: spec(1, 0, 120), nodes: { a: [pod('a2', 'new', true, 60)], b: [pod('b1', 'old', true, 600)] },
      want: { podsToDelete: [], nodesToCreate: [] },
    },
  ])('$name', ({ s, nodes, want }) => {
    expect(step(s, nodes)).toEqual(want);
  });
});

describe('rollingUpdate with surge', () => {
  it.each([
    {
      name: 'maxSurge 1: a new pod beside the first old one',
      s: spec(0, 1), nodes: { a: [pod('a1', 'old', true)], b: [pod('b1', 'old', true)] },
      want: { podsToDelete: [], nodesToCreate: ['a'] },
    },
    {
      name: 'a surge pod not yet available uses up maxSurge',
      s: spec(0, 1), nodes: { a: [pod('a1', 'old', true), pod('a2', 'new', false)], b: [pod('b1', 'old', true)] },
      want: { podsToDelete: [], nodesToCreate: [] },
    },
    {
      name: 'the new pod is available: its old pod goes and the next node surges',
      s: spec(0, 1), nodes: { a: [pod('a1', 'old', true), pod('a2', 'new', true)], b: [pod('b1', 'old', true)] },
      want: { podsToDelete: ['a1'], nodesToCreate: ['b'] },
    },
    {
      name: 'an unavailable old pod gets its replacement whatever maxSurge says',
      s: spec(0, 1), nodes: { a: [pod('a1', 'old', true), pod('a2', 'new', false)], b: [pod('b1', 'old', false)] },
      want: { podsToDelete: [], nodesToCreate: ['b'] },
    },
    {
      name: 'an old pod on a node the DaemonSet left goes only while more pods are available than desired',
      s: spec(0, 1), nodes: { a: [pod('a2', 'new', true)], b: [pod('b1', 'old', true)] }, gone: ['b'],
      want: { podsToDelete: ['b1'], nodesToCreate: [] },
    },
  ])('$name', ({ s, nodes, gone, want }) => {
    expect(step(s, nodes, gone)).toEqual(want);
  });
});

describe('isPodUpdated', () => {
  it.each([
    { name: 'same hash', labels: { 'controller-revision-hash': NEW }, generation: undefined, want: true },
    { name: 'other hash, no generation', labels: { 'controller-revision-hash': 'old-hash' }, generation: undefined, want: false },
    { name: 'other hash, same template generation', labels: { 'controller-revision-hash': 'old-hash', 'pod-template-generation': '2' }, generation: 2, want: true },
    { name: 'other hash, older template generation', labels: { 'controller-revision-hash': 'old-hash', 'pod-template-generation': '1' }, generation: 2, want: false },
  ])('$name', ({ labels, generation, want }) => {
    expect(isPodUpdated({ metadata: { name: 'p', labels: labels as Record<string, string> } }, NEW, generation)).toBe(want);
  });
});
