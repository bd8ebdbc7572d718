/**
 * Makes an object look the way the API server's JSON encoder writes it. The server decodes a
 * request into a Go struct and encodes the struct again, so what comes back has:
 * - keys in Go struct field order (`kind`, `apiVersion`, `metadata`, `spec`, `status`), whatever
 *   order the user wrote; Go maps (labels, annotations, resource lists, data) with sorted keys;
 * - fields a Go encoder always writes: non-pointer structs (`resources: {}`, `status: {}`),
 *   zero timestamps as null (`creationTimestamp: null` in pod templates), non-omitempty scalars
 *   (`numberMisscheduled: 0` in a DaemonSet status, `apiGroup: ""` in a roleRef);
 * - zero values of omitempty fields dropped (`hostNetwork: false`, `labels: {}`).
 * Keys the table does not know (fields of kinds or versions not listed) keep their place after the
 * known ones. Note that kubectl's own `-o yaml`/`-o json` printers sort every key alphabetically;
 * this order is what the wire (and `kubectl get --raw`) shows.
 */
import type { KubeObject } from '../types.ts';
import { goStruct, rootTypeOf, type GoField } from './go-types.ts';
import { isObj, type Obj } from './util.ts';

/** A copy of a built-in object with its keys in Go struct field order and map keys sorted. */
export function canonicalOrder<T extends KubeObject>(obj: T): T {
  const root = rootTypeOf(obj.apiVersion, obj.kind);
  return root ? (orderStruct(obj, root) as T) : obj;
}

/**
 * A copy of a built-in object as the Go encoder would write it: zero-valued fields filled in or
 * dropped (see the file comment) and keys in Go order. Custom resources come back unchanged.
 */
export function canonicalize<T extends KubeObject>(obj: T): T {
  const root = rootTypeOf(obj.apiVersion, obj.kind);
  return root ? (orderStruct(encodeZeroValues(obj, root), root) as T) : obj;
}

function orderStruct(value: Obj, type: string): Obj {
  const struct = goStruct(type);
  if (!struct) return value;
  const out: Obj = {};
  for (const field of struct.fields) {
    if (field.name in value) out[field.name] = orderValue(value[field.name], field);
  }
  for (const [key, v] of Object.entries(value)) if (!(key in out)) out[key] = v;
  return out;
}

function orderValue(value: unknown, field: GoField): unknown {
  if (Array.isArray(value)) return value.map((item) => orderOne(item, field.type));
  if (field.isMap && isObj(value)) {
    const out: Obj = {};
    for (const key of Object.keys(value).sort(byteOrder)) out[key] = orderOne(value[key], field.type);
    return out;
  }
  return orderOne(value, field.type);
}

function orderOne(value: unknown, type: string | undefined): unknown {
  if (type === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => orderOne(item, type)); // map of lists
  return isObj(value) ? orderStruct(value, type) : value;
}

/** Go sorts map keys by bytes, which for the ASCII keys Kubernetes allows is UTF-16 order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fill and drop zero values, returning a new object of the given struct type. */
function encodeZeroValues(value: Obj, type: string): Obj {
  const struct = goStruct(type);
  if (!struct) return value;
  const out: Obj = { ...value };
  for (const field of struct.fields) {
    const present = out[field.name];
    if (present === undefined || present === null) {
      delete out[field.name];
      const zero = zeroValue(field);
      if (zero !== undefined) out[field.name] = zero;
      continue;
    }
    if (field.zero === 'omitZero' && isZero(present)) {
      delete out[field.name];
      continue;
    }
    out[field.name] = encodeField(present, field);
  }
  return out;
}

function zeroValue(field: GoField): unknown {
  const rule = field.zero;
  if (rule === 'struct') return field.type ? encodeZeroValues({}, field.type) : {};
  if (rule === 'null') return null;
  if (typeof rule === 'object') return rule.zero;
  return undefined;
}

function encodeField(value: unknown, field: GoField): unknown {
  const type = field.type;
  if (type === undefined) return value;
  const one = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(one);
    return isObj(v) ? encodeZeroValues(v, type) : v;
  };
  if (field.isMap && isObj(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) out[k] = one(v);
    return out;
  }
  return one(value);
}

function isZero(value: unknown): boolean {
  if (value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObj(value)) return Object.keys(value).length === 0;
  return false;
}
