import { describe, expect, it } from 'vitest';
import { renderExplain, typeGuess, wrapString, type Schema } from './explain-render.ts';

/** A small OpenAPI v3 document shaped like the API server's: a path carrying the GVK, refs wrapped in allOf. */
const document: Schema = {
  paths: { '/apis/demo.io/v1/namespaces/{namespace}/widgets': { get: { 'x-kubernetes-group-version-kind': { group: 'demo.io', kind: 'Widget', version: 'v1' } } } },
  components: {
    schemas: {
      'io.demo.v1.Widget': {
        description: 'Widget is a demo.',
        type: 'object',
        required: ['spec'],
        'x-kubernetes-group-version-kind': [{ group: 'demo.io', kind: 'Widget', version: 'v1' }],
        properties: {
          spec: { allOf: [{ $ref: '#/components/schemas/io.demo.v1.WidgetSpec' }], default: {}, description: 'Spec of the widget.' },
          labels: { type: 'object', additionalProperties: { type: 'string', default: '' } },
        },
      },
      'io.demo.v1.WidgetSpec': {
        description: 'WidgetSpec describes a widget.',
        type: 'object',
        properties: {
          mode: { type: 'string', enum: ['', 'Fast', 'Slow', 'Off', 'On'], description: 'Mode of operation.' },
          parts: { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/io.demo.v1.WidgetSpec' }], default: {} } },
        },
      },
    },
  },
};

describe('wrapString (go-wordwrap)', () => {
  it.each([
    ['short', 10, 'short'],
    ['one two three four', 9, 'one two\nthree\nfour'],
    ['averyveryverylongword and more', 8, 'averyveryverylongword\nand more'],
    ['keeps\nnewlines  and   spaces', 40, 'keeps\nnewlines  and   spaces'],
  ])('%j at %i', (text, limit, expected) => {
    expect(wrapString(text, limit)).toBe(expected);
  });
});

describe('typeGuess', () => {
  const properties = ((document.components as Schema).schemas as Record<string, Schema>)['io.demo.v1.WidgetSpec'].properties as Record<string, Schema>;
  it.each([
    [properties.mode, 'string'],
    [properties.parts, '[]WidgetSpec'],
    [((((document.components as Schema).schemas as Record<string, Schema>)['io.demo.v1.Widget'].properties as Record<string, Schema>).labels), 'map[string]string'],
    [{}, 'Object'],
  ])('%j is <%s>', (schema, expected) => {
    expect(typeGuess(schema, document)).toBe(expected);
  });
});

describe('renderExplain', () => {
  const gvr = { group: 'demo.io', version: 'v1', resource: 'widgets' };
  it('prints the resource with its fields, -required- and enums', () => {
    expect(renderExplain(document, gvr, [], false).text).toBe(`GROUP:      demo.io
KIND:       Widget
VERSION:    v1

DESCRIPTION:
    Widget is a demo.
    
FIELDS:
  labels\t<map[string]string>
    <no description>

  spec\t<WidgetSpec> -required-
    Spec of the widget.


`);
  });

  it('prints a field with its ENUM block, and the outline with --recursive (stopping where a type repeats)', () => {
    expect(renderExplain(document, gvr, ['spec', 'mode'], false).text).toBe('GROUP:      demo.io\nKIND:       Widget\nVERSION:    v1\n\nFIELD: mode <string>\nENUM:\n    ""\n    Fast\n    Slow\n    Off\n    On\n\nDESCRIPTION:\n    Mode of operation.\n    \n\n');
    expect(renderExplain(document, gvr, ['spec'], true).text).toContain('FIELDS:\n  mode\t<string>\n  enum: "", Fast, Slow, Off, ....\n  parts\t<[]WidgetSpec>\n\n');
  });

  it('reports a missing field after the header, naming the last field of the path', () => {
    const rendered = renderExplain(document, gvr, ['bogus', 'deeper'], false);
    expect(rendered.text).toBe('GROUP:      demo.io\nKIND:       Widget\nVERSION:    v1\n\n');
    expect(rendered.error?.message).toBe('error: field "deeper" does not exist');
  });
});
