/**
 * Reading a manifest file as kubectl does: split on `---`, parse each document with YAML 1.1
 * typing, flatten `List` kinds, and keep going past a bad document so the good ones still apply.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { ConvertError, convertDocument } from './convert.ts';
import type { DuplicateField } from './convert.ts';
import { maxNestingDepth, maxRequestBytes } from './limits.ts';
import { screenDepth } from './screen.ts';
import { splitDocuments } from './split.ts';
import { toGoYamlError } from './syntax-errors.ts';

/** One object from a manifest, not yet validated (it may lack `metadata`, `kind`, …). */
export type Manifest = Record<string, unknown>;

/** Why a document could not be read. */
export type ManifestErrorReason = 'too-large' | 'too-deep' | 'syntax' | 'convert' | 'not-an-object';

/** A problem with one document, worded as kubectl words it. */
export interface ManifestError {
  reason: ManifestErrorReason;
  /** 0-based index of the document in the file (counting every `---` section). */
  documentIndex: number;
  /** 1-based line in the whole file where the problem is, for editors. */
  line?: number;
  /** The error as kubectl's decoder words it, e.g. `error converting YAML to JSON: yaml: line 2: …`. */
  message: string;
  /** The full line kubectl prints after `error: `, e.g. `error parsing app.yaml: error converting …`. */
  kubectlMessage: string;
  /**
   * kubectl's stream reader stops at a syntax error (documents after it are never read) but only
   * skips a document that parsed yet is not an object.
   */
  stopsStream: boolean;
}

/** One `---` section of the file. */
export interface ParsedDocument {
  index: number;
  /** 1-based line in the file where the document's text starts. */
  firstLine: number;
  /** The objects it holds: one, or the items of a `List`; none when empty or broken. */
  objects: Manifest[];
  /** Keys repeated within one mapping (go-yaml keeps the last value). */
  duplicates: DuplicateField[];
  error?: ManifestError;
}

/** Everything read from one file. */
export interface ParseResult {
  documents: ParsedDocument[];
  /** Objects of every readable document, in order, Lists flattened. */
  objects: Manifest[];
  /** Objects real kubectl would reach: it stops reading at the first syntax error. */
  kubectlObjects: Manifest[];
  errors: ManifestError[];
}

/** Options for {@link parseManifests}. */
export interface ParseOptions {
  /** File name used in kubectl's messages (`error parsing app.yaml: …`); default `STDIN`. */
  filename?: string;
}

const encoder = new TextEncoder();

/** Parses a (multi-document) manifest text the way `kubectl apply -f` reads it. */
export function parseManifests(text: string, options: ParseOptions = {}): ParseResult {
  const filename = options.filename ?? 'STDIN';
  const result: ParseResult = { documents: [], objects: [], kubectlObjects: [], errors: [] };
  const fail = (doc: ParsedDocument, error: Omit<ManifestError, 'documentIndex' | 'kubectlMessage'>): void => {
    const kubectlMessage = error.reason === 'not-an-object'
      ? `unable to decode "${filename}": ${error.message}`
      : `error parsing ${filename}: ${error.message}`;
    doc.error = { ...error, documentIndex: doc.index, kubectlMessage };
    result.errors.push(doc.error);
  };

  if (text.length > maxRequestBytes / 3 && encoder.encode(text).length > maxRequestBytes) {
    const doc: ParsedDocument = { index: 0, firstLine: 1, objects: [], duplicates: [] };
    result.documents.push(doc);
    const message = `Request entity too large: limit is ${maxRequestBytes}`;
    doc.error = { reason: 'too-large', documentIndex: 0, message, kubectlMessage: message, stopsStream: true };
    result.errors.push(doc.error);
    return result;
  }

  let stopped = false;
  const chunks = splitDocuments(text.startsWith('\uFEFF') ? text.slice(1) : text);
  chunks.forEach((chunk, index) => {
    const doc: ParsedDocument = { index, firstLine: chunk.firstLine + 1, objects: [], duplicates: [] };
    result.documents.push(doc);
    const absolute = (line: number): number => chunk.firstLine + line;
    if (chunk.separatorError) {
      fail(doc, { reason: 'syntax', line: chunk.firstLine + 1, message: chunk.separatorError, stopsStream: true });
    } else {
      readDocument(chunk.text, doc, absolute, fail);
    }
    if (doc.error?.stopsStream) stopped = true;
    result.objects.push(...doc.objects);
    if (!stopped) result.kubectlObjects.push(...doc.objects);
  });
  return result;
}

