/**
 * What structured-merge-diff needs to know about a kind's schema: how each list merges (atomic,
 * set, or map keyed by some fields) and which structs and maps are atomic. The facts come from the
 * Go struct markers transcribed in engine/api/patch/list-keys.ts; this file turns them into the
 * answers the typed walkers ask for.
 */
import { isAtomicStructOrMap, listSemantics } from '../patch/list-keys.ts';
import type { GroupKind } from '../patch/list-keys.ts';
import type { JsonValue, PathElement } from './fieldpath.ts';
import { pathString } from './fieldpath.ts';
import type { Path } from './fieldpath.ts';

export type { GroupKind } from '../patch/list-keys.ts';

/** How one list merges under server-side apply. */
export type ListType = { type: 'atomic' } | { type: 'set' } | { type: 'map'; keys: string[] };

/** A kind's schema, asked by field-name path (list items skipped, as list-keys.ts takes them). */
export interface ApplySchema {
  listType(names: readonly string[]): ListType;
  isAtomic(names: readonly string[]): boolean;
  /** The same answers as a tree, for walks that go down one field at a time. */
  readonly root: SchemaNode;
}

/** The schema's answers at one field-name path; children are made on first use and kept. */
export interface SchemaNode {
  readonly listType: ListType;
  readonly isAtomic: boolean;
  child(name: string): SchemaNode;
}

/**
 * The schema of a built-in kind. Lists with no `+listType` fall back as kube-openapi's schema
 * conversion does: `patchStrategy=merge` with a merge key is a map keyed by it, without one a set,
 * otherwise atomic. Unknown kinds (custom resources without a schema here) get atomic lists and
 * granular maps, as structured-merge-diff's deduced type does.
 */
export function schemaFor(gk: GroupKind): ApplySchema {
  const key = `${gk.group}/${gk.version ?? ''}/${gk.kind}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = memoized(uncachedSchema(gk))));
  return schema;
}

const schemas = new Map<string, ApplySchema>();

/** Children kept per node: map keys (labels, data) can be many; past this they are not kept. */
const maxChildren = 256;

class Node implements SchemaNode {
  private list: ListType | undefined;
  private atomic: boolean | undefined;
  private children: Map<string, Node> | undefined;

  constructor(private readonly schema: Omit<ApplySchema, 'root'>, private readonly names: readonly string[]) {}

  get listType(): ListType {
    return (this.list ??= this.schema.listType(this.names));
  }

  get isAtomic(): boolean {
    return (this.atomic ??= this.schema.isAtomic(this.names));
  }

  child(name: string): SchemaNode {
    let node = this.children?.get(name);
    if (!node) {
      node = new Node(this.schema, [...this.names, name]);
      this.children ??= new Map();
      if (this.children.size < maxChildren) this.children.set(name, node);
    }
    return node;
  }
}

/** Answers are asked for every node of every write: remember them per path. */
function memoized(schema: Omit<ApplySchema, 'root'>): ApplySchema {
  const lists = new Map<string, ListType>();
  const atomics = new Map<string, boolean>();
  return {
    listType(names) {
      const k = names.join('\u0000');
      let answer = lists.get(k);
      if (answer === undefined) lists.set(k, (answer = schema.listType(names)));
      return answer;
    },
    isAtomic(names) {
      const k = names.join('\u0000');
      let answer = atomics.get(k);
      if (answer === undefined) atomics.set(k, (answer = schema.isAtomic(names)));
      return answer;
    },
    root: new Node(schema, []),
  };
}

function uncachedSchema(gk: GroupKind): Omit<ApplySchema, 'root'> {
  return {
    listType(names) {
      const sem = listSemantics(gk, names);
      if (!sem) return { type: 'atomic' };
      if (sem.listType === 'map') return { type: 'map', keys: sem.listMapKeys ?? [] };
      if (sem.listType) return { type: sem.listType };
      if (sem.patchStrategy?.split(',').includes('merge')) {
        return sem.patchMergeKey ? { type: 'map', keys: [sem.patchMergeKey] } : { type: 'set' };
      }
      return { type: 'atomic' };
    },
    isAtomic: (names) => isAtomicStructOrMap(gk, names),
  };
}

/**
 * Key fields that the OpenAPI schema gives a default, so an item may omit them: ports are keyed by
 * (containerPort|port, protocol) and protocol defaults to TCP.
 */
export const keyDefaults: Readonly<Record<string, JsonValue>> = { protocol: 'TCP' };

/** A schema violation found while walking an object; `path` is where, as Go prints it. */
export class TypedError extends Error {
  constructor(path: Path, detail: string) {
    super(`${pathString(path)}: ${detail}`);
  }
}

export function isObject(v: unknown): v is { [key: string]: JsonValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The path element naming one item of a set or map list (`listItemToPathElement`); throws a plain Error. */
export function listItemElement(list: ListType, item: JsonValue): PathElement {
  if (list.type === 'map' && list.keys.length > 0) {
    if (item === null) throw new Error('associative list with keys may not have a null element');
    if (!isObject(item)) throw new Error('associative list with keys may not have non-map elements');
    const key: [string, JsonValue][] = [];
    for (const name of list.keys) {
      if (name in item) key.push([name, item[name]]);
      else if (name in keyDefaults) key.push([name, keyDefaults[name]]);
      else throw new Error(`associative list with keys has an element that omits key field "${name}" (and doesn't have default value)`);
    }
    key.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { key };
  }
  if (isObject(item)) throw new Error("associative list without keys has an element that's a map type");
  if (Array.isArray(item)) throw new Error("associative list without keys has an element that's a list type");
  return { value: item };
}

/** Deep equality of JSON values (`value.Equals`); key order does not matter. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}
