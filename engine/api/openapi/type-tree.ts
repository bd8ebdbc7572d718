/**
 * The schema summary's type strings (`[]@io.k8s.api.core.v1.Container`, `v1.PullPolicy=string`),
 * parsed once into a tree that the strict decoder walks: every request walks every field, so the
 * strings are not split again at each node. One tree per summary (built-ins, or built-ins plus a
 * custom resource's types); struct fields are resolved on first use, since types refer to each
 * other in cycles (JSONSchemaProps).
 */
import type { SchemaSummary, TypeSummary } from './summary.ts';

/** A scalar the JSON decoder checks by JSON type. */
export type ScalarBase = 'string' | 'bool' | 'float64' | 'int32' | 'int64';

/** One parsed type string. `goType` is the name encoding/json prints (`[]v1.Container`, `int32`). */
export type TypeNode =
  | { kind: 'any'; goType: string }
  | { kind: 'scalar'; base: ScalarBase; goType: string }
  | { kind: 'list' | 'map'; goType: string; element: TypeNode }
  | { kind: 'named'; goType: string; target: NamedType | undefined };

/** A named schema (`@…`) with its fields as parsed nodes. */
export interface NamedType {
  summary: TypeSummary;
  /** The Go struct name type errors print (`DeploymentSpec`). */
  structName: string;
  /** Fields by JSON name, parsed on first use. */
  fields: Map<string, TypeNode> | undefined;
}

/** Parsed types of one summary context. */
export interface TypeTree {
  node(type: string): TypeNode;
  fields(named: NamedType): Map<string, TypeNode>;
}

const scalars = new Set<string>(['string', 'bool', 'float64', 'int32', 'int64']);

class Tree implements TypeTree {
  private readonly nodes = new Map<string, TypeNode>();
  private readonly named = new Map<string, NamedType | null>();

  constructor(private readonly lookup: (name: string) => TypeSummary | undefined) {}

  node(type: string): TypeNode {
    let node = this.nodes.get(type);
    if (!node) {
      node = this.parse(type);
      this.nodes.set(type, node);
    }
    return node;
  }

  fields(named: NamedType): Map<string, TypeNode> {
    if (!named.fields) {
      const fields = new Map<string, TypeNode>();
      for (const [name, type] of Object.entries(named.summary.fields ?? {})) fields.set(name, this.node(type));
      named.fields = fields;
    }
    return named.fields;
  }

  private namedType(name: string): NamedType | undefined {
    let named = this.named.get(name);
    if (named === undefined) {
      const summary = this.lookup(name);
      named = summary ? { summary, structName: summary.go.slice(summary.go.lastIndexOf('.') + 1), fields: undefined } : null;
      this.named.set(name, named);
    }
    return named ?? undefined;
  }

  /** `v1.PullPolicy=string`: the Go name (if any) and the type string. */
  private parse(type: string): TypeNode {
    const eq = type.indexOf('=');
    const named = eq < 0 ? undefined : type.slice(0, eq);
    const base = eq < 0 ? type : type.slice(eq + 1);
    // A named list or map type passes its element's Go name on (`[]X=[]string` → `X=string`).
    const elementType = (prefix: string): string =>
      (named?.startsWith(prefix) ? `${named.slice(prefix.length)}=` : '') + base.slice(prefix.length);
    if (base === 'any') return { kind: 'any', goType: named ?? 'interface {}' };
    if (scalars.has(base)) return { kind: 'scalar', base: base as ScalarBase, goType: named ?? base };
    if (base.startsWith('[]')) {
      const element = this.node(elementType('[]'));
      return { kind: 'list', element, goType: named ?? `[]${this.goName(base.slice(2))}` };
    }
    if (base.startsWith('map[string]')) {
      const element = this.node(elementType('map[string]'));
      return { kind: 'map', element, goType: named ?? `map[string]${this.goName(base.slice(11))}` };
    }
    const target = this.namedType(base.slice(1));
    return { kind: 'named', target, goType: named ?? this.goName(base) };
  }

  /** The Go name of an unnamed type string. */
  private goName(base: string): string {
    if (base.startsWith('[]')) return `[]${this.goName(base.slice(2))}`;
    if (base.startsWith('map[string]')) return `map[string]${this.goName(base.slice(11))}`;
    if (base.startsWith('@')) return this.namedType(base.slice(1))?.summary.go ?? 'interface {}';
    return base === 'any' ? 'interface {}' : base;
  }
}

const trees = new WeakMap<SchemaSummary, TypeTree>();

/** The parsed types of `builtin`, or of `extra`'s types over `builtin`'s (custom resources). */
export function typeTree(builtin: SchemaSummary, extra?: SchemaSummary): TypeTree {
  const key = extra ?? builtin;
  let tree = trees.get(key);
  if (!tree) {
    tree = new Tree(extra ? (name) => extra.types[name] ?? builtin.types[name] : (name) => builtin.types[name]);
    trees.set(key, tree);
  }
  return tree;
}
