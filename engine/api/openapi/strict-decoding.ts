/**
 * What the API server's JSON decoder says about a request body, driven by the generated schema
 * summary: unknown fields for `fieldValidation` Strict/Warn (sigs.k8s.io/json's strict mode) and
 * wrong scalar types (encoding/json's UnmarshalTypeError), with the exact wording of v1.32.
 *
 * Paths differ between the two on purpose, because Go's do: unknown-field paths index lists
 * (`spec.template.spec.containers[0].imagePullPolicy`), type errors name the innermost Go struct
 * and list only struct fields (`Container.spec.template.spec.containers.image`).
 *
 * Both walk every field of every write, so they walk the parsed type tree (type-tree.ts) and keep
 * the path as a stack of names, turned into a string only for a field they report.
 */
import builtinSummary from './generated/summary.json' with { type: 'json' };
import type { SchemaSummary } from './summary.ts';
import { kindKey } from './summary.ts';
import { typeTree, type ScalarBase, type TypeNode, type TypeTree } from './type-tree.ts';

/** The kind whose body is decoded. Core group: `group: ''`. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const builtin = builtinSummary as SchemaSummary;

function rootType(gvk: GroupVersionKind, extra: SchemaSummary | undefined): string | undefined {
  const key = kindKey(gvk);
  const name = (extra && Object.hasOwn(extra.kinds, key) ? extra.kinds[key] : undefined) ??
    (Object.hasOwn(builtin.kinds, key) ? builtin.kinds[key] : undefined);
  return name === undefined ? undefined : `@${name}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One walk serves both checks (the decoder makes them in the same pass too): where it is, as the
 * innermost Go struct and the struct fields that led there (type errors), and as every field name,
 * map key and list index (unknown-field paths, only kept when unknown fields are looked for).
 */
interface Walk {
  tree: TypeTree;
  types: string[] | undefined;
  unknown: string[] | undefined;
  struct: string;
  stack: string[];
  path: (string | number)[];
  /** Per path entry: a map key, which is written after a dot even at the start. */
  mapKey: boolean[];
}

/** `spec.template.spec.containers[0].image`, as sigs.k8s.io/json prints a field path. */
function unknownPath(w: Walk, last: string): string {
  let out = '';
  for (let i = 0; i < w.path.length; i++) {
    const part = w.path[i];
    if (typeof part === 'number') out = `${out}[${part}]`;
    else out = out || w.mapKey[i] ? `${out}.${part}` : part;
  }
  return out ? `${out}.${last}` : last;
}

function walk(w: Walk, value: unknown, type: TypeNode): void {
  if (value === null || value === undefined) return; // null decodes to the zero value
  switch (type.kind) {
    case 'any':
      return;
    case 'scalar':
      if (w.types) checkScalar(w, value, type.base, type.goType);
      return;
    case 'list':
      if (!Array.isArray(value)) return fail(w, jsonKind(value), type.goType);
      for (let i = 0; i < value.length; i++) {
        if (w.unknown) {
          w.path.push(i);
          w.mapKey.push(false);
        }
        walk(w, value[i], type.element);
        if (w.unknown) {
          w.path.pop();
          w.mapKey.pop();
        }
      }
      return;
    case 'map':
      if (!isObject(value)) return fail(w, jsonKind(value), type.goType);
      for (const key of Object.keys(value)) {
        if (w.unknown) {
          w.path.push(key);
          w.mapKey.push(true);
        }
        walk(w, value[key], type.element);
        if (w.unknown) {
          w.path.pop();
          w.mapKey.pop();
        }
      }
      return;
  }
  const target = type.target;
  if (!target || target.summary.custom === 'any') return;
  switch (target.summary.custom) {
    case 'int-or-string':
      // IntOrString.UnmarshalJSON: a quoted value is a string, anything else decodes as int32.
      if (w.types && typeof value !== 'string') checkInt(w, value, 'int32', 'int32');
      return;
    case 'time':
      if (typeof value !== 'string') fail(w, jsonKind(value), 'string');
      return;
    case 'quantity':
      if (!w.types || typeof value === 'number') return;
      if (typeof value !== 'string' || !quantityPattern.test(value.trim())) w.types.push(quantityFormatMessage);
      return;
  }
  if (!isObject(value)) return fail(w, jsonKind(value), type.goType);
  if (!target.summary.fields) return;
  const fields = w.tree.fields(target);
  const outer = w.struct;
  for (const key of Object.keys(value)) {
    const field = fields.get(key);
    if (field === undefined) {
      if (w.unknown && !target.summary.preserveUnknown) w.unknown.push(unknownPath(w, key));
      continue;
    }
    w.struct = target.structName;
    w.stack.push(key);
    if (w.unknown) {
      w.path.push(key);
      w.mapKey.push(false);
    }
    walk(w, value[key], field);
    w.stack.pop();
    if (w.unknown) {
      w.path.pop();
      w.mapKey.pop();
    }
  }
  w.struct = outer;
}

