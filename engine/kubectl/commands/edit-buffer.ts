/**
 * The text `kubectl edit` hands to the editor, and how it reads the text back: the comment header
 * with the reasons for a reopen (editHeader.writeTo), the object or `kind: List` printed as YAML or
 * JSON without managedFields, and cmdutil's StripComments / ManualStrip / hasLines, which decide
 * whether anything was changed at all.
 */
import { parseAllDocuments } from 'yaml';
import { sortKeys } from '../../api/patch/merge-patch.ts';
import type { Json as JsonValue } from '../../api/types.ts';
import { omitManagedFields } from '../printers/generic.ts';
import { goNumber, goQuote, marshalIndent } from '../printers/go-json.ts';
import { parseManifests, stringifyYaml } from '../../yaml/index.ts';
import { jsonStreamError } from './json-sniff.ts';
import type { Json } from './write-support.ts';

/** Why the editor is opened again: a head line, and the causes listed under it (`# * spec.replicas: …`). */
export interface EditReason {
  head: string;
  other: string[];
}

/** The buffer's format: kubectl writes JSON (no header) for `-o json`, YAML with the header otherwise. */
export type BufferFormat = 'yaml' | 'json';

const intro = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** Insert `# ` after each line break that is not followed by a `#`, so a message stays a comment (hashOnLineBreak). */
export function hashOnLineBreak(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    out += text[i] === '\n' && i + 1 < text.length && text[i + 1] !== '#' ? '\n# ' : text[i];
  }
  return out;
}

/** What is being edited: the objects (`kubectl edit`), or their last-applied annotations (`kubectl apply edit-last-applied`). */
export type EditMode = 'normal' | 'apply';

const applyIntro = `# Please edit the 'last-applied-configuration' annotations below.
# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.
#
`;

/** The comment header: kubectl's intro for the mode, then each reason as `# head:` with `# * cause` lines and a `#`. */
export function editHeader(reasons: EditReason[], mode: EditMode = 'normal'): string {
  let text = mode === 'apply' ? applyIntro : intro;
  for (const reason of reasons) {
    text += reason.other.length ? `# ${hashOnLineBreak(reason.head)}:\n` : `# ${hashOnLineBreak(reason.head)}\n`;
    for (const other of reason.other) text += `# * ${hashOnLineBreak(other)}\n`;
    text += '#\n';
  }
  return text;
}

/**
 * What the editor shows of the objects: one object as itself, several as a `kind: List`
 * (`apiVersion: v1`, `metadata: {}`), managedFields left out (kubectl takes them off before
 * printing and puts them back before it compares, so they can be neither seen nor changed).
 */
export function bufferObject(objects: Json[]): Json {
  const shown = objects.map(omitManagedFields);
  return shown.length === 1 ? shown[0] : { apiVersion: 'v1', items: shown, kind: 'List', metadata: {} };
}

/** The object printed for the editor: JSON as `-o json` prints it, or YAML under the header. */
export function printBuffer(object: Json, format: BufferFormat, reasons: EditReason[], mode: EditMode = 'normal'): string {
  return format === 'json' ? marshalIndent(object) : editHeader(reasons, mode) + stringifyYaml(object);
}

/** Drop comment lines (`#`, but not `#!`), keeping every other line as it was (cmdutil.ManualStrip). */
export function manualStrip(text: string): string {
  return text.split('\n').filter((line) => {
    const trimmed = line.trim();
    return !(trimmed.startsWith('#') && !trimmed.startsWith('#!'));
  }).join('\n');
}

/**
 * The text as kubectl compares it (cmdutil.StripComments): JSON stays as written; YAML becomes the
 * JSON of its first document (so comments, spacing and key order do not count as changes); text
 * that does not parse falls back to ManualStrip.
 */
export function stripComments(text: string): string {
  if (/^\s*\{/.test(text)) return text;
  const [first] = parseAllDocuments(text, { version: '1.1', prettyErrors: false });
  if (!first) return 'null';
  if (first.errors.length) return manualStrip(text);
  const value = first.toJS() as JsonValue | undefined;
  return JSON.stringify(sortKeys(value ?? null));
}

/** Whether any line holds something other than space or a comment (hasLines): an empty save cancels the edit. */
export function hasLines(text: string): boolean {
  return text.split('\n').some((line) => {
    const trimmed = line.trim();
    return trimmed.length > 0 && !trimmed.startsWith('#');
  });
}

/** Go's json.Marshal of an unstructured value: compact, keys sorted, HTML-safe escapes (`--output-patch`). */
export function goMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goMarshal).join(',')}]`;
  const entries = Object.entries(value as Json).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goQuote(k)}:${goMarshal(v)}`).join(',')}}`;
}

/** utilerrors.NewAggregate(…).Error(): one message alone, several as `[a, b]`. */
const aggregate = (messages: string[]): string => (messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`);

/**
 * kubectl's client-side check of the saved text before anything else (ParamVerifyingSchema with
 * `--validate=strict|warn`): it must parse, and be an object whose apiVersion and kind are set.
 * `stripped` is the text after StripComments. The message, or undefined when the text passes.
 */
export function validationProblem(stripped: string): string | undefined {
  let value: unknown;
  if (/^\s*\{/.test(stripped)) {
    const problem = jsonStreamError(stripped);
    // json.Unmarshal words it without the decoder's offset.
    if (problem) return problem === 'unexpected EOF' ? 'unexpected end of JSON input' : problem.replace(/^json: offset \d+: /, '');
    try {
      value = JSON.parse(stripped);
    } catch {
      // Several values in a row (the decoder reads a stream; Unmarshal wants one).
      return 'invalid character after top-level value';
    }
  } else {
    const parsed = parseManifests(stripped);
    const syntax = parsed.errors.find((error) => error.documentIndex === 0 && error.reason !== 'not-an-object');
    if (syntax) return syntax.message.replace(/^error converting YAML to JSON: /, '');
    const [first] = parseAllDocuments(stripped, { version: '1.1', prettyErrors: false });
    value = first?.toJS() ?? null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'invalid object to validate';
  const fields = value as Json;
  const errors: string[] = [];
  const apiVersion = fields.apiVersion;
  if (apiVersion === undefined || apiVersion === null) errors.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') errors.push("apiVersion isn't string type");
  else if (apiVersion.split('/').length > 2 && apiVersion !== '/') errors.push(`unexpected GroupVersion string: ${apiVersion}`);
  const kind = fields.kind;
  if (kind === undefined || kind === null) errors.push('kind not set');
  else if (typeof kind !== 'string') errors.push("kind isn't string type");
  return errors.length ? aggregate(errors) : undefined;
}
