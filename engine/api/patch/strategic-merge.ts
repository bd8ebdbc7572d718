/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) as the API server applies it
 * (k8s.io/apimachinery pkg/util/strategicpatch `StrategicMergeMapPatch`). Like a JSON merge patch,
 * but lists declared `patchStrategy:"merge"` in the Go types (list-keys-types.ts) merge item by
 * item — by merge key (`containers` by `name`) or as a set of scalars (`finalizers`) — and the
 * patch may carry directives: `$patch: replace|delete|merge`, `$retainKeys`,
 * `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
 * Custom resources have no such metadata; the server refuses SMP for them with a 415.
 */
import type { Json } from '../types.ts';
import type { GroupKind } from './list-keys.ts';
import { fieldOf, isBuiltinKind, rootGoType } from './list-keys.ts';
import type { JsonObject } from './merge-patch.ts';
import { isObject } from './merge-patch.ts';
import type { PatchFailure } from './patch-errors.ts';
import { badRequest, customResourcePatchTypes, unprocessable, unsupportedPatchType } from './patch-errors.ts';
import { goTypeName, goValue } from './go-format.ts';
import {
  deduplicateScalars, deleteFromPrimitiveListPrefix, directiveMarker, elementKind, noMergeKey,
  normalizeElementOrder, partitionByPresence, PatchError, retainKeysDirective, setElementOrderPrefix,
} from './strategic-order.ts';

/**
 * `MergeOptions`. The server merges parallel lists and drops unmatched nulls; kubectl's three-way
 * patch computation merges two patches and keeps both kinds of directives.
 */
export interface MergeOptions {
  mergeParallelList: boolean;
  ignoreUnmatchedNulls: boolean;
}

/** A field's strategy without `retainKeys` (extractRetainKeysPatchStrategy). */
function strategyOf(typeName: string | undefined, key: string): { strategy: string; mergeKey: string; type?: string } {
  const field = fieldOf(typeName, key);
  const strategies = field?.patchStrategy?.split(',') ?? [];
  return { strategy: strategies.find((s) => s !== 'retainKeys') ?? '', mergeKey: field?.patchMergeKey ?? '', type: field?.type };
}

/** Drops maps carrying `$patch` (and entries holding them); returns undefined when `value` itself is one. */
export function removeDirectives(value: Json): Json | undefined {
  if (isObject(value)) {
    if (Object.hasOwn(value, directiveMarker)) return undefined;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = removeDirectives(v);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  if (Array.isArray(value)) return value.map(removeDirectives).filter((v): v is Json => v !== undefined);
  return value;
}

/** `discardNullValuesFromPatch`: nulls inside maps go, recursively (array elements stay). */
function discardNulls(value: Json): Json {
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = discardNulls(v);
    return out;
  }
  return Array.isArray(value) ? value.map(discardNulls) : value;
}

/** Go's reflect.TypeOf identity for decoded JSON. */
function sameType(a: Json, b: Json): boolean {
  return goTypeName(a) === goTypeName(b);
}

function takePatchValue(original: JsonObject, key: string, value: Json, options: MergeOptions): void {
  const kept = removeDirectives(options.ignoreUnmatchedNulls ? discardNulls(value) : value);
  if (kept === undefined) delete original[key];
  else original[key] = kept;
}

/** `$retainKeys`: on the server, keys of the original not listed are cleared. */
function applyRetainKeys(original: JsonObject, patch: JsonObject, options: MergeOptions): void {
  if (!Object.hasOwn(patch, retainKeysDirective)) return;
  const retain = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!options.mergeParallelList) {
    if (Object.hasOwn(original, retainKeysDirective)) {
      if (JSON.stringify(original[retainKeysDirective]) !== JSON.stringify(retain)) {
        throw new PatchError(`${goValue(original[retainKeysDirective])} and ${goValue(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else {
      original[retainKeysDirective] = retain;
    }
    return;
  }
  if (!Array.isArray(retain)) throw new PatchError('invalid patch format of retainKeys', 400);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(deleteFromPrimitiveListPrefix) || k.startsWith(setElementOrderPrefix)) continue;
    if (!retain.includes(k)) throw new PatchError('invalid patch format of retainKeys', 400);
  }
  for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
}

/** The list key of a `$setElementOrder/x` or `$deleteFromPrimitiveList/x` key (extractKey). */
function listKeyOf(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw new PatchError(prefix === setElementOrderPrefix ? 'invalid patch format of setElementOrder list' : 'invalid patch format of primitive list', 400);
  }
  return key.slice(slash + 1);
}

