/**
 * `typed.Compare` of structured-merge-diff: what changed from one object to another, as three sets
 * of paths. A leaf present on one side only is added or removed, a leaf whose value differs is
 * modified, and a map or list item that appears or disappears is itself added or removed — that is
 * where the `.` entries of an Update's managedFields come from.
 *
 * Every write compares the whole object, so the sets are built bottom-up as the walk returns (no
 * path is looked up from the root again) and each finished subtree is interned: the 30,000 pods of
 * a ReplicaSet share one set for their identical containers, and its FieldsV1 is written once.
 */
import type { JsonValue, Path, PathElement } from './fieldpath.ts';
import { FieldSet, internSet, serializePathElement } from './fieldpath.ts';
import type { ApplySchema, ListType, SchemaNode } from './schema.ts';
import { isObject, jsonEqual, keyDefaults, listItemElement, TypedError } from './schema.ts';

/** What changed from one object to another, as paths (`typed.Comparison`). */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** The changes at and below one node, relative to it; a set is made only when something is in it. */
interface Level {
  added: FieldSet | undefined;
  modified: FieldSet | undefined;
  removed: FieldSet | undefined;
}

type Which = keyof Level;

/** Where the walk is: the path (for error messages) and the schema's answers for the field names so far. */
interface Walk {
  skipTopLevel: ReadonlySet<string>;
  /** Leave `metadata.managedFields` out, as if both sides had been copied without it. */
  skipManagedFields: boolean;
  path: Path;
  schema: SchemaNode[];
}

type Shape = 'list' | 'map' | 'scalar';

function shapeOf(v: JsonValue | undefined): Shape | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? 'list' : isObject(v) ? 'map' : 'scalar';
}

/** The shape both sides are walked as; undefined when they disagree (then the node is one leaf). */
export function commonShape(l: JsonValue | undefined, r: JsonValue | undefined): Shape | undefined {
  const sl = shapeOf(l);
  const sr = shapeOf(r);
  if (sl && sr && sl !== sr) return undefined;
  return sl ?? sr ?? 'scalar';
}

/** Absent, null, `[]` or `{}`. */
export function isEmpty(v: JsonValue | undefined): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (!isObject(v)) return false;
  for (const _key in v) return false;
  return true;
}

/** A list's items by the path element that names them, in list order, keeping every duplicate. */
export interface IndexedItems {
  keys: string[];
  items: Map<string, { pe: PathElement; values: JsonValue[] }>;
}

/** Elements of list items by their FieldsV1 key: the same items come back in every write. */
const itemElements = new Map<string, PathElement>();
const maxItemElements = 1 << 14;

/** The key of one list item and its element; throws a plain Error as listItemElement does. */
function itemEntry(list: ListType, item: JsonValue): [string, PathElement] {
  let text: string | undefined;
  if (list.type === 'map' && list.keys.length > 0) {
    if (isObject(item)) text = simpleKeyText(list.keys, item);
  } else if (!isObject(item) && !Array.isArray(item)) {
    text = `v:${JSON.stringify(item)}`;
  }
  if (text === undefined) {
    const pe = listItemElement(list, item);
    return [serializePathElement(pe), pe];
  }
  let pe = itemElements.get(text);
  if (pe === undefined) {
    pe = listItemElement(list, item);
    if (itemElements.size >= maxItemElements) itemElements.clear();
    itemElements.set(text, pe);
  }
  return [text, pe];
}

/**
 * `k:{"name":"web"}` for an item whose key fields are strings, numbers or booleans (what
 * serializePathElement writes for them); undefined for anything else, which takes the long way.
 */
function simpleKeyText(keys: readonly string[], item: { [key: string]: JsonValue }): string | undefined {
  const sorted = keys.length === 1 ? keys : [...keys].sort();
  let text = 'k:{';
  for (let i = 0; i < sorted.length; i++) {
    const name = sorted[i];
    const value = name in item ? item[name] : keyDefaults[name];
    if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) return undefined;
    text += `${i ? ',' : ''}${JSON.stringify(name)}:${JSON.stringify(value)}`;
  }
  return `${text}}`;
}

