/**
 * The last-applied annotation as `kubectl create --save-config`, `replace --save-config` and
 * `apply` write it (GetModifiedConfiguration with annotate=true), and as the generators of
 * `create TYPE`, `run` and `expose` write it for the typed objects they build.
 */
import { buildLastApplied, lastAppliedAnnotation } from '../../api/apply/index.ts';
import { canonicalize } from '../../api/defaulting/canonical-order.ts';
import type { KubeObject } from '../../api/types.ts';
import { goNumber, goQuote } from '../printers/go-json.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext } from '../command.ts';
import { goMarshal } from './edit-buffer.ts';
import { findTargets, type TargetOptions, type Targets } from './targets.ts';
import { readFileObjects, type FileObject, type Json } from './write-support.ts';

/** A copy of the configuration carrying its own last-applied annotation (computed without that annotation). */
export function buildLastAppliedFor(object: Json): Json {
  const modified = structuredClone(object);
  const metadata = (modified.metadata ??= {}) as Json;
  const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>) };
  delete annotations[lastAppliedAnnotation];
  const value = buildLastApplied({ ...modified, metadata: { ...metadata, annotations } } as unknown as KubeObject);
  metadata.annotations = { ...annotations, [lastAppliedAnnotation]: value };
  return modified;
}

/** json.Marshal of a value whose keys are already in Go order (struct fields in order, map keys sorted). */
function compactInOrder(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(compactInOrder).join(',')}]`;
  const map = value as Json;
  return `{${Object.keys(map).filter((k) => map[k] !== undefined).map((k) => `${goQuote(k)}:${compactInOrder(map[k])}`).join(',')}}`;
}

/**
 * A typed object with the annotation `util.CreateApplyAnnotation` gives it: the object encoded by
 * the Go JSON encoder (struct order, zero fields such as `"creationTimestamp":null` and
 * `"status":{}` kept, a trailing newline) while it has no last-applied annotation of its own.
 */
export function withTypedLastApplied(object: Json): Json {
  const metadata = { ...((object.metadata ?? {}) as Json) };
  const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>) };
  delete annotations[lastAppliedAnnotation];
  // An empty annotations map is dropped by omitempty, so the encoded form has none.
  const bare = { ...object, metadata: { ...metadata, annotations: Object.keys(annotations).length ? annotations : undefined } };
  const value = `${compactInOrder(canonicalize(bare as unknown as KubeObject))}\n`;
  return { ...object, metadata: { ...metadata, annotations: { ...annotations, [lastAppliedAnnotation]: value } } };
}

/** util.GetOriginalConfiguration: the annotation's text, or undefined when the object has none. */
export function originalConfiguration(object: Json): string | undefined {
  const annotations = ((object.metadata as Json | undefined)?.annotations ?? {}) as Record<string, unknown>;
  const value = annotations[lastAppliedAnnotation];
  return typeof value === 'string' ? value : undefined;
}

/**
 * editor.GetApplyPatch: the object as the unstructured JSON encoder writes it (keys sorted, HTML
 * escapes, a trailing newline), and the JSON merge patch that makes that text its last-applied
 * annotation — what `apply set-last-applied` and `apply edit-last-applied` send.
 */
export function applyAnnotationPatch(object: Json): { encoded: string; patch: Json } {
  const encoded = `${goMarshal(object)}\n`;
  return { encoded, patch: { metadata: { annotations: { [lastAppliedAnnotation]: encoded } } } };
}

/** readFileObjects' error for `-f` files that hold no object: apply's own check, which the Builder does not make. */
const noObjects = (error: unknown, verb: string): boolean => error instanceof KubectlError && error.text === `error: no objects passed to ${verb}`;

/** The `-f` objects for `apply set-last-applied`: files holding no object are no error, there is just nothing to visit. */
export function fileObjects(context: CommandContext, verb: string): FileObject[] {
  try {
    return readFileObjects(context, verb);
  } catch (error) {
    if (noObjects(error, verb)) return [];
    throw error;
  }
}

/** findTargets for `apply view-last-applied` and `edit-last-applied`, where `-f` files holding no object select nothing. */
export function findTargetsOrNone(context: CommandContext, verb: string, args: string[], options: TargetOptions = {}): Targets {
  try {
    return findTargets(context, verb, args, true, options);
  } catch (error) {
    if (noObjects(error, verb)) return { targets: [], errors: [], empty: true };
    throw error;
  }
}
