import { describe, expect, it } from 'vitest';
import { jsonStreamError, looksLikeJson } from './json-sniff.ts';

describe('kubectl reads input that starts with { as JSON', () => {
  it.each([
    ['  \n{"a": 1}', true],
    ['apiVersion: v1', false],
    ['- {a: 1}', false],
  ])('looksLikeJson(%j) is %s', (text, expected) => {
    expect(looksLikeJson(text)).toBe(expected);
  });

  // Go encoding/json's scanner messages, with the offset of the byte after the bad one.
  it.each([
    ['{apiVersion: v1, kind: ConfigMap}', "json: offset 2: invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "json: offset 6: invalid character '1' after object key"],
    ['{"a": 1 "b": 2}', 'json: offset 9: invalid character \'"\' after object key:value pair'],
    ['{"a": [1 2]}', "json: offset 10: invalid character '2' after array element"],
    ['{"a": tru}', "json: offset 10: invalid character '}' in literal true (expecting 'e')"],
    ['{"a": ', 'unexpected EOF'],
    ['{"a": 1}\n{"b": [true, null, -1.5e3, "x\\n"]}\n', undefined],
  ])('jsonStreamError(%j)', (text, expected) => {
    expect(jsonStreamError(text)).toBe(expected);
  });
});
