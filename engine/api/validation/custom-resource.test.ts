import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import { goFloat, pruneCustomResource, validateCustomResource } from './custom-resource.ts';

const schema = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
        image: { type: 'string', minLength: 3, maxLength: 20 },
        replicas: { type: 'integer', minimum: 1, maximum: 10 },
        ratio: { type: 'number', exclusiveMaximum: true, maximum: 1.5 },
        mode: { type: 'string', enum: ['Fast', 'Slow'] },
        port: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
        servers: { type: 'array', items: { type: 'object', required: ['host'], properties: { host: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        note: { type: 'string', nullable: true },
      },
    },
  },
};

const cr = (spec: Record<string, unknown>) => ({
  apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'my-cron' }, spec: { cronSpec: '* * * * */5', ...spec },
});
const run = (obj: unknown) => validateCustomResource(obj, schema).map(errorText);

describe('validateCustomResource', () => {
  it.each([
    ['a valid object', cr({ image: 'my-image', replicas: 3, port: 'http', tags: ['a'], labels: { a: 'b' }, note: null }), []],
    ['a string for an integer', cr({ replicas: 'three' }), [
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    ]],
    ['a float for an integer', cr({ replicas: 2.5 }), ['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"']],
    ['a boolean for int-or-string', cr({ port: true }), ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"']],
    ['a missing required field', cr({ cronSpec: undefined }), ['spec.cronSpec: Required value']],
    ['no spec at all', { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x' } }, ['spec: Required value']],
    ['a value below minimum', cr({ replicas: 0 }), ['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1']],
    ['a value above maximum', cr({ replicas: 11 }), ['spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10']],
    ['a value at an exclusive maximum', cr({ ratio: 1.5 }), ['spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5']],
    ['a value outside the enum', cr({ mode: 'Medium' }), ['spec.mode: Unsupported value: "Medium": supported values: "Fast", "Slow"']],
    ['a string not matching the pattern', cr({ cronSpec: 'every minute' }), [
      "spec.cronSpec: Invalid value: \"every minute\": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'",
    ]],
    ['a string too short', cr({ image: 'ab' }), ['spec.image: Invalid value: "ab": spec.image in body should be at least 3 chars long']],
    ['a string too long', cr({ image: 'x'.repeat(21) }), ['spec.image: Too long: may not be more than 20 bytes']],
    ['too many items', cr({ tags: ['a', 'b', 'c'] }), ['spec.tags: Too many: 3: must have at most 2 items']],
    ['a wrong item type', cr({ tags: ['a', 5] }), ['spec.tags[1]: Invalid value: "integer": spec.tags[1] in body must be of type string: "integer"']],
    ['an item missing a required field', cr({ servers: [{ host: 'a' }, {}] }), ['spec.servers[1].host: Required value']],
    ['a wrong additionalProperties value', cr({ labels: { a: 1 } }), ['spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"']],
    ['null for a non-nullable string', cr({ image: null }), ['spec.image: Invalid value: "null": spec.image in body must be of type string: "null"']],
  ] as [string, unknown, string[]][])('%s', (_name, obj, expected) => {
    expect(run(obj)).toEqual(expected);
  });
});

describe('pruneCustomResource', () => {
  it('drops unknown fields and non-nullable nulls, keeps preserved subtrees', () => {
    const { value, pruned } = pruneCustomResource(
      cr({ replicas: 2, colour: 'blue', image: null, note: null, extra: { anything: { goes: 1 } }, servers: [{ host: 'a', port: 1 }] }),
      schema,
    );
    expect(value).toEqual(cr({ replicas: 2, note: null, extra: { anything: { goes: 1 } }, servers: [{ host: 'a' }] }));
    expect(pruned).toEqual(['spec.colour', 'spec.servers[0].port']);
  });
});

describe('goFloat (Go %v of a float64)', () => {
  it.each([[10, '10'], [1.5, '1.5'], [100000, '100000'], [1000000, '1e+06'], [1.25e-5, '1.25e-05'], [0.0001, '0.0001']])('%s', (v, expected) => {
    expect(goFloat(v)).toBe(expected);
  });
});
