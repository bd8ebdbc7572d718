import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { groupValidators } from './groups.ts';

const run = (key: string, obj: KubeObject, old?: KubeObject) => groupValidators[key](obj, old).map(errorText);

const storageClass = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' },
  provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', ...extra,
});

describe('storage.k8s.io/StorageClass', () => {
  const cases: [string, KubeObject, string[]][] = [
    ['valid', storageClass({ parameters: { type: 'ssd' } }), []],
    ['no provisioner', storageClass({ provisioner: '' }), ['provisioner: Required value']],
    ['a provisioner with two slashes', storageClass({ provisioner: 'a/b/c' }), [
      "provisioner: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]],
    ['reclaimPolicy Recycle', storageClass({ reclaimPolicy: 'Recycle' }), ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['an unknown volumeBindingMode', storageClass({ volumeBindingMode: 'Later' }), [
      'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
    ]],
    ['an empty parameter key', storageClass({ parameters: { '': 'x' } }), ['parameters: Invalid value: "": field can not be empty.']],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('storage.k8s.io/StorageClass', obj)).toEqual(expected);
  });

  it('forbids changing parameters, provisioner, reclaimPolicy and volumeBindingMode', () => {
    const old = storageClass({ parameters: { type: 'ssd' } });
    expect(run('storage.k8s.io/StorageClass', storageClass({ parameters: { type: 'ssd' }, allowVolumeExpansion: true }), old)).toEqual([]);
    const changed = storageClass({ parameters: { type: 'hdd' }, provisioner: 'example.com/nfs', reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' });
    expect(run('storage.k8s.io/StorageClass', changed, old)).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "Immediate": field is immutable',
    ]);
  });
});
