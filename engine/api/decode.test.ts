import { describe, expect, it } from 'vitest';
import { StatusError } from './errors.ts';
import { decodeObject } from './decode.ts';
import { builtinResources } from './registry.ts';
import type { KubeObject } from './types.ts';

const pods = builtinResources.find((r) => r.group === '' && r.resource === 'pods')!;

function pod(container: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...spec } };
}

function message(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof StatusError) return error.status.message ?? '';
    throw error;
  }
  return '';
}

const decode = (object: KubeObject, fieldValidation?: string) =>
  decodeObject({ info: pods, query: fieldValidation ? { fieldValidation } : {} }, object);

describe('decodeObject', () => {
  it.each([
    ['a wrong type, before a bad quantity and an unknown field', pod({ image: 1, resources: { limits: { cpu: 'x' } }, imagePolicy: 'x' }), 'Strict',
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string'],
    ['a bad quantity, before an unknown field', pod({ resources: { limits: { cpu: '1cpu' } }, imagePolicy: 'x' }), 'Strict',
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['unknown fields with Strict', pod({ imagePolicy: 'x' }, { restart: 'Never' }), 'Strict',
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePolicy", unknown field "spec.restart"'],
  ])('rejects %s', (_name, object, mode, expected) => {
    expect(message(() => decode(object, mode))).toBe(expected);
  });

  it('warns about unknown fields by default and drops them, leaving the request untouched', () => {
    const input = pod({ imagePolicy: 'x', resources: { limits: { cpu: 0.5 } } });
    const before = JSON.stringify(input);
    const { object, warnings } = decode(input);
    expect(warnings).toEqual(['unknown field "spec.containers[0].imagePolicy"']);
    expect((object.spec as { containers: unknown[] }).containers[0]).toEqual({ name: 'c', image: 'nginx', resources: { limits: { cpu: '500m' } } });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('returns a body that needs nothing changed as it is', () => {
    const input = pod({ resources: { limits: { cpu: '500m' } } });
    expect(decode(input, 'Ignore')).toEqual({ object: input, warnings: [] });
    expect(decode(input, 'Ignore').object).toBe(input);
  });
});
