/**
 * HorizontalPodAutoscaler validation (pkg/apis/autoscaling/validation). Upstream validates the
 * internal (v2-shaped) object, so an autoscaling/v1 object is first seen the way conversion
 * would present it: `targetCPUUtilizationPercentage` becomes a Resource metric, and its errors
 * carry the v2 paths (`spec.metrics[0].resource.target.averageUtilization`), as upstream's do.
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, child, index, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { isSet, quantitySign, specOf } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';
import { isDNS1123Label, isValidPathSegmentName } from './names.ts';

const maxPeriodSeconds = 1800;
const maxStabilizationWindowSeconds = 3600;
const metricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const fieldForType: Record<string, string> = {
  Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource',
};

/** The HPA spec as the internal type sees it (v1's CPU target becomes a Resource metric). */
function internalSpec(obj: KubeObject): Loose {
  const spec = specOf(obj);
  if (str(obj.apiVersion) !== 'autoscaling/v1') return spec;
  const { targetCPUUtilizationPercentage: cpu, ...rest } = spec;
  if (!isSet(cpu)) return rest;
  return {
    ...rest,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }],
  };
}

/** `ValidateCrossVersionObjectReference`. */
function validateObjectReference(ref: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['kind', 'name']) {
    const value = str(ref[f]);
    if (value === '') errs.push(fieldError.required(child(path, f)));
    else errs.push(...isValidPathSegmentName(value).map((msg) => fieldError.invalid(child(path, f), value, msg)));
  }
  return errs;
}

