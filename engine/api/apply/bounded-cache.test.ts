import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.ts';

describe('BoundedCache', () => {
  it.each([
    ['keeps two generations', ['a', 'b', 'c'], { a: 1, b: 2, c: 3 }],
    ['drops the generation before them', ['a', 'b', 'c', 'd', 'e'], { a: undefined, b: undefined, c: 3, d: 4, e: 5 }],
    ['keeps an entry read in the old generation', ['a', 'b', 'get a', 'c', 'd'], { a: 1, b: undefined, c: 3, d: 4 }],
  ] as const)('%s', (_name, steps, expected) => {
    const cache = new BoundedCache<string, number>(2);
    const values: Record<string, number> = { a: 1, b: 2, c: 3, d: 4, e: 5 };
    for (const step of steps) {
      if (step.startsWith('get ')) cache.get(step.slice(4));
      else cache.set(step, values[step]);
    }
    expect(cache.size).toBeLessThanOrEqual(4);
    for (const [key, value] of Object.entries(expected)) expect(cache.get(key)).toBe(value);
  });
});
