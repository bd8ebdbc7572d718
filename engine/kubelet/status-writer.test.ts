import { describe, expect, it } from 'vitest';
import { sameJson } from './status-writer.ts';

const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }], podIP: '10.244.1.2' };

describe('sameJson decides as comparing JSON.stringify texts does', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['equal statuses', running, structuredClone(running), true],
    ['a changed scalar deep inside', running, { ...running, conditions: [{ type: 'Ready', status: 'False', lastProbeTime: null }] }, false],
    ['the same keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    ['a key holding undefined is not written', { a: 1, b: undefined }, { a: 1 }, true],
    ['undefined in a list is null', [undefined, 1], [null, 1], true],
    ['null is not an empty object', { state: null }, { state: {} }, false],
    ['a list is not an object', { ports: [] }, { ports: {} }, false],
    ['lists of different lengths', [1, 2], [1, 2, 3], false],
    ['a number is not its text', { exitCode: 0 }, { exitCode: '0' }, false],
    ['NaN is written as null', { x: Number.NaN }, { x: null }, true],
    ['an added key', { a: 1 }, { a: 1, podIP: '10.244.1.2' }, false],
  ])('%s', (_name, a, b, same) => {
    expect(JSON.stringify(a) === JSON.stringify(b)).toBe(same);
    expect(sameJson(a, b)).toBe(same);
  });
});
