import { describe, expect, it } from 'vitest';
import { base64ErrorIndex } from './base64.ts';

describe('base64ErrorIndex (Go base64.StdEncoding)', () => {
  it.each([
    ['YWJj', undefined],
    ['YWI=', undefined],
    ['YQ==', undefined],
    ['YWJj\nZGVm', undefined],
    ['', undefined],
    ['hello world', 5],
    ['a$cd', 1],
    ['YQ=a', 3],
    ['=AAA', 0],
  ])('%j → %s', (text, index) => {
    expect(base64ErrorIndex(text)).toBe(index);
  });
});
