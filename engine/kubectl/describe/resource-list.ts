/**
 * Resource lists (`{cpu: 250m, memory: 64Mi}`) as describe.go handles them: quantities printed with
 * `Quantity.String()`, names sorted, and the sums and maxima of kubectl's resource helper
 * (`PodRequestsAndLimits`) with Go's `Quantity.Add` rules.
 */
import { compareQuantities, parseQuantity, quantityString, type Quantity } from '../../api/validation/quantity.ts';
import { arr, obj, sortStrings, str, type Obj } from './format.ts';

/** Parsed quantities by resource name. */
export type ResourceList = Map<string, Quantity>;

const zero: Quantity = { nanos: 0n, format: 'DecimalSI' };

/** A quantity read from JSON (zero when absent or malformed, as a zero-value Go Quantity). */
export function toQuantity(value: unknown): Quantity {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string' || value === '') return zero;
  try {
    return parseQuantity(value.trim());
  } catch {
    return zero;
  }
}

/** `Quantity.String()` of a JSON value: `1000m` → `1`, absent → `0`. */
export function quantityText(value: unknown): string {
  return quantityString(toQuantity(value));
}

/** A JSON resource list parsed. */
export function resourceList(value: unknown): ResourceList {
  return new Map(Object.entries(obj(value)).map(([name, quantity]) => [name, toQuantity(quantity)]));
}

/** The names of a resource list in `SortableResourceNames` order (plain string order). */
export function sortedNames(list: ResourceList | Obj): string[] {
  return sortStrings(list instanceof Map ? [...list.keys()] : Object.keys(list));
}

/**
 * `Quantity.Add`: the sum; a zero left operand takes the right one's format, and the cached string
 * is dropped so the sum prints canonically.
 */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** `addResourceList`: add each quantity of `add` into `list` (a copy when the name is new). */
export function addResourceList(list: ResourceList, add: ResourceList): void {
  for (const [name, quantity] of add) {
    const existing = list.get(name);
    list.set(name, existing ? addQuantity(existing, quantity) : quantity);
  }
}

/** `maxResourceList`: keep the larger quantity of each name. */
export function maxResourceList(list: ResourceList, other: ResourceList): void {
  for (const [name, quantity] of other) {
    const existing = list.get(name);
    if (!existing || compareQuantities(quantity, existing) > 0) list.set(name, quantity);
  }
}

/** The helper's `max(a, b)`: per name the larger, ties going to `b`. */
function maxOf(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = new Map();
  for (const [name, value] of a) {
    const other = b.get(name);
    result.set(name, other && compareQuantities(value, other) <= 0 ? other : value);
  }
  for (const [name, value] of b) if (!result.has(name)) result.set(name, value);
  return result;
}

function isRestartableInit(container: Obj): boolean {
  return container.restartPolicy === 'Always';
}

/**
 * `podRequests` of kubectl's resource helper: containers summed (with the larger of spec and
 * status while a resize is in progress), init containers as the maximum of each step (sidecars
 * accumulate), then the pod overhead.
 */
export function podRequests(pod: Obj): ResourceList {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const statuses = new Map(arr(status.containerStatuses).map((s) => [str(s.name), s]));
  const requests: ResourceList = new Map();
  for (const container of arr(spec.containers)) {
    let containerRequests = resourceList(obj(container.resources).requests);
    const containerStatus = statuses.get(str(container.name));
    if (containerStatus?.resources) {
      const actual = resourceList(obj(containerStatus.resources).requests);
      containerRequests = status.resize === 'Infeasible' ? actual : maxOf(containerRequests, actual);
    }
    addResourceList(requests, containerRequests);
  }
  accumulateInit(spec, requests, 'requests');
  if (spec.overhead) addResourceList(requests, resourceList(spec.overhead));
  return requests;
}

/** `podLimits`: like the requests, with overhead added only to limits that are set and non-zero. */
export function podLimits(pod: Obj): ResourceList {
  const spec = obj(pod.spec);
  const limits: ResourceList = new Map();
  for (const container of arr(spec.containers)) addResourceList(limits, resourceList(obj(container.resources).limits));
  accumulateInit(spec, limits, 'limits');
  if (spec.overhead) {
    for (const [name, quantity] of resourceList(spec.overhead)) {
      const existing = limits.get(name);
      if (existing && existing.nanos !== 0n) limits.set(name, addQuantity(existing, quantity));
    }
  }
  return limits;
}

function accumulateInit(spec: Obj, total: ResourceList, field: 'requests' | 'limits'): void {
  const restartable: ResourceList = new Map();
  const init: ResourceList = new Map();
  for (const container of arr(spec.initContainers)) {
    let step = resourceList(obj(container.resources)[field]);
    if (isRestartableInit(container)) {
      addResourceList(total, step);
      addResourceList(restartable, step);
      step = new Map(restartable);
    } else {
      const combined: ResourceList = new Map();
      addResourceList(combined, step);
      addResourceList(combined, restartable);
      step = combined;
    }
    maxResourceList(init, step);
  }
  maxResourceList(total, init);
}

/** `list[name]` or Go's zero Quantity (which prints `0`). */
export function quantityOf(list: ResourceList, name: string): Quantity {
  return list.get(name) ?? zero;
}

/** Go's `int64(f)` on amd64: truncation, and the minimum int64 for NaN and infinities. */
export function goInt64(value: number): string {
  return Number.isFinite(value) ? String(Math.trunc(value)) : '-9223372036854775808';
}
