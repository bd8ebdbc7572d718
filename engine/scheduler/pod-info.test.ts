import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { podRequests } from './pod-info.ts';

const c = (name: string, cpu?: string, memory?: string, restartPolicy?: string) => ({
  name, image: 'busybox', ...(restartPolicy ? { restartPolicy } : {}),
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
});

describe('podRequests', () => {
  it.each([
    { name: 'sum of containers', spec: { containers: [c('a', '250m', '64Mi'), c('b', '250m', '64Mi')] }, want: [500, 128 * 2 ** 20] },
    { name: 'an init container larger than the app', spec: { initContainers: [c('init', '1')], containers: [c('a', '250m'), c('b', '250m')] }, want: [1000, 0] },
    { name: 'a sidecar adds to the app and to later init containers', spec: { initContainers: [c('proxy', '100m', undefined, 'Always'), c('migrate', '1')], containers: [c('a', '500m')] }, want: [1100, 0] },
    { name: 'overhead', spec: { containers: [c('a', '1')], overhead: { cpu: '250m' } }, want: [1250, 0] },
  ])('$name', ({ spec, want }) => {
    const r = podRequests({ spec } as unknown as Pod);
    expect([r.cpu, r.memory]).toEqual(want);
  });

  it('uses 100m and 200Mi for scoring containers that request nothing', () => {
    const r = podRequests({ spec: { containers: [c('a'), c('b', '300m')] } } as unknown as Pod, true);
    expect([r.cpu, r.memory]).toEqual([400, 400 * 2 ** 20]);
  });
});
