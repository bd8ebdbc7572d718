import { describe, expect, it } from 'vitest';
import { goRound, maxSurge, maxUnavailable, newRSNewReplicas, proportionalSizes, resolveFenceposts, scaledValue } from './arithmetic.ts';

describe('scaledValue (intstr.GetScaledValueFromIntOrPercent)', () => {
  it.each([
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 4, true, 1],
    ['25%', 4, false, 1],
    ['10%', 5, false, 0],
    ['100%', 7, true, 7],
    [3, 10, false, 3],
  ] as const)('%s of %i rounded %s is %i', (value, total, up, expected) => {
    expect(scaledValue(value, total, up)).toBe(expected);
  });

  it('rejects a string that is not a percentage', () => {
    expect(() => scaledValue('3', 10, true)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
  });
});

describe('resolveFenceposts, maxSurge, maxUnavailable', () => {
  it.each([
    // replicas, maxSurge, maxUnavailable → surge, unavailable
    [10, 3, 2, 3, 2],
    [4, '25%', '25%', 1, 1],
    [10, '25%', '25%', 3, 2],
    [1, '25%', '25%', 1, 0],
    [5, '10%', '10%', 1, 0],
    [5, 0, '10%', 0, 1], // both zero would deadlock: unavailable becomes 1
  ] as const)('%i replicas, maxSurge %s, maxUnavailable %s → surge %i, unavailable %i', (replicas, s, u, surge, unavailable) => {
    expect(resolveFenceposts(s, u, replicas)).toEqual({ surge, unavailable });
  });

  it('gives Recreate no surge and no unavailability, and never more unavailable than replicas', () => {
    expect(maxSurge({ replicas: 4, rollingUpdate: false })).toBe(0);
    expect(maxUnavailable({ replicas: 4, rollingUpdate: false })).toBe(0);
    expect(maxUnavailable({ replicas: 0, rollingUpdate: true, maxUnavailable: 3 })).toBe(0);
    expect(maxUnavailable({ replicas: 2, rollingUpdate: true, maxUnavailable: 5 })).toBe(2);
  });
});

describe('newRSNewReplicas', () => {
  const d = { replicas: 10, rollingUpdate: true, maxSurge: 3, maxUnavailable: 2 };
  it.each([
    // current pods (all ReplicaSets), new RS size → allowed new RS size
    [10, 0, 3], // 10 replicas, maxSurge 3: the new RS may start at 3
    [13, 3, 3], // at the ceiling: wait for old pods to go
    [11, 3, 5], // old scaled down by 2: new grows by 2
    [8, 8, 10], // never beyond replicas
  ])('%i pods, new RS at %i → %i', (current, newReplicas, expected) => {
    expect(newRSNewReplicas(d, current, newReplicas)).toBe(expected);
  });

  it('gives Recreate the full count at once', () => {
    expect(newRSNewReplicas({ replicas: 10, rollingUpdate: false }, 10, 0)).toBe(10);
  });
});

describe('proportional scaling', () => {
  it('rounds halves away from zero as Go does', () => {
    expect([goRound(2.5), goRound(-2.5), goRound(-2.4), goRound(0.5)]).toEqual([3, -3, -2, 1]);
  });

  it.each([
    {
      name: '10 → 15 mid-rollout (old 8, new 5, max-replicas 13): 12 and 7, total 15 + surge 4',
      sorted: [{ replicas: 8, annotatedMaxReplicas: 13 }, { replicas: 5, annotatedMaxReplicas: 13 }],
      d: { replicas: 15, rollingUpdate: true, maxSurge: '25%', maxUnavailable: '25%' },
      allowed: 19, sizes: [12, 7],
    },
    {
      name: '10 → 5 (old 8, new 5, allowed 5 + surge 2): 8 × 7 / 13 ≈ 4 and 5 × 7 / 13 ≈ 3',
      sorted: [{ replicas: 8, annotatedMaxReplicas: 13 }, { replicas: 5, annotatedMaxReplicas: 13 }],
      d: { replicas: 5, rollingUpdate: true, maxSurge: '25%', maxUnavailable: '25%' },
      allowed: 7, sizes: [4, 3],
    },
    {
      name: 'rounding leftovers go to the largest: three of 3 (max-replicas 9) → 10 + surge 3',
      sorted: [{ replicas: 3, annotatedMaxReplicas: 9 }, { replicas: 3, annotatedMaxReplicas: 9 }, { replicas: 3, annotatedMaxReplicas: 9 }],
      d: { replicas: 10, rollingUpdate: true, maxSurge: '25%', maxUnavailable: '25%' },
      allowed: 13, sizes: [5, 4, 4],
    },
    {
      name: 'scaling to 0 empties every ReplicaSet',
      sorted: [{ replicas: 8, annotatedMaxReplicas: 13 }, { replicas: 5, annotatedMaxReplicas: 13 }],
      d: { replicas: 0, rollingUpdate: true, maxSurge: '25%', maxUnavailable: '25%' },
      allowed: 0, sizes: [0, 0],
    },
  ])('$name', ({ sorted, d, allowed, sizes }) => {
    expect(proportionalSizes(sorted, d, 13, allowed)).toEqual(sizes);
  });
});
