import { describe, expect, it } from 'vitest';
import type { ManagedFieldsEntry } from '../types.ts';
import { serverSideApply } from './apply.ts';
import { decodeManagedFields, encodeManagedFields } from './managers.ts';
import { at } from './testdata.ts';

const configMap = { group: '', version: 'v1', kind: 'ConfigMap' } as const;

function entry(manager: string, operation: 'Apply' | 'Update', time?: string, apiVersion = 'v1', subresource?: string): ManagedFieldsEntry {
  return {
    manager, operation, apiVersion, ...(time ? { time } : {}), fieldsType: 'FieldsV1',
    fieldsV1: { 'f:data': { [`f:${manager}`]: {} } }, ...(subresource ? { subresource } : {}),
  };
}

const order = (entries: ManagedFieldsEntry[]): string[] =>
  (encodeManagedFields(decodeManagedFields(entries)) ?? []).map((e) => `${e.manager}/${e.operation}/${e.apiVersion}${e.subresource ? `/${e.subresource}` : ''}`);

describe('encodeManagedFields sorts as sortEncodedManagedFields (apimachinery managedfields.go)', () => {
  it.each([
    ['appliers with equal times by manager name', [entry('other', 'Apply', '2026-01-01T00:00:00Z'), entry('kubectl', 'Apply', '2026-01-01T00:00:00Z')],
      ['kubectl/Apply/v1', 'other/Apply/v1']],
    ['times compared in whole seconds, older first', [entry('a', 'Update', '2026-01-01T00:00:09Z'), entry('b', 'Update', '2026-01-01T00:00:01Z')],
      ['b/Update/v1', 'a/Update/v1']],
    ['Apply before Update whatever the times', [entry('x', 'Update', '2026-01-01T00:00:00Z'), entry('y', 'Apply', '2026-01-02T00:00:00Z')],
      ['y/Apply/v1', 'x/Update/v1']],
    ['an entry without time as the epoch', [entry('a', 'Apply', '2026-01-01T00:00:00Z'), entry('z', 'Apply')],
      ['z/Apply/v1', 'a/Apply/v1']],
    ['then apiVersion, then subresource', [entry('m', 'Update', '2026-01-01T00:00:00Z', 'v1', 'status'), entry('m', 'Update', '2026-01-01T00:00:00Z', 'apps/v1'), entry('m', 'Update', '2026-01-01T00:00:00Z')],
      ['m/Update/apps/v1', 'm/Update/v1', 'm/Update/v1/status']],
  ] as const)('%s', (_name, entries, expected) => {
    expect(order([...entries])).toEqual(expected);
  });

  it('lists a second applier of identical values first: it gets no time (kubernetes#127938, open in v1.32)', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'co', namespace: 'default' }, data: { key: 'same' } };
    const first = serverSideApply({ applied: cm, manager: 'kubectl', force: false, gvk: configMap, time: at(0) });
    if ('conflicts' in first) throw new Error(first.status.message);
    const live = { ...first.object, metadata: { ...first.object.metadata, uid: 'u1', creationTimestamp: '2026-01-01T00:00:00Z' } };
    const second = serverSideApply({ live, applied: cm, manager: 'other', force: false, gvk: configMap, time: at(0) });
    if ('conflicts' in second) throw new Error(second.status.message);
    expect(second.managedFields.map((e) => [e.manager, e.time])).toEqual([['other', undefined], ['kubectl', '2026-01-01T00:00:00Z']]);
  });
});
