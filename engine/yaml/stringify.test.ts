import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareKeys } from './key-order.ts';
import { stringifyYaml } from './stringify.ts';

// Golden files: `kubectl … --dry-run=client -o json` and `-o yaml` of the same object, from real kubectl 1.32.
// (`n` is quoted as a key because go-yaml would read it as false.)
// configmap-tricky holds strings that exercise quoting, block scalars, escapes, long-line wrapping and `? ` keys.
describe('stringifyYaml prints what kubectl -o yaml prints', () => {
  it.each(['deployment', 'cronjob', 'configmap-tricky'])('%s', (name) => {
    const json = JSON.parse(readFileSync(new URL(`testdata/${name}.json`, import.meta.url), 'utf8')) as unknown;
    expect(stringifyYaml(json)).toBe(readFileSync(new URL(`testdata/${name}.yaml`, import.meta.url), 'utf8'));
  });

  it.each<[unknown, string]>([
    [{ a: {}, b: [], c: null, d: true, e: 1.5, f: 3 }, 'a: {}\nb: []\nc: null\nd: true\ne: 1.5\nf: 3\n'],
    [[[1, 2], { a: 1, b: 2 }, []], '- - 1\n  - 2\n- a: 1\n  b: 2\n- []\n'],
    [{ list: [{ name: 'x', args: ['--v=2'] }] }, 'list:\n- args:\n  - --v=2\n  name: x\n'],
    [{ n: 1234567.5, small: 0.00001, big: 1e21 }, 'big: 1e+21\n"n": 1.2345675e+06\nsmall: 1e-05\n'],
    [{ s: 'a\n' }, 's: |\n  a\n'],
    ['plain', 'plain\n'],
  ])('%j', (value, expected) => {
    expect(stringifyYaml(value)).toBe(expected);
  });
});

describe('compareKeys (go-yaml natural order)', () => {
  it('orders digit runs by value (shorter run first on a tie) and letters after other characters', () => {
    expect(['a10', 'b', 'a9', '_x', 'A1', 'a2b', 'a02'].sort(compareKeys)).toEqual(['_x', 'A1', 'a2b', 'a02', 'a9', 'a10', 'b']);
  });
});
