/**
 * The four walks structured-merge-diff makes over typed values (sigs.k8s.io/structured-merge-diff
 * typed/): the set of fields an object sets (`ToFieldSet`), what changed between two objects
 * (`Compare`), merging an applied configuration into a live object (`Merge`), and taking fields
 * out (`RemoveItems`). Objects are plain JSON; the schema says which lists and maps are atomic.
 */
import { commonShape, fieldElement, indexItems, isEmpty } from './compare.ts';
import type { JsonValue, Path, PathElement } from './fieldpath.ts';
import { FieldSet, pathString, serializePathElement } from './fieldpath.ts';
import type { ApplySchema, ListType } from './schema.ts';
import { isObject, listItemElement, TypedError } from './schema.ts';

export { compare } from './compare.ts';
export type { Comparison } from './compare.ts';

/**
 * The fields an object sets: every leaf, every list item (`.` in FieldsV1), and empty or null
 * values. Atomic lists, maps and structs count as one leaf. `allowDuplicates: false` rejects a
 * list-map item given twice, as the apply patch is checked.
 */
export function toFieldSet(object: JsonValue, schema: ApplySchema, allowDuplicates = true): FieldSet {
  const set = new FieldSet();
  // The walk pushes and pops one path (and its field names, list items skipped) instead of copying.
  const path: Path = [];
  const names: string[] = [];
  const walk = (v: JsonValue): void => {
    if (Array.isArray(v)) {
      const list = schema.listType(names);
      if (list.type === 'atomic') return set.insert(path);
      const { order, byKey } = indexItems(list, v, path);
      if (!allowDuplicates) {
        const twice = order.find((pe) => byKey.get(serializePathElement(pe))!.length > 1);
        if (twice) throw new TypedError(path, `duplicate entries for key ${pathString([twice])}`);
      }
      for (const pe of order) {
        path.push(pe);
        for (const item of byKey.get(serializePathElement(pe))!) walk(item);
        set.insert(path);
        path.pop();
      }
      return;
    }
    if (isObject(v)) {
      if (path.length > 0 && schema.isAtomic(names)) return set.insert(path);
      for (const k in v) {
        const child = v[k];
        path.push(fieldElement(k));
        names.push(k);
        walk(child);
        if (child === null || (isObject(child) && isEmpty(child))) set.insert(path);
        path.pop();
        names.pop();
      }
      return;
    }
    set.insert(path);
  };
  walk(object);
  return set;
}

/**
 * Merge an applied configuration into a live object: maps and structs key by key, atomic values
 * replaced, set and map lists item by item. Items keep the live order, with the configuration's
 * new items placed where the configuration puts them relative to the shared ones.
 */
export function merge(lhs: JsonValue, rhs: JsonValue, schema: ApplySchema): JsonValue {
  const walk = (l: JsonValue | undefined, r: JsonValue | undefined, path: Path, names: string[]): JsonValue | undefined => {
    const leaf = (): JsonValue | undefined => (r !== undefined ? r : l);
    const shape = commonShape(l, r);
    const bothEmpty = isEmpty(l) && isEmpty(r);
    if (shape === 'list') {
      const list = schema.listType(names);
      if (list.type === 'atomic' || bothEmpty) return leaf();
      return mergeItems(list, Array.isArray(l) ? l : [], Array.isArray(r) ? r : [], path, names);
    }
    if (shape === 'map') {
      if ((path.length > 0 && schema.isAtomic(names)) || bothEmpty) return leaf();
      const lm = isObject(l) ? l : {};
      const rm = isObject(r) ? r : {};
      const out: { [key: string]: JsonValue } = {};
      for (const k of new Set([...Object.keys(lm), ...Object.keys(rm)])) {
        const v = walk(lm[k], rm[k], [...path, { field: k }], [...names, k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    return leaf();
  };
  const mergeItems = (list: ListType, l: JsonValue[], r: JsonValue[], path: Path, names: string[]): JsonValue[] | undefined => {
    const left = indexItems(list, l, path);
    const right = indexItems(list, r, path);
    const lhsPEs = l.map((item) => listItemElement(list, item));
    const rhsPEs = right.order;
    const key = serializePathElement;
    const shared = rhsPEs.filter((pe) => left.byKey.has(key(pe))).map(key);
    let nextShared = shared.shift();
    const mergedRHS = new Set<string>();
    const out: JsonValue[] = [];
    const push = (lChild: JsonValue | undefined, rChild: JsonValue | undefined, pe: PathElement): void => {
      const v = walk(lChild, rChild, [...path, pe], names);
      if (v !== undefined) out.push(v);
    };
    for (let lI = 0, rI = 0; lI < lhsPEs.length || rI < rhsPEs.length; ) {
      if (lI < lhsPEs.length && rI < rhsPEs.length) {
        const pe = lhsPEs[lI];
        if (key(pe) === key(rhsPEs[rI])) {
          mergedRHS.add(key(pe));
          push(left.byKey.get(key(pe))![0], right.byKey.get(key(pe))![0], pe);
          lI++;
          rI++;
          nextShared = shared.shift();
          continue;
        }
        // A shared item the configuration places later: skip it here, it is merged in its new place.
        if (right.byKey.has(key(pe)) && nextShared !== undefined && nextShared !== key(pe)) {
          lI++;
          continue;
        }
      }
      if (lI < lhsPEs.length) {
        const pe = lhsPEs[lI];
        if (!right.byKey.has(key(pe))) {
          push(l[lI], undefined, pe);
          lI++;
          continue;
        } else if (mergedRHS.has(key(pe))) lI++;
      }
      if (rI < rhsPEs.length) {
        const pe = rhsPEs[rI];
        mergedRHS.add(key(pe));
        push(left.byKey.get(key(pe))?.[0], right.byKey.get(key(pe))![0], pe);
        rI++;
        if (nextShared === key(pe)) nextShared = shared.shift();
      }
    }
    return out.length > 0 ? out : undefined;
  };
  return walk(lhs, rhs, [], []) ?? null;
}

/**
 * Remove the given paths from an object (`RemoveItems`): a path removes the field or list item
 * with everything below it. A map or list left with nothing becomes null, as in Go.
 */
export function removeItems(object: JsonValue, toRemove: FieldSet, schema: ApplySchema): JsonValue {
  const walk = (v: JsonValue, set: FieldSet, names: string[]): JsonValue => {
    if (Array.isArray(v)) {
      const list = schema.listType(names);
      if (v.length === 0 || list.type === 'atomic') return v;
      const items: JsonValue[] = [];
      for (const item of v) {
        let pe: PathElement;
        try {
          pe = listItemElement(list, item);
        } catch {
          items.push(item);
          continue;
        }
        if (set.has([pe])) continue;
        const below = set.withPrefix(pe);
        items.push(below.empty() ? item : walk(item, below, names));
      }
      return items.length > 0 ? items : null;
    }
    if (isObject(v)) {
      if (Object.keys(v).length === 0 || schema.isAtomic(names)) return v;
      const out: { [key: string]: JsonValue } = {};
      for (const [k, child] of Object.entries(v)) {
        const pe = { field: k };
        if (set.has([pe])) continue;
        const below = set.withPrefix(pe);
        out[k] = below.empty() ? child : walk(child, below, [...names, k]);
      }
      return Object.keys(out).length > 0 ? out : null;
    }
    return v;
  };
  return walk(object, toRemove, []);
}
