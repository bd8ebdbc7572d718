import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { evictionDecision } from './tolerations.ts';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };
const gpu: Taint = { key: 'gpu', value: 'true', effect: 'NoExecute' };
const defaults: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

describe('evictionDecision', () => {
  it.each<[string, Toleration[], Taint[], ReturnType<typeof evictionDecision>]>([
    ['no taints', [], [], { evict: 'never' }],
    ['untolerated taint', [], [unreachable], { evict: 'now' }],
    ['DefaultTolerationSeconds on an unreachable node', defaults, [unreachable], { evict: 'after', afterMs: 300_000 }],
    ['one of two taints untolerated', defaults, [unreachable, gpu], { evict: 'now' }],
    ['toleration without seconds tolerates forever', [{ operator: 'Exists' }], [unreachable, gpu], { evict: 'never' }],
    ['shortest of the tolerations used', [{ key: 'gpu', operator: 'Equal', value: 'true', tolerationSeconds: 60 }, ...defaults], [unreachable, gpu], { evict: 'after', afterMs: 60_000 }],
    ['zero seconds is now', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 0 }], [notReady], { evict: 'now' }],
    ['negative seconds is now', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: -5 }], [notReady], { evict: 'now' }],
    ['wrong value is not tolerated', [{ key: 'gpu', operator: 'Equal', value: 'false' }], [gpu], { evict: 'now' }],
  ])('%s', (_name, tolerations, taints, expected) => {
    expect(evictionDecision(tolerations, taints)).toEqual(expected);
  });
});