function newWalk(tree: TypeTree, types: boolean, unknown: boolean): Walk {
  return { tree, types: types ? [] : undefined, unknown: unknown ? [] : undefined, struct: '', stack: [], path: [], mapKey: [] };
}

/**
 * Fields of `obj` the schema does not know, as sigs.k8s.io/json reports them:
 * `spec.replica`, `spec.template.spec.containers[0].readinessProbe.initialDelay`. Maps (labels,
 * data), RawExtension, FieldsV1 and `x-kubernetes-preserve-unknown-fields` accept any key. An
 * unknown kind yields [] (nothing to check against). `extra` adds custom resource summaries.
 */
export function findUnknownFields(gvk: GroupVersionKind, obj: unknown, extra?: SchemaSummary): string[] {
  const root = rootType(gvk, extra);
  if (!root) return [];
  const tree = typeTree(builtin, extra);
  const w = newWalk(tree, false, true);
  walk(w, obj, tree.node(root));
  return w.unknown!;
}

/**
 * typeErrors and findUnknownFields of a built-in kind in one walk, as the decoder finds both; the
 * same lists the two give one by one.
 */
export function decodeErrors(gvk: GroupVersionKind, obj: unknown): { typeErrors: string[]; unknownFields: string[] } {
  const root = rootType(gvk, undefined);
  if (!root) return { typeErrors: [], unknownFields: [] };
  const tree = typeTree(builtin);
  const w = newWalk(tree, true, true);
  walk(w, obj, tree.node(root));
  return { typeErrors: w.types!, unknownFields: w.unknown! };
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

function fail(w: Walk, value: string, goType: string): void {
  w.types?.push(w.struct
    ? `json: cannot unmarshal ${value} into Go struct field ${w.struct}.${w.stack.join('.')} of type ${goType}`
    : `json: cannot unmarshal ${value} into Go value of type ${goType}`);
}

function checkInt(w: Walk, value: unknown, width: 'int32' | 'int64', goType: string): void {
  if (typeof value !== 'number') return fail(w, jsonKind(value), goType);
  const [min, max] = intRange[width];
  if (!Number.isInteger(value) || value < min || value > max) fail(w, `number ${value}`, goType);
}

function checkScalar(w: Walk, value: unknown, base: ScalarBase, goType: string): void {
  switch (base) {
    case 'string': if (typeof value !== 'string') fail(w, jsonKind(value), goType); return;
    case 'bool': if (typeof value !== 'boolean') fail(w, jsonKind(value), goType); return;
    case 'float64': if (typeof value !== 'number') fail(w, jsonKind(value), goType); return;
    default: return checkInt(w, value, base, goType);
  }
}

/**
 * Wrong JSON types in `obj`, in document order, each as encoding/json words it:
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * Go stops at the first; the API server reports that one (wrap it with cannotBeHandledMessage).
 * Built-in kinds only: custom resources are checked by their schema's validation instead.
 */
export function typeErrors(gvk: GroupVersionKind, obj: unknown): string[] {
  const root = rootType(gvk, undefined);
  if (!root) return [];
  const tree = typeTree(builtin);
  const w = newWalk(tree, true, false);
  walk(w, obj, tree.node(root));
  return w.types!;
}
