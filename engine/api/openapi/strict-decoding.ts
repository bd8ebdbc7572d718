/**
 * What the API server's JSON decoder says about a request body, driven by the generated schema
 * summary: unknown fields for `fieldValidation` Strict/Warn (sigs.k8s.io/json's strict mode) and
 * wrong scalar types (encoding/json's UnmarshalTypeError), with the exact wording of v1.32.
 *
 * Paths differ between the two on purpose, because Go's do: unknown-field paths index lists
 * (`spec.template.spec.containers[0].imagePullPolicy`), type errors name the innermost Go struct
 * and list only struct fields (`Container.spec.template.spec.containers.image`).
 */
import builtinSummary from './generated/summary.json' with { type: 'json' };
import type { SchemaSummary, TypeSummary } from './summary.ts';
import { kindKey } from './summary.ts';

/** The kind whose body is decoded. Core group: `group: ''`. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const builtin = builtinSummary as SchemaSummary;

function lookup(extra: SchemaSummary | undefined): (name: string) => TypeSummary | undefined {
  return (name) => extra?.types[name] ?? builtin.types[name];
}

function rootType(gvk: GroupVersionKind, extra: SchemaSummary | undefined): string | undefined {
  const key = kindKey(gvk);
  const name = extra?.kinds[key] ?? builtin.kinds[key];
  return name === undefined ? undefined : `@${name}`;
}

/** Splits `v1.PullPolicy=string` into the Go name and the type string. */
function splitNamed(type: string): [named: string | undefined, base: string] {
  const eq = type.indexOf('=');
  return eq < 0 ? [undefined, type] : [type.slice(0, eq), type.slice(eq + 1)];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Fields of `obj` the schema does not know, as sigs.k8s.io/json reports them:
 * `spec.replica`, `spec.template.spec.containers[0].readinessProbe.initialDelay`. Maps (labels,
 * data), RawExtension, FieldsV1 and `x-kubernetes-preserve-unknown-fields` accept any key. An
 * unknown kind yields [] (nothing to check against). `extra` adds custom resource summaries.
 */
export function findUnknownFields(gvk: GroupVersionKind, obj: unknown, extra?: SchemaSummary): string[] {
  const root = rootType(gvk, extra);
  if (!root) return [];
  const types = lookup(extra);
  const unknown: string[] = [];
  const walk = (value: unknown, type: string, path: string): void => {
    const base = splitNamed(type)[1];
    if (base.startsWith('[]')) {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, base.slice(2), `${path}[${i}]`));
    } else if (base.startsWith('map[string]')) {
      if (isObject(value)) for (const [key, item] of Object.entries(value)) walk(item, base.slice(11), `${path}.${key}`);
    } else if (base.startsWith('@') && isObject(value)) {
      const struct = types(base.slice(1));
      if (!struct?.fields) return;
      for (const [key, item] of Object.entries(value)) {
        const fieldPath = path ? `${path}.${key}` : key;
        const fieldTypeString = struct.fields[key];
        if (fieldTypeString !== undefined) walk(item, fieldTypeString, fieldPath);
        else if (!struct.preserveUnknown) unknown.push(fieldPath);
      }
    }
  };
  walk(obj, root, '');
  return unknown;
}

/** `unknown field "spec.replica"`: one strict-decoding error, also the text of a Warn-mode warning. */
export function unknownFieldMessage(path: string): string {
  return `unknown field "${path}"`;
}

/** `strict decoding error: unknown field "a", unknown field "b"` (apimachinery's strictDecodingError). */
export function strictDecodingMessage(paths: readonly string[]): string {
  return `strict decoding error: ${paths.map(unknownFieldMessage).join(', ')}`;
}

/**
 * The body of the 400 the API server answers when it cannot decode an object:
 * `Deployment in version "v1" cannot be handled as a Deployment: <detail>`.
 */
export function cannotBeHandledMessage(gvk: GroupVersionKind, detail: string): string {
  return `${gvk.kind} in version "${gvk.version}" cannot be handled as a ${gvk.kind}: ${detail}`;
}

