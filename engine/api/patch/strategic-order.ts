/**
 * The ordering rules of strategic merge patch for merged lists (apimachinery strategicpatch
 * `normalizeElementOrder`, `mergeSortedSlice`). They decide, for instance, that a container added
 * by a patch without `$setElementOrder` lands in front of the existing ones, and that with
 * `$setElementOrder` the patch's order wins and server-only items keep their live positions.
 */
import type { Json } from '../types.ts';
import { isObject } from './merge-patch.ts';
import { goValue } from './go-format.ts';

/** An error that the API server reports as 500 with the text as message (a plain Go error). */
export class PatchError extends Error {
  /** 400 for malformed directives, 422 for lists of lists, 500 otherwise (see interpretStrategicMergePatchError). */
  constructor(message: string, readonly code: 400 | 422 | 500 = 500) {
    super(message);
  }
}

export const directiveMarker = '$patch';
export const retainKeysDirective = '$retainKeys';
export const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';
export const setElementOrderPrefix = '$setElementOrder';

/** `mergepatch.ErrNoMergeKey`. */
export function noMergeKey(map: Json, mergeKey: string): PatchError {
  return new PatchError(`map: ${goValue(map)} does not contain declared merge key: ${mergeKey}`);
}

/** The value an item is identified by: its merge key for maps, itself for scalars. */
function identity(item: Json, mergeKey: string, maps: boolean): Json | undefined {
  if (!maps) return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

/** `index`: position of an item in a list, compared by merge key (or value); Go's == on interfaces. */
export function indexOf(list: readonly Json[], item: Json, mergeKey: string, maps: boolean): number {
  const wanted = identity(item, mergeKey, maps);
  return list.findIndex((v) => identity(v, mergeKey, maps) === wanted);
}

/** Whether any item of a list is a `{"$patch": "delete"}` entry. */
function isDeleteDirective(item: Json): boolean {
  return isObject(item) && item[directiveMarker] === 'delete';
}

/**
 * `normalizeSliceOrder`: sorts `toSort` by position in `order` with Go's sort.SliceStable and the
 * same lenient comparison (an item missing from `order` compares "less"), delete directives last.
 */
export function normalizeSliceOrder(toSort: Json[], order: readonly Json[], mergeKey: string, maps: boolean): Json[] {
  let items = toSort;
  let deletes: Json[] = [];
  if (maps) {
    for (const item of [...toSort, ...order]) {
      if (!isObject(item)) throw new PatchError(`expected a map[string]interface {}, but received a ${typeof item}`);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
    items = toSort.filter((v) => !isDeleteDirective(v));
    deletes = toSort.filter(isDeleteDirective);
  }
  const less = (a: Json, b: Json): boolean => {
    const ia = indexOf(order, a, mergeKey, maps);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, maps);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  // Go's stable sort is an insertion sort for lists of up to 20 items; the comparison is not a
  // strict order, so only the same algorithm gives the same result.
  const sorted = [...items];
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0 && less(sorted[j], sorted[j - 1]); j--) {
      [sorted[j], sorted[j - 1]] = [sorted[j - 1], sorted[j]];
    }
  }
  return [...sorted, ...deletes];
}

/**
 * `mergeSortedSlice`: interleaves server-only items (`left`) into patch items (`right`): a
 * server-only item goes first only when both it and the next patch item appear in the live order
 * and it comes earlier there.
 */
function mergeSortedSlice(left: Json[], right: Json[], serverOrder: readonly Json[], mergeKey: string, maps: boolean): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, maps);
      const ri = indexOf(serverOrder, right[j], mergeKey, maps);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** `normalizeElementOrder`: patch items in patch order, server-only items in live order, interleaved. */
export function normalizeElementOrder(
  patchItems: Json[], serverOnly: Json[], patchOrder: readonly Json[], serverOrder: readonly Json[], mergeKey: string, maps: boolean,
): Json[] {
  const patchSorted = normalizeSliceOrder(patchItems, patchOrder, mergeKey, maps);
  const serverSorted = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, maps);
  return mergeSortedSlice(serverSorted, patchSorted, serverOrder, mergeKey, maps);
}

/** Splits `list` into items present in `by` (by merge key, or value) and the rest. */
export function partitionByPresence(list: readonly Json[], by: readonly Json[], mergeKey: string, maps: boolean): [Json[], Json[]] {
  const present: Json[] = [];
  const absent: Json[] = [];
  for (const item of list) {
    if (maps) {
      if (!isObject(item)) throw new PatchError(`expected a map[string]interface {}, but received a ${typeof item}`);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
      for (const [k, v] of by.entries()) if (!isObject(v)) throw new PatchError(`value for key ${k} is not a map`);
    }
    (indexOf(by, item, mergeKey, maps) >= 0 ? present : absent).push(item);
  }
  return [present, absent];
}

/** Go's "clever" de-duplication: a duplicate is replaced by the last element, so order can change. */
export function deduplicateScalars(values: Json[]): Json[] {
  const s = [...values];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** `sortScalars`: by their `%v` text. */
export function sortScalars(values: Json[]): Json[] {
  return [...values].sort((a, b) => compareText(goValue(a), goValue(b)));
}

/** Bytewise string comparison (Go's `<` on strings). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What kind of items a list holds, as `sliceElementType` decides ('map', 'scalar'), or undefined when empty. */
export function elementKind(...lists: readonly Json[][]): 'map' | 'scalar' | undefined {
  let kind: 'map' | 'scalar' | 'list' | undefined;
  let sample: Json | undefined;
  for (const list of lists) {
    for (const item of list) {
      const itemKind = Array.isArray(item) ? 'list' : isObject(item) ? 'map' : 'scalar';
      if (kind === undefined) {
        if (itemKind === 'list') throw new PatchError('lists of lists are not supported', 422);
        kind = itemKind;
        sample = item;
      } else if (kind !== itemKind || (kind === 'scalar' && typeof sample !== typeof item)) {
        throw new PatchError(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  return kind === 'list' ? undefined : kind;
}
