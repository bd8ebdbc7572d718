import { describe, expect, it } from 'vitest';
import { horizontalPodAutoscaler } from './autoscale.ts';

describe('horizontalPodAutoscaler', () => {
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
  it.each([
    ['min, max and CPU', 2, 5, 80, { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 }],
    ['defaults left to the server', -1, 3, -1, { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, maxReplicas: 3 }],
  ])('%s', (_, min, max, cpu, spec) => {
    expect(horizontalPodAutoscaler('web', target, min, max, cpu)).toEqual({
      kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v1', metadata: { name: 'web', creationTimestamp: null }, spec,
      status: { currentReplicas: 0, desiredReplicas: 0 },
    });
  });
});
