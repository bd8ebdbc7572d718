/**
 * JSON merge patch (RFC 7386, `application/merge-patch+json`) as the API server applies it with
 * evanphx/json-patch v4's `MergePatch`: objects merge key by key, `null` deletes a key, anything
 * else (arrays included) replaces. `kubectl scale`, `label` and `annotate` send these, and so does
 * `kubectl apply` for custom resources, which have no strategic-merge metadata.
 */
import type { Json } from '../types.ts';

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** Either the patched document or the 400 message `Invalid JSON Patch` (a patch that is null or a scalar). */
export type MergePatchResult = { ok: true; value: Json } | { ok: false; message: string };

/** Whether a value is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Removes nulls inside objects, recursively; null array elements stay (json-patch v4's pruneNulls). */
function pruneNulls(value: Json): Json {
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = pruneNulls(v);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => (v === null ? v : pruneNulls(v)));
  return value;
}

function mergeObjects(doc: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...doc };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    if (current === undefined || current === null) out[key] = pruneNulls(value);
    else if (!isObject(current)) out[key] = pruneNulls(value);
    // An object replaced by a non-object keeps the patch value as sent (v4 does not prune it).
    else if (!isObject(value)) out[key] = value;
    else out[key] = mergeObjects(current, value);
  }
  return out;
}

/**
 * `jsonpatch.MergePatch(doc, patch)`. A non-object patch that is an array replaces the document
 * (the decoder then rejects it); `null` or a scalar is a 400 `Invalid JSON Patch`.
 */
export function applyMergePatch(doc: Json, patch: Json): MergePatchResult {
  if (isObject(patch)) {
    return { ok: true, value: isObject(doc) ? mergeObjects(doc, patch) : pruneNulls(patch) };
  }
  if (Array.isArray(patch)) return { ok: true, value: pruneNulls(patch) };
  return { ok: false, message: 'Invalid JSON Patch' };
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * `jsonpatch.CreateMergePatch(original, modified)`: the merge patch that turns one object into the
 * other — changed keys with their new value, removed keys as `null`, arrays replaced whole.
 */
export function createMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [key, value] of Object.entries(modified)) {
    const old = original[key];
    if (isObject(old) && isObject(value)) {
      const sub = createMergePatch(old, value);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!Object.hasOwn(original, key) || !jsonEqual(old, value)) {
      patch[key] = value;
    }
  }
  for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  return sortKeys(patch) as JsonObject;
}

/** Keeps only the deletions (`null`s) of a merge patch, or only the rest: kubectl's keepOrDeleteNullInJsonPatch. */
function keepOrDeleteNulls(patch: JsonObject, keepNulls: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (keepNulls) out[key] = null;
    } else if (isObject(value)) {
      // An explicitly empty map is a value, not an empty sub-patch.
      if (Object.keys(value).length === 0) {
        if (!keepNulls) out[key] = value;
        continue;
      }
      const sub = keepOrDeleteNulls(value, keepNulls);
      if (Object.keys(sub).length > 0) out[key] = sub;
    } else if (!keepNulls) {
      out[key] = value;
    }
  }
  return out;
}

/**
 * kubectl's `jsonmergepatch.CreateThreeWayJSONMergePatch`, used by `kubectl apply` for kinds
 * without strategic-merge metadata (custom resources): additions and changes from live to the new
 * file, plus deletions from the last-applied configuration to the new file.
 */
export function createThreeWayMergePatchJson(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const addAndChange = keepOrDeleteNulls(createMergePatch(current, modified), false);
  const deletions = keepOrDeleteNulls(createMergePatch(original, modified), true);
  const merged = applyMergePatch(deletions, addAndChange);
  return sortKeys(merged.ok ? merged.value : {}) as JsonObject;
}

/** A copy with object keys in Go's json.Marshal order (sorted bytewise), as patches go on the wire. */
export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = sortKeys(value[key]);
  return out;
}
