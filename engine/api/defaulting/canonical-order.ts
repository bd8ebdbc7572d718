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
 *
 * Every write runs this several times over the whole object, so each struct's rules are compiled
 * once (compiled-struct.ts) and the output is built in one pass, in Go field order.
 */
import type { KubeObject } from '../types.ts';
import { compiledStruct, fieldStruct, type CompiledField, type CompiledStruct } from './compiled-struct.ts';
import { goStruct, rootTypeOf, type GoField } from './go-types.ts';
import { deepCopy, isObj, type Obj } from './util.ts';

/** A copy of a built-in object with its keys in Go struct field order and map keys sorted. */
export function canonicalOrder<T extends KubeObject>(obj: T): T {
  const root = rootTypeOf(obj.apiVersion, obj.kind);
  return root ? (orderStruct(obj, root) as T) : obj;
}

/**
 * A copy of a built-in object as the Go encoder would write it: zero-valued fields filled in or
 * dropped (see the file comment) and keys in Go order. Custom resources come back unchanged.
 * Frozen values of field-less structs (FieldsV1, which managedFields share) are kept as they are.
 */
export function canonicalize<T extends KubeObject>(obj: T): T {
  const root = rootTypeOf(obj.apiVersion, obj.kind);
  const struct = root === undefined ? undefined : compiledStruct(root);
  return struct ? (encodeStruct(obj, struct) as T) : obj;
}

function orderStruct(value: Obj, type: string): Obj {
  const struct = goStruct(type);
  if (!struct) return value;
  const out: Obj = {};
  for (const field of struct.fields) {
    if (field.name in value) out[field.name] = orderValue(value[field.name], field);
  }
  for (const key of Object.keys(value)) if (!(key in out)) out[key] = value[key];
  return out;
}

function orderValue(value: unknown, field: GoField): unknown {
  if (Array.isArray(value)) return orderItems(value, field.type);
  if (field.isMap && isObj(value)) {
    const out: Obj = {};
    for (const key of Object.keys(value).sort(byteOrder)) out[key] = orderOne(value[key], field.type);
    return out;
  }
  return orderOne(value, field.type);
}

function orderItems(items: unknown[], type: string | undefined): unknown[] {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = orderOne(items[i], type);
  return out;
}

function orderOne(value: unknown, type: string | undefined): unknown {
  if (type === undefined) return value;
  if (Array.isArray(value)) return orderItems(value, type); // map of lists
  return isObj(value) ? orderStruct(value, type) : value;
}

/** Go sorts map keys by bytes, which for the ASCII keys Kubernetes allows is UTF-16 order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A struct in Go field order with zero values filled or dropped; unknown keys follow in their
 * order. A value already written that way comes back as itself (objects already canonical, as
 * every step after the first sees them, cost a read and no copy).
 */
function encodeStruct(value: Obj, struct: CompiledStruct): Obj {
  if (struct.fields.length === 0 && Object.isFrozen(value)) return value;
  const keys = Object.keys(value);
  // Until `out` is made, the output is value's first `kept` keys, unchanged and in order.
  let out: Obj | undefined;
  let kept = 0;
  for (const field of struct.fields) {
    const present = value[field.name];
    let result: unknown;
    if (present === undefined || present === null) {
      if (field.zero === 'none') continue;
      result = zeroOf(field);
    } else if (field.omitZero && isZero(present)) {
      continue;
    } else {
      result = encodeField(present, field);
    }
    if (out === undefined) {
      if (keys[kept] === field.name && result === present) {
        kept++;
        continue;
      }
      out = prefix(value, keys, kept);
    }
    out[field.name] = result;
  }
  if (out === undefined) {
    if (onlyKeptUnknown(keys, kept, struct)) return value;
    out = prefix(value, keys, kept);
  }
  for (const key of keys) {
    if (!struct.byName.has(key) && !(key in out)) out[key] = value[key];
  }
  return out;
}

/** A new object with value's first `count` keys. */
function prefix(value: Obj, keys: readonly string[], count: number): Obj {
  const out: Obj = {};
  for (let i = 0; i < count; i++) out[keys[i]] = value[keys[i]];
  return out;
}

const plainObject: Obj = {};

/** Whether the keys after the kept ones are unknown fields that the output keeps as they are. */
function onlyKeptUnknown(keys: readonly string[], kept: number, struct: CompiledStruct): boolean {
  for (let i = kept; i < keys.length; i++) {
    // A known field here was dropped; a name like `constructor` is dropped too (see encodeStruct's last loop).
    if (struct.byName.has(keys[i]) || keys[i] in plainObject) return false;
  }
  return true;
}

function encodeField(value: unknown, field: CompiledField): unknown {
  if (Array.isArray(value)) return encodeItems(value, field);
  if (field.isMap && isObj(value)) return encodeMap(value, field);
  return encodeOne(value, field);
}

/** A Go map: keys sorted; the same object when they already are and no value changes. */
function encodeMap(value: Obj, field: CompiledField): Obj {
  const keys = Object.keys(value);
  let same = true;
  for (let i = 0; i < keys.length && same; i++) {
    const key = keys[i];
    same = (i === 0 || keys[i - 1] < key) && key !== '__proto__' && encodeOne(value[key], field) === value[key];
  }
  if (same) return value;
  const out: Obj = {};
  for (const key of keys.sort(byteOrder)) out[key] = encodeOne(value[key], field);
  return out;
}

function encodeItems(items: unknown[], field: CompiledField): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = encodeOne(items[i], field);
    if (out === undefined) {
      if (item === items[i]) continue;
      out = items.slice(0, i);
    }
    out.push(item);
  }
  return out ?? items;
}

/** One value of the field's type: a struct, or (maps of lists) a list of them. */
function encodeOne(value: unknown, field: CompiledField): unknown {
  if (field.type === undefined) return value;
  if (Array.isArray(value)) return encodeItems(value, field);
  if (!isObj(value)) return value;
  const struct = fieldStruct(field);
  return struct ? encodeStruct(value, struct) : value;
}

/** What an absent field is written as: null, a scalar zero, or a new zero struct (callers change it). */
function zeroOf(field: CompiledField): unknown {
  if (field.zero === 'value') return field.zeroValue;
  if (field.zeroStruct === undefined) {
    const struct = fieldStruct(field);
    field.zeroStruct = struct ? encodeStruct({}, struct) : {};
  }
  return deepCopy(field.zeroStruct);
}

function isZero(value: unknown): boolean {
  if (value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObj(value)) {
    for (const _key in value) return false;
    return true;
  }
  return false;
}
