/**
 * CustomResourceDefinition validation (apiextensions-apiserver's validation.go), for v1 objects:
 * the `<plural>.<group>` name, group, scope, names, versions with exactly one storage version,
 * and the basics of a structural `openAPIV3Schema`.
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, child, index, key, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { immutable, isSet, specOf } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';
import { isDNS1035Label, isDNS1123Subdomain } from './names.ts';

const schemaTypes = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/** `ValidateCustomResourceDefinitionOpenAPISchema`: keywords a CRD schema may not use. */
function validateOpenAPISchema(schema: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(schema.$ref)) errs.push(fieldError.forbidden(child(path, '$ref'), '$ref is not supported'));
  if (typeof schema.type === 'string' && schema.type !== '' && !schemaTypes.includes(schema.type)) {
    errs.push(fieldError.notSupported(child(path, 'type'), schema.type, schemaTypes));
  }
  if (schema.uniqueItems === true) {
    errs.push(fieldError.forbidden(child(path, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  }
  const properties = asObject(schema.properties);
  if (properties && Object.keys(properties).length > 0 && isSet(schema.additionalProperties)) {
    errs.push(fieldError.forbidden(child(path, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
  }
  for (const [name, sub] of Object.entries(properties ?? {})) {
    errs.push(...validateOpenAPISchema(asObject(sub) ?? {}, key(child(path, 'properties'), name)));
  }
  const items = asObject(schema.items);
  if (items) errs.push(...validateOpenAPISchema(items, child(path, 'items')));
  const additional = asObject(schema.additionalProperties);
  if (additional) errs.push(...validateOpenAPISchema(additional, child(path, 'additionalProperties')));
  return errs;
}

type Level = 'root' | 'item' | 'field';

/** The structural rules: every node has a type (or preserves unknown fields), the root is an object. */
function validateStructural(schema: Loose, level: Level, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(schema.type);
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (embedded && type !== 'object') {
    const detail = 'must be object if x-kubernetes-embedded-resource is true';
    errs.push(type === '' ? fieldError.required(child(path, 'type'), detail) : fieldError.invalid(child(path, 'type'), type, detail));
  } else if (type === '' && schema['x-kubernetes-int-or-string'] !== true && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    const detail = {
      root: 'must not be empty at the root',
      item: 'must not be empty for specified array items',
      field: 'must not be empty for specified object fields',
    }[level];
    errs.push(fieldError.required(child(path, 'type'), detail));
  }
  if (level === 'root' && type !== '' && type !== 'object') errs.push(fieldError.invalid(child(path, 'type'), type, 'must be object at the root'));
  for (const [name, sub] of Object.entries(asObject(schema.properties) ?? {})) {
    errs.push(...validateStructural(asObject(sub) ?? {}, 'field', key(child(path, 'properties'), name)));
  }
  const items = asObject(schema.items);
  if (items) errs.push(...validateStructural(items, 'item', child(path, 'items')));
  const additional = asObject(schema.additionalProperties);
  if (additional) errs.push(...validateStructural(additional, 'field', child(path, 'additionalProperties')));
  return errs;
}

/** A version's schema: forbidden keywords first; the structural pass only when those are clean. */
function validateVersionSchema(version: Loose, path: string): FieldError[] {
  const schema = asObject(asObject(version.schema)?.openAPIV3Schema);
  const schemaPath = child(path, 'schema', 'openAPIV3Schema');
  if (!schema) return [fieldError.required(schemaPath, 'schemas are required')];
  const errs = validateOpenAPISchema(schema, schemaPath);
  return errs.length > 0 ? errs : validateStructural(schema, 'root', schemaPath);
}

/** `ValidateCustomResourceDefinitionNames`: DNS-1035 names; kinds may have mixed case. */
function validateNames(names: Loose): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['plural', 'singular']) {
    const value = str(names[f]);
    const msgs = isDNS1035Label(value);
    if (value !== '' && msgs.length > 0) errs.push(fieldError.invalid(child('spec.names', f), value, msgs.join(',')));
  }
  for (const f of ['kind', 'listKind']) {
    const value = str(names[f]);
    const msgs = isDNS1035Label(value.toLowerCase());
    if (value !== '' && msgs.length > 0) {
      errs.push(fieldError.invalid(child('spec.names', f), value, `may have mixed case, but should otherwise match: ${msgs.join(',')}`));
    }
  }
  (Array.isArray(names.shortNames) ? names.shortNames.map(str) : []).forEach((shortName, i) => {
    const msgs = isDNS1035Label(shortName);
    if (msgs.length > 0) errs.push(fieldError.invalid(index('spec.names.shortNames', i), shortName, msgs.join(',')));
  });
  if (str(names.kind) !== '' && names.kind === names.listKind) {
    errs.push(fieldError.invalid('spec.names.listKind', str(names.listKind), 'kind and listKind may not be the same'));
  }
  return errs;
}

/** `validateCustomResourceDefinitionSpec` for a v1 CRD. */
function validateSpec(spec: Loose): FieldError[] {
  const errs: FieldError[] = [];
  const group = str(spec.group);
  if (group === '') errs.push(fieldError.required('spec.group'));
  else if (isDNS1123Subdomain(group).length > 0) errs.push(fieldError.invalid('spec.group', group, isDNS1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2) errs.push(fieldError.invalid('spec.group', group, 'should be a domain with at least one dot'));
  const scope = str(spec.scope);
  if (scope === '') errs.push(fieldError.required('spec.scope'));
  else if (scope !== 'Cluster' && scope !== 'Namespaced') errs.push(fieldError.notSupported('spec.scope', scope, ['Cluster', 'Namespaced']));
  const versions = asObjects(spec.versions);
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((version, i) => {
    const p = index('spec.versions', i);
    const name = str(version.name);
    if (seen.has(name)) unique = false;
    seen.add(name);
    const msgs = isDNS1035Label(name);
    if (msgs.length > 0) errs.push(fieldError.invalid(child(p, 'name'), name, msgs.join(',')));
    errs.push(...validateVersionSchema(version, p));
  });
  const versionsValue = Array.isArray(spec.versions) ? spec.versions : null;
  if (!unique) errs.push(fieldError.invalid('spec.versions', versionsValue, 'must contain unique version names'));
  if (versions.filter((v) => v.storage === true).length !== 1) {
    errs.push(fieldError.invalid('spec.versions', versionsValue, 'must have exactly one version marked as storage version'));
  }
  const names = asObject(spec.names) ?? {};
  for (const f of ['plural', 'singular', 'kind', 'listKind']) {
    if (str(names[f]) === '') errs.push(fieldError.required(child('spec.names', f)));
  }
  errs.push(...validateNames(names));
  const strategy = asObject(spec.conversion)?.strategy;
  if (isSet(strategy) && !['None', 'Webhook'].includes(str(strategy))) {
    errs.push(fieldError.notSupported('spec.conversion.strategy', str(strategy), ['None', 'Webhook']));
  }
  if (spec.preserveUnknownFields === true) {
    errs.push(fieldError.invalid('spec.preserveUnknownFields', true,
      'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
  }
  return errs;
}

/** Whether the stored CRD's `Established` condition is true (its names are then fixed). */
function established(obj: KubeObject): boolean {
  return asObjects(asObject(obj.status)?.conditions).some((c) => c.type === 'Established' && c.status === 'True');
}

/**
 * CustomResourceDefinition: the name must be `<plural>.<group>`; on update group and plural never
 * change, and scope and kind are fixed once the CRD is Established.
 */
export const validateCustomResourceDefinition: KindValidator = (obj, old) => {
  const spec = specOf(obj);
  const names = asObject(spec.names) ?? {};
  if (!old) {
    // The name rule is part of the create-time ObjectMeta check; names are immutable afterwards.
    const name = str(obj.metadata.name);
    const nameErrs = name === `${str(names.plural)}.${str(spec.group)}`
      ? [] : [fieldError.invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group')];
    return [...nameErrs, ...validateSpec(spec)];
  }
  const errs = validateSpec(spec);
  const oldSpec = specOf(old);
  const oldNames = asObject(oldSpec.names) ?? {};
  if (established(old)) {
    errs.push(...immutable(spec.scope, oldSpec.scope, 'spec.scope'));
    errs.push(...immutable(names.kind, oldNames.kind, 'spec.names.kind'));
  }
  errs.push(...immutable(spec.group, oldSpec.group, 'spec.group'));
  errs.push(...immutable(names.plural, oldNames.plural, 'spec.names.plural'));
  return errs;
};

/** The `openAPIV3Schema` of one served version of a CRD, for validating its custom resources. */
export function crdVersionSchema(crd: KubeObject, version: string): unknown {
  const v = asObjects(asObject(crd.spec)?.versions).find((x) => x.name === version);
  return asObject(v?.schema)?.openAPIV3Schema;
}
