import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { groupValidators } from './groups.ts';
import { crdVersionSchema } from './apiextensions.ts';

const run = (obj: KubeObject, old?: KubeObject) => groupValidators['apiextensions.k8s.io/CustomResourceDefinition'](obj, old).map(errorText);

const schema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } } },
};
const version = (extra: Record<string, unknown> = {}) => ({ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema }, ...extra });

function crd(spec: Record<string, unknown> = {}, name = 'crontabs.stable.example.com', status?: unknown): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name },
    spec: {
      group: 'stable.example.com', scope: 'Namespaced',
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'] },
      versions: [version()], ...spec,
    },
    status,
  };
}

describe('apiextensions.k8s.io/CustomResourceDefinition', () => {
  const cases: [string, KubeObject, string[]][] = [
    ['a valid CRD', crd(), []],
    ['a name that is not <plural>.<group>', crd({}, 'crontab.stable.example.com'), [
      'metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
    ]],
    ['a group without a dot', crd({ group: 'stable' }, 'crontabs.stable'), ['spec.group: Invalid value: "stable": should be a domain with at least one dot']],
    ['an unknown scope', crd({ scope: 'Global' }), ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"']],
    ['two storage versions', crd({ versions: [version(), version({ name: 'v2' })] }), [
      `spec.versions: Invalid value: ${JSON.stringify([version(), version({ name: 'v2' })])}: must have exactly one version marked as storage version`,
    ]],
    ['no storage version', crd({ versions: [version({ storage: false })] }), [
      `spec.versions: Invalid value: ${JSON.stringify([version({ storage: false })])}: must have exactly one version marked as storage version`,
    ]],
    ['a version without a schema', crd({ versions: [{ name: 'v1', served: true, storage: true }] }), [
      'spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
    ]],
    ['a version name that is not a DNS-1035 label', crd({ versions: [version({ name: 'V1' })] }), [
      "spec.versions[0].name: Invalid value: \"V1\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]],
    ['a property without a type', crd({ versions: [version({ schema: { openAPIV3Schema: { type: 'object', properties: { spec: { properties: { x: { type: 'string' } } } } } } })] }), [
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
    ]],
    ['a root that is not an object', crd({ versions: [version({ schema: { openAPIV3Schema: { type: 'string' } } })] }), [
      'spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root',
    ]],
    ['array items without a type', crd({ versions: [version({ schema: { openAPIV3Schema: { type: 'object', properties: { tags: { type: 'array', items: {} } } } } })] }), [
      'spec.versions[0].schema.openAPIV3Schema.properties[tags].items.type: Required value: must not be empty for specified array items',
    ]],
    ['uniqueItems and $ref', crd({ versions: [version({ schema: { openAPIV3Schema: { type: 'object', properties: { a: { type: 'array', uniqueItems: true, items: { $ref: '#/definitions/x' } } } } } })] }), [
      'spec.versions[0].schema.openAPIV3Schema.properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      'spec.versions[0].schema.openAPIV3Schema.properties[a].items.$ref: Forbidden: $ref is not supported',
    ]],
    ['missing names', crd({ names: { plural: 'crontabs' } }), [
      'spec.names.singular: Required value',
      'spec.names.kind: Required value',
      'spec.names.listKind: Required value',
    ]],
    ['kind equal to listKind', crd({ names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTab' } }), [
      'spec.names.listKind: Invalid value: "CronTab": kind and listKind may not be the same',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run(obj)).toEqual(expected);
  });

  it('keeps group and plural fixed, and scope and kind once Established', () => {
    const established = { conditions: [{ type: 'Established', status: 'True' }] };
    const old = crd({}, 'crontabs.stable.example.com', established);
    expect(run(crd({ versions: [version(), version({ name: 'v2', storage: false })] }), old)).toEqual([]);
    expect(run(crd({ scope: 'Cluster', group: 'beta.example.com' }), old)).toEqual([
      'spec.scope: Invalid value: "Cluster": field is immutable',
      'spec.group: Invalid value: "beta.example.com": field is immutable',
    ]);
    expect(run(crd({ scope: 'Cluster' }), crd())).toEqual([]);
  });

  it('finds the schema of one version', () => {
    expect(crdVersionSchema(crd(), 'v1')).toEqual(schema);
    expect(crdVersionSchema(crd(), 'v9')).toBeUndefined();
  });
});
