import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { ObjectMeta } from '../types.ts';
import {
  nameValidatorFor, validateAnnotations, validateLabelSelector, validateLabels, validateObjectMeta, validateObjectMetaUpdate,
  validateOwnerReferences,
} from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';

const texts = (errs: Parameters<typeof errorText>[0][]): string[] => errs.map(errorText);

describe('validateObjectMeta (create)', () => {
  it.each<[string, ObjectMeta, boolean, string[]]>([
    ['no name', { namespace: 'default' }, true, ['metadata.name: Required value: name or generateName is required']],
    ['bad name', { name: 'My_App', namespace: 'default' }, true, [
      "metadata.name: Invalid value: \"My_App\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]],
    ['missing namespace', { name: 'web' }, true, ['metadata.namespace: Required value']],
    ['namespace on cluster-scoped', { name: 'web', namespace: 'default' }, false, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['negative generation', { name: 'web', namespace: 'a', generation: -1 }, true, ['metadata.generation: Invalid value: -1: must be greater than or equal to 0']],
    ['unqualified finalizer', { name: 'web', namespace: 'a', finalizers: ['cleanup'] }, true,
      ['metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified']],
  ])('%s', (_, meta, namespaced, expected) => {
    expect(texts(validateObjectMeta(meta, namespaced, nameIsDNSSubdomain))).toEqual(expected);
  });

  it('chooses name rules per kind', () => {
    expect(nameValidatorFor('', 'Service')('1web', false)[0]).toMatch(/^a DNS-1035 label/);
    expect(nameValidatorFor('', 'Namespace')('a.b', false)).toEqual(['must not contain dots']);
    expect(nameValidatorFor('rbac.authorization.k8s.io', 'ClusterRole')('system:controller:x', false)).toEqual([]);
    expect(nameValidatorFor('apps', 'Deployment')('web', false)).toEqual([]);
  });
});

describe('labels, annotations, owner references', () => {
  it('reports label problems against the map', () => {
    expect(texts(validateLabels({ app: 'my app!' }, 'metadata.labels'))[0]).toMatch(/^metadata\.labels: Invalid value: "my app!": a valid label must be/);
  });

  it('limits annotations to 256 KiB', () => {
    expect(texts(validateAnnotations({ big: 'x'.repeat(262144) }, 'metadata.annotations')))
      .toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
    expect(validateAnnotations({ big: 'x'.repeat(1000) }, 'metadata.annotations')).toEqual([]);
  });

  it('allows only one controller', () => {
    const refs = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
    ];
    expect(texts(validateOwnerReferences(refs, 'metadata.ownerReferences'))).toEqual([
      // Go prints the []OwnerReference with %#v; the *bool addresses are made up (real ones vary per run).
      'metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"a", UID:"1", Controller:(*bool)(0xc0005a0), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"b", UID:"2", Controller:(*bool)(0xc0005b0), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
    ]);
  });

  it('validates label selectors', () => {
    expect(texts(validateLabelSelector({ matchExpressions: [{ key: 'app', operator: 'In' }, { key: 'x', operator: 'Is', values: ['a'] }] }, 'spec.selector'))).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector.matchExpressions[1].operator: Invalid value: "Is": not a valid selector operator',
    ]);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old: ObjectMeta = { name: 'web', namespace: 'a', uid: 'u1', resourceVersion: '5', creationTimestamp: '2024-01-01T00:00:00Z' };
  it.each<[string, ObjectMeta, string[]]>([
    ['unchanged', { ...old }, []],
    ['no resourceVersion', { ...old, resourceVersion: undefined }, ['metadata.resourceVersion: Invalid value: "": must be specified for an update']],
    ['renamed', { ...old, name: 'web2' }, ['metadata.name: Invalid value: "web2": field is immutable']],
    ['new uid', { ...old, uid: 'u2' }, ['metadata.uid: Invalid value: "u2": field is immutable']],
    ['moved', { ...old, namespace: 'b' }, ['metadata.namespace: Invalid value: "b": field is immutable']],
    ['new creationTimestamp', { ...old, creationTimestamp: '2025-01-01T00:00:00Z' },
      ['metadata.creationTimestamp: Invalid value: "2025-01-01T00:00:00Z": field is immutable']],
  ])('%s', (_, meta, expected) => {
    expect(texts(validateObjectMetaUpdate(meta, old))).toEqual(expected);
  });
});
