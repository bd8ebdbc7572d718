import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import type { AcceptedNames, NamingDecision } from './naming.ts';
import { calculateNames, namesSettled } from './naming.ts';

/** A CRD of `group` asking for `names`, with the names it already holds, if any. */
function makeCrd(group: string, names: Partial<AcceptedNames> & { plural: string; kind: string }, accepted?: AcceptedNames, conditions?: unknown[]): KubeObject {
  const full = { singular: names.kind.toLowerCase(), listKind: `${names.kind}List`, ...names };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${names.plural}.${group}` },
    spec: { group, names: full, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
    status: { ...(conditions ? { conditions } : {}), acceptedNames: accepted ?? { plural: '', kind: '' }, storedVersions: ['v1'] },
  };
}

const shirtNames: AcceptedNames = { plural: 'shirts', singular: 'shirt', shortNames: ['sh'], kind: 'Shirt', listKind: 'ShirtList' };
const shirts = makeCrd('stable.example.com', shirtNames, shirtNames);
const installing = { type: 'Established', status: 'False', reason: 'Installing', message: 'the initial names have been accepted' };
const noConflicts = { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };

const cases: { name: string; crd: KubeObject; others: KubeObject[]; want: Partial<NamingDecision> }[] = [
  {
    name: 'a fresh CRD gets every name it asks for',
    crd: makeCrd('stable.example.com', { plural: 'shirts', kind: 'Shirt' }),
    others: [],
    want: {
      acceptedNames: { plural: 'shirts', singular: 'shirt', kind: 'Shirt', listKind: 'ShirtList' },
      namesAccepted: noConflicts as NamingDecision['namesAccepted'],
      established: installing as NamingDecision['established'],
    },
  },
  {
    name: 'a plural another CRD of the group holds is refused',
    crd: makeCrd('stable.example.com', { plural: 'shirts', singular: 'tshirt', kind: 'TShirt' }),
    others: [shirts],
    want: {
      acceptedNames: { plural: '', singular: 'tshirt', kind: 'TShirt', listKind: 'TShirtList' },
      namesAccepted: { type: 'NamesAccepted', status: 'False', reason: 'PluralConflict', message: '"shirts" is already in use' },
      established: { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
    },
  },
  {
    name: 'a kind conflict is reported last and wins the reason',
    crd: makeCrd('stable.example.com', { plural: 'tshirts', singular: 'tshirt', kind: 'Shirt', listKind: 'TShirtList' }),
    others: [shirts],
    want: {
      acceptedNames: { plural: 'tshirts', singular: 'tshirt', kind: '', listKind: 'TShirtList' },
      namesAccepted: { type: 'NamesAccepted', status: 'False', reason: 'KindConflict', message: '"Shirt" is already in use' },
    },
  },
  {
    name: 'short names in use by another CRD are aggregated',
    crd: makeCrd('stable.example.com', { plural: 'tshirts', kind: 'TShirt', shortNames: ['sh', 'shirt'] }),
    others: [shirts],
    want: {
      namesAccepted: {
        type: 'NamesAccepted', status: 'False', reason: 'ShortNamesConflict',
        message: '["sh" is already in use, "shirt" is already in use]',
      },
    },
  },
  {
    name: 'the same names in another group do not conflict',
    crd: makeCrd('other.example.com', { plural: 'shirts', kind: 'Shirt' }),
    others: [shirts],
    want: { namesAccepted: noConflicts as NamingDecision['namesAccepted'] },
  },
  {
    name: 'an established CRD stays established when it adds a short name',
    crd: makeCrd('stable.example.com', { ...shirtNames, shortNames: ['sh', 'shrt'] }, shirtNames, [
      { type: 'Established', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ]),
    others: [],
    want: {
      acceptedNames: { ...shirtNames, shortNames: ['sh', 'shrt'] },
      established: { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    },
  },
];

describe('calculateNames', () => {
  it.each(cases)('$name', ({ crd, others, want }) => {
    expect(calculateNames(crd, [crd, ...others])).toMatchObject(want);
  });
});

describe('namesSettled', () => {
  it('is true only when status.acceptedNames equals spec.names', () => {
    expect(namesSettled(shirts)).toBe(true);
    expect(namesSettled(makeCrd('stable.example.com', shirtNames))).toBe(false);
  });
});