/** `validateMetricTarget`. */
function validateMetricTarget(target: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(target.type);
  if (type === '') errs.push(fieldError.required(child(path, 'type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) {
    errs.push(fieldError.invalid(child(path, 'type'), type, 'must be either Utilization, Value, or AverageValue'));
  }
  for (const f of ['value', 'averageValue']) {
    if (isSet(target[f]) && quantitySign(target[f]) !== 1) errs.push(fieldError.invalid(child(path, f), target[f], 'must be positive'));
  }
  if (typeof target.averageUtilization === 'number' && target.averageUtilization < 1) {
    errs.push(fieldError.invalid(child(path, 'averageUtilization'), target.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

/** `validateMetricIdentifier`. */
function validateMetricIdentifier(metric: Loose, path: string): FieldError[] {
  const name = str(metric.name);
  if (name === '') return [fieldError.required(child(path, 'name'), 'must specify a metric name')];
  return isValidPathSegmentName(name).map((msg) => fieldError.invalid(child(path, 'name'), name, msg));
}

/** Rules of one metric source kind (`validateObjectSource`, `validatePodsSource`, …). */
function validateSource(kind: string, src: Loose, path: string): FieldError[] {
  const target = asObject(src.target) ?? {};
  const targetPath = child(path, 'target');
  const errs: FieldError[] = [];
  if (kind === 'object') errs.push(...validateObjectReference(asObject(src.describedObject) ?? {}, child(path, 'describedObject')));
  if (kind === 'resource' || kind === 'containerResource') {
    if (str(src.name) === '') errs.push(fieldError.required(child(path, 'name'), 'must specify a resource name'));
    if (kind === 'containerResource') {
      const container = str(src.container);
      if (container === '') errs.push(fieldError.required(child(path, 'container'), 'must specify a container'));
      else errs.push(...isDNS1123Label(container).map((msg) => fieldError.invalid(child(path, 'container'), container, msg)));
    }
  } else {
    errs.push(...validateMetricIdentifier(asObject(src.metric) ?? {}, child(path, 'metric')));
  }
  errs.push(...validateMetricTarget(target, targetPath));
  if (kind === 'object' && !isSet(target.value) && !isSet(target.averageValue)) {
    errs.push(fieldError.required(child(targetPath, 'averageValue'), 'must set either a target value or averageValue'));
  }
  if (kind === 'external') {
    if (!isSet(target.value) && !isSet(target.averageValue)) {
      errs.push(fieldError.required(child(targetPath, 'averageValue'), 'must set either a target value for metric or a per-pod target'));
    }
    if (isSet(target.value) && isSet(target.averageValue)) {
      errs.push(fieldError.forbidden(child(targetPath, 'value'), 'may not set both a target value for metric and a per-pod target'));
    }
  }
  if (kind === 'pods' && !isSet(target.averageValue)) {
    errs.push(fieldError.required(child(targetPath, 'averageValue'), 'must specify a positive target averageValue'));
  }
  if (kind === 'resource' || kind === 'containerResource') {
    if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
      errs.push(fieldError.required(child(targetPath, 'averageUtilization'), 'must set either a target raw value or a target utilization'));
    }
    if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
      errs.push(fieldError.forbidden(child(targetPath, 'averageValue'), 'may not set both a target raw value and a target utilization'));
    }
  }
  return errs;
}

/** `validateMetricSpec`: a known type, and exactly the matching source populated. */
function validateMetricSpec(metric: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(metric.type);
  if (type === '') errs.push(fieldError.required(child(path, 'type'), 'must specify a metric source type'));
  if (!metricSourceTypes.includes(type)) errs.push(fieldError.notSupported(child(path, 'type'), type, metricSourceTypes));
  const present = ['object', 'external', 'pods', 'resource', 'containerResource'].filter((f) => isSet(metric[f]));
  if (present.length > 0) errs.push(...validateSource(present[0], asObject(metric[present[0]]) ?? {}, child(path, present[0])));
  const expected = fieldForType[type];
  if (expected === undefined) errs.push(fieldError.notSupported(child(path, 'type'), type, metricSourceTypes));
  else if (!isSet(metric[expected])) errs.push(fieldError.required(child(path, expected), 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const f of present.filter((p) => p !== expected)) errs.push(fieldError.forbidden(child(path, f), 'must populate the given metric source only'));
  }
  return errs;
}

/** `validateScalingRules` for `behavior.scaleUp` / `behavior.scaleDown`. */
function validateScalingRules(rules: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === 'number' && window < 0) {
    errs.push(fieldError.invalid(child(path, 'stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  }
  if (typeof window === 'number' && window > maxStabilizationWindowSeconds) {
    errs.push(fieldError.invalid(child(path, 'stabilizationWindowSeconds'), window, `must be less than or equal to ${maxStabilizationWindowSeconds}`));
  }
  if (isSet(rules.selectPolicy) && !['Disabled', 'Max', 'Min'].includes(str(rules.selectPolicy))) {
    errs.push(fieldError.notSupported(child(path, 'selectPolicy'), rules.selectPolicy, ['Disabled', 'Max', 'Min']));
  }
  const policies = asObjects(rules.policies);
  if (policies.length === 0) errs.push(fieldError.required(child(path, 'policies'), 'must specify at least one Policy'));
  policies.forEach((policy, i) => {
    const p = index(child(path, 'policies'), i);
    if (policy.type !== 'Pods' && policy.type !== 'Percent') errs.push(fieldError.notSupported(child(p, 'type'), str(policy.type), ['Percent', 'Pods']));
    const value = typeof policy.value === 'number' ? policy.value : 0;
    if (value <= 0) errs.push(fieldError.invalid(child(p, 'value'), value, 'must be greater than zero'));
    const period = typeof policy.periodSeconds === 'number' ? policy.periodSeconds : 0;
    if (period <= 0) errs.push(fieldError.invalid(child(p, 'periodSeconds'), period, 'must be greater than zero'));
    if (period > maxPeriodSeconds) errs.push(fieldError.invalid(child(p, 'periodSeconds'), period, `must be less than or equal to ${maxPeriodSeconds}`));
  });
  return errs;
}

/**
 * HorizontalPodAutoscaler (v1 and v2). minReplicas must be ≥ 1 (HPAScaleToZero is an alpha gate,
 * off), unless the stored object already had 0.
 */
export const validateHorizontalPodAutoscaler: KindValidator = (obj, old) => {
  const spec = internalSpec(obj);
  const errs: FieldError[] = [];
  const oldMin = old ? specOf(old).minReplicas : undefined;
  const lowerBound = oldMin === 0 ? 0 : 1;
  const min = spec.minReplicas;
  const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0;
  if (typeof min === 'number' && min < lowerBound) {
    errs.push(fieldError.invalid('spec.minReplicas', min, `must be greater than or equal to ${lowerBound}`));
  }
  if (max < 1) errs.push(fieldError.invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (typeof min === 'number' && max < min) errs.push(fieldError.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateObjectReference(asObject(spec.scaleTargetRef) ?? {}, 'spec.scaleTargetRef'));
  const metrics = asObjects(spec.metrics);
  metrics.forEach((metric, i) => errs.push(...validateMetricSpec(metric, index('spec.metrics', i))));
  if (min === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(fieldError.forbidden('spec.metrics', 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  const behavior = asObject(spec.behavior);
  if (behavior) {
    for (const direction of ['scaleUp', 'scaleDown']) {
      const rules = asObject(behavior[direction]);
      if (rules) errs.push(...validateScalingRules(rules, child('spec.behavior', direction)));
    }
  }
  return errs;
};
