/**
 * Computing strategic merge patches, as kubectl does on the client side
 * (strategicpatch `CreateTwoWayMergePatch` for `kubectl edit`/`set image`/`patch`, and
 * `CreateThreeWayMergePatch` for client-side `kubectl apply`). Keys come out sorted, as Go's
 * json.Marshal writes them, so a patch serialises to the same bytes real kubectl sends.
 */
import type { Json } from '../types.ts';
import type { GroupKind } from './list-keys.ts';
import { fieldOf, isBuiltinKind, rootGoType } from './list-keys.ts';
import type { JsonObject } from './merge-patch.ts';
import { createMergePatch, createThreeWayMergePatchJson, isObject, jsonEqual, sortKeys } from './merge-patch.ts';
import { mergeMap } from './strategic-merge.ts';
import { goTypeName, goValue } from './go-format.ts';
import {
  compareText, deduplicateScalars, deleteFromPrimitiveListPrefix, directiveMarker, elementKind, noMergeKey,
  normalizeSliceOrder, PatchError, retainKeysDirective, setElementOrderPrefix, sortScalars,
} from './strategic-order.ts';

/** `DiffOptions`: which parts of the difference to keep. */
interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

function strategiesOf(typeName: string | undefined, key: string): { retainKeys: boolean; strategy: string; mergeKey: string; type?: string } {
  const field = fieldOf(typeName, key);
  const strategies = field?.patchStrategy?.split(',') ?? [];
  return {
    retainKeys: strategies.includes('retainKeys'),
    strategy: strategies.find((s) => s !== 'retainKeys') ?? '',
    mergeKey: field?.patchMergeKey ?? '',
    type: field?.type,
  };
}

/** `diffMaps`: the patch that turns `original` into `modified`, within the limits of `options`. */
function diffMaps(original: JsonObject, modified: JsonObject, typeName: string | undefined, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: Json[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === directiveMarker) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw new PatchError(`invalid value for special key: ${directiveMarker}`);
      if (originalValue !== modifiedValue) patch[key] = modifiedValue;
      continue;
    }
    if (goTypeName(originalValue) !== goTypeName(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isObject(originalValue) && isObject(modifiedValue)) {
      diffMapField(key, originalValue, modifiedValue, patch, typeName, options);
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      diffListField(key, originalValue, modifiedValue, patch, typeName, options);
    } else if (!options.ignoreChangesAndAdditions && !jsonEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  // `$retainKeys` goes in when something changed, or when the original has keys to clear.
  const hasExtraKeys = Object.entries(original).some(([k, v]) => v !== null && !Object.hasOwn(modified, k));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasExtraKeys)) patch[retainKeysDirective] = sortScalars(retainKeys);
  return patch;
}

function diffMapField(key: string, original: JsonObject, modified: JsonObject, patch: JsonObject, typeName: string | undefined, options: DiffOptions): void {
  const { retainKeys, strategy, type } = strategiesOf(typeName, key);
  if (strategy === 'replace') {
    if (!options.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const sub = diffMaps(original, modified, type, { ...options, buildRetainKeysDirective: retainKeys });
  if (Object.keys(sub).length > 0) patch[key] = sub;
}

function diffListField(key: string, original: Json[], modified: Json[], patch: JsonObject, typeName: string | undefined, options: DiffOptions): void {
  const { retainKeys, strategy, mergeKey, type } = strategiesOf(typeName, key);
  if (strategy !== 'merge') {
    if (!options.ignoreChangesAndAdditions && !jsonEqual(original, modified)) patch[key] = modified;
    return;
  }
  const [add, remove, order] = diffLists(original, modified, type, mergeKey, { ...options, buildRetainKeysDirective: retainKeys });
  if (add.length > 0) patch[key] = add;
  if (remove.length > 0) patch[`${deleteFromPrimitiveListPrefix}/${key}`] = remove;
  if (order.length > 0) patch[`${setElementOrderPrefix}/${key}`] = order;
}

/** `diffLists`: additions and changes, deletions (scalars only) and the `$setElementOrder` list. */
function diffLists(original: Json[], modified: Json[], elementType: string | undefined, mergeKey: string, options: DiffOptions): [Json[], Json[], Json[]] {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = elementKind(original, modified);
  if (kind === 'map') {
    const [changes, deletions] = diffListsOfMaps(original, modified, elementType, mergeKey, options);
    const patchList = [...normalizeSliceOrder(changes, modified, mergeKey, true), ...deletions];
    const orderSame = original.length === modified.length && modified.every((m, i) => keyValue(original[i], mergeKey) === keyValue(m, mergeKey));
    const wantOrder = options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!options.ignoreDeletions && patchList.length > 0));
    const order = wantOrder ? modified.map((m) => ({ [mergeKey]: keyValue(m, mergeKey) })) : [];
    return [patchList, [], order];
  }
  const [additions, deletions] = diffListsOfScalars(original, modified, options);
  const patchList = normalizeSliceOrder(additions, modified, mergeKey, false);
  const wantOrder = options.setElementOrder &&
    ((!options.ignoreDeletions && deletions.length > 0) || (!options.ignoreChangesAndAdditions && !jsonEqual(original, modified)));
  return [patchList, deletions, wantOrder ? modified : []];
}

