import { describe, expect, it } from 'vitest';
import { goNumber, goSprint, marshalIndent } from './go-json.ts';

describe('marshalIndent', () => {
  it('sorts keys, indents with four spaces and escapes as Go does', () => {
    expect(marshalIndent({ kind: 'List', apiVersion: 'v1', items: [], metadata: { resourceVersion: '' }, x: { a: '<b>&', n: [1, 0.5] }, e: {} })).toBe(
      '{\n    "apiVersion": "v1",\n    "e": {},\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    },\n'
      + '    "x": {\n        "a": "\\u003cb\\u003e\\u0026",\n        "n": [\n            1,\n            0.5\n        ]\n    }\n}\n',
    );
  });
});

describe('goNumber and goSprint', () => {
  it.each([[3, '3'], [0.25, '0.25'], [1e-7, '1e-07'], [1e21, '1e+21']])('%d', (n, text) => {
    expect(goNumber(n)).toBe(text);
  });
  it('prints maps and slices as fmt.Sprint does', () => {
    expect(goSprint({ b: 1, a: ['x', 'y'] })).toBe('map[a:[x y] b:1]');
  });
});
