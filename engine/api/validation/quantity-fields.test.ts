import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { cannotBeHandledMessage, normalizeQuantities } from './quantity-fields.ts';

function deployment(resources: unknown): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx', resources }] } } },
  };
}

const containerResources = (o: KubeObject): unknown =>
  ((((o.spec as { template: { spec: { containers: Array<{ resources: unknown }> } } }).template.spec.containers[0]).resources));

describe('normalizeQuantities', () => {
  it('stores canonical strings', () => {
    const input = deployment({ requests: { cpu: '1000m', memory: '1024Mi' }, limits: { cpu: 0.5 } });
    const { object, error } = normalizeQuantities('apps', 'Deployment', input);
    expect(error).toBeUndefined();
    expect(containerResources(object)).toEqual({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '500m' } });
    expect(containerResources(input)).toEqual({ requests: { cpu: '1000m', memory: '1024Mi' }, limits: { cpu: 0.5 } });
  });

  it.each([
    [{ requests: { cpu: '1cpu' } }, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    [{ limits: { memory: '1GB' } }, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    [{ limits: { memory: '1mi' } }, "unable to parse quantity's suffix"],
  ])('rejects %j', (resources, message) => {
    const { error } = normalizeQuantities('apps', 'Deployment', deployment(resources));
    expect(cannotBeHandledMessage('Deployment', 'v1', error ?? '')).toBe(`Deployment in version "v1" cannot be handled as a Deployment: ${message}`);
  });

  it('returns the object itself when every quantity is already canonical, a copy otherwise', () => {
    const canonical = deployment({ requests: { cpu: '100m', memory: '128Mi' } });
    expect(normalizeQuantities('apps', 'Deployment', canonical).object).toBe(canonical);
    const fractional = deployment({ requests: { cpu: 0.1 } });
    const { object } = normalizeQuantities('apps', 'Deployment', fractional);
    expect(object).not.toBe(fractional);
    expect(containerResources(object)).toEqual({ requests: { cpu: '100m' } });
    expect(containerResources(fractional)).toEqual({ requests: { cpu: 0.1 } });
  });

  it('handles PVCs and quotas', () => {
    const pvc: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'd' }, spec: { resources: { requests: { storage: '1024Mi' } } } };
    expect((normalizeQuantities('', 'PersistentVolumeClaim', pvc).object.spec as { resources: unknown }).resources).toEqual({ requests: { storage: '1Gi' } });
    const quota: KubeObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: 'ten' } } };
    expect(normalizeQuantities('', 'ResourceQuota', quota).error).toMatch(/^quantities must match/);
  });
});
