import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { rfc3339 } from '../../clock.ts';
import type { PodMetricsInfo } from './replica-calculator.ts';
import { rawResourceReplicas, resourceReplicas } from './replica-calculator.ts';

const now = Date.parse('2026-01-01T01:00:00Z');

interface PodOptions {
  phase?: string;
  ready?: 'True' | 'False';
  startedAgo?: number;
  readyAgo?: number;
  request?: string | null;
  deleting?: boolean;
}

/** A pod as the HPA sees it: phase, start time, Ready condition and one container's cpu request. */
function pod(name: string, options: PodOptions = {}): KubeObject {
  const started = now - (options.startedAgo ?? 600_000);
  const request = options.request === undefined ? '1' : options.request;
  return {
    metadata: { name, namespace: 'default', ...(options.deleting ? { deletionTimestamp: rfc3339(now) } : {}) },
    spec: { containers: [{ name: 'app', resources: request === null ? {} : { requests: { cpu: request } } }] },
    status: {
      phase: options.phase ?? 'Running',
      startTime: rfc3339(started),
      conditions: [{ type: 'Ready', status: options.ready ?? 'True', lastTransitionTime: rfc3339(now - (options.readyAgo ?? 590_000)) }],
    },
  };
}

function metrics(values: Partial<Record<string, number>>, timestamp = now): PodMetricsInfo {
  return new Map(Object.entries(values).map(([name, value]) => [name, { timestamp, windowMs: 15_000, value: value ?? 0 }]));
}

const three = [pod('a'), pod('b'), pod('c')];

describe('resourceReplicas (Utilization target)', () => {
  test.each([
    { name: 'at target: no change', pods: three, usage: { a: 500, b: 500, c: 500 }, target: 50, expected: { replicas: 3, utilization: 50, rawAverage: 500 } },
    { name: 'within the 0.1 tolerance: no change', pods: three, usage: { a: 530, b: 530, c: 530 }, target: 50, expected: { replicas: 3, utilization: 53, rawAverage: 530 } },
    { name: 'over target: ceil(1.8 × 3) = 6', pods: three, usage: { a: 900, b: 800, c: 1000 }, target: 50, expected: { replicas: 6, utilization: 90, rawAverage: 900 } },
    { name: 'under target: ceil(0.2 × 3) = 1', pods: three, usage: { a: 100, b: 100, c: 100 }, target: 50, expected: { replicas: 1, utilization: 10, rawAverage: 100 } },
    { name: 'missing metrics on a scale-down count as 100% of the request', pods: three, usage: { a: 100, b: 100 }, target: 50, expected: { replicas: 3, utilization: 10, rawAverage: 100 } },
    { name: 'missing metrics on a scale-up count as 0', pods: three, usage: { a: 900, b: 900 }, target: 50, expected: { replicas: 4, utilization: 90, rawAverage: 900 } },
    { name: 'a pending pod counts as 0 on a scale-up', pods: [pod('a'), pod('b'), pod('c', { phase: 'Pending' })], usage: { a: 900, b: 900 }, target: 50, expected: { replicas: 4, utilization: 90, rawAverage: 900 } },
    { name: 'a terminating pod is ignored', pods: [pod('a'), pod('b'), pod('c', { deleting: true })], usage: { a: 500, b: 500, c: 2000 }, target: 50, expected: { replicas: 3, utilization: 50, rawAverage: 500 } },
    {
      name: 'a pod in its cpu initialization period, measured less than a window after turning ready, is unready',
      pods: [pod('a'), pod('b'), pod('c', { startedAgo: 60_000, readyAgo: 10_000 })], usage: { a: 900, b: 900, c: 2000 }, target: 50,
      expected: { replicas: 4, utilization: 90, rawAverage: 900 },
    },
    {
      name: 'an old pod that was never ready after its first 30 s is unready',
      pods: [pod('a'), pod('b'), pod('c', { ready: 'False', readyAgo: 590_000 })], usage: { a: 900, b: 900, c: 2000 }, target: 50,
      expected: { replicas: 4, utilization: 90, rawAverage: 900 },
    },
  ])('$name', ({ pods, usage, target, expected }) => {
    expect(resourceReplicas(3, target, 'cpu', pods, metrics(usage), now, now)).toEqual({ ...expected, timestamp: now });
  });

  test.each([
    { name: 'no pods', pods: [], usage: { a: 1 }, error: 'no pods returned by selector while calculating replica count' },
    { name: 'a container without a request', pods: [pod('a', { request: null })], usage: { a: 1 }, error: 'missing request for cpu in container app of Pod a' },
    { name: 'only unready pods', pods: [pod('a', { phase: 'Pending' })], usage: { a: 1 }, error: 'did not receive metrics for targeted pods (pods might be unready)' },
  ])('error: $name', ({ pods, usage, error }) => {
    expect(resourceReplicas(1, 50, 'cpu', pods, metrics(usage), now, now)).toEqual({ error });
  });
});

describe('rawResourceReplicas (AverageValue target)', () => {
  test.each([
    { name: '300m each against 100m: ceil(3 × 3) = 9', usage: { a: 300, b: 300, c: 300 }, expected: { replicas: 9, rawAverage: 300 } },
    { name: '105m each: within tolerance', usage: { a: 105, b: 105, c: 105 }, expected: { replicas: 3, rawAverage: 105 } },
    { name: 'missing on a scale-down counts as the target: ceil(0.4 × 3) = 2', usage: { a: 10, b: 10 }, expected: { replicas: 2, rawAverage: 10 } },
  ])('$name', ({ usage, expected }) => {
    expect(rawResourceReplicas(3, 100, 'cpu', three, metrics(usage), now, now)).toEqual({ ...expected, timestamp: now });
  });
});
