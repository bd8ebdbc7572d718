/**
 * `kubectl run --overrides=JSON [--override-type=merge|json|strategic]` (cmdutil.Overrider): the
 * generated Pod patched by the JSON — a JSON merge patch by default, an RFC 6902 JSON patch, or a
 * strategic merge patch — then read back into a typed Pod, as kubectl's codec does: fields a Pod
 * does not have are dropped, a value of the wrong type is Go's unmarshal error.
 */
import { applyJsonPatch } from '../../api/patch/json-patch.ts';
import { applyMergePatch, isObject } from '../../api/patch/merge-patch.ts';
import { applyStrategicMergePatch } from '../../api/patch/strategic-merge.ts';
import { decodeErrors } from '../../api/openapi/strict-decoding.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext } from '../command.ts';
import { flagString } from '../flags.ts';
import type { Json as Value } from '../../api/types.ts';
import type { Json } from './write-support.ts';

type JsonObject = { [key: string]: Value };

const podKind = { group: '', version: 'v1', kind: 'Pod' };

/** Parses the override text; `what` is the error kubectl's patch library gives for text that is not JSON. */
function parse(text: string, what: (error: SyntaxError) => string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch (error) {
    throw KubectlError.client(what(error as SyntaxError));
  }
}

/** Go's encoding/json words for the first thing wrong in `text` (the common case: a bad object key). */
function goSyntaxError(text: string): string {
  const start = text.trimStart();
  if (start.startsWith('{')) {
    const key = start.slice(1).trimStart()[0];
    if (key !== undefined && key !== '"' && key !== '}') return `invalid character '${key}' looking for beginning of object key string`;
  }
  return 'unexpected end of JSON input';
}

/** Removes the field at an unknown-field path (`spec.replicas`, `spec.containers[0].foo`). */
function removePath(object: JsonObject, path: string): void {
  const steps = path.split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '');
  let at: Value = object;
  for (const step of steps.slice(0, -1)) {
    at = Array.isArray(at) ? at[Number(step)] : isObject(at) ? at[step] : null;
    if (at === null || typeof at !== 'object') return;
  }
  const last = steps.at(-1);
  if (last !== undefined && isObject(at)) delete at[last];
}

/** The Pod after `--overrides`, or the Pod itself when there are none. */
export function applyRunOverrides(context: CommandContext, pod: Json): Json {
  const text = flagString(context.flags, 'overrides');
  if (!text) return pod;
  const type = flagString(context.flags, 'override-type') || 'merge';
  const generated = pod as unknown as JsonObject;
  let patched: Value;
  if (type === 'merge') {
    const result = applyMergePatch(generated, parse(text, () => 'Invalid JSON Patch'));
    if (!result.ok) throw KubectlError.client(result.message);
    patched = result.value;
  } else if (type === 'json') {
    const result = applyJsonPatch(generated, parse(text, () => goSyntaxError(text)));
    if (!result.ok) throw KubectlError.client(result.detail);
    patched = result.value;
  } else if (type === 'strategic') {
    const result = applyStrategicMergePatch(generated, parse(text, () => 'invalid JSON document'), podKind);
    if (!result.ok) throw KubectlError.client(result.detail);
    patched = result.value;
  } else {
    throw KubectlError.client(`invalid override type: ${type}`);
  }
  // Decoded into a v1.Pod: a type error stops here, unknown fields are left behind.
  const { typeErrors, unknownFields } = decodeErrors(podKind, patched);
  if (typeErrors.length) throw KubectlError.client(typeErrors[0]);
  const typed = structuredClone(patched) as JsonObject;
  for (const path of unknownFields) removePath(typed, path);
  return typed as unknown as Json;
}
