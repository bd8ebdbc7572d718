import { describe, expect, it } from 'vitest';
import { isQualifiedName, isValidLabelValue } from './names.ts';

describe('isQualifiedName', () => {
  it.each([['app'], ['app.kubernetes.io/name'], ['a'], ['A_b-c.d'], [`x/${'a'.repeat(63)}`]])('%s is valid', (key) => {
    expect(isQualifiedName(key)).toEqual([]);
  });

  it.each([
    ['Example.com/app', ["prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
      "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
      "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', "name part must consist of alphanumeric characters, '-', '_' or '.', and must " +
      "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
      "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
  ])('%s', (key, errors) => {
    expect(isQualifiedName(key)).toEqual(errors);
  });
});

describe('isValidLabelValue', () => {
  it.each([[''], ['web'], ['1.25'], ['a_b-c']])('%j is valid', (value) => {
    expect(isValidLabelValue(value)).toEqual([]);
  });

  it('counts bytes, as Go does', () => {
    expect(isValidLabelValue('é'.repeat(32))[0]).toBe('must be no more than 63 characters');
  });
});
