import { describe, expect, it } from 'vitest';
import { KubectlError } from '../client/api-client.ts';
import { formatFloat, sprintf, GoInt } from './go-fmt.ts';
import { parseOutputFormat } from './generic.ts';
import { PartialOutputError, printGoTemplate } from './go-template.ts';

// The data `kubectl config view` gives its template (expected strings below come from kubectl 1.32 on it).
const config = {
  kind: 'Config', apiVersion: 'v1', preferences: {},
  clusters: [{ name: 'c', cluster: { server: 'https://1.2.3.4' } }],
  users: null,
  contexts: [{ name: 'x', context: { cluster: 'c', user: '', namespace: 'n1' } }],
  'current-context': '',
};

const deployment = { metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } }, spec: { replicas: 3 }, status: { readyReplicas: 1000000 } };

describe('printGoTemplate', () => {
  it.each([
    ['{{.kind}}{{"\\n"}}', config, 'Config\n'],
    ['{{.x}}|{{.clusters}}{{"\\n"}}', config, '<no value>|[map[cluster:map[server:https://1.2.3.4] name:c]]\n'],
    ['{{.kind | printf "%q %d"}}', config, '"Config" %!d(MISSING)'],
    ['{{index . "kind"}} {{len .contexts}} {{$x := 1000000}}{{$x}} {{with .contexts}}{{range $i, $e := .}}{{$i}}={{$e.name}}{{end}}{{end}}', config, 'Config 1 1000000 0=x'],
    ['{{if and .kind (not .x)}}y{{else}}n{{end}} {{- " t " -}} z', config, 'y t z'],
    ['{{.preferences}} {{.users}} {{printf "%v %s %5.2f" 1.5 "s" 3.14159}}', config, 'map[] <no value> 1.5 s  3.14'],
    ['{{.x.y}}', config, '<no value>'],
    ['{{range .x}}a{{else}}E{{end}}', config, 'E'],
    ['{{printf "%d|%v|%s" 3.0 .contexts 1000000.0}} {{1e6}} {{123456789.0}} {{0.00001}}', config,
      '%!d(float64=3)|[map[context:map[cluster:c namespace:n1 user:] name:x]]|%!s(float64=1e+06) 1e+06 1.23456789e+08 1e-05'],
    ['{{.clusters | len}} {{print "a" 1 2 "b"}} {{println "x"}}', config, '1 a1 2b x\n'],
    ['{{.kind}}}', config, 'Config}'],
    ['{{not 0}} {{or 0 "" "z"}} {{and 1 0}} {{eq .kind "Config" "x"}} {{ne 1.0 2.0}}', config, 'true z 0 true true'],
    ['{{.metadata.name}} {{.spec.replicas}} {{.status.readyReplicas}} {{index .metadata.labels "app"}} {{.metadata.labels}}', deployment,
      'web 3 1000000 web map[app:web tier:fe]'],
    ['{{printf "%d %s" .spec.replicas .spec.replicas}} {{eq .spec.replicas 3}} {{1e6}}', deployment, '3 %!s(int64=3) true 1e+06'],
    ['{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}', deployment, 'app=web;tier=fe;'],
    ['{{if gt .spec.replicas 2}}big{{else if eq .spec.replicas 1}}one{{else}}small{{end}}', deployment, 'big'],
    ['{{- /* a comment */ -}}\n  {{.metadata.name}}', deployment, 'web'],
  ])('%s', (template, data, expected) => {
    expect(printGoTemplate(template, data)).toBe(expected);
  });

  it.each([
    ['{{eq 1 1.0}}', '', 'template: output:1:2: executing "output" at <eq 1 1.0>: error calling eq: incompatible types for comparison'],
    ['{{index .x "a"}}', '', 'template: output:1:2: executing "output" at <index .x "a">: error calling index: index of untyped nil'],
    ['{{.kind.foo}}', '', 'template: output:1:7: executing "output" at <.kind.foo>: can\'t evaluate field foo in type interface {}'],
    ['{{lt "a" 1}}', '', 'template: output:1:2: executing "output" at <lt "a" 1>: error calling lt: incompatible types for comparison'],
    ['a{{len .x}}', 'a', 'template: output:1:3: executing "output" at <len .x>: error calling len: reflect: call of reflect.Value.Type on zero Value'],
    ['{{range 3.0}}a{{end}}', '', 'template: output:1:8: executing "output" at <3.0>: range can\'t iterate over 3'],
    ['{{3 | .kind}}', '', 'template: output:1:6: executing "output" at <.kind>: kind is not a method but has arguments'],
    ['{{range $i, $e := .contexts}}{{$i}}{{end}} {{index .contexts 0 "name"}} {{index .contexts 5}}', '0 x ',
      'template: output:1:74: executing "output" at <index .contexts 5>: error calling index: index out of range: 5'],
  ])('execution error %s', (template, partial, message) => {
    let error: unknown;
    try { printGoTemplate(template, config); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(PartialOutputError);
    const { text, stdout } = error as PartialOutputError;
    expect(text).toBe(`error: error executing template ${JSON.stringify(template)}: ${message}`);
    expect(stdout).toBe(`${partial}Error executing template: ${message}. Printing more information for debugging the template:\n`
      + `\ttemplate was:\n\t\t${template}\n`
      + '\traw data was:\n\t\t{"apiVersion":"v1","clusters":[{"cluster":{"server":"https://1.2.3.4"},"name":"c"}],"contexts":[{"context":{"cluster":"c","namespace":"n1","user":""},"name":"x"}],"current-context":"","kind":"Config","preferences":{},"users":null}\n'
      + '\tobject given to template engine was:\n\t\tmap[apiVersion:v1 clusters:[map[cluster:map[server:https://1.2.3.4] name:c]] contexts:[map[context:map[cluster:c namespace:n1 user:] name:x]] current-context: kind:Config preferences:map[] users:<nil>]\n\n');
  });

  it('errors on a missing key when --allow-missing-template-keys=false', () => {
    expect(() => printGoTemplate('{{.x}}', config, false)).toThrow('error: error executing template "{{.x}}": template: output:1:2: executing "output" at <.x>: map has no entry for key "x"');
  });
});

describe('parseOutputFormat for Go templates', () => {
  it.each([
    ['go-template={{.x', '', 'error: error parsing template {{.x, template: output:1: unclosed action'],
    ['go-template={{if}}', '', 'error: error parsing template {{if}}, template: output:1: missing value for if'],
    ['go-template={{end}}', '', 'error: error parsing template {{end}}, template: output:1: unexpected {{end}}'],
    ['go-template={{range .x}}', '', 'error: error parsing template {{range .x}}, template: output:1: unexpected EOF'],
    ['go-template={{"abc}}', '', 'error: error parsing template {{"abc}}, template: output:1: unterminated quoted string'],
    ['go-template={{ .kind | foo }}', '', 'error: error parsing template {{ .kind | foo }}, template: output:1: function "foo" not defined'],
    ['go-template={{$x}}', '', 'error: error parsing template {{$x}}, template: output:1: undefined variable "$x"'],
    ['go-template', '', 'error: template format specified but no template given'],
    ['', '{{.x', 'error: error parsing template {{.x, template: output:1: unclosed action'],
  ])('-o %s --template %s', (output, template, message) => {
    expect(() => parseOutputFormat(output, undefined, template)).toThrow(new KubectlError(message));
  });

  it.each([
    ['go-template={{.a}}', '', { kind: 'go-template', template: '{{.a}}', file: false }],
    ['template', '{{.a}}', { kind: 'go-template', template: '{{.a}}', file: false }],
    ['', '{{.a}}', { kind: 'go-template', template: '{{.a}}', file: false }],
    ['go-template-file=t.tmpl', '', { kind: 'go-template', template: 't.tmpl', file: true }],
  ])('-o %s --template %s', (output, template, expected) => {
    expect(parseOutputFormat(output, undefined, template)).toEqual(expected);
  });
});

describe('Go fmt', () => {
  it.each([[3, '3'], [1000000, '1e+06'], [123456, '123456'], [0.5, '0.5'], [0.00001, '1e-05'], [0.0001, '0.0001'], [-2.5, '-2.5'], [1.5e300, '1.5e+300']])('%s', (f, text) => {
    expect(formatFloat(f)).toBe(text);
  });

  it.each([
    ['%-5s|', ['ab'], 'ab   |'],
    ['%03d', [new GoInt(7)], '007'],
    ['%d', [3], '%!d(float64=3)'],
    ['%s', ['a', 'b'], 'a%!(EXTRA string=b)'],
    ['%.1f%%', [12.345], '12.3%'],
  ])('sprintf %s', (format, args, text) => {
    expect(sprintf(format, args)).toBe(text);
  });
});
