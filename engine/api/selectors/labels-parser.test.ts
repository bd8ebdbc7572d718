import { describe, expect, it } from 'vitest';
import { matchLabels, selectorString } from './labels.ts';
import { parseLabelSelector } from './labels-parser.ts';

const nameRule = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must " +
  "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation " +
  "is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabelSelector: accepted selectors print back in canonical form', () => {
  it.each([
    ['app=web', 'app=web'],
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1,z<5', 'x>1,z<5'],
    ['tier == frontend', 'tier==frontend'],
    ['z=1, a=2', 'a=2,z=1'],
    ['environment in (production, qa)', 'environment in (production,qa)'],
    ['tier notin (frontend,backend)', 'tier notin (backend,frontend)'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['in in (in, notin)', 'in in (in,notin)'],
    ['app.kubernetes.io/name=web', 'app.kubernetes.io/name=web'],
    ['  partition  ', 'partition'],
  ])('%j → %j', (input, printed) => {
    const result = parseLabelSelector(input);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(selectorString(result.value)).toBe(printed);
  });
});

describe('parseLabelSelector: the API server\'s 400 messages', () => {
  it.each([
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${valueRule}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['app=web app2', "found 'app2', expected: ',' or 'end of string'"],
    ['app=web,', "found '', expected: identifier after ','"],
    [',app', "found ',', expected: !, identifier, or 'end of string'"],
    ['x<a', "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
    ['app in web', "unable to parse requirement: found 'web' expected: '('"],
    ['app in (web', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['app in (a,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['app=(x)', "unable to parse requirement: found '(', expected: identifier"],
    ['app (x)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['-app=web', `unable to parse requirement: <nil>: Invalid value: "-app": ${nameRule}`],
    ['app=-web', `unable to parse requirement: values[0][app]: Invalid value: "-web": ${valueRule}`],
    ['a/b/c', 'unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric ' +
      "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  " +
      "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS " +
      "subdomain prefix and '/' (e.g. 'example.com/MyName')"],
    [`app=${'a'.repeat(64)}`, `unable to parse requirement: values[0][app]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
  ])('%j', (input, message) => {
    expect(parseLabelSelector(input)).toEqual({ ok: false, message });
  });
});

describe('matching', () => {
  const web = { app: 'web', tier: 'frontend', version: '3' };
  it.each([
    ['app=web', web, true],
    ['app==web', web, true],
    ['app=db', web, false],
    ['app!=db', web, true],
    ['env!=prod', web, true],
    ['tier in (frontend,backend)', web, true],
    ['tier notin (frontend)', web, false],
    ['env notin (prod)', web, true],
    ['tier', web, true],
    ['!tier', web, false],
    ['!env', web, true],
    ['version>2', web, true],
    ['version<2', web, false],
    ['app=web,tier=backend', web, false],
    ['', web, true],
    ['app=web', undefined, false],
    ['x=', { x: '' }, true],
  ])('%j on %o → %s', (input, labels, expected) => {
    const result = parseLabelSelector(input);
    if (!result.ok) throw new Error(result.message);
    expect(matchLabels(result.value, labels)).toBe(expected);
  });
});

describe('words that are also JavaScript property names', () => {
  it('are plain identifiers', () => {
    const result = parseLabelSelector('constructor=toString,!hasOwnProperty');
    expect(result.ok && selectorString(result.value)).toBe('constructor=toString,!hasOwnProperty');
  });
});
