/**
 * Sets of field paths, as structured-merge-diff's `fieldpath` package models them: the unit of
 * ownership in server-side apply. A set is a trie: "members" are paths the set contains,
 * "children" lead to deeper ones. Path elements themselves live in path-element.ts.
 *
 * Memory: every stored object carries its managedFields, and 30,000 pods from one template own
 * nearly the same fields. So the FieldsV1 objects this module writes are interned (one frozen
 * object per distinct subtree, shared by every object that has it), and the set read from a
 * frozen FieldsV1 object is remembered with it: pods share both instead of each holding a copy.
 */
import { BoundedCache } from './bounded-cache.ts';
import type { Path, PathElement } from './path-element.ts';
import { comparePathElements, parsePathElement, serializePathElement } from './path-element.ts';

export type { JsonValue, Path, PathElement } from './path-element.ts';
export { comparePathElements, parsePathElement, pathString, serializePathElement } from './path-element.ts';

type Child = { pe: PathElement; set: FieldSet };

let nextSetId = 1;

/**
 * Marks the FieldsV1 objects this module writes (frozen, and valid by construction): reading one
 * back needs no checks, and its set is only taken apart where an operation looks into it.
 */
const writtenHere = Symbol('FieldsV1 written by fieldpath.ts');

/** A set of field paths (structured-merge-diff's `fieldpath.Set`). Sets are treated as immutable values. */
export class FieldSet {
  /** Identifies this set in the keys of interned parents. */
  readonly id = nextSetId++;
  private memberMap: Map<string, PathElement> | undefined;
  private childMap: Map<string, Child> | undefined;
  /** The FieldsV1 object this set was read from, until members or children are first asked for. */
  private source: Record<string, unknown> | undefined;

  /** An empty set to build on, or (from the codec) the lazy reading of a FieldsV1 object written here. */
  constructor(source?: Record<string, unknown>) {
    if (source) this.source = source;
    else {
      this.memberMap = new Map();
      this.childMap = new Map();
    }
  }

  /** Paths that end here, by FieldsV1 key. */
  get members(): Map<string, PathElement> {
    return this.memberMap ?? this.read().memberMap!;
  }

  /** Deeper paths, by the FieldsV1 key of their next element. */
  get children(): Map<string, Child> {
    return this.childMap ?? this.read().childMap!;
  }

  private read(): this {
    const node = this.source!;
    this.source = undefined;
    const members = new Map<string, PathElement>();
    const children = new Map<string, Child>();
    for (const k of Object.keys(node)) {
      if (k === '.') continue;
      const pe = elementOf(k);
      const v = node[k] as Record<string, unknown>;
      if (Object.hasOwn(v, '.') || isEmptyObject(v)) members.set(k, pe);
      if (hasPaths(v)) children.set(k, { pe, set: decodeNode(v) });
    }
    this.memberMap = members;
    this.childMap = children;
    return this;
  }

  /** A set holding the given paths. */
  static of(...paths: Path[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** Add a path; only while building a new set (finished sets are shared values). The empty path is ignored, as in Go. */
  insert(path: Path): void {
    const last = path.length - 1;
    if (last < 0) return;
    let node = this as FieldSet;
    for (let i = 0; i < last; i++) {
      const pe = path[i];
      const name = serializePathElement(pe);
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = { pe, set: new FieldSet() }));
      node = child.set;
    }
    const pe = path[last];
    node.members.set(serializePathElement(pe), pe);
  }

  /** Whether the set contains exactly this path. */
  has(path: Path): boolean {
    const last = path.length - 1;
    if (last < 0) return false;
    let node = this as FieldSet;
    for (let i = 0; i < last; i++) {
      const child = node.children.get(serializePathElement(path[i]));
      if (!child) return false;
      node = child.set;
    }
    return node.members.has(serializePathElement(path[last]));
  }

  /** True when the set holds no path. */
  empty(): boolean {
    if (this.source) return !hasPaths(this.source);
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
    return remembered(unions, this, other, unite);
  }

