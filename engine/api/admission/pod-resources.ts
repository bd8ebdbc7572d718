/**
 * A pod's total requests or limits, as `PodRequests` / `PodLimits` (k8s.io/component-helpers)
 * compute them for quota and LimitRanger: the app containers' sum, raised to what any init
 * container needs while it runs. A sidecar (an init container with `restartPolicy: Always`) keeps
 * running, so it adds to the sum and to every later init container's need.
 */
import { addLists, parseResourceList, type ResourceList } from './resource-list.ts';

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? value as Json : {});
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? value.map(asObject) : []);

/** Raise each resource of `into` to `list`'s value where that is larger. */
function maxInto(into: ResourceList, list: ResourceList): void {
  for (const [name, quantity] of list) if (!into.has(name) || quantity.nanos > into.get(name)!.nanos) into.set(name, quantity);
}

/**
 * Example: containers requesting 100m and 200m cpu, an init container 500m → 500m; with a 50m
 * sidecar before that init container → 350m (sum) vs 550m (init + sidecar) → 550m.
 * `overhead` adds `spec.overhead` (quota does; LimitRanger's simplified copy does not), to every
 * request but only to the limits the pod sets.
 */
export function podResourceTotal(spec: Json, field: 'requests' | 'limits', overhead: boolean): ResourceList {
  const listOf = (container: Json) => parseResourceList(asObject(asObject(container.resources)[field]));
  let total: ResourceList = new Map();
  for (const container of asArray(spec.containers)) total = addLists(total, listOf(container));
  let sidecars: ResourceList = new Map();
  const initNeed: ResourceList = new Map();
  for (const container of asArray(spec.initContainers)) {
    if (container.restartPolicy === 'Always') {
      total = addLists(total, listOf(container));
      sidecars = addLists(sidecars, listOf(container));
      maxInto(initNeed, sidecars);
    } else {
      maxInto(initNeed, addLists(listOf(container), sidecars));
    }
  }
  maxInto(total, initNeed);
  const extra = overhead ? parseResourceList(spec.overhead) : new Map();
  if (extra.size === 0) return total;
  return addLists(total, field === 'requests' ? extra : new Map([...extra].filter(([name]) => total.has(name))));
}