/** Index a list's items (see IndexedItems); a malformed item is a TypedError at `path`. */
export function indexKeyed(list: ListType, items: JsonValue[], path: Path): IndexedItems {
  const keys: string[] = [];
  const byKey = new Map<string, { pe: PathElement; values: JsonValue[] }>();
  for (let i = 0; i < items.length; i++) {
    let entry: [string, PathElement];
    try {
      entry = itemEntry(list, items[i]);
    } catch (error) {
      throw new TypedError(path, `element ${i}: ${(error as Error).message}`);
    }
    const [k, pe] = entry;
    const seen = byKey.get(k);
    if (seen) seen.values.push(items[i]);
    else {
      byKey.set(k, { pe, values: [items[i]] });
      keys.push(k);
    }
  }
  return { keys, items: byKey };
}

/** Index a list's items by path element, keeping every duplicate (live objects may hold them). */
export function indexItems(list: ListType, items: JsonValue[], path: Path): { order: PathElement[]; byKey: Map<string, JsonValue[]> } {
  const indexed = indexKeyed(list, items, path);
  const byKey = new Map<string, JsonValue[]>();
  for (const [k, { values }] of indexed.items) byKey.set(k, values);
  return { order: indexed.keys.map((k) => indexed.items.get(k)!.pe), byKey };
}

/** A field name's path element and FieldsV1 key, shared per name: walks create no garbage for them. */
const fieldEntries = new Map<string, { pe: PathElement; key: string }>();

function fieldEntry(name: string): { pe: PathElement; key: string } {
  let entry = fieldEntries.get(name);
  if (!entry) {
    const pe: PathElement = { field: name };
    fieldEntries.set(name, (entry = { pe, key: serializePathElement(pe) }));
  }
  return entry;
}

/** The path element of a field name, shared per name. */
export function fieldElement(name: string): PathElement {
  return fieldEntry(name).pe;
}

function newLevel(): Level {
  return { added: undefined, modified: undefined, removed: undefined };
}

function setOf(level: Level, which: Which): FieldSet {
  let set = level[which];
  if (!set) level[which] = set = new FieldSet();
  return set;
}

/** The node at `key` of `level` is itself in the `which` set. */
function member(level: Level, which: Which, key: string, pe: PathElement): void {
  setOf(level, which).members.set(key, pe);
}

/** Hang a finished node's changes below its key in the parent. */
function finish(parent: Level, key: string, pe: PathElement, own: Level): void {
  if (own.added) setOf(parent, 'added').children.set(key, { pe, set: internSet(own.added) });
  if (own.modified) setOf(parent, 'modified').children.set(key, { pe, set: internSet(own.modified) });
  if (own.removed) setOf(parent, 'removed').children.set(key, { pe, set: internSet(own.removed) });
}

function leaf(l: JsonValue | undefined, r: JsonValue | undefined, parent: Level, key: string | undefined, pe: PathElement | undefined): void {
  if (key === undefined) return; // the root itself is no path
  if (l === undefined) member(parent, 'added', key, pe!);
  else if (r === undefined) member(parent, 'removed', key, pe!);
  else if (!jsonEqual(l, r)) member(parent, 'modified', key, pe!);
}

