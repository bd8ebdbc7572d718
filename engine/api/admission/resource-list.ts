/**
 * `ResourceList` arithmetic as quota does it (k8s.io/apiserver/pkg/quota/v1/resources.go): add,
 * subtract, mask, compare, and the `key=value,key=value` form used in quota errors. Quantities
 * keep Go's formatting rule for sums: adding to a zero takes the other operand's format, so
 * `0 + 64Mi` stays `64Mi` while `250m + 250m` stays DecimalSI.
 */
import {
  compareQuantities, newQuantity, quantityFromJSON, quantityString, type Quantity,
} from '../validation/quantity.ts';

/** A resource list: resource name → quantity. */
export type ResourceList = Map<string, Quantity>;

/** Parse a JSON resource list (`{cpu: '500m'}`); entries that do not parse are left out. */
export function parseResourceList(json: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (!json || typeof json !== 'object' || Array.isArray(json)) return out;
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    try {
      out.set(name, quantityFromJSON(value));
    } catch {
      // Validation has already refused malformed quantities; a stored one cannot be charged.
    }
  }
  return out;
}

/** The JSON form of a resource list, each quantity in its canonical string. */
export function toJSONResourceList(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, quantity] of list) out[name] = quantityString(quantity);
  return out;
}

/** `Quantity.Add`: the sum in the first operand's format, or the second's when the first is zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** `Quantity.Sub`, with the same zero rule as Add. */
export function subtractQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** `quota.Add`: every key of either list, summed where both have it. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [name, quantity] of b) {
    const current = out.get(name);
    out.set(name, current ? addQuantity(current, quantity) : quantity);
  }
  return out;
}

/** `quota.SubtractWithNonNegativeResult`: a − b per key of a, never below zero. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, quantity] of a) {
    const other = b.get(name);
    const difference = other ? subtractQuantity(quantity, other) : quantity;
    out.set(name, difference.nanos < 0n ? { nanos: 0n, format: difference.format } : difference);
  }
  return out;
}

/** `quota.Mask`: only the named resources. */
export function maskList(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const name of names) {
    const quantity = list.get(name);
    if (quantity) out.set(name, quantity);
  }
  return out;
}

/** `quota.LessThanOrEqual`: whether a ≤ b for every key of a that b limits, and the keys that are not. */
export function lessThanOrEqual(a: ResourceList, b: ResourceList): { allowed: boolean; exceeded: string[] } {
  const exceeded: string[] = [];
  for (const [name, quantity] of a) {
    const limit = b.get(name);
    if (limit && compareQuantities(quantity, limit) > 0) exceeded.push(name);
  }
  return { allowed: exceeded.length === 0, exceeded };
}

/** `quota.IsZero`: every quantity is zero (an empty list too). */
export function isZeroList(list: ResourceList): boolean {
  for (const quantity of list.values()) if (quantity.nanos !== 0n) return false;
  return true;
}

/** `quota.IsNegative`: the names of negative quantities. */
export function negativeNames(list: ResourceList): string[] {
  return [...list].filter(([, quantity]) => quantity.nanos < 0n).map(([name]) => name);
}

/** `quota.Equals`: same keys, equal quantities. */
export function equalLists(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [name, quantity] of a) {
    const other = b.get(name);
    if (!other || compareQuantities(quantity, other) !== 0) return false;
  }
  return true;
}

/** `prettyPrint`: `pods=1,requests.cpu=500m`, keys sorted by byte order. */
export function prettyPrint(list: ResourceList): string {
  return sortedNames(list.keys()).map((name) => `${name}=${quantityString(list.get(name)!)}`).join(',');
}

/** Names sorted by byte order, as Go's sort.Strings. */
export function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `resource.NewQuantity(n, DecimalSI)`: how quota counts objects. */
export function count(n: number): Quantity {
  return newQuantity(n, 'DecimalSI');
}

/** The zero quantity a tracked but unused resource starts from (`resource.Quantity{Format: DecimalSI}`). */
export const zeroQuantity: Quantity = { nanos: 0n, format: 'DecimalSI' };
