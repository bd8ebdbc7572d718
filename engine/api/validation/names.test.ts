import { describe, expect, it } from 'vitest';
import {
  byteLength, isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName,
  isValidLabelValue, isValidPathSegmentName, isValidPercent, isValidPortName, isValidPortNum, nameIsDNSSubdomain,
} from './names.ts';

const subdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1035Msg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const nameMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const configKeyMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('DNS names', () => {
  it.each([
    ['web', isDNS1123Subdomain, []],
    ['My_App', isDNS1123Subdomain, [subdomainMsg]],
    ['a'.repeat(254), isDNS1123Subdomain, ['must be no more than 253 characters']],
    ['web.v1', isDNS1123Label, ['must not contain dots']],
    ['Web', isDNS1123Label, [labelMsg]],
    ['a'.repeat(64), isDNS1123Label, ['must be no more than 63 characters']],
    ['1web', isDNS1035Label, [dns1035Msg]],
    ['web.v1', isDNS1035Label, [dns1035Msg]],
    ['café', isDNS1123Label, [labelMsg]],
    ['web\u200b', isDNS1123Subdomain, [subdomainMsg]],
  ] as const)('%s', (value, fn, expected) => {
    expect(fn(value)).toEqual(expected);
  });

  it('counts UTF-8 bytes like Go', () => {
    expect(byteLength('café')).toBe(5);
    expect(isDNS1123Label('é'.repeat(32))).toContain('must be no more than 63 characters');
  });

  it.each([
    ['', 0], ['web-1', 5], ['ß', 2], ['€', 3], ['日本', 6], ['😀', 4], ['a😀b', 6],
    ['\ud800', 3], ['x\udc00y', 5], ['\ud83d\ud83d', 6],
  ])('counts %j as %i bytes, as the UTF-8 encoder writes it', (text, bytes) => {
    expect(byteLength(text)).toBe(bytes);
    expect(new TextEncoder().encode(text).length).toBe(bytes);
  });

  it('allows a trailing dash in generateName', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([subdomainMsg]);
  });
});

describe('qualified names and label values', () => {
  it.each([
    ['app', []],
    ['app.kubernetes.io/name', []],
    ['my app!', [nameMsg]],
    ['/name', ['prefix part must be non-empty']],
    ['app/', ['name part must be non-empty', nameMsg]],
    ['Example.com/x', [`prefix part ${subdomainMsg}`]],
    ['app/name/x', ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
  ])('key %s', (value, expected) => {
    expect(isQualifiedName(value)).toEqual(expected);
  });

  it.each([
    ['', []],
    ['web', []],
    ['my app!', [labelValueMsg]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('value %j', (value, expected) => {
    expect(isValidLabelValue(value)).toEqual(expected);
  });
});

describe('ports, keys and others', () => {
  it.each([
    ['http', []],
    ['http_web', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
    ['a-very-long-port-name', ['must be no more than 15 characters']],
    ['8080', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-web', ['must not begin or end with a hyphen']],
  ])('port name %s', (value, expected) => {
    expect(isValidPortName(value)).toEqual(expected);
  });

  it('port numbers', () => {
    expect(isValidPortNum(70000)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isValidPortNum(80)).toEqual([]);
  });

  it.each([
    ['key.name', []],
    ['', [configKeyMsg]],
    ['a/b', [configKeyMsg]],
    ['..', ["must not be '..'"]],
    ['..x', ["must not start with '..'"]],
  ])('config key %j', (value, expected) => {
    expect(isConfigMapKey(value)).toEqual(expected);
  });

  it('env var names, percent, path segments', () => {
    expect(isEnvVarName('1ABC')).toEqual(["a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"]);
    expect(isValidPercent('25')).toEqual(["a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"]);
    expect(isValidPathSegmentName('.')).toEqual(["may not be '.'"]);
    expect(isValidPathSegmentName('a/b%c')).toEqual(["may not contain '/'", "may not contain '%'"]);
  });
});
