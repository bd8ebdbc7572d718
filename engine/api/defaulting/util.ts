/**
 * Small helpers for working on objects that came from YAML: narrowing, Go-style "unset" tests, and
 * getting or creating nested records. Defaulting code mutates a private deep copy through these.
 */

/** A JSON object. */
export type Obj = Record<string, unknown>;

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy of JSON data (objects, arrays, scalars). Frozen objects and arrays cannot change, so
 * the copy shares them (managedFields' FieldsV1 are frozen and shared between objects).
 */
export function deepCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = deepCopy(value[i]);
    return out as T;
  }
  const out: Obj = {};
  for (const k of Object.keys(value)) out[k] = deepCopy((value as Obj)[k]);
  return out as T;
}

/**
 * Whether a field counts as unset the way a Go defaulter sees it: absent, null, or the zero value
 * of a string (`""`). Numbers and booleans are pointers in the defaulted fields, so 0 and false are set.
 */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Set `obj[key]` to `value` when it is unset (see `isUnset`). */
export function setDefault(obj: Obj, key: string, value: unknown): void {
  if (isUnset(obj[key])) obj[key] = value;
}

/** The record at `obj[key]`, or undefined when it is not an object. */
export function child(obj: Obj, key: string): Obj | undefined {
  const value = obj[key];
  return isObj(value) ? value : undefined;
}

/** The record at `obj[key]`, created empty when it is missing or not an object. */
export function ensure(obj: Obj, key: string): Obj {
  const value = obj[key];
  if (isObj(value)) return value;
  const created: Obj = {};
  obj[key] = created;
  return created;
}

/** The object items of the list at `obj[key]` (non-objects are skipped). */
export function items(obj: Obj | undefined, key: string): Obj[] {
  const value = obj?.[key];
  return Array.isArray(value) ? value.filter(isObj) : [];
}

/** Whether a list or map field holds at least one entry (Go's `len(x) > 0`). */
export function hasEntries(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObj(value)) return Object.keys(value).length > 0;
  return false;
}
