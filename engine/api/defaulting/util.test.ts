import { describe, expect, it } from 'vitest';
import { deepCopy } from './util.ts';

describe('deepCopy', () => {
  it.each([
    ['a nested object', { a: { b: [1, { c: 'x' }] } }],
    ['a list', [{ a: 1 }, null, 'x']],
    ['a scalar', 'text'],
  ])('copies %s', (_name, value) => {
    const copy = deepCopy(value);
    expect(copy).toEqual(value);
    if (typeof value === 'object') expect(copy).not.toBe(value);
  });

  it('shares frozen parts, which cannot change', () => {
    const frozen = Object.freeze({ 'f:spec': Object.freeze({}) });
    const value = { fieldsV1: frozen, other: { x: 1 } };
    const copy = deepCopy(value);
    expect(copy.fieldsV1).toBe(frozen);
    expect(copy.other).not.toBe(value.other);
  });
});