/** Quantity's parse error, returned by its UnmarshalJSON without a field context. */
export const quantityFormatMessage = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const quantityPattern = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** encoding/json's name for the JSON value it could not store: string, number, bool, array, object. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'object';
}

const intRange = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;

/**
 * Wrong JSON types in `obj`, in document order, each as encoding/json words it:
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * Go stops at the first; the API server reports that one (wrap it with cannotBeHandledMessage).
 * Built-in kinds only: custom resources are checked by their schema's validation instead.
 */
export function typeErrors(gvk: GroupVersionKind, obj: unknown): string[] {
  const root = rootType(gvk, undefined);
  if (!root) return [];
  const types = lookup(undefined);
  const errors: string[] = [];
  const goName = (type: string): string => {
    const [named, base] = splitNamed(type);
    if (named) return named;
    if (base.startsWith('[]')) return `[]${goName(base.slice(2))}`;
    if (base.startsWith('map[string]')) return `map[string]${goName(base.slice(11))}`;
    if (base.startsWith('@')) return types(base.slice(1))?.go ?? 'interface {}';
    return base === 'any' ? 'interface {}' : base;
  };
  const fail = (value: string, goType: string, struct: string, stack: readonly string[]): void => {
    errors.push(struct
      ? `json: cannot unmarshal ${value} into Go struct field ${struct}.${stack.join('.')} of type ${goType}`
      : `json: cannot unmarshal ${value} into Go value of type ${goType}`);
  };
  const checkInt = (value: unknown, width: 'int32' | 'int64', goType: string, struct: string, stack: readonly string[]): void => {
    if (typeof value !== 'number') return fail(jsonKind(value), goType, struct, stack);
    const [min, max] = intRange[width];
    if (!Number.isInteger(value) || value < min || value > max) fail(`number ${value}`, goType, struct, stack);
  };
  const walk = (value: unknown, type: string, struct: string, stack: readonly string[]): void => {
    if (value === null || value === undefined) return; // null decodes to the zero value
    const [named, base] = splitNamed(type);
    const goType = named ?? goName(base);
    const elementNamed = (prefix: string): string => (named?.startsWith(prefix) ? `${named.slice(prefix.length)}=` : '');
    if (base === 'any') return;
    if (base === 'string') { if (typeof value !== 'string') fail(jsonKind(value), goType, struct, stack); return; }
    if (base === 'bool') { if (typeof value !== 'boolean') fail(jsonKind(value), goType, struct, stack); return; }
    if (base === 'float64') { if (typeof value !== 'number') fail(jsonKind(value), goType, struct, stack); return; }
    if (base === 'int32' || base === 'int64') return checkInt(value, base, goType, struct, stack);
    if (base.startsWith('[]')) {
      if (!Array.isArray(value)) return fail(jsonKind(value), goType, struct, stack);
      for (const item of value) walk(item, elementNamed('[]') + base.slice(2), struct, stack);
      return;
    }
    if (base.startsWith('map[string]')) {
      if (!isObject(value)) return fail(jsonKind(value), goType, struct, stack);
      for (const item of Object.values(value)) walk(item, elementNamed('map[string]') + base.slice(11), struct, stack);
      return;
    }
    const target = types(base.slice(1));
    if (!target || target.custom === 'any') return;
    switch (target.custom) {
      case 'int-or-string':
        // IntOrString.UnmarshalJSON: a quoted value is a string, anything else decodes as int32.
        if (typeof value !== 'string') checkInt(value, 'int32', 'int32', struct, stack);
        return;
      case 'time':
        if (typeof value !== 'string') fail(jsonKind(value), 'string', struct, stack);
        return;
      case 'quantity':
        if (typeof value === 'number') return;
        if (typeof value !== 'string' || !quantityPattern.test(value.trim())) errors.push(quantityFormatMessage);
        return;
    }
    if (!isObject(value)) return fail(jsonKind(value), goType, struct, stack);
    const structName = target.go.slice(target.go.lastIndexOf('.') + 1);
    for (const [key, item] of Object.entries(value)) {
      const field = target.fields?.[key];
      if (field !== undefined) walk(item, field, structName, [...stack, key]);
    }
  };
  walk(obj, root, '', []);
  return errors;
}
