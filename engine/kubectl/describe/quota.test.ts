import { describe, expect, it } from 'vitest';
import { describeLimitRange, describeResourceQuota } from './quota.ts';

describe('describeResourceQuota', () => {
  it('explains scopes and reprints a used value in the hard value\'s format (real kubectl 1.32.4 output)', () => {
    const quota = {
      metadata: { name: 'compute', namespace: 'default' },
      spec: { scopes: ['NotBestEffort'] },
      status: { hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '10' }, used: { 'requests.cpu': '1500m', 'requests.memory': '500M' } },
    };
    expect(describeResourceQuota(quota)).toBe('Name:       compute\nNamespace:  default\nScopes:     NotBestEffort\n'
      + ' * Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.\n'
      + 'Resource         Used       Hard\n--------         ----       ----\n'
      + 'pods             0          10\nrequests.cpu     1500m      2\nrequests.memory  500000000  2Gi\n');
  });
});

describe('describeLimitRange', () => {
  it('prints one row per item and resource with - for unset columns', () => {
    const limitRange = {
      metadata: { name: 'limits', namespace: 'dev' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, min: { cpu: '0.1' } }, { type: 'PersistentVolumeClaim', max: { storage: '1024Mi' } }] },
    };
    expect(describeLimitRange(limitRange)).toBe('Name:                  limits\nNamespace:             dev\n'
      + 'Type                   Resource  Min   Max  Default Request  Default Limit  Max Limit/Request Ratio\n'
      + '----                   --------  ---   ---  ---------------  -------------  -----------------------\n'
      + 'Container              cpu       100m  -    -                500m           -\n'
      + 'PersistentVolumeClaim  storage   -     1Gi  -                -              -\n');
  });
});
