import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { activePodsForRemoval, firstPendingIndexes, formatIndexes, generateNameWithIndex, parseIndexes } from './indexed.ts';

function indexedPod(name: string, index: string | undefined, extra: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z', annotations: index === undefined ? {} : { 'batch.kubernetes.io/job-completion-index': index } }, status: { phase: 'Pending' }, ...extra };
}

describe('Indexed Job helpers', () => {
  it.each([
    [[], ''],
    [[0], '0'],
    [[0, 1], '0,1'],
    [[0, 1, 2], '0-2'],
    [[4, 0, 2, 1, 6, 7], '0-2,4,6,7'],
    [[1, 3, 4, 5, 7], '1,3-5,7'],
  ])('formats %j as %j and parses it back', (indexes, text) => {
    expect(formatIndexes(indexes)).toBe(text);
    expect([...parseIndexes(text, 100)].sort((a, b) => a - b)).toEqual([...new Set(indexes)].sort((a, b) => a - b));
  });

  it('drops parsed indexes at or above completions', () => {
    expect([...parseIndexes('0-2,5-9', 7)]).toEqual([0, 1, 2, 5, 6]);
  });

  it('picks the lowest indexes that are neither done nor running', () => {
    expect(firstPendingIndexes([indexedPod('a', '1')], new Set([0, 3]), 2, 6)).toEqual([2, 4]);
    expect(firstPendingIndexes([], new Set([0, 1]), 5, 3)).toEqual([2]);
  });

  it('removes pods without a valid index and repeated indexes first, keeping the most advanced', () => {
    const job: KubeObject = { metadata: { name: 'j' }, spec: { completionMode: 'Indexed', completions: 3 } };
    const running = indexedPod('running-1', '1', { spec: { nodeName: 'n1' }, status: { phase: 'Running' } });
    const pods = [indexedPod('none', undefined), indexedPod('pending-1', '1'), running, indexedPod('big', '7'), indexedPod('ok-0', '0')];
    expect(activePodsForRemoval(job, pods, 0).map((p) => p.metadata.name)).toEqual(['none', 'big', 'pending-1']);
  });

  it.each([
    ['pi', 3, 'pi-3-'],
    ['a'.repeat(60), 12, `${'a'.repeat(54)}-12-`],
  ])('generateName of %s index %i', (job, index, name) => {
    expect(generateNameWithIndex(job, index)).toBe(name);
  });
});
