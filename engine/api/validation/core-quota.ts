/**
 * ResourceQuota and LimitRange validation: resource names, non-negative (and for object counts,
 * whole) quantities, scopes, and LimitRange's min ≤ default ≤ max ordering with Kubernetes'
 * exact sentences (`min value 1 is greater than max value 500m`).
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, child, index, key, str } from './field-path.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isQualifiedName, nameIsDNSSubdomain } from './names.ts';
import { compareQuantities, newQuantity, quantityFromJSON, quantityString } from './quantity.ts';
import type { Quantity } from './quantity.ts';

const computeQuotaResources = ['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage'];
const countQuotaResources = ['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'persistentvolumeclaims',
  'configmaps', 'services.nodeports', 'services.loadbalancers'];
const standardResources = new Set([...computeQuotaResources, ...countQuotaResources, 'storage']);
const standardQuotaResources = new Set([...computeQuotaResources, ...countQuotaResources]);
const quotaScopes = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];

function parse(value: unknown): Quantity | undefined {
  try {
    return quantityFromJSON(value);
  } catch {
    return undefined;
  }
}

const isHugePages = (name: string): boolean => /^(requests\.)?hugepages-/.test(name);

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldError.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !standardResources.has(name) && !isHugePages(name)) {
    return [fieldError.invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

function validateQuotaResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !standardQuotaResources.has(name) && !isHugePages(name)) {
    errs.push(fieldError.invalid(path, name, 'must be a standard resource for quota'));
  }
  return errs;
}

function validateQuantityValue(name: string, value: unknown, path: string): FieldError[] {
  const q = parse(value);
  if (!q) return [];
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(fieldError.invalid(path, quantityString(q), 'must be greater than or equal to 0'));
  const integer = countQuotaResources.includes(name) || name.startsWith('count/') || (name.includes('/') && !name.includes('kubernetes.io/'));
  if (integer && q.nanos % 1_000_000_000n !== 0n) errs.push(fieldError.invalid(path, quantityString(q), 'must be an integer'));
  return errs;
}

function validateHard(hard: unknown, path: string): FieldError[] {
  return Object.entries(asObject(hard) ?? {}).flatMap(([k, v]) => [
    ...validateQuotaResourceName(k, key(path, k)), ...validateQuantityValue(k, v, key(path, k)),
  ]);
}

/**
 * `spec.scopeSelector`: each expression names a v1.32 scope (VolumeAttributesClass came later)
 * with an operator that suits it. The real paths carry no list index.
 */
function validateScopeSelector(selector: unknown): FieldError[] {
  const expressions = asObject(selector)?.matchExpressions;
  if (!Array.isArray(expressions)) return [];
  const path = 'spec.scopeSelector.matchExpressions';
  const errs: FieldError[] = [];
  for (const raw of expressions) {
    const expression = asObject(raw) ?? {};
    const scope = String(expression.scopeName ?? '');
    if (!quotaScopes.includes(scope)) {
      errs.push(fieldError.invalid(`${path}.scopeName`, scope, 'unsupported scope'));
      continue;
    }
    const operator = String(expression.operator ?? '');
    const values = Array.isArray(expression.values) ? expression.values : [];
    if (operator === 'In' || operator === 'NotIn') {
      if (!values.length) errs.push(fieldError.invalid(`${path}.values`, null, 'must be at least one value when `operator` is \'In\' or \'NotIn\' for scope selector'));
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length) errs.push(fieldError.invalid(`${path}.values`, values, 'must be no value when `operator` is \'Exist\' or \'DoesNotExist\' for scope selector'));
    } else {
      errs.push(fieldError.invalid(`${path}.operator`, operator, 'not a valid selector operator'));
    }
  }
  return errs;
}

/** ResourceQuota create and update (scopes are immutable). */
export function validateResourceQuota(quota: KubeObject, old?: KubeObject): FieldError[] {
  const spec = asObject(quota.spec) ?? {};
  const errs = old ? validateObjectMetaUpdate(quota.metadata, old.metadata) : validateObjectMeta(quota.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateHard(spec.hard, 'spec.hard'));
  const scopes = Array.isArray(spec.scopes) ? spec.scopes.map(String) : [];
  for (const scope of scopes) {
    if (!quotaScopes.includes(scope)) errs.push(fieldError.invalid('spec.scopes', scopes, 'unsupported scope'));
  }
  if ((scopes.includes('BestEffort') && scopes.includes('NotBestEffort')) || (scopes.includes('Terminating') && scopes.includes('NotTerminating'))) {
    errs.push(fieldError.invalid('spec.scopes', scopes, 'conflicting scopes'));
  }
  errs.push(...validateScopeSelector(spec.scopeSelector));
  if (old) {
    const oldScopes = new Set(Array.isArray(asObject(old.spec)?.scopes) ? (asObject(old.spec)?.scopes as unknown[]).map(String) : []);
    const same = oldScopes.size === new Set(scopes).size && scopes.every((s) => oldScopes.has(s));
    if (!same) errs.push(fieldError.invalid('spec.scopes', scopes, 'field is immutable'));
  } else {
    const status = asObject(quota.status) ?? {};
    errs.push(...validateHard(status.hard, 'status.hard'), ...validateHard(status.used, 'status.used'));
  }
  return errs;
}

