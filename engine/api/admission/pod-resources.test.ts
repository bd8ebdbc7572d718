import { describe, expect, it } from 'vitest';
import { podResourceTotal } from './pod-resources.ts';
import { toJSONResourceList } from './resource-list.ts';

const container = (name: string, cpu: string, extra: Record<string, unknown> = {}) => ({ name, image: 'x', resources: { requests: { cpu } }, ...extra });

describe('podResourceTotal', () => {
  it.each<[string, Record<string, unknown>, boolean, Record<string, string>]>([
    ['sums the app containers', { containers: [container('a', '100m'), container('b', '200m')] }, false, { cpu: '300m' }],
    ['takes an init container that needs more', { containers: [container('a', '100m'), container('b', '200m')], initContainers: [container('i', '500m')] }, false, { cpu: '500m' }],
    ['adds a sidecar to the sum and to later init containers',
      { containers: [container('a', '100m'), container('b', '200m')], initContainers: [container('s', '50m', { restartPolicy: 'Always' }), container('i', '500m')] }, false, { cpu: '550m' }],
    ['adds the overhead when asked', { containers: [container('a', '100m')], overhead: { cpu: '250m', memory: '120Mi' } }, true, { cpu: '350m', memory: '120Mi' }],
    ['ignores the overhead otherwise', { containers: [container('a', '100m')], overhead: { cpu: '250m' } }, false, { cpu: '100m' }],
  ])('%s', (_name, spec, overhead, expected) => {
    expect(toJSONResourceList(podResourceTotal(spec, 'requests', overhead))).toEqual(expected);
  });
});
