import { describe, expect, it } from 'vitest';
import { objectMetaDecodeError } from './metadata-decode.ts';

// Messages from the real kubectl 1.32 (`apply -f` of each manifest, after `unable to decode "FILE": `).
describe('objectMetaDecodeError', () => {
  it.each([
    ['a number label value (`version: 1.0`)', { name: 'a1', labels: { version: 1 } }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a number name', { name: 123 }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string'],
    ['YAML 1.1 `name: n`', { name: false }, 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string'],
    ['a bool annotation (`enabled: yes`)', { name: 'a3', annotations: { enabled: true } }, 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.annotations of type string'],
    ['labels as a list', { name: 'a5', labels: ['a'] }, 'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string'],
    ['a number namespace', { name: 'a7', namespace: 5 }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.namespace of type string'],
    ['metadata as a string', 'x', 'json: cannot unmarshal string into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta'],
    ['the first field in sorted order', { name: 1, labels: { a: 1 } }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
  ])('%s', (_, metadata, message) => {
    expect(objectMetaDecodeError({ apiVersion: 'v1', kind: 'ConfigMap', metadata })).toBe(message);
  });

  it('accepts metadata that decodes, and nulls', () => {
    expect([
      objectMetaDecodeError({ kind: 'ConfigMap', metadata: { name: 'ok', labels: { app: 'web' }, annotations: null, generation: 2, finalizers: ['a'] } }),
      objectMetaDecodeError({ kind: 'ConfigMap' }),
    ]).toEqual([undefined, undefined]);
  });
});