const limitTypes = ['Pod', 'Container', 'PersistentVolumeClaim'];
const containerResources = ['cpu', 'memory', 'ephemeral-storage'];

function validateLimitResourceName(type: string, name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if ((type === 'Pod' || type === 'Container') && !name.includes('/') && !containerResources.includes(name) && !isHugePages(name)) {
    errs.push(fieldError.invalid(path, name, 'must be a standard resource for containers'));
  }
  return errs;
}

/** LimitRange create and update. */
export function validateLimitRange(lr: KubeObject, old?: KubeObject): FieldError[] {
  const errs = old ? validateObjectMetaUpdate(lr.metadata, old.metadata) : [];
  errs.push(...validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain));
  const seenTypes = new Set<string>();
  asObjects(asObject(lr.spec)?.limits).forEach((limit, i) => {
    const p = index('spec.limits', i);
    const type = str(limit.type);
    errs.push(...isQualifiedName(type).map((m) => fieldError.invalid(child(p, 'type'), type, m)));
    if (!type.includes('/') && isQualifiedName(type).length === 0 && !limitTypes.includes(type)) {
      errs.push(fieldError.invalid(child(p, 'type'), type, 'must be a standard limit type or fully qualified'));
    }
    if (seenTypes.has(type)) errs.push(fieldError.duplicate(child(p, 'type'), type));
    seenTypes.add(type);
    const maps: Record<string, Map<string, Quantity>> = {};
    const keys = new Set<string>();
    for (const field of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      maps[field] = new Map();
      const entries = Object.entries(asObject(limit[field]) ?? {});
      if (type === 'Pod' && (field === 'default' || field === 'defaultRequest')) {
        if (entries.length) errs.push(fieldError.forbidden(child(p, field), "may not be specified when `type` is 'Pod'"));
        continue;
      }
      for (const [k, v] of entries) {
        errs.push(...validateLimitResourceName(type, k, key(child(p, field), k)));
        keys.add(k);
        const q = parse(v);
        if (q) maps[field].set(k, q);
      }
    }
    if (type === 'PersistentVolumeClaim' && !maps.min.has('storage') && !maps.max.has('storage')) {
      errs.push(fieldError.required(child(p, 'limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    for (const k of keys) {
      const [min, max, def, defReq, ratio] = ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'].map((f) => maps[f].get(k));
      const s = quantityString;
      if (min && max && compareQuantities(min, max) > 0) {
        errs.push(fieldError.invalid(key(child(p, 'min'), k), s(min), `min value ${s(min)} is greater than max value ${s(max)}`));
      }
      if (defReq && min && compareQuantities(min, defReq) > 0) {
        errs.push(fieldError.invalid(key(child(p, 'defaultRequest'), k), s(defReq), `min value ${s(min)} is greater than default request value ${s(defReq)}`));
      }
      if (defReq && max && compareQuantities(defReq, max) > 0) {
        errs.push(fieldError.invalid(key(child(p, 'defaultRequest'), k), s(defReq), `default request value ${s(defReq)} is greater than max value ${s(max)}`));
      }
      if (defReq && def && compareQuantities(defReq, def) > 0) {
        errs.push(fieldError.invalid(key(child(p, 'defaultRequest'), k), s(defReq), `default request value ${s(defReq)} is greater than default limit value ${s(def)}`));
      }
      if (def && min && compareQuantities(min, def) > 0) {
        errs.push(fieldError.invalid(key(child(p, 'default'), k), s(min), `min value ${s(min)} is greater than default value ${s(def)}`));
      }
      if (def && max && compareQuantities(def, max) > 0) {
        // Kubernetes reports the max as the invalid value here.
        errs.push(fieldError.invalid(key(child(p, 'default'), k), s(max), `default value ${s(def)} is greater than max value ${s(max)}`));
      }
      if (ratio && compareQuantities(ratio, newQuantity(1)) < 0) {
        errs.push(fieldError.invalid(key(child(p, 'maxLimitRequestRatio'), k), s(ratio), `ratio ${s(ratio)} is less than 1`));
      }
    }
  });
  return errs;
}
