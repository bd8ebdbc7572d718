/**
 * `{{define}}`, `{{template}}` and `{{block}}` in kubectl's Go templates; the expected strings are what
 * kubectl 1.32 printed for `kubectl create configmap cm --dry-run=client -o go-template=TEMPLATE`.
 */
import { describe, expect, it } from 'vitest';
import { KubectlError } from '../client/api-client.ts';
import { parseOutputFormat } from './generic.ts';
import { PartialOutputError, printGoTemplate } from './go-template.ts';

const configMap = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cm', creationTimestamp: null } };

describe('named templates', () => {
  it.each([
    ['{{define "x"}}[{{.}}]{{end}}{{template "x"}}{{template "x" .metadata.name}}', '[<no value>][cm]'],
    ['{{block "b" .metadata}}{{.name}}/{{$.name}}{{end}}|{{template "b" .}}', 'cm/cm|<no value>/<no value>'],
    ['a{{define "x"}}{{.nope.deeper}}{{end}}{{template "x" .}}', 'a<no value>'],
    ['{{define "a"}}{{end}}{{define "a"}}B{{end}}{{template "a"}}', 'B'],
  ])('%s', (template, expected) => {
    expect(printGoTemplate(template, configMap)).toBe(expected);
  });

  it.each([
    ['{{template "missing" .}}', 'template: output:1:11: executing "output" at <{{template "missing" .}}>: template "missing" not defined'],
    ['{{template "abcdefghijkl" 1 | printf "%v"}}',
      'template: output:1:11: executing "output" at <{{template "abcdefghijkl" 1 | printf "%v"}}>: template "abcdefghijkl" not defined'],
    ['{{define "x"}}\n{{len 3}}{{end}}{{template "x" .}}', 'template: output:2:2: executing "x" at <len 3>: error calling len: len of type int'],
  ])('execution error %s', (template, message) => {
    let error: unknown;
    try { printGoTemplate(template, configMap); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(PartialOutputError);
    expect((error as PartialOutputError).text).toBe(`error: error executing template ${JSON.stringify(template)}: ${message}`);
  });

  it.each([
    ['{{template .kind}}', 'unexpected ".kind" in template clause'],
    ['{{block "b"}}x{{end}}', 'missing value for block clause'],
    ['{{define "a"}}x{{else}}y{{end}}', 'unexpected {{else}} in define clause'],
    ['{{define "a"}}A{{end}}{{define "a"}}B{{end}}', 'template: multiple definition of template "a"'],
    ['{{define "a" 1}}x{{end}}', 'unexpected "1" in define clause'],
    ['{{if true}}{{define "a"}}x{{end}}{{end}}', 'unexpected <define> in command'],
  ])('parse error %s', (template, message) => {
    expect(() => parseOutputFormat(`go-template=${template}`)).toThrow(new KubectlError(`error: error parsing template ${template}, template: output:1: ${message}`));
  });
});
