import { describe, expect, it } from 'vitest';
import { customColumnCells, evaluateJsonPath, parseCustomColumns } from './index.ts';

// The object kubectl 1.32 printed for `kubectl create configmap x --from-literal=a=b --dry-run=client -o json`,
// with a spec added; every expected string below is what the real kubectl printed for it.
const object = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', creationTimestamp: null, annotations: { a: '<b>&' } },
  data: { a: 'b', n: '3' },
  spec: { f: 1.5, g: 1000000, h: 0.00001, big: 1e21, t: true, list: [{ name: 'a', v: 1, ok: true }, { name: 'b', v: 5, ok: false }, { name: 'c', v: 2.5 }] },
};

describe('evaluateJsonPath', () => {
  it.each([
    ['{.data.a}{"\\n"}', 'b\n'],
    ['{.data}', '{"a":"b","n":"3"}'],
    ['{.foo}', ''],
    ['{.data.*}', 'b 3'],
    ['{range .data.*}[{@}]{end}', '[b][3]'],
    ['{.spec.f} {.spec.g} {.spec.h} {.spec.big} {.spec.t}', '1.5 1000000 1e-05 1e+21 true'],
    ['{.metadata.creationTimestamp}', 'null'],
    ['{.metadata.annotations}', '{"a":"\\u003cb\\u003e\\u0026"}'],
    ['{.spec.list[?(@.ok==true)].name}', 'a'],
    ['{.spec.list[-1:]}', '{"name":"c","v":2.5}'],
    ['{.spec.list[1:3].name}', 'b c'],
    ['{.spec.list[0,2].name}', 'a c'],
    ['{.spec.list[*].name}{"\\t"}x', 'a b c\tx'],
    ['{range .spec.list[*]}{.name}={.v}{"\\n"}{end}', 'a=1\nb=5\nc=2.5\n'],
    ['{range .nothing[*]}{.name}{end}after', 'after'],
    ['{.kind}}', 'ConfigMap}'],
    ["{.data['a']}", 'b'],
  ])('%s', (template, text) => {
    expect(evaluateJsonPath(template, object)).toEqual({ ok: true, text });
  });

  it.each([
    ['{.foo[}', 'error: error parsing jsonpath {.foo[}, unterminated array\n'],
    ['{.metadata.name', 'error: error parsing jsonpath {.metadata.name, unclosed action\n'],
    ['{.data.a,.kind}', "error: error parsing jsonpath {.data.a,.kind}, unrecognized character in action: U+002C ','\n"],
    ['{.data[a]}', 'error: error parsing jsonpath {.data[a]}, invalid array index a\n'],
  ])('rejects %s', (template, stderr) => {
    expect(evaluateJsonPath(template, object)).toMatchObject({ ok: false, stderr });
  });

  it('reports execution errors with the template and the object in Go syntax', () => {
    const small = { apiVersion: 'v1', data: { a: 'b', n: '3' }, kind: 'ConfigMap', metadata: { creationTimestamp: null, name: 'x' } };
    expect(evaluateJsonPath('{.data[0]}', small)).toEqual({
      ok: false,
      error: expect.any(String),
      stderr: 'error: error executing jsonpath "{.data[0]}": Error executing template: map[string]interface {} is not array or slice.'
        + ' Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.data[0]}\n'
        + '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "data":map[string]interface {}{"a":"b", "n":"3"},'
        + ' "kind":"ConfigMap", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "name":"x"}}\n\n\n',
    });
  });

  it.each([
    ['{.metadata.foo}', 'foo is not found', false],
    ['{end}', 'not in range, nothing to end', true],
    ['{.spec.list[?(@.v>1)].name}', 'incompatible types for comparison', true],
    ['{.spec.list[5]}', 'array index out of bounds: index 5, length 3', true],
    ['{.data[?(@.a=="b")]}', 'map[a:b n:3] is not array or slice and cannot be filtered', true],
  ])('fails %s with "%s"', (template, message, allowMissingKeys) => {
    const result = evaluateJsonPath(template, object, { allowMissingKeys });
    expect(result.ok ? '' : result.error).toContain(`Error executing template: ${message}. Printing`);
  });
});

describe('custom columns', () => {
  it('parses the spec and prints cells with Go %v', () => {
    const parsed = parseCustomColumns('NAME:metadata.name,DATA:{.data},V:.spec.list[*].v,NONE:.nope');
    expect(parsed).toEqual({
      ok: true,
      columns: [
        { header: 'NAME', fieldSpec: '{.metadata.name}' }, { header: 'DATA', fieldSpec: '{.data}' },
        { header: 'V', fieldSpec: '{.spec.list[*].v}' }, { header: 'NONE', fieldSpec: '{.nope}' },
      ],
    });
    expect(parsed.ok && customColumnCells(parsed.columns, object)).toEqual({ ok: true, cells: ['x', 'map[a:b n:3]', '1,5,2.5', '<none>'] });
  });

  it('rejects a column without a path', () => {
    expect(parseCustomColumns('NAME')).toEqual({ ok: false, error: 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>' });
  });
});
