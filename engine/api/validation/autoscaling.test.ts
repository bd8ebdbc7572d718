import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { groupValidators } from './groups.ts';

const run = (obj: KubeObject, old?: KubeObject) => groupValidators['autoscaling/HorizontalPodAutoscaler'](obj, old).map(errorText);

const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' };
const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } };

function hpaV2(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache', namespace: 'default' },
    spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 10, metrics: [cpu], ...spec },
  };
}

function hpaV1(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache', namespace: 'default' },
    spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50, ...spec },
  };
}

const policy = (extra: Record<string, unknown>) => ({ type: 'Pods', value: 4, periodSeconds: 15, ...extra });

describe('autoscaling/HorizontalPodAutoscaler', () => {
  const cases: [string, KubeObject, string[]][] = [
    ['a valid v2 HPA', hpaV2(), []],
    ['a valid v1 HPA', hpaV1(), []],
    ['minReplicas 0 (HPAScaleToZero is off)', hpaV2({ minReplicas: 0 }), [
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    ]],
    ['maxReplicas below minReplicas', hpaV2({ minReplicas: 5, maxReplicas: 2 }), [
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    ]],
    ['maxReplicas 0', hpaV1({ minReplicas: undefined, maxReplicas: 0 }), ['spec.maxReplicas: Invalid value: 0: must be greater than 0']],
    ['no scaleTargetRef kind or name', hpaV2({ scaleTargetRef: { apiVersion: 'apps/v1' } }), [
      'spec.scaleTargetRef.kind: Required value',
      'spec.scaleTargetRef.name: Required value',
    ]],
    ['a target name with a slash', hpaV2({ scaleTargetRef: { ...target, name: 'a/b' } }), [
      'spec.scaleTargetRef.name: Invalid value: "a/b": may not contain \'/\'',
    ]],
    // v1's CPU target is a Resource metric of the internal type, and is reported at its path.
    ['a v1 CPU target of 0%', hpaV1({ targetCPUUtilizationPercentage: 0 }), [
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ]],
    ['an unknown metric type', hpaV2({ metrics: [{ type: 'Memory' }] }), [
      'spec.metrics[0].type: Unsupported value: "Memory": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
      'spec.metrics[0].type: Unsupported value: "Memory": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    ]],
    ['a Resource metric without its source', hpaV2({ metrics: [{ type: 'Resource' }] }), [
      'spec.metrics[0].resource: Required value: must populate information for the given metric source',
    ]],
    ['a Resource metric with both targets', hpaV2({ metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi', averageUtilization: 50 } } }] }), [
      'spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
    ]],
    ['a Pods metric with a negative averageValue', hpaV2({ metrics: [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '-1' } } }] }), [
      'spec.metrics[0].pods.target.averageValue: Invalid value: "-1": must be positive',
    ]],
    ['an unknown target type', hpaV2({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Percent', averageUtilization: 50 } } }] }), [
      'spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue',
    ]],
    ['two sources in one metric', hpaV2({ metrics: [{ ...cpu, pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1' } } }] }), [
      'spec.metrics[0].pods: Forbidden: must populate the given metric source only',
    ]],
    ['bad behavior policies', hpaV2({ behavior: { scaleUp: { stabilizationWindowSeconds: 3601, selectPolicy: 'Avg', policies: [policy({ value: 0, periodSeconds: 1801 })] } } }), [
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600',
      'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Avg": supported values: "Disabled", "Max", "Min"',
      'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
    ]],
    ['a scaling rule without policies', hpaV2({ behavior: { scaleDown: { policies: [] } } }), [
      'spec.behavior.scaleDown.policies: Required value: must specify at least one Policy',
    ]],
    ['an unknown policy type', hpaV2({ behavior: { scaleDown: { policies: [policy({ type: 'Nodes' })] } } }), [
      'spec.behavior.scaleDown.policies[0].type: Unsupported value: "Nodes": supported values: "Percent", "Pods"',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run(obj)).toEqual(expected);
  });

  it('allows minReplicas 0 on update when the stored object already had it', () => {
    const zero = hpaV2({ minReplicas: 0, metrics: [{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '10' } } }] });
    expect(run(zero, zero)).toEqual([]);
  });
});
