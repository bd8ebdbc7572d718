import { describe, expect, test } from 'vitest';
import type { HpaMemory } from './normalize.ts';
import { defaultedBehavior, normalizeWithBehavior, normalizeWithoutBehavior, scaleDownLimitWithRules, scaleUpLimitWithRules, storeScaleEvent } from './normalize.ts';

const now = 1_000_000;
const fresh = (recommendations: [number, number][] = []): HpaMemory => ({
  recommendations: recommendations.map(([replicas, ago]) => ({ replicas, at: now - ago })),
  scaleUp: [],
  scaleDown: [],
});

describe('normalizeWithoutBehavior (no spec.behavior)', () => {
  test.each([
    {
      name: 'scale-up limited to max(2 × 1, 4) = 4', current: 1, desired: 10, memory: fresh([[1, 15_000]]),
      expected: { replicas: 4, ableToScale: { reason: 'ReadyForNewScale', message: 'recommended size matches current size' }, limited: { status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' } },
    },
    {
      name: 'over max: TooManyReplicas', current: 6, desired: 20, memory: fresh(),
      expected: { replicas: 10, ableToScale: { reason: 'ReadyForNewScale', message: 'recommended size matches current size' }, limited: { status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' } },
    },
    {
      name: 'scale-down held by a higher recommendation within 5 minutes', current: 5, desired: 1, memory: fresh([[5, 200_000]]),
      expected: { replicas: 5, ableToScale: { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }, limited: { status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' } },
    },
    {
      name: 'older than the window: scale down', current: 5, desired: 1, memory: fresh([[5, 301_000]]),
      expected: { replicas: 1, ableToScale: { reason: 'ReadyForNewScale', message: 'recommended size matches current size' }, limited: { status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' } },
    },
    {
      name: 'below min: TooFewReplicas', current: 3, desired: 1, memory: fresh(),
      expected: { replicas: 2, ableToScale: { reason: 'ReadyForNewScale', message: 'recommended size matches current size' }, limited: { status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' } },
    },
  ])('$name', ({ current, desired, memory, expected }) => {
    expect(normalizeWithoutBehavior(memory, now, current, desired, current === 3 ? 2 : 1, 10, 300_000)).toEqual(expected);
  });

  test('the stale recommendation slot is reused, not appended', () => {
    const memory = fresh([[5, 400_000], [3, 100_000]]);
    normalizeWithoutBehavior(memory, now, 3, 2, 1, 10, 300_000);
    expect(memory.recommendations).toEqual([{ replicas: 2, at: now }, { replicas: 3, at: now - 100_000 }]);
  });
});

describe('scaling policies', () => {
  const behavior = defaultedBehavior({});
  test.each([
    { name: '2 replicas: 100% → 4, 4 pods → 6; Max takes 6', current: 2, up: [], expected: 6 },
    { name: '10 replicas: 100% → 20 beats 14', current: 10, up: [], expected: 20 },
    { name: '+4 within the last 15 s start the period at 2', current: 6, up: [{ change: 4, at: now - 5_000, outdated: false }], expected: 6 },
    { name: 'an event older than the period no longer counts', current: 6, up: [{ change: 4, at: now - 16_000, outdated: false }], expected: 12 },
  ])('scale-up limit: $name', ({ current, up, expected }) => {
    expect(scaleUpLimitWithRules(current, { recommendations: [], scaleUp: up, scaleDown: [] }, behavior.scaleUp, now)).toBe(expected);
  });

  test.each([
    { name: 'default 100% per 15 s: down to 0', rules: behavior.scaleDown, expected: 0 },
    { name: '1 pod per 60 s', rules: { selectPolicy: 'Max' as const, policies: [{ type: 'Pods' as const, value: 1, periodSeconds: 60 }] }, expected: 7 },
    { name: 'Min of 50% and 3 pods keeps more', rules: { selectPolicy: 'Min' as const, policies: [{ type: 'Percent' as const, value: 50, periodSeconds: 60 }, { type: 'Pods' as const, value: 3, periodSeconds: 60 }] }, expected: 5 },
    { name: 'Disabled', rules: { selectPolicy: 'Disabled' as const, policies: [] }, expected: 8 },
  ])('scale-down limit: $name', ({ rules, expected }) => {
    expect(scaleDownLimitWithRules(8, fresh(), rules, now)).toBe(expected);
  });

  test('with behavior: stabilized downscale and the scale-up rate', () => {
    const memory = fresh([[8, 100_000]]);
    expect(normalizeWithBehavior(memory, now, 8, 2, 1, 10, behavior)).toEqual({
      replicas: 8,
      ableToScale: { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' },
      limited: { status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' },
    });
    expect(normalizeWithBehavior(fresh(), now, 2, 10, 1, 10, behavior)).toEqual({
      replicas: 6,
      ableToScale: { reason: 'ReadyForNewScale', message: 'recommended size matches current size' },
      limited: { status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' },
    });
    const limitedDown = defaultedBehavior({ scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] } });
    expect(normalizeWithBehavior(fresh(), now, 8, 1, 1, 10, limitedDown).limited).toEqual({
      status: 'True', reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate',
    });
  });

  test('storeScaleEvent reuses an outdated slot', () => {
    const memory: HpaMemory = { recommendations: [], scaleUp: [{ change: 3, at: now - 20_000, outdated: false }], scaleDown: [] };
    storeScaleEvent(memory, behavior, now, 4, 6);
    expect(memory.scaleUp).toEqual([{ change: 2, at: now, outdated: false }]);
  });
});
