import { describe, expect, it } from 'vitest';
import { goSort } from './go-sort.ts';

describe('goSort', () => {
  it('keeps ties in order up to 12 items (insertion sort)', () => {
    const items = [3, 1, 2, 1, 3, 2].map((key, i) => ({ key, i }));
    expect(goSort(items, (a, b) => a.key < b.key).map((x) => x.i)).toEqual([1, 3, 2, 5, 0, 4]);
  });

  it.each([13, 50, 200, 1000])('sorts %i items with many ties', (n) => {
    let seed = n;
    const keys = Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 7);
    expect(goSort([...keys], (a, b) => a < b)).toEqual([...keys].sort((a, b) => a - b));
  });

  it('reorders equal items of a long list the way pdqsort does (not stably)', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    // All equal: partialInsertionSort finds the list sorted and leaves it as it is.
    expect(goSort([...items], () => false)).toEqual(items);
    const reversed = goSort(Array.from({ length: 20 }, (_, i) => ({ key: i < 10 ? 1 : 0, i })), (a, b) => a.key < b.key).map((x) => x.i);
    expect(reversed.slice(10).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
