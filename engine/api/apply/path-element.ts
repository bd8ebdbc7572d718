/**
 * One step of a field path, as structured-merge-diff's `fieldpath.PathElement` models it: a field
 * name (`f:`), a list-map item named by its keys (`k:`), a set item named by its value (`v:`) or a
 * list index (`i:`); how FieldsV1 writes each one, how conflicts print a path, and the order Go
 * sorts them in. Elements are treated as immutable values, so their serialized text is remembered.
 */

/** A JSON value as it appears inside an object. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One step of a field path. Key fields are kept sorted by name, as `value.FieldList.Sort` does. */
export type PathElement =
  | { field: string }
  | { key: [name: string, value: JsonValue][] }
  | { value: JsonValue }
  | { index: number };

/** A path from the object root. */
export type Path = PathElement[];

/** JSON with object keys sorted, so equal values serialize alike (keys of list items, set values). */
function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function keyEntryJson([name, value]: [string, JsonValue]): string {
  return `${JSON.stringify(name)}:${canonicalJson(value)}`;
}

// Every walk serializes the same element objects again and again (field elements are shared per
// name), so the text is kept with the element: Map lookups then reuse the string's cached hash.
const serialized = new WeakMap<PathElement, string>();

/** The FieldsV1 key of an element: `f:replicas`, `k:{"name":"nginx"}`, `v:"finalizer"`, `i:0`. */
export function serializePathElement(pe: PathElement): string {
  let text = serialized.get(pe);
  if (text === undefined) {
    if ('field' in pe) text = `f:${pe.field}`;
    else if ('key' in pe) text = `k:{${pe.key.map(keyEntryJson).join(',')}}`;
    else if ('value' in pe) text = `v:${canonicalJson(pe.value)}`;
    else text = `i:${pe.index}`;
    serialized.set(pe, text);
  }
  return text;
}

function byName([a]: [string, JsonValue], [b]: [string, JsonValue]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parse a FieldsV1 key back into an element; throws on a malformed key. */
export function parsePathElement(text: string): PathElement {
  const body = text.slice(2);
  if (text[1] !== ':') throw new Error(`missing colon: ${text}`);
  switch (text[0]) {
    case 'f':
      return { field: body };
    case 'v':
      return { value: JSON.parse(body) as JsonValue };
    case 'k': {
      const fields = JSON.parse(body) as Record<string, JsonValue>;
      if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new Error(`invalid key: ${text}`);
      return { key: Object.entries(fields).sort(byName) };
    }
    case 'i': {
      const index = Number(body);
      if (!Number.isInteger(index)) throw new Error(`invalid index: ${text}`);
      return { index };
    }
    default:
      throw new Error('unknown path element type');
  }
}

/** Go's `%v` of a value inside a path string: strings quoted, numbers and booleans bare. */
function valueString(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueString).join(',')}]`;
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}=${valueString(v)}`).join('');
  return String(value);
}

function keyEntryString([name, value]: [string, JsonValue]): string {
  return `${name}=${valueString(value)}`;
}

function elementString(pe: PathElement): string {
  if ('field' in pe) return `.${pe.field}`;
  if ('key' in pe) return `[${pe.key.map(keyEntryString).join(',')}]`;
  if ('value' in pe) return `[=${valueString(pe.value)}]`;
  return `[${pe.index}]`;
}

/** A path as conflicts print it: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: Path): string {
  return path.map(elementString).join('');
}

function typeRank(v: JsonValue): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : Array.isArray(v) ? 3 : v === null ? 5 : 4;
}

/** `value.Compare`: numbers < strings < booleans < lists < maps < null. */
function compareValues(a: JsonValue, b: JsonValue): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  return canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0;
}

function elementRank(pe: PathElement): number {
  return 'field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3;
}

/** `PathElement.Compare`: field names first, then keys, values, indexes; the order FieldsV1 is written in. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const ra = elementRank(a);
  const rb = elementRank(b);
  if (ra !== rb) return ra - rb;
  if ('field' in a && 'field' in b) return a.field < b.field ? -1 : a.field > b.field ? 1 : 0;
  if ('key' in a && 'key' in b) {
    for (let i = 0; ; i++) {
      if (i >= a.key.length || i >= b.key.length) return a.key.length - b.key.length;
      if (a.key[i][0] !== b.key[i][0]) return a.key[i][0] < b.key[i][0] ? -1 : 1;
      const c = compareValues(a.key[i][1], b.key[i][1]);
      if (c !== 0) return c;
    }
  }
  if ('value' in a && 'value' in b) return compareValues(a.value, b.value);
  return (a as { index: number }).index - (b as { index: number }).index;
}