type Fail = (doc: ParsedDocument, error: Omit<ManifestError, 'documentIndex' | 'kubectlMessage'>) => void;

function readDocument(text: string, doc: ParsedDocument, absolute: (line: number) => number, fail: Fail): void {
  const tooDeep = screenDepth(text);
  if (tooDeep) {
    const message = `error converting YAML to JSON: yaml: line ${tooDeep.line}: exceeded max depth of ${maxNestingDepth}`;
    fail(doc, { reason: 'too-deep', line: absolute(tooDeep.line), message, stopsStream: true });
    return;
  }
  const lineCounter = new LineCounter();
  // go-yaml's Unmarshal reads only the first document of a chunk: anything after a `...` end
  // marker is ignored (the upstream failure-policy-ignore.yaml example relies on that).
  const all = parseAllDocuments(text, {
    version: '1.1',
    schema: 'failsafe', // every scalar stays text; resolve.ts types them as go-yaml does
    uniqueKeys: false, // the default check is quadratic; convert.ts finds duplicates in one pass
    strict: false,
    prettyErrors: false,
    lineCounter,
  });
  const parsed = Array.isArray(all) ? all[0] : undefined;
  if (!parsed) return;
  // go-yaml accepts `\'` in double quotes (upstream examples use it); the `yaml` package does not.
  const errors = parsed.errors.filter((e) => !(e.code === 'BAD_DQ_ESCAPE' && text.slice(e.pos[0], e.pos[0] + 2) === "\\'"));
  if (errors.length > 0) {
    const problem = toGoYamlError(errors[0], text);
    fail(doc, { reason: 'syntax', line: absolute(problem.problemLine), message: `error converting YAML to JSON: ${problem.message}`, stopsStream: true });
    return;
  }
  let value: unknown;
  try {
    const converted = convertDocument(parsed, (offset) => lineCounter.linePos(offset).line);
    value = fixEscapedQuotes(converted.value, errors.length !== parsed.errors.length);
    doc.duplicates = converted.duplicates.map((d) => ({ ...d, line: absolute(d.line) }));
  } catch (e) {
    if (!(e instanceof ConvertError)) throw e;
    fail(doc, { reason: 'convert', line: e.line === undefined ? undefined : absolute(e.line), message: `error converting YAML to JSON: ${e.message}`, stopsStream: true });
    return;
  }
  if (value === null) return; // empty or comment-only documents are skipped
  if (typeof value !== 'object' || Array.isArray(value)) {
    const type = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
    fail(doc, { reason: 'not-an-object', line: absolute(1), message: `json: cannot unmarshal ${type} into Go value of type unstructured.detector`, stopsStream: false });
    return;
  }
  doc.objects = flattenList(value as Manifest);
}

// Only when an accepted `\'` was seen: the `yaml` package left the backslash in the value.
function fixEscapedQuotes(value: unknown, needed: boolean): unknown {
  if (!needed) return value;
  if (typeof value === 'string') return value.replaceAll("\\'", "'");
  if (Array.isArray(value)) return value.map((v) => fixEscapedQuotes(v, true));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fixEscapedQuotes(v, true);
    return out;
  }
  return value;
}

/** `kind: List` (and any `…List` with `items`) stands for its items, as kubectl's visitor flattens it. */
export function flattenList(object: Manifest): Manifest[] {
  const kind = object.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(object.items)) {
    return object.items.flatMap((item) => (item && typeof item === 'object' && !Array.isArray(item) ? flattenList(item as Manifest) : []));
  }
  return [object];
}
