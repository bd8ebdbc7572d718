/**
 * `kubectl explain`'s plaintext renderer over an OpenAPI v3 document: the walk of kubectl 1.32's
 * built-in Go template (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl) written out as
 * functions — the GROUP/KIND/VERSION header from the path's x-kubernetes-group-version-kind, the
 * FIELD line, DESCRIPTION wrapped at 76 columns, and FIELDS (or the `--recursive` outline).
 */

/** A JSON schema (or any JSON object) of the document. */
export type Schema = Record<string, unknown>;

/** The group, kind and version that a path's operations carry. */
export interface GroupVersionKind {
  group: string;
  kind: string;
  version: string;
}

/** An error the template throws; kubectl prints its text as is (it starts with `error: `). */
export class ExplainError extends Error {}

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Go template truthiness: empty strings, lists, maps, zero and false are false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** github.com/mitchellh/go-wordwrap's WrapString (v1.0.1): breaks at spaces, keeps words longer than the limit whole. */
export function wrapString(text: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  const flushBoth = (): void => {
    current += [...space].length + [...word].length;
    out += space + word;
    space = '';
    word = '';
  };
  for (const char of text) {
    if (char === '\n') {
      if (word === '') {
        if (current + [...space].length <= limit) out += space;
        space = '';
      } else flushBoth();
      out += char;
      current = 0;
    } else if (/\s/.test(char) && char !== '\u00a0') {
      if (space === '' || word !== '') flushBoth();
      space += char;
    } else {
      word += char;
      const wordLength = [...word].length;
      if (current + [...space].length + wordLength > limit && wordLength < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word === '') {
    if (current + [...space].length <= limit) out += space;
  } else out += space + word;
  return out;
}

/** The template's `indent`: pad the first line and every line after a newline. */
function indent(amount: number, text: string): string {
  const pad = ' '.repeat(amount);
  return pad + text.split('\n').join(`\n${pad}`);
}

/** The template's `resolveRef`: `#/components/schemas/X` within the document, else undefined. */
function resolveRef(ref: unknown, document: Schema): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let current: Schema = document;
  for (const key of ref.slice(1).split('/')) {
    if (!key) continue;
    const next = current[decodeURIComponent(key).replace(/~1/g, '/').replace(/~0/g, '~')];
    if (!isObject(next)) return undefined;
    current = next;
  }
  return current;
}

/** A schema's map value schema, when additionalProperties is a schema rather than a boolean. */
function mapValues(schema: Schema): Schema | undefined {
  const value = schema.additionalProperties;
  return isObject(value) && truthy(value) ? value : undefined;
}

function items(schema: Schema): Schema | undefined {
  return isObject(schema.items) && truthy(schema.items) ? schema.items : undefined;
}

function allOf(schema: Schema): Schema[] {
  return Array.isArray(schema.allOf) ? schema.allOf.filter(isObject) : [];
}

function properties(schema: Schema): Schema | undefined {
  return isObject(schema.properties) && truthy(schema.properties) ? schema.properties : undefined;
}

/** `<[]Container>`, `<map[string]string>`, `<ObjectMeta>`, `<integer>`: the template's typeGuess. */
export function typeGuess(schema: Schema, document: Schema): string {
  const itemSchema = items(schema);
  if (itemSchema) return `[]${typeGuess(itemSchema, document)}`;
  const values = mapValues(schema);
  if (values) return `map[string]${typeGuess(values, document)}`;
  const alternatives = allOf(schema);
  if (alternatives.length === 1 && !truthy(schema.properties)) return typeGuess(alternatives[0], document);
  const ref = schema.$ref;
  if (truthy(ref)) {
    const target = resolveRef(ref, document);
    if (!target || !truthy(target.type) || target.type === 'object') {
      const name = String(ref).split('/').pop() ?? '';
      return name.split('.').pop() || 'Object';
    }
    return String(target.type);
  }
  if (schema.type === 'object') return 'Object';
  return truthy(schema.type) ? String(schema.type) : 'Object';
}

function enumText(value: unknown): string {
  if (value === '') return '""';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The `ENUM:` block under a FIELD line, or `enum: a, b, c, d, ....` under a field of a list. */
function extractEnum(schema: Schema, longView: boolean, indentAmount = 0): string {
  const values = Array.isArray(schema.enum) ? schema.enum : [];
  if (!values.length) return '';
  if (longView) return `ENUM:${values.map((v) => `\n    ${enumText(v)}`).join('')}`;
  const shown = values.slice(0, 4).map(enumText).join(', ');
  return `\n${' '.repeat(indentAmount)}enum: ${shown}${values.length > 4 ? ', ....' : ''}`;
}

/** The description of a schema and of everything it stands for (its ref, allOf, items, map values). */
function description(schema: Schema, document: Schema): string {
  const resolved = resolveRef(schema.$ref, document) ?? schema;
  let text = truthy(resolved.description) ? `${String(resolved.description)}\n` : '';
  for (const alternative of allOf(resolved)) text += description(alternative, document);
  const itemSchema = items(resolved);
  if (itemSchema) text += description(itemSchema, document);
  const values = mapValues(resolved);
  if (values) text += description(values, document);
  return text;
}

interface Walk {
  document: Schema;
  recursive: boolean;
}

/** One field's line (and, unless recursive, its wrapped description), as fieldDetail prints it. */
function fieldDetail(walk: Walk, parent: Schema, name: string, level: number): string {
  const indentAmount = level * 2;
  const field = (properties(parent) ?? {})[name] as Schema;
  const required = Array.isArray(parent.required) && parent.required.includes(name) ? ' -required-' : '';
  let text = `${indent(indentAmount, name)}\t<${typeGuess(field, walk.document)}>${required}${extractEnum(field, false, indentAmount)}\n`;
  if (!walk.recursive) {
    const about = truthy(field.description) ? String(field.description) : '<no description>';
    text += `${indent(indentAmount + 2, wrapString(about, 78 - indentAmount))}\n\n`;
  }
  return text;
}

/** The FIELDS list (sorted, as Go templates range over maps), following refs and stopping at cycles. */
function fieldList(walk: Walk, schema: Schema, level: number, history: Set<string>): string {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history).add(ref);
  const resolved = resolveRef(ref, walk.document) ?? schema;
  let text = '';
  const fields = properties(resolved) ?? {};
  for (const name of Object.keys(fields).sort()) {
    text += fieldDetail(walk, resolved, name, level);
    if (walk.recursive) text += fieldList(walk, fields[name] as Schema, level + 1, next);
  }
  for (const alternative of allOf(resolved)) text += fieldList(walk, alternative, level, next);
  const itemSchema = items(resolved);
  if (itemSchema) text += fieldList(walk, itemSchema, level, next);
  const values = mapValues(resolved);
  if (values) text += fieldList(walk, values, level, next);
  return text;
}

/** Follow the field path and print the FIELD line, DESCRIPTION and FIELDS; '' when a field is missing. */
function output(walk: Walk, schema: Schema, fieldPath: string[], history: Set<string>): string {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : '';
  const next = new Set(history).add(ref);
  const resolved = resolveRef(ref, walk.document) ?? schema;
  if (!fieldPath.length) {
    const about = description(resolved, walk.document) || '<empty>';
    let text = `DESCRIPTION:\n${indent(4, wrapString(about, 76))}\n`;
    const fields = fieldList(walk, resolved, 1, new Set());
    if (fields) text += `FIELDS:\n${fields}`;
    return text;
  }
  if (ref && history.has(ref)) return '';
  const field = properties(resolved)?.[fieldPath[0]];
  if (isObject(field)) {
    const header = fieldPath.length === 1
      ? `FIELD: ${fieldPath[0]} <${typeGuess(field, walk.document)}>\n${extractEnum(field, true)}\n\n`
      : '';
    return header + output(walk, field, fieldPath.slice(1), new Set());
  }
  const itemSchema = items(resolved);
  if (itemSchema) return output(walk, itemSchema, fieldPath, next);
  const values = mapValues(resolved);
  if (values) return output(walk, values, fieldPath, next);
  for (const alternative of allOf(resolved)) {
    const text = output(walk, alternative, fieldPath, next);
    if (text) return text;
  }
  return '';
}

/**
 * The GVK of a resource in a group-version document: from the x-kubernetes-group-version-kind of
 * the first operation (get, post, put, patch, delete) on its cluster or namespaced path.
 */
export function kindOfResource(document: Schema, group: string, version: string, resource: string): GroupVersionKind | undefined {
  const prefix = group ? `/apis/${group}` : '/api';
  const paths = isObject(document.paths) ? document.paths : {};
  const candidates = [
    `${prefix}/${version}/${resource}`, `${prefix}/${version}/${resource}/{name}`,
    `${prefix}/${version}/namespaces/{namespace}/${resource}`, `${prefix}/${version}/namespaces/{namespace}/${resource}/{name}`,
  ];
  let found: GroupVersionKind | undefined;
  for (const path of candidates) {
    const item = paths[path];
    if (!isObject(item)) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = item[method];
      const gvk = isObject(operation) ? operation['x-kubernetes-group-version-kind'] : undefined;
      if (isObject(gvk)) {
        found = { group: String(gvk.group ?? ''), kind: String(gvk.kind ?? ''), version: String(gvk.version ?? '') };
        break;
      }
    }
  }
  return found;
}

