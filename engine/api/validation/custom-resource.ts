/**
 * Validation of a custom resource against its CRD version's `openAPIV3Schema`, as the
 * apiextensions-apiserver does it with kube-openapi's schema validator: each failure becomes a
 * field error whose detail is kube-openapi's sentence, e.g.
 * `spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`.
 * Also the pruning of unknown fields that happens before validation.
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import { asObject } from './field-path.ts';
import type { Loose } from './field-path.ts';

/** The JSON type kube-openapi infers for a decoded value (integral numbers are `integer`). */
function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

/** Go's `%v` of a float64: shortest digits, exponent form below 1e-4 and from 1e6 (`1e+06`). */
export function goFloat(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const [mantissa, expText] = value.toExponential().split('e');
  const exp = Number(expText);
  if (exp >= -4 && exp < 6) return String(value);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** A bound as kube-openapi prints it: truncated to an int for integer data, `%v` of a float otherwise. */
function bound(limit: number, data: number): string {
  return Number.isInteger(data) ? String(Math.trunc(limit)) : goFloat(limit);
}

function types(schema: Loose): string[] {
  if (schema['x-kubernetes-int-or-string'] === true) return ['integer', 'string'];
  return typeof schema.type === 'string' && schema.type !== '' ? [schema.type] : [];
}

/** The kube-openapi type check: `<path> in body must be of type <types>: "<actual>"`. */
function checkType(schema: Loose, value: unknown, path: string): FieldError[] {
  const expected = types(schema);
  if (expected.length === 0 || (value === null && schema.nullable === true)) return [];
  const actual = jsonType(value);
  const ok = expected.includes(actual) || (actual === 'integer' && expected.includes('number'));
  if (ok) return [];
  const wanted = expected.join(',');
  return [fieldError.typeInvalid(path, actual, `${path} in body must be of type ${wanted}: ${JSON.stringify(actual)}`)];
}

/** String, number, array and object keywords (minLength, pattern, minimum, maxItems, …). */
function checkKeywords(schema: Loose, value: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const at = `${path} in body`;
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) errs.push(fieldError.tooLong(path, value, schema.maxLength));
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      errs.push(fieldError.invalid(path, value, `${at} should be at least ${schema.minLength} chars long`));
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      errs.push(fieldError.invalid(path, value, `${at} should match '${schema.pattern}'`));
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0 && !Number.isInteger(value / schema.multipleOf)) {
      errs.push(fieldError.invalid(path, value, `${at} should be a multiple of ${goFloat(schema.multipleOf)}`));
    }
    if (typeof schema.maximum === 'number') {
      const exclusive = schema.exclusiveMaximum === true;
      if (exclusive ? value >= schema.maximum : value > schema.maximum) {
        errs.push(fieldError.invalid(path, value, `${at} should be less than ${exclusive ? '' : 'or equal to '}${bound(schema.maximum, value)}`));
      }
    }
    if (typeof schema.minimum === 'number') {
      const exclusive = schema.exclusiveMinimum === true;
      if (exclusive ? value <= schema.minimum : value < schema.minimum) {
        errs.push(fieldError.invalid(path, value, `${at} should be greater than ${exclusive ? '' : 'or equal to '}${bound(schema.minimum, value)}`));
      }
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      errs.push(fieldError.invalid(path, value.length, `${at} should have at least ${schema.minItems} items`));
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errs.push(fieldError.tooMany(path, value.length, schema.maxItems));
  }
  const obj = asObject(value);
  if (obj) {
    const count = Object.keys(obj).length;
    if (typeof schema.minProperties === 'number' && count < schema.minProperties) {
      errs.push(fieldError.invalid(path, count, `${at} should have at least ${schema.minProperties} properties`));
    }
    if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) errs.push(fieldError.tooMany(path, count, schema.maxProperties));
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    const values = schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    errs.push(fieldError.notSupported(path, value, values));
  }
  return errs;
}

