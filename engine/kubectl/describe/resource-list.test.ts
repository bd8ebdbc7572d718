import { describe, expect, it } from 'vitest';
import { quantityString } from '../../api/validation/quantity.ts';
import { addQuantity, goInt64, podLimits, podRequests, toQuantity, type ResourceList } from './resource-list.ts';

const show = (list: ResourceList): Record<string, string> => Object.fromEntries([...list].map(([name, q]) => [name, quantityString(q)]));
const container = (name: string, requests: Record<string, string>, limits: Record<string, string> = {}, restartPolicy?: string) => ({
  name, resources: { requests, limits }, ...(restartPolicy ? { restartPolicy } : {}),
});

describe('podRequests and podLimits (kubectl resource helper)', () => {
  it.each([
    {
      name: 'containers are summed',
      spec: { containers: [container('a', { cpu: '250m', memory: '64Mi' }, { cpu: '500m' }), container('b', { cpu: '100m', memory: '32Mi' })] },
      requests: { cpu: '350m', memory: '96Mi' },
      limits: { cpu: '500m' },
    },
    {
      name: 'an init container larger than the containers wins',
      spec: { initContainers: [container('init', { cpu: '1', memory: '16Mi' })], containers: [container('main', { cpu: '100m' })] },
      requests: { cpu: '1', memory: '16Mi' },
      limits: {},
    },
    {
      // Sidecars run beside everything after them: 200m + 100m = 300m, but the plain init step needs 500m + 100m.
      name: 'sidecars (restartPolicy Always) add up and raise later init steps',
      spec: { initContainers: [container('sidecar', { cpu: '100m' }, {}, 'Always'), container('init', { cpu: '500m' })], containers: [container('main', { cpu: '200m' })] },
      requests: { cpu: '600m' },
      limits: {},
    },
    {
      name: 'overhead is added to requests and to non-zero limits only',
      spec: { overhead: { cpu: '50m', memory: '10Mi' }, containers: [container('main', { cpu: '100m' }, { cpu: '200m', memory: '0' })] },
      requests: { cpu: '150m', memory: '10Mi' },
      limits: { cpu: '250m', memory: '0' },
    },
  ])('$name', ({ spec, requests, limits }) => {
    expect(show(podRequests({ spec }))).toEqual(requests);
    expect(show(podLimits({ spec }))).toEqual(limits);
  });
});

describe('addQuantity', () => {
  it.each([
    ['0', '1Gi', '1Gi'],
    ['512Mi', '512Mi', '1Gi'],
    ['250m', '750m', '1'],
    ['1Gi', '500M', '1573741824'],
  ])('%s + %s = %s', (a, b, sum) => {
    expect(quantityString(addQuantity(toQuantity(a), toQuantity(b)))).toBe(sum);
  });
});

describe('goInt64', () => {
  it.each([[10.9, '10'], [-0.5, '0'], [NaN, '-9223372036854775808'], [Infinity, '-9223372036854775808']])('%s → %s', (value, text) => {
    expect(goInt64(value)).toBe(text);
  });
});
