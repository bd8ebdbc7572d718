import { describe, expect, it } from 'vitest';
import { goTypeName, goValue } from './go-format.ts';

describe('goValue (Go %v of decoded JSON)', () => {
  it.each<[unknown, string]>([
    [80, '80'],
    [1.5, '1.5'],
    [1000000, '1e+06'],
    [123456, '123456'],
    [0.00001, '1e-05'],
    ['nginx', 'nginx'],
    [true, 'true'],
    [null, '<nil>'],
    [['a', 1], '[a 1]'],
    [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }, 'map[image:nginx:1.25 name:nginx ports:[map[containerPort:80]]]'],
  ])('%j → %s', (value, expected) => {
    expect(goValue(value)).toBe(expected);
  });

  it.each<[unknown, string]>([[{}, 'map[string]interface {}'], [[], '[]interface {}'], [1, 'float64'], [null, '<nil>']])('type of %j is %s', (value, expected) => {
    expect(goTypeName(value)).toBe(expected);
  });
});
