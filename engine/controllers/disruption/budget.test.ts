import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import type { BudgetSpec, BudgetStatus } from './budget.ts';
import {
  conditionsAreUpToDate, countHealthyPods, disruptedPodMap, disruptionsAllowed, expectedAndDesired, scaledValue, withDisruptionAllowedCondition,
} from './budget.ts';

const t0 = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z');

function pod(name: string, ready: boolean, deleting = false): KubeObject {
  return {
    metadata: { name, ...(deleting ? { deletionTimestamp: at(30) } : {}) },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('scaledValue (intstr.GetScaledValueFromIntOrPercent)', () => {
  it.each<[number | string, number, boolean, number]>([
    [2, 10, true, 2],
    ['50%', 5, true, 3],
    ['50%', 5, false, 2],
    ['25%', 3, true, 1],
    ['100%', 7, true, 7],
    ['0%', 7, true, 0],
  ])('%s of %d (round up %s) → %d', (value, total, roundUp, expected) => {
    expect(scaledValue(value, total, roundUp)).toBe(expected);
  });

  it('refuses a string that is not a percentage', () => {
    expect(() => scaledValue('two', 3, true)).toThrow('invalid value for IntOrString: invalid value "two"');
  });
});

describe('expectedAndDesired (getExpectedPodCount)', () => {
  it.each<[string, BudgetSpec, number, number, { expectedCount: number; desiredHealthy: number }]>([
    ['minAvailable int counts the pods found', { minAvailable: 2 }, 3, 5, { expectedCount: 3, desiredHealthy: 2 }],
    ['minAvailable percent uses the scale', { minAvailable: '50%' }, 3, 5, { expectedCount: 5, desiredHealthy: 3 }],
    ['maxUnavailable int', { maxUnavailable: 1 }, 3, 3, { expectedCount: 3, desiredHealthy: 2 }],
    ['maxUnavailable percent rounds the unavailable up', { maxUnavailable: '25%' }, 3, 3, { expectedCount: 3, desiredHealthy: 2 }],
    ['maxUnavailable above the scale clamps at 0', { maxUnavailable: 5 }, 3, 3, { expectedCount: 3, desiredHealthy: 0 }],
    ['neither field', {}, 3, 3, { expectedCount: 0, desiredHealthy: 0 }],
  ])('%s', (_name, spec, pods, scale, expected) => {
    expect(expectedAndDesired(spec, pods, scale)).toEqual(expected);
  });
});

describe('healthy pods and disrupted pods', () => {
  const pods = [pod('a', true), pod('b', true), pod('c', false), pod('d', true, true), pod('e', true)];

  it('counts ready pods that are not deleting and not about to be evicted', () => {
    expect(countHealthyPods(pods, {}, t0 + 60_000)).toBe(3);
    expect(countHealthyPods(pods, { e: at(50) }, t0 + 60_000)).toBe(2);
    // An eviction older than 2 minutes no longer holds the pod back.
    expect(countHealthyPods(pods, { e: at(50) }, t0 + 171_000)).toBe(3);
  });

  it('keeps pending evictions, drops deleted and overdue ones, and says when to look again', () => {
    expect(disruptedPodMap(pods, { a: at(10), d: at(20), e: at(40), gone: at(40) }, t0 + 135_000)).toEqual({
      kept: { e: at(40) }, notDeleted: [pods[0]], recheckAt: t0 + 160_000,
    });
    expect(disruptedPodMap(pods, undefined, t0)).toEqual({ kept: {}, notDeleted: [] });
  });
});

describe('disruptionsAllowed and the DisruptionAllowed condition', () => {
  it.each<[number, number, number, number]>([
    [3, 2, 3, 1],
    [2, 2, 3, 0],
    [1, 2, 3, 0],
    [3, 0, 0, 0],
  ])('healthy %d, desired %d, expected %d → %d', (current, desired, expected, allowed) => {
    expect(disruptionsAllowed(current, desired, expected)).toBe(allowed);
  });

  it('sets SufficientPods / InsufficientPods and keeps the transition time while the status holds', () => {
    const base: BudgetStatus = { observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 };
    const first = withDisruptionAllowedCondition(base, t0);
    expect(first.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: at(0), reason: 'SufficientPods', message: '' }]);
    const same = withDisruptionAllowedCondition({ ...first, disruptionsAllowed: 2 }, t0 + 10_000);
    expect(same.conditions![0].lastTransitionTime).toBe(at(0));
    const none = withDisruptionAllowedCondition({ ...first, disruptionsAllowed: 0 }, t0 + 20_000);
    expect(none.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: at(20), reason: 'InsufficientPods', message: '' }]);
    expect(conditionsAreUpToDate(none, 1)).toBe(true);
    expect(conditionsAreUpToDate({ ...none, disruptionsAllowed: 1 }, 1)).toBe(false);
    expect(conditionsAreUpToDate(none, 2)).toBe(false);
    expect(conditionsAreUpToDate(base, 1)).toBe(false);
  });
});