function keyValue(item: Json, mergeKey: string): Json {
  if (!isObject(item)) throw new PatchError(`expected a map[string]interface {}, but received a ${goTypeName(item)}`);
  if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
  return item[mergeKey];
}

/** Walks both lists sorted by their `%v` text, like a merge join. */
function diffListsOfScalars(original: Json[], modified: Json[], options: DiffOptions): [Json[], Json[]] {
  const before = sortScalars(original);
  const after = sortScalars(modified);
  const additions: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = i < before.length ? goValue(before[i]) : undefined;
    const b = j < after.length ? goValue(after[j]) : undefined;
    if (a !== undefined && b !== undefined && a === b) {
      i++;
      j++;
    } else if (a === undefined || (b !== undefined && a > b)) {
      if (!options.ignoreChangesAndAdditions) additions.push(after[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push(before[i]);
      i++;
    }
  }
  return [additions, deduplicateScalars(deletions)];
}

/** Pairs items by merge key: changed items as sub-patches, new items whole, removed items as `$patch: delete`. */
function diffListsOfMaps(original: Json[], modified: Json[], elementType: string | undefined, mergeKey: string, options: DiffOptions): [Json[], Json[]] {
  const byKey = (list: Json[]): JsonObject[] =>
    [...list].map((item) => {
      keyValue(item, mergeKey);
      return item as JsonObject;
    }).sort((x, y) => compareText(goValue(x[mergeKey]), goValue(y[mergeKey])));
  const before = byKey(original);
  const after = byKey(modified);
  const changes: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = i < before.length ? goValue(before[i][mergeKey]) : undefined;
    const b = j < after.length ? goValue(after[j][mergeKey]) : undefined;
    if (a !== undefined && b !== undefined && a === b) {
      const sub = diffMaps(before[i], after[j], elementType, options);
      if (Object.keys(sub).length > 0) changes.push({ ...sub, [mergeKey]: after[j][mergeKey] });
      i++;
      j++;
    } else if (a === undefined || (b !== undefined && a > b)) {
      if (!options.ignoreChangesAndAdditions) changes.push(after[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push({ [mergeKey]: before[i][mergeKey], [directiveMarker]: 'delete' });
      i++;
    }
  }
  return [changes, deletions];
}

/** Whether kubectl computes a strategic merge patch for this kind, or falls back to a JSON merge patch. */
export function patchTypeFor(gvk: GroupKind): 'application/strategic-merge-patch+json' | 'application/merge-patch+json' {
  return isBuiltinKind(gvk) ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json';
}

/**
 * `CreateTwoWayMergePatch(original, modified)`: what `kubectl edit`, `set image` and friends send.
 * For custom resources kubectl sends a JSON merge patch instead (see `patchTypeFor`).
 */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, gvk: GroupKind): JsonObject {
  if (!isBuiltinKind(gvk)) return createMergePatch(original, modified);
  return sortKeys(diffMaps(original, modified, rootGoType(gvk), { setElementOrder: true })) as JsonObject;
}

/**
 * `CreateThreeWayMergePatch(original, modified, current)` with overwrite, as client-side
 * `kubectl apply` computes it: `original` is the last-applied configuration, `modified` the new
 * file (with its own last-applied annotation), `current` the live object. Additions and changes
 * come from live → file, deletions from last-applied → file. An empty object means "unchanged".
 */
export function createThreeWayMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject, gvk: GroupKind): JsonObject {
  if (!isBuiltinKind(gvk)) return createThreeWayMergePatchJson(original, modified, current);
  const root = rootGoType(gvk);
  const delta = diffMaps(current, modified, root, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original, modified, root, { ignoreChangesAndAdditions: true, setElementOrder: true });
  const merged = mergeMap(structuredClone(deletions), structuredClone(delta), root, { mergeParallelList: false, ignoreUnmatchedNulls: false });
  return sortKeys(merged) as JsonObject;
}