function asList(value: Json | undefined, what: string): Json[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PatchError(`expected a []interface {}, but received a ${goTypeName(value)}${what}`);
  return value;
}

/** `validatePatchWithSetOrderList`: the patch list must follow the relative order of `$setElementOrder`. */
function validateSetOrder(patchList: Json[], order: Json[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isObject(v) && v[directiveMarker] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isObject(item) && Object.hasOwn(item, directiveMarker)) {
      p++;
      continue;
    }
    const equal = mergeKey ? keyOf(item, mergeKey) === keyOf(order[o], mergeKey) : item === order[o];
    if (equal) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw new PatchError(`The order in patch list:\n${goValue(patchList)}\n doesn't match ${setElementOrderPrefix} list:\n${goValue(order)}\n`);
  }
}

function keyOf(item: Json, mergeKey: string): Json {
  if (!isObject(item)) throw new PatchError(`expected a map[string]interface {}, but received a ${goTypeName(item)}`);
  if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
  return item[mergeKey];
}

/** `mergePatchIntoOriginal`: merges each list named by a `$setElementOrder/<list>` and orders it by that directive. */
function mergeOrderedLists(original: JsonObject, patch: JsonObject, typeName: string | undefined, options: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const order = patch[key];
    if (!options.mergeParallelList) {
      if (Object.hasOwn(original, key)) {
        if (JSON.stringify(original[key]) !== JSON.stringify(order)) throw new PatchError('invalid patch format of setElementOrder list', 400);
      } else {
        original[key] = order;
      }
    }
    delete patch[key];
    const orderList = asList(order, '');
    const listKey = listKeyOf(key, setElementOrderPrefix);
    const inOriginal = Object.hasOwn(original, listKey);
    const inPatch = Object.hasOwn(patch, listKey);
    const originalList = asList(original[listKey], '');
    const patchList = asList(patch[listKey], '');
    const { strategy, mergeKey, type } = strategyOf(typeName, listKey);
    validateSetOrder(patchList, orderList, mergeKey);
    let merged: Json[];
    if (inOriginal && !inPatch) merged = originalList;
    else if (!inOriginal && inPatch) merged = removeDirectives(patchList) as Json[];
    else if (inOriginal && inPatch) merged = mergeListField(originalList, patchList, type, strategy, mergeKey, false, options);
    else continue;
    const maps = mergeKey !== '';
    const [patchItems, serverOnly] = partitionByPresence(merged, orderList, mergeKey, maps);
    const kind = elementKind(originalList, patchList);
    if (kind === undefined) throw new PatchError('no elements in any of the given slices');
    original[listKey] = normalizeElementOrder(patchItems, serverOnly, orderList, originalList, mergeKey, kind === 'map');
    delete patch[listKey];
  }
}

/** `mergeMap`: merges `patch` into `original` (both already private copies, changed in place). */
export function mergeMap(original: JsonObject | null, patch: JsonObject, typeName: string | undefined, options: MergeOptions): JsonObject {
  if (Object.hasOwn(patch, directiveMarker)) {
    const directive = patch[directiveMarker];
    if (directive === 'replace') {
      delete patch[directiveMarker];
      return patch;
    }
    if (directive === 'delete') return {};
    throw new PatchError(`unknown patch type: ${goValue(directive)} in map: ${goValue(patch)}`);
  }
  const target = original ?? {};
  applyRetainKeys(target, patch, options);
  mergeOrderedLists(target, patch, typeName, options);
  for (const [patchKey, patchValue] of Object.entries(patch)) {
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(deleteFromPrimitiveListPrefix)) {
      if (!options.mergeParallelList) {
        target[patchKey] = patchValue;
        continue;
      }
      key = listKeyOf(patchKey, deleteFromPrimitiveListPrefix);
      isDeleteList = true;
    }
    if (patchValue === null) {
      delete target[key];
      if (options.ignoreUnmatchedNulls) continue;
    }
    if (!Object.hasOwn(target, key) || !sameType(target[key], patchValue)) {
      if (!isDeleteList) takePatchValue(target, key, patchValue, options);
      continue;
    }
    const current = target[key];
    const { strategy, mergeKey, type } = strategyOf(typeName, key);
    if (isObject(current) && isObject(patchValue)) {
      target[key] = strategy === 'replace' ? patchValue : mergeMap(current, patchValue, type, options);
    } else if (Array.isArray(current) && Array.isArray(patchValue)) {
      target[key] = mergeListField(current, patchValue, type, strategy, mergeKey, isDeleteList, options);
    } else {
      takePatchValue(target, key, patchValue, { ...options, ignoreUnmatchedNulls: false });
    }
  }
  return target;
}

