import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { groupValidators } from './groups.ts';

const run = (key: string, obj: KubeObject, old?: KubeObject) => groupValidators[key](obj, old).map(errorText);

describe('policy/PodDisruptionBudget', () => {
  const pdb = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'zk', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'zk' } }, ...spec },
  });
  const cases: [string, KubeObject, string[]][] = [
    ['minAvailable 2', pdb({ minAvailable: 2 }), []],
    ['maxUnavailable 25%', pdb({ maxUnavailable: '25%' }), []],
    ['both set', pdb({ minAvailable: 1, maxUnavailable: 1 }), [
      'spec: Invalid value: {"selector":{"matchLabels":{"app":"zk"}},"minAvailable":1,"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set',
    ]],
    ['minAvailable over 100%', pdb({ minAvailable: '150%' }), ['spec.minAvailable: Invalid value: "150%": must not be greater than 100%']],
    ['negative maxUnavailable', pdb({ maxUnavailable: -1 }), ['spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0']],
    ['an unknown eviction policy', pdb({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' }), [
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('policy/PodDisruptionBudget', obj)).toEqual(expected);
  });
});
