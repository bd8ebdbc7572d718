import { describe, expect, it } from 'vitest';
import { bufferObject, editHeader, goMarshal, hasLines, hashOnLineBreak, manualStrip, printBuffer, stripComments } from './edit-buffer.ts';

const intro = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

describe('the editor buffer', () => {
  it.each([
    ['one line', 'one line'],
    ['two\nlines', 'two\n# lines'],
    ['already\n# commented', 'already\n# commented'],
    ['trailing\n', 'trailing\n'],
  ])('hashOnLineBreak(%j)', (text, expected) => {
    expect(hashOnLineBreak(text)).toBe(expected);
  });

  it('writes the reasons of a reopen under kubectl\'s header', () => {
    expect(editHeader([
      { head: 'deployments.apps "web" was not valid', other: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'] },
      { head: 'The edited file had a syntax error: error parsing edited-file: yaml: line 2\nmore', other: [] },
    ])).toBe(`${intro}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n`
      + '# The edited file had a syntax error: error parsing edited-file: yaml: line 2\n# more\n#\n');
  });

  it('shows several objects as a List without managedFields, JSON without the header', () => {
    const a = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', managedFields: [{ manager: 'x' }] } };
    const b = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } };
    expect(printBuffer(bufferObject([a, b]), 'yaml', [])).toBe(`${intro}apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n`
      + '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\nkind: List\nmetadata: {}\n');
    expect(printBuffer(bufferObject([a]), 'json', [])).toBe('{\n    "apiVersion": "v1",\n    "kind": "ConfigMap",\n    "metadata": {\n        "name": "a"\n    }\n}\n');
  });

  it.each([
    ['comments and spacing do not count', '# hi\na:   1\nb: [x]\n', 'b:\n- x\na: 1', true],
    ['a changed value does', 'a: 1\n', 'a: 2\n', false],
    ['JSON is compared as written', '{"a": 1}', '{"a":1}', false],
  ])('stripComments: %s', (_, left, right, same) => {
    expect(stripComments(left) === stripComments(right)).toBe(same);
  });

  it('manualStrip keeps everything but comment lines (a #! line stays)', () => {
    expect(manualStrip('# header\n#!keep\na: 1\n  # indented\nb: 2\n')).toBe('#!keep\na: 1\nb: 2\n');
  });

  it.each([['', false], ['# only\n  #comments\n\n', false], ['# x\na: 1', true]])('hasLines(%j) is %s', (text, expected) => {
    expect(hasLines(text)).toBe(expected);
  });

  it('marshals a patch as Go does: compact, sorted, HTML-safe', () => {
    expect(goMarshal({ spec: { replicas: 3 }, data: { 'a<b': 'x&y' } })).toBe('{"data":{"a\\u003cb":"x\\u0026y"},"spec":{"replicas":3}}');
  });
});