/** `mergeSliceHandler`: merge lists merge, everything else is replaced by the patch's list. */
function mergeListField(
  original: Json[], patch: Json[], elementType: string | undefined, strategy: string, mergeKey: string, isDeleteList: boolean, options: MergeOptions,
): Json[] {
  if (strategy === 'merge' || isDeleteList) return mergeList(original, patch, elementType, mergeKey, options, isDeleteList);
  return patch;
}

/** `mergeSlice`: merges two lists item by item, then orders the result. */
function mergeList(original: Json[], patch: Json[], elementType: string | undefined, mergeKey: string, options: MergeOptions, isDeleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let base = original;
  let patchItems = patch;
  let merged: Json[];
  if (kind !== 'map') {
    if (options.mergeParallelList && isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new PatchError(`cannot merge lists without merge key for ${elementType ?? ''}`);
    [base, patchItems] = applyListDirectives(original, patch, mergeKey);
    merged = [...base];
    for (const item of patchItems) {
      const value = keyOf(item, mergeKey);
      const at = merged.findIndex((m) => {
        if (!isObject(m)) throw new PatchError(`value for key ${merged.indexOf(m)} is not a map`);
        return Object.hasOwn(m, mergeKey) && m[mergeKey] === value;
      });
      if (at >= 0) merged[at] = mergeMap(merged[at] as JsonObject, item as JsonObject, elementType, options);
      else merged.push(item);
    }
  }
  const maps = mergeKey !== '';
  const [fromPatch, serverOnly] = partitionByPresence(merged, patchItems, mergeKey, maps);
  return normalizeElementOrder(fromPatch, serverOnly, patchItems, base, mergeKey, kind === 'map');
}

/** `mergeSliceWithSpecialElements`: `$patch: delete` items remove entries, `$patch: replace` makes the patch the list. */
function applyListDirectives(original: Json[], patch: Json[], mergeKey: string): [Json[], Json[]] {
  let base = original;
  let replace = false;
  const plain: Json[] = [];
  for (const item of patch) {
    const map = item as JsonObject;
    if (!Object.hasOwn(map, directiveMarker)) {
      plain.push(item);
      continue;
    }
    const directive = map[directiveMarker];
    if (directive === 'delete') {
      if (!Object.hasOwn(map, mergeKey)) throw noMergeKey(map, mergeKey);
      base = base.filter((v) => !(isObject(v) && Object.hasOwn(v, mergeKey) && v[mergeKey] === map[mergeKey]));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw new PatchError(`unknown patch type: ${goValue(directive)} in map: ${goValue(map)}`);
    }
  }
  return replace ? [plain, []] : [base, plain];
}

/** Drops directive keys that survive a merge (in items the patch added whole); the Go decoder ignores them. */
function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === directiveMarker || k === retainKeysDirective || k.startsWith(`${setElementOrderPrefix}/`) || k.startsWith(`${deleteFromPrimitiveListPrefix}/`)) continue;
    out[k] = stripDirectives(v);
  }
  return out;
}

/** The result of applying a patch: the new object, or the Status the API server answers with. */
export type StrategicMergeResult = { ok: true; value: JsonObject } | PatchFailure;

/** Converts a thrown PatchError to the server's answer (interpretStrategicMergePatchError). */
export function patchFailure(error: PatchError): PatchFailure {
  if (error.code === 400) return badRequest(error.message);
  if (error.code === 422) return unprocessable(error.message);
  return {
    ok: false,
    status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: error.message, code: 500 },
    detail: error.message,
  };
}

/**
 * Applies a strategic merge patch to a live object of kind `gvk` (neither input is changed).
 * Unknown kinds (custom resources) get the 415 the API server sends.
 */
export function applyStrategicMergePatch(original: JsonObject, patch: unknown, gvk: GroupKind): StrategicMergeResult {
  if (!isBuiltinKind(gvk)) return unsupportedPatchType(customResourcePatchTypes);
  if (patch === null || patch === undefined) return { ok: true, value: structuredClone(original) };
  if (!isObject(patch)) {
    const what = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    return badRequest(`json: cannot unmarshal ${what} into Go value of type map[string]interface {}`);
  }
  try {
    const merged = mergeMap(structuredClone(original), structuredClone(patch as JsonObject), rootGoType(gvk),
      { mergeParallelList: true, ignoreUnmatchedNulls: true });
    return { ok: true, value: stripDirectives(merged) as JsonObject };
  } catch (error) {
    if (error instanceof PatchError) return patchFailure(error);
    throw error;
  }
}