  /** union's work, once its shortcuts did not answer. */
  private unite(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, pe] of other.members) out.members.set(k, pe);
    for (const [k, child] of this.children) out.children.set(k, child);
    for (const [k, child] of other.children) {
      const mine = out.children.get(k);
      out.children.set(k, mine ? { pe: child.pe, set: mine.set.union(child.set) } : child);
    }
    return internSet(out);
  }

  /** Paths in both sets. */
  intersection(other: FieldSet): FieldSet {
    if (other === this) return this;
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (other.members.has(k)) out.members.set(k, pe);
    for (const [k, child] of this.children) {
      const theirs = other.children.get(k);
      if (!theirs) continue;
      const both = child.set.intersection(theirs.set);
      if (!both.empty()) out.children.set(k, { pe: child.pe, set: both });
    }
    return internSet(out);
  }

  /** Paths in this set and not in the other; a removed path does not take its children along. */
  difference(other: FieldSet): FieldSet {
    if (other.empty() || this.empty()) return this;
    return remembered(differences, this, other, plainDifference);
  }

  /** Like difference, but a path of the other set also removes every path below it (reset fields). */
  recursiveDifference(other: FieldSet): FieldSet {
    if (other.empty() || this.empty()) return this;
    return remembered(recursiveDifferences, this, other, deepDifference);
  }

  /** difference (or recursiveDifference) of two sets, for the memo. */
  static subtractSets(set: FieldSet, other: FieldSet, recursive: boolean): FieldSet {
    return set.subtract(other, recursive);
  }

  /** union of two sets, for the memo. */
  static uniteSets(set: FieldSet, other: FieldSet): FieldSet {
    return set.unite(other);
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
    return same ? this : internSet(out);
  }

  /** Also own every named field that leads to an owned path (`EnsureNamedFieldsAreMembers`), as pruning needs. */
  withNamedParents(): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, child] of this.children) {
      if ('field' in child.pe) out.members.set(k, child.pe);
      out.children.set(k, { pe: child.pe, set: child.set.withNamedParents() });
    }
    return internSet(out);
  }

  /** Every path, in the order Go's `Set.Iterate` visits them: members first, then each child's paths. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [];
    for (const pe of [...this.members.values()].sort(comparePathElements)) out.push([...prefix, pe]);
    for (const child of [...this.children.values()].sort(byElement)) out.push(...child.set.paths([...prefix, child.pe]));
    return out;
  }

  /**
   * The FieldsV1 JSON object managedFields stores: `{"f:spec": {"f:replicas": {}}}`, `.` for a
   * member with children. The object is frozen and may be shared with other sets' encodings.
   */
  toFieldsV1(includeSelf = false): Record<string, unknown> {
    const cache = includeSelf ? encodedWithSelf : encoded;
    let fields = cache.get(this);
    if (!fields) cache.set(this, (fields = encodeSet(this, includeSelf)));
    return fields;
  }

  /** Read a FieldsV1 object; throws on a malformed key or value. Results are remembered for frozen objects. */
  static fromFieldsV1(fields: unknown): FieldSet {
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new Error('FieldsV1 must be an object');
    return decodeNode(fields as Record<string, unknown>);
  }
}

/**
 * Answers of set operations by their operands. Sets are immutable values and the operands of one
 * write come back in the next: a kubelet's status writes for 1,000 pods of one template take the
 * same interned sets apart in the same way, so each difference and union is worked out once.
 * Each set remembers a few answers (weakly: a set no longer used takes its answers along).
 */
type Memo = WeakMap<FieldSet, Map<FieldSet, FieldSet>>;
const unions: Memo = new WeakMap();
const differences: Memo = new WeakMap();
const recursiveDifferences: Memo = new WeakMap();
const answersPerSet = 32;

function remembered(memo: Memo, set: FieldSet, other: FieldSet, work: (set: FieldSet, other: FieldSet) => FieldSet): FieldSet {
  let answers = memo.get(set);
  const known = answers?.get(other);
  if (known !== undefined) return known;
  const answer = work(set, other);
  if (!answers) memo.set(set, (answers = new Map()));
  else if (answers.size >= answersPerSet) answers.clear();
  answers.set(other, answer);
  return answer;
}

const unite = (set: FieldSet, other: FieldSet): FieldSet => FieldSet.uniteSets(set, other);
const plainDifference = (set: FieldSet, other: FieldSet): FieldSet => FieldSet.subtractSets(set, other, false);
const deepDifference = (set: FieldSet, other: FieldSet): FieldSet => FieldSet.subtractSets(set, other, true);

function byElement(a: Child, b: Child): number {
  return comparePathElements(a.pe, b.pe);
}

/** Encodings of sets, without and with `.` (a member that also has children). */
const encoded = new WeakMap<FieldSet, Record<string, unknown>>();
const encodedWithSelf = new WeakMap<FieldSet, Record<string, unknown>>();

/** How many interned sets and sets read back are kept (per generation). */
const maxCached = 1 << 11;

/**
 * The set each frozen FieldsV1 object was written from or read as: frozen objects never change,
 * so the answer stays right. Bounded, so a pod's own subtrees are not kept as long as it lives.
 */
