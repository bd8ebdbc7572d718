/**
 * Reads the TypeScript definitions of kubernetes-types (one .d.ts per API package, with the
 * upstream Go doc comments) into a small model of named types, using the TypeScript compiler's
 * parser. No type checker is needed: every reference is a plain name, resolved through the file's
 * own declarations or its `import { … } from "../meta/v1"` lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';

/** The shape of a property's type, reduced to what OpenAPI needs. */
export type TypeShape =
  | { kind: 'string' | 'boolean' | 'number' | 'unknown' }
  | { kind: 'int-or-string' }
  | { kind: 'array'; items: TypeShape }
  | { kind: 'map'; values: TypeShape }
  | { kind: 'ref'; name: string };

export interface PropertyModel {
  name: string;
  optional: boolean;
  description?: string;
  type: TypeShape;
  /** String literal of `apiVersion?: "apps/v1"` / `kind?: "Deployment"`. */
  literal?: string;
}

/** A named type: an interface (object with properties) or a type alias (`Time = string`). */
export interface TypeModel {
  /** Upstream definition name, e.g. `io.k8s.api.apps.v1.Deployment`. */
  name: string;
  description?: string;
  alias?: TypeShape;
  properties?: PropertyModel[];
}

/**
 * Upstream package of each kubernetes-types module ("apps/v1" → io.k8s.api.apps.v1). The
 * apimachinery and apiextensions modules live outside k8s.io/api upstream.
 */
export function packageOf(module: string): string {
  const special: Record<string, string> = {
    'meta/v1': 'io.k8s.apimachinery.pkg.apis.meta.v1',
    'api/resource': 'io.k8s.apimachinery.pkg.api.resource',
    runtime: 'io.k8s.apimachinery.pkg.runtime',
    version: 'io.k8s.apimachinery.pkg.version',
    'apiextensions/v1': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
  };
  return special[module] ?? `io.k8s.api.${module.replace('/', '.')}`;
}

/** Doc comment text as upstream stores it: `*` gutters removed, paragraphs kept. */
function docComment(sourceText: string, node: ts.Node): string | undefined {
  const ranges = ts.getLeadingCommentRanges(sourceText, node.getFullStart()) ?? [];
  const doc = ranges.filter((r) => sourceText.startsWith('/**', r.pos)).at(-1);
  if (!doc) return undefined;
  const body = sourceText.slice(doc.pos + 3, doc.end - 2);
  const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, '').replace(/\s+$/, ''));
  const text = lines.join('\n').trim();
  return text || undefined;
}

function modulesUnder(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root).sort()) {
    const full = join(root, entry);
    if (statSync(full).isDirectory()) out.push(...modulesUnder(full));
    else if (entry.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Every named type of kubernetes-types, keyed by upstream definition name. */
export function readKubernetesTypes(root: string): Map<string, TypeModel> {
  const types = new Map<string, TypeModel>();
  for (const file of modulesUnder(root)) {
    const module = relative(root, file).split('\\').join('/').replace(/\.d\.ts$/, '');
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const pkg = packageOf(module);
    const imported = new Map<string, string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const from = posix.normalize(posix.join(posix.dirname(module), statement.moduleSpecifier.text));
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) imported.set(element.name.text, `${packageOf(from)}.${element.name.text}`);
      }
    }
    const resolve = (name: string): string => imported.get(name) ?? `${pkg}.${name}`;
    const shapeOf = (node: ts.TypeNode | undefined): TypeShape => typeShape(node, resolve);

    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        const properties: PropertyModel[] = [];
        for (const member of statement.members) {
          if (!ts.isPropertySignature(member)) continue;
          const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(source);
          const literal = member.type && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal)
            ? member.type.literal.text : undefined;
          properties.push({
            name,
            optional: member.questionToken !== undefined,
            description: docComment(text, member),
            type: shapeOf(member.type),
            literal,
          });
        }
        const name = `${pkg}.${statement.name.text}`;
        types.set(name, { name, description: docComment(text, statement), properties });
      } else if (ts.isTypeAliasDeclaration(statement)) {
        const name = `${pkg}.${statement.name.text}`;
        types.set(name, { name, description: docComment(text, statement), alias: shapeOf(statement.type) });
      }
    }
  }
  return types;
}

function typeShape(node: ts.TypeNode | undefined, resolve: (name: string) => string): TypeShape {
  if (!node) return { kind: 'unknown' };
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword: return { kind: 'string' };
    case ts.SyntaxKind.NumberKeyword: return { kind: 'number' };
    case ts.SyntaxKind.BooleanKeyword: return { kind: 'boolean' };
  }
  if (ts.isLiteralTypeNode(node)) {
    return ts.isStringLiteral(node.literal) ? { kind: 'string' } : { kind: 'unknown' };
  }
  if (ts.isArrayTypeNode(node)) return { kind: 'array', items: typeShape(node.elementType, resolve) };
  if (ts.isParenthesizedTypeNode(node)) return typeShape(node.type, resolve);
  if (ts.isUnionTypeNode(node)) {
    const parts = node.types.map((t) => typeShape(t, resolve).kind);
    if (parts.every((p) => p === 'string')) return { kind: 'string' };
    // kubernetes-types inlines intstr.IntOrString as `number | string`.
    if (parts.length === 2 && parts.includes('number') && parts.includes('string')) return { kind: 'int-or-string' };
    return { kind: 'unknown' };
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    return index ? { kind: 'map', values: typeShape(index.type, resolve) } : { kind: 'unknown' };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.length === 1) {
      return { kind: 'array', items: typeShape(node.typeArguments[0], resolve) };
    }
    return { kind: 'ref', name: resolve(name) };
  }
  return { kind: 'unknown' };
}