/** Where the header goes and what the template threw, kept apart because kubectl prints the header before failing. */
export interface ExplainOutput {
  text: string;
  error?: ExplainError;
}

/** Render `kubectl explain` for a resource (its GVR's document) and field path, as the plaintext template does. */
export function renderExplain(document: Schema, gvr: { group: string; version: string; resource: string }, fieldPath: string[], recursive: boolean): ExplainOutput {
  const gvk = kindOfResource(document, gvr.group, gvr.version, gvr.resource);
  if (!gvk) {
    return { text: '', error: new ExplainError(`error: GVR (${gvr.group}/${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema`) };
  }
  const header = `${gvk.group ? `GROUP:      ${gvk.group}\n` : ''}KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const walk: Walk = { document, recursive };
  for (const name of Object.keys(schemas).sort()) {
    const schema = schemas[name];
    if (!isObject(schema)) continue;
    const kinds = Array.isArray(schema['x-kubernetes-group-version-kind']) ? schema['x-kubernetes-group-version-kind'] : [];
    if (!kinds.some((k) => isObject(k) && k.group === gvk.group && k.kind === gvk.kind && k.version === gvk.version && Object.keys(k).length === 3)) continue;
    const body = output(walk, schema, fieldPath, new Set());
    if (!body) return { text: header, error: new ExplainError(`error: field "${fieldPath[fieldPath.length - 1]}" does not exist`) };
    return { text: `${header}${body}\n` };
  }
  return { text: header, error: new ExplainError(`error: GVK map[group:${gvk.group} kind:${gvk.kind} version:${gvk.version}] not found in OpenAPI schema`) };
}