const decoded = new BoundedCache<object, FieldSet>(maxCached);

/** The FieldsV1 of a leaf: `{}`. */
const emptyNode: Record<string, unknown> = Object.freeze(Object.defineProperty({}, writtenHere, { value: true }));

const emptySet = new FieldSet();

/**
 * Sets are interned (see internSet), so equal subtrees are one set and are written once, into
 * one frozen object that every object holding them shares.
 */
function encodeSet(set: FieldSet, includeSelf: boolean): Record<string, unknown> {
  const elements: Child[] = [];
  for (const [k, pe] of set.members) if (!set.children.has(k)) elements.push({ pe, set: emptySet });
  for (const child of set.children.values()) elements.push(child);
  if (elements.length === 0) return emptyNode;
  elements.sort(byElement);
  const node: Record<string, unknown> = {};
  Object.defineProperty(node, writtenHere, { value: true });
  if (includeSelf) node['.'] = emptyNode;
  for (const { pe, set: child } of elements) {
    const k = serializePathElement(pe);
    node[k] = child === emptySet ? emptyNode : child.toFieldsV1(set.members.has(k));
  }
  Object.freeze(node);
  decoded.set(node, set);
  return node;
}

/**
 * Numbers for FieldsV1 keys, so intern keys are short lists of numbers (a table key built by
 * concatenating the keys themselves would keep every piece alive). Numbers are never reused, so
 * clearing the table only makes later keys miss, never match wrongly.
 */
const keyIds = new Map<string, number>();
let nextKeyId = 1;

function keyId(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    if (keyIds.size >= maxCached * 8) keyIds.clear();
    keyIds.set(key, (id = nextKeyId++));
  }
  return id;
}

/** Parsed keys: the same few thousand (`f:spec`, `k:{"name":"web"}`) come back in every entry. */
const elements = new Map<string, PathElement>();
const maxElements = 1 << 14;

function elementOf(text: string): PathElement {
  let pe = elements.get(text);
  if (pe === undefined) {
    pe = parsePathElement(text);
    if (elements.size >= maxElements) elements.clear();
    elements.set(text, pe);
  }
  return pe;
}

function isEmptyObject(value: object): boolean {
  for (const _key in value) return false;
  return true;
}

/** Whether a FieldsV1 object holds a path (a key besides `.`). */
function hasPaths(node: object): boolean {
  for (const key in node) if (key !== '.') return true;
  return false;
}

function decodeNode(fields: Record<string, unknown>): FieldSet {
  const known = decoded.get(fields);
  if (known) return known;
  if (fields[writtenHere as unknown as string] === true) {
    // Written here: valid, so read lazily; it is also what this set writes back.
    const lazy = new FieldSet(fields);
    decoded.set(fields, lazy);
    (Object.hasOwn(fields, '.') ? encodedWithSelf : encoded).set(lazy, fields);
    return lazy;
  }
  let set = new FieldSet();
  for (const k of Object.keys(fields)) {
    if (k === '.') continue;
    const pe = elementOf(k);
    const v = fields[k];
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`invalid FieldsV1 value at ${k}`);
    // A leaf (`{}`) or an item with `.` is itself in the set.
    if (Object.hasOwn(v, '.') || isEmptyObject(v)) set.members.set(k, pe);
    const child = decodeNode(v as Record<string, unknown>);
    if (!child.empty()) set.children.set(k, { pe, set: child });
  }
  set = internSet(set);
  if (Object.isFrozen(fields)) {
    decoded.set(fields, set);
    if (!Object.hasOwn(fields, '.') && !encoded.has(set)) encoded.set(set, fields);
  }
  return set;
}

/** Interned finished sets by their members and children (key numbers and child set ids). */
const internedSets = new BoundedCache<string, FieldSet>(maxCached);

/**
 * The shared set equal to this finished one (or this one, remembered): equal subtrees built by
 * different walks become one object, so their FieldsV1 is written once. Keys follow insertion
 * order, so only sets built alike are found equal; that is enough for objects of one template.
 */
export function internSet(set: FieldSet): FieldSet {
  // A member is its key's number; a child is the negated number followed by the child set's id.
  const parts: number[] = [];
  for (const k of set.members.keys()) parts.push(keyId(k));
  for (const [k, child] of set.children) parts.push(-keyId(k), child.set.id);
  const key = parts.join(',');
  const known = internedSets.get(key);
  if (known) return known;
  internedSets.set(key, set);
  return set;
}
