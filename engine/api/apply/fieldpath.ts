/**
 * Field paths and sets of them, as structured-merge-diff's `fieldpath` package models them: the
 * unit of ownership in server-side apply. A path is a list of elements — a field name (`f:`), a
 * list-map item named by its keys (`k:`), a set item named by its value (`v:`) or a list index
 * (`i:`). A set is a trie: "members" are paths the set contains, "children" lead to deeper ones.
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

const serialized = new WeakMap<PathElement, string>();

/** The FieldsV1 key of an element: `f:replicas`, `k:{"name":"nginx"}`, `v:"finalizer"`, `i:0`. */
export function serializePathElement(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  let text = serialized.get(pe);
  if (text === undefined) {
    if ('key' in pe) text = `k:{${pe.key.map(([name, value]) => `${JSON.stringify(name)}:${canonicalJson(value)}`).join(',')}}`;
    else if ('value' in pe) text = `v:${canonicalJson(pe.value)}`;
    else text = `i:${pe.index}`;
    serialized.set(pe, text);
  }
  return text;
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
      return { key: Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
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

/** A path as conflicts print it: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: Path): string {
  return path.map((pe) => {
    if ('field' in pe) return `.${pe.field}`;
    if ('key' in pe) return `[${pe.key.map(([name, value]) => `${name}=${valueString(value)}`).join(',')}]`;
    if ('value' in pe) return `[=${valueString(pe.value)}]`;
    return `[${pe.index}]`;
  }).join('');
}

const typeRank = (v: JsonValue): number =>
  typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : Array.isArray(v) ? 3 : v === null ? 5 : 4;

/** `value.Compare`: numbers < strings < booleans < lists < maps < null. */
function compareValues(a: JsonValue, b: JsonValue): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  return canonicalJson(a) < canonicalJson(b) ? -1 : canonicalJson(a) > canonicalJson(b) ? 1 : 0;
}

/** `PathElement.Compare`: field names first, then keys, values, indexes; the order FieldsV1 is written in. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const rank = (pe: PathElement): number => ('field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
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

/** A set of field paths (structured-merge-diff's `fieldpath.Set`). Sets are treated as immutable values. */
export class FieldSet {
  readonly members = new Map<string, PathElement>();
  readonly children = new Map<string, { pe: PathElement; set: FieldSet }>();

  /** A set holding the given paths. */
  static of(...paths: Path[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** Add a path; only while building a new set (finished sets are shared values). The empty path is ignored, as in Go. */
  insert(path: Path): void {
    if (path.length === 0) return;
    let node = this as FieldSet;
    for (const pe of path.slice(0, -1)) {
      const name = serializePathElement(pe);
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = { pe, set: new FieldSet() }));
      node = child.set;
    }
    const last = path[path.length - 1];
    node.members.set(serializePathElement(last), last);
  }

  /** Whether the set contains exactly this path. */
  has(path: Path): boolean {
    let node = this as FieldSet;
    for (const pe of path.slice(0, -1)) {
      const child = node.children.get(serializePathElement(pe));
      if (!child) return false;
      node = child.set;
    }
    return path.length > 0 && node.members.has(serializePathElement(path[path.length - 1]));
  }

  /** True when the set holds no path. */
  empty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  /** The paths under one element, without it. */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(serializePathElement(pe))?.set ?? new FieldSet();
  }

  /** Paths in either set. */
  union(other: FieldSet): FieldSet {
    if (other.empty() || other === this) return this;
    if (this.empty()) return other;
    const out = new FieldSet();
    for (const [k, pe] of [...this.members, ...other.members]) out.members.set(k, pe);
    for (const [k, child] of this.children) out.children.set(k, child);
    for (const [k, child] of other.children) {
      const mine = out.children.get(k);
      out.children.set(k, mine ? { pe: child.pe, set: mine.set.union(child.set) } : child);
    }
    return out;
  }

  /** Paths in both sets. */
  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (other.members.has(k)) out.members.set(k, pe);
    for (const [k, child] of this.children) {
      const theirs = other.children.get(k);
      if (!theirs) continue;
      const both = child.set.intersection(theirs.set);
      if (!both.empty()) out.children.set(k, { pe: child.pe, set: both });
    }
    return out;
  }

  /** Paths in this set and not in the other; a removed path does not take its children along. */
  difference(other: FieldSet): FieldSet {
    return this.subtract(other, false);
  }

  /** Like difference, but a path of the other set also removes every path below it (reset fields). */
  recursiveDifference(other: FieldSet): FieldSet {
    return this.subtract(other, true);
  }

  private subtract(other: FieldSet, recursive: boolean): FieldSet {
    if (other.empty() || this.empty()) return this;
    const out = new FieldSet();
    let same = true;
    for (const [k, pe] of this.members) {
      if (!other.members.has(k)) out.members.set(k, pe);
      else same = false;
    }
    for (const [k, child] of this.children) {
      if (recursive && other.members.has(k)) {
        same = false;
        continue;
      }
      const theirs = other.children.get(k);
      const rest = theirs ? child.set.subtract(theirs.set, recursive) : child.set;
      if (rest !== child.set) same = false;
      if (!rest.empty()) out.children.set(k, rest === child.set ? child : { pe: child.pe, set: rest });
    }
    // Unchanged sets stay the same object, so their encoded FieldsV1 can be reused.
    return same ? this : out;
  }

  /** Also own every named field that leads to an owned path (`EnsureNamedFieldsAreMembers`), as pruning needs. */
  withNamedParents(): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, child] of this.children) {
      if ('field' in child.pe) out.members.set(k, child.pe);
      out.children.set(k, { pe: child.pe, set: child.set.withNamedParents() });
    }
    return out;
  }

  /** Every path, in the order Go's `Set.Iterate` visits them: members first, then each child's paths. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [];
    for (const pe of sorted([...this.members.values()])) out.push([...prefix, pe]);
    for (const child of sorted([...this.children.values()].map((c) => c.pe))) {
      out.push(...this.children.get(serializePathElement(child))!.set.paths([...prefix, child]));
    }
    return out;
  }

  /** The FieldsV1 JSON object managedFields stores: `{"f:spec": {"f:replicas": {}}}`, `.` for a member with children. */
  toFieldsV1(includeSelf = false): Record<string, unknown> {
    if (!includeSelf) {
      let fields = encoded.get(this);
      if (!fields) encoded.set(this, (fields = this.encode(false)));
      return fields;
    }
    return this.encode(true);
  }

  private encode(includeSelf: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (includeSelf && !this.empty()) out['.'] = {};
    const names = new Set([...this.members.keys(), ...this.children.keys()]);
    const elements = sorted([...names].map((k) => this.members.get(k) ?? this.children.get(k)!.pe));
    for (const pe of elements) {
      const k = serializePathElement(pe);
      const child = this.children.get(k);
      out[k] = child ? child.set.toFieldsV1(this.members.has(k)) : {};
    }
    return out;
  }

  /** Read a FieldsV1 object; throws on a malformed key or value. Results are remembered per object. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const known = fields !== null && typeof fields === 'object' ? decoded.get(fields) : undefined;
    if (known) return known;
    const set = FieldSet.decode(fields);
    decoded.set(fields as object, set);
    encoded.set(set, fields as Record<string, unknown>);
    return set;
  }

  private static decode(fields: unknown): FieldSet {
    const set = new FieldSet();
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new Error('FieldsV1 must be an object');
    for (const [k, v] of Object.entries(fields)) {
      if (k === '.') continue;
      const pe = parsePathElement(k);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`invalid FieldsV1 value at ${k}`);
      const entries = Object.keys(v);
      if (entries.length === 0 || entries.includes('.')) set.members.set(k, pe);
      const child = FieldSet.decode(v);
      if (!child.empty()) set.children.set(k, { pe, set: child });
    }
    return set;
  }
}

/**
 * Stored managedFields are read and written on every write. Sets are values (never changed after
 * they are built), so the FieldsV1 an entry was read from is reused when its set comes out unchanged.
 */
const decoded = new WeakMap<object, FieldSet>();
const encoded = new WeakMap<FieldSet, Record<string, unknown>>();

function sorted(elements: PathElement[]): PathElement[] {
  return elements.sort(comparePathElements);
}