/** Validates `value` against `schema` at `path` (`''` for the object itself). */
function validateNode(schema: Loose, value: unknown, path: string): FieldError[] {
  const typeErrs = checkType(schema, value, path);
  const errs = [...typeErrs];
  if (typeErrs.length > 0) {
    // The other validators only apply to data of their own kind; enum applies to anything.
    if (Array.isArray(schema.enum)) errs.push(...checkKeywords({ enum: schema.enum }, value, path));
    return errs;
  }
  errs.push(...checkKeywords(schema, value, path));
  const items = asObject(schema.items);
  if (Array.isArray(value) && items) {
    value.forEach((item, i) => errs.push(...validateNode(items, item, `${path}[${i}]`)));
  }
  const obj = asObject(value);
  if (obj) {
    const properties = asObject(schema.properties) ?? {};
    const additional = asObject(schema.additionalProperties);
    for (const [name, child] of Object.entries(obj)) {
      if (child === undefined) continue;
      const childPath = path === '' ? name : `${path}.${name}`;
      const propSchema = asObject(properties[name]);
      if (propSchema) errs.push(...validateNode(propSchema, child, childPath));
      else if (additional) errs.push(...validateNode(additional, child, `${path}.${name}`));
    }
    for (const name of Array.isArray(schema.required) ? schema.required : []) {
      if (typeof name === 'string' && obj[name] === undefined) errs.push(fieldError.required(path === '' ? name : `${path}.${name}`));
    }
  }
  return errs;
}

/**
 * Drops the fields the schema does not know (unless `x-kubernetes-preserve-unknown-fields`) and
 * nulls of non-nullable fields, as the apiserver does before validating; returns the pruned copy
 * and the dotted paths it removed (for `unknown field "spec.foo"` warnings).
 */
export function pruneCustomResource(value: unknown, schema: unknown, path = ''): { value: unknown; pruned: string[] } {
  const s = asObject(schema) ?? {};
  const pruned: string[] = [];
  const items = asObject(s.items);
  if (Array.isArray(value)) {
    const out = value.map((item, i) => {
      if (!items) return item;
      const r = pruneCustomResource(item, items, `${path}[${i}]`);
      pruned.push(...r.pruned);
      return r.value;
    });
    return { value: out, pruned };
  }
  const obj = asObject(value);
  if (!obj) return { value, pruned };
  const properties = asObject(s.properties) ?? {};
  const additional = asObject(s.additionalProperties);
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true || s.additionalProperties === true;
  const isRoot = path === '';
  const out: Loose = {};
  for (const [name, child] of Object.entries(obj)) {
    const childPath = isRoot ? name : `${path}.${name}`;
    // apiVersion, kind and metadata are the apiserver's own business at the root.
    if (isRoot && ['apiVersion', 'kind', 'metadata'].includes(name)) {
      out[name] = child;
      continue;
    }
    const childSchema = asObject(properties[name]) ?? additional;
    if (!childSchema) {
      if (preserve) out[name] = child;
      else pruned.push(childPath);
      continue;
    }
    if (child === null && childSchema.nullable !== true && childSchema.default === undefined) continue;
    const r = pruneCustomResource(child, childSchema, childPath);
    pruned.push(...r.pruned);
    out[name] = r.value;
  }
  return { value: out, pruned };
}

/**
 * Validates a custom resource (the whole object) against a CRD version's `openAPIV3Schema`,
 * returning apiextensions' field errors. Call it on the pruned object.
 */
export function validateCustomResource(obj: unknown, openAPIV3Schema: unknown): FieldError[] {
  const schema = asObject(openAPIV3Schema);
  if (!schema) return [];
  const root = asObject(obj) ?? {};
  // Root metadata is validated as ObjectMeta elsewhere; the schema only constrains the rest.
  const { apiVersion: _apiVersion, kind: _kind, metadata: _metadata, ...rest } = root;
  const properties = { ...(asObject(schema.properties) ?? {}) };
  delete properties.metadata;
  return validateNode({ ...schema, properties }, rest, '');
}
