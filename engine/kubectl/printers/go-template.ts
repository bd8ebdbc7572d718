/**
 * kubectl's GoTemplatePrinter (`-o go-template=…`, `-o template=…`, `--template`): the object is marshalled to
 * JSON and decoded with apimachinery's json.Unmarshal (whole numbers as int64) before the template runs, and
 * failures print kubectl's exact messages.
 */
import { KubectlError } from '../client/api-client.ts';
import { formatValue, GoInt, quoteGo, type GoValue } from './go-fmt.ts';
import { executeTemplate } from './go-template-exec.ts';
import { parseTemplate, parseTemplateSet, TemplateParseError } from './go-template-parse.ts';

/** A printer failure after output was written: kubectl has already sent `stdout` to standard output when it fails. */
export class PartialOutputError extends KubectlError {
  constructor(text: string, readonly stdout: string) {
    super(text);
  }
}

/**
 * encoding/json's compact form of decoded JSON: map keys sorted, `<>&` escaped as \u003c etc. The List that
 * `apply -o` builds is a corev1.List struct, so its own fields keep struct order: kind, apiVersion, metadata, items.
 */
export function goJsonCompact(value: unknown, top = true): string {
  const list = value as Record<string, unknown> | null;
  if (top && list?.kind === 'List' && Object.keys(list).length === 4 && Object.keys(list.metadata ?? { x: 1 }).length === 0) {
    return `{"kind":"List","apiVersion":${goJsonCompact(list.apiVersion, false)},"metadata":{},"items":${goJsonCompact(list.items, false)}}`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => goJsonCompact(v, false)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const map = value as Record<string, unknown>;
    return `{${Object.keys(map).sort().filter((k) => map[k] !== undefined).map((k) => `${goJsonCompact(k, false)}:${goJsonCompact(map[k], false)}`).join(',')}}`;
  }
  const text = JSON.stringify(value) ?? 'null';
  return typeof value === 'string' ? text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') : text;
}

/** JSON data as the template sees it: whole numbers become int64 (apimachinery's json converts them). */
export function toGoData(value: unknown): GoValue {
  if (typeof value === 'number') return Number.isInteger(value) ? new GoInt(value, 'int64') : value;
  if (Array.isArray(value)) return value.map(toGoData);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toGoData(v)]));
  }
  return value as GoValue;
}

/** Check a template parses, or throw kubectl's `error parsing template` error (kubectl parses before fetching). */
export function checkGoTemplate(template: string): void {
  try {
    parseTemplate(template);
  } catch (e) {
    if (e instanceof TemplateParseError) throw KubectlError.client(`error parsing template ${template}, ${e.message}`);
    throw e;
  }
}

/** Print an object through a Go template, as `kubectl … -o go-template=TEMPLATE` does. */
export function printGoTemplate(template: string, object: unknown, allowMissingKeys = true): string {
  checkGoTemplate(template);
  const { root, defines } = parseTemplateSet(template);
  const json = JSON.parse(JSON.stringify(object)) as unknown;
  const data = toGoData(json);
  const result = executeTemplate(template, root, data, allowMissingKeys, defines);
  if (result.error === undefined) return result.out;
  const debug = `Error executing template: ${result.error}. Printing more information for debugging the template:\n`
    + `\ttemplate was:\n\t\t${template}\n\traw data was:\n\t\t${goJsonCompact(json)}\n`
    + `\tobject given to template engine was:\n\t\t${formatValue(data)}\n\n`;
  // kubectl writes the debugging help to stdout, after whatever the template printed before it failed.
  throw new PartialOutputError(`error: error executing template ${quoteGo(template)}: ${result.error}`, result.out + debug);
}