/** Compare one node; its changes go into `parent` under `key` (the root, with no key, fills `parent` itself). */
function walk(w: Walk, l: JsonValue | undefined, r: JsonValue | undefined, parent: Level, key: string | undefined, pe: PathElement | undefined): void {
  // One subtree on both sides: stored objects never change, so nothing below differs. A status
  // write keeps the stored metadata and (from the kubelet) every unchanged part of the status.
  if (l === r && key !== undefined && l !== null && typeof l === 'object') return;
  const shape = commonShape(l, r);
  const root = key === undefined;
  if (shape === 'list') {
    const list = w.schema[w.schema.length - 1].listType;
    if (list.type === 'atomic' || (isEmpty(l) && isEmpty(r))) return leaf(l, r, parent, key, pe);
    const own = root ? parent : newLevel();
    compareItems(w, list, Array.isArray(l) ? l : [], Array.isArray(r) ? r : [], own);
    if (!root) finish(parent, key, pe!, own);
  } else if (shape === 'map') {
    if ((!root && w.schema[w.schema.length - 1].isAtomic) || (isEmpty(l) && isEmpty(r))) return leaf(l, r, parent, key, pe);
    const lm = isObject(l) ? l : undefined;
    const rm = isObject(r) ? r : undefined;
    const own = root ? parent : newLevel();
    // Top-level fields the caller filters out anyway (reset fields) need no walk; nor does
    // managedFields, which the field manager compares objects without.
    const skip = root ? w.skipTopLevel : w.skipManagedFields && key === metadataKey && w.path.length === 1 ? managedFieldsOnly : undefined;
    if (lm) for (const k in lm) if (!skip?.has(k)) field(w, k, lm[k], rm?.[k], own);
    if (rm) for (const k in rm) if ((!lm || !(k in lm)) && !skip?.has(k)) field(w, k, undefined, rm[k], own);
    if (!root) finish(parent, key, pe!, own);
  } else return leaf(l, r, parent, key, pe);
  // A map or list that is new or gone is itself added or removed, besides what it holds.
  if (!root) {
    if (l === undefined) member(parent, 'added', key, pe!);
    else if (r === undefined) member(parent, 'removed', key, pe!);
  }
}

function field(w: Walk, name: string, l: JsonValue | undefined, r: JsonValue | undefined, own: Level): void {
  const { pe, key } = fieldEntry(name);
  w.path.push(pe);
  w.schema.push(w.schema[w.schema.length - 1].child(name));
  walk(w, l, r, own, key, pe);
  w.path.pop();
  w.schema.pop();
}

function compareItems(w: Walk, list: ListType, l: JsonValue[], r: JsonValue[], own: Level): void {
  const left = indexKeyed(list, l, w.path);
  const right = indexKeyed(list, r, w.path);
  const all = left.keys;
  for (const k of right.keys) if (!left.items.has(k)) all.push(k);
  for (const k of all) {
    const lEntry = left.items.get(k);
    const rEntry = right.items.get(k);
    const pe = (lEntry ?? rEntry)!.pe;
    const ls = lEntry?.values ?? noValues;
    const rs = rEntry?.values ?? noValues;
    w.path.push(pe);
    if (ls.length <= 1 && rs.length <= 1) walk(w, ls[0], rs[0], own, k, pe);
    else if (ls.length >= 2 && rs.length >= 2) {
      if (!jsonEqual(ls, rs)) member(own, 'modified', k, pe);
    } else if (ls.length >= 2) {
      if (rs.length) walk(w, undefined, rs[0], own, k, pe);
      member(own, 'removed', k, pe);
    } else {
      if (ls.length) walk(w, ls[0], undefined, own, k, pe);
      member(own, 'added', k, pe);
    }
    w.path.pop();
  }
}

const noValues: JsonValue[] = [];

const noSkip: ReadonlySet<string> = new Set();
const metadataKey = fieldEntry('metadata').key;
const managedFieldsOnly: ReadonlySet<string> = new Set(['managedFields']);

/**
 * Compare two objects (see the file comment). `skipTopLevel` names top-level fields whose changes
 * the caller discards (reset fields), so they are not walked. With `skipManagedFields`,
 * `metadata.managedFields` is left out on both sides: the result is that of comparing copies
 * without it, but a status write's metadata, the very object on both sides, is not walked at all.
 */
export function compare(lhs: JsonValue, rhs: JsonValue, schema: ApplySchema, skipTopLevel: ReadonlySet<string> = noSkip, skipManagedFields = false): Comparison {
  const top = newLevel();
  walk({ skipTopLevel, skipManagedFields, path: [], schema: [schema.root] }, lhs, rhs, top, undefined, undefined);
  // Interned like every subtree, so the set operations that follow find their answers remembered.
  return {
    added: top.added ? internSet(top.added) : new FieldSet(),
    modified: top.modified ? internSet(top.modified) : new FieldSet(),
    removed: top.removed ? internSet(top.removed) : new FieldSet(),
  };
}
