import { describe, expect, it } from 'vitest';
import { parseTaints, reorganizeTaints, taintString } from './taint.ts';

describe('parseTaints', () => {
  it.each([
    [['dedicated=gpu:NoSchedule', 'spot:PreferNoSchedule', 'old:NoExecute-', 'legacy-'], {
      add: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'spot', effect: 'PreferNoSchedule' }],
      remove: [{ key: 'old', effect: 'NoExecute' }, { key: 'legacy' }],
    }],
  ])('%j', (specs, expected) => {
    expect(parseTaints(specs)).toEqual(expected);
  });

  it.each([
    ['a=b:Bad', 'invalid taint effect: Bad, unsupported taint effect'],
    ['a=b', 'invalid taint spec: a=b'],
    ['a=b=c:NoSchedule', 'invalid taint spec: a=b=c:NoSchedule'],
    ['a:b:c', 'invalid taint spec: a:b:c'],
  ])('refuses %s', (spec, message) => {
    expect(() => parseTaints([spec])).toThrow(message);
  });

  it('refuses the same key and effect twice', () => {
    expect(() => parseTaints(['a=1:NoSchedule', 'a=2:NoSchedule'])).toThrow('duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}');
  });
});

describe('reorganizeTaints', () => {
  const old = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }];
  it.each([
    ['adding', [{ key: 'spot', effect: 'NoExecute' }], [], false, 'tainted', [{ key: 'spot', effect: 'NoExecute' }, ...old], []],
    ['removing by key', [], [{ key: 'dedicated' }], false, 'untainted', [], []],
    ['overwriting', [{ key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }], [], true, 'modified', [{ key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }], []],
    ['removing what is not there', [], [{ key: 'nope', effect: 'NoSchedule' }], false, 'untainted', old, ['taint "nope:NoSchedule" not found']],
  ])('%s', (_, add, remove, overwrite, operation, taints, errors) => {
    expect(reorganizeTaints(old, overwrite, add, remove)).toEqual({ operation, taints, errors });
  });

  it('writes taints as corev1.Taint.ToString does', () => {
    expect([taintString({ key: 'a' }), taintString({ key: 'a', effect: 'NoSchedule' }), taintString({ key: 'a', value: 'b', effect: 'NoSchedule' })]).toEqual(['a', 'a:NoSchedule', 'a=b:NoSchedule']);
  });
});
