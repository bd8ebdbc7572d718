/**
 * The API server's side of moving an object from client-side apply to server-side apply, for the
 * field manager `kubectl` only (managedfields/internal lastappliedmanager.go and
 * lastappliedupdater.go):
 * - a conflict is forgiven when the field is in the `last-applied-configuration` annotation with
 *   the value the object has, since the same user set it with client-side apply; if every conflict
 *   is such a field, the apply is retried with force;
 * - after the apply, an annotation that exists is rewritten to the configuration just applied, so
 *   a later client-side apply still computes the right three-way patch.
 */
import type { KubeObject } from '../types.ts';
import type { FieldSet, JsonValue } from './fieldpath.ts';
import type { ApplySchema } from './schema.ts';
import { isObject } from './schema.ts';
import { compare, toFieldSet } from './typed.ts';

/** The annotation client-side apply keeps the last configuration in. */
export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager name whose applies migrate and maintain the annotation. */
export const kubectlApplyManager = 'kubectl';

/** The annotation's value, when the object has a non-empty one. */
export function lastAppliedOf(object: KubeObject | undefined): string | undefined {
  const value = object?.metadata?.annotations?.[lastAppliedAnnotation];
  return value ? value : undefined;
}

/**
 * Fields the annotation says the user applied and that still hold the applied value
 * (`allowedConflictsFromLastApplied`); undefined when there is no usable annotation.
 */
export function allowedConflictsFromLastApplied(live: KubeObject, groupVersion: string, schema: ApplySchema): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (!text) return undefined;
  let lastApplied: JsonValue;
  try {
    lastApplied = JSON.parse(text) as JsonValue;
    if (!isObject(lastApplied) || lastApplied.apiVersion !== groupVersion) return undefined;
    const fields = toFieldSet(lastApplied, schema, false);
    const diff = compare(lastApplied, live as unknown as JsonValue, schema);
    return fields.difference(diff.modified).difference(diff.added).difference(diff.removed);
  } catch {
    return undefined;
  }
}

/** Go's encoding/json string escaping: `<`, `>`, `&`, U+2028 and U+2029 as \u escapes. */
function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON as Go's encoding/json writes a map: keys sorted, no spaces. */
export function goJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${goString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  return typeof value === 'string' ? goString(value) : JSON.stringify(value);
}

/**
 * The annotation value for an applied configuration (`buildLastApplied`): the configuration
 * without the annotation itself, encoded as the unstructured JSON encoder does, newline included.
 */
export function buildLastApplied(applied: KubeObject): string {
  const copy = JSON.parse(JSON.stringify(applied)) as KubeObject;
  const annotations = copy.metadata?.annotations;
  if (annotations) delete annotations[lastAppliedAnnotation];
  return `${goJson(copy as unknown as JsonValue)}\n`;
}
