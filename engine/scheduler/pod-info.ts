/**
 * Parse a Pod once into the numbers the scheduler needs (framework.NewPodInfo and
 * resource.PodRequests): the effective request is the larger of "all app containers plus
 * sidecars" and "the largest init container plus the sidecars started before it", plus overhead.
 * Example: containers 250m + 250m, init container 1 → the pod requests max(500m, 1000m) = 1 cpu.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { quantityValue } from '../api/defaulting/qos.ts';
import type { PodInfo, Resources } from './types.ts';

/** What the scheduler assumes a container with no cpu request uses when scoring (100m). */
export const defaultMilliCpuRequest = 100;
/** What the scheduler assumes a container with no memory request uses when scoring (200Mi). */
export const defaultMemoryRequest = 200 * 1024 * 1024;

/** Quantity strings repeat across thousands of pods; parse each distinct one once. */
const parsed = new Map<string, number>();

/** The value of a quantity as a number: cpu in millicores, anything else in base units. */
export function quantityAmount(resource: string, quantity: unknown): number {
  const text = String(quantity);
  const cacheKey = resource === 'cpu' ? `cpu:${text}` : text;
  let value = parsed.get(cacheKey);
  if (value === undefined) {
    const raw = quantityValue(quantity);
    value = Number.isFinite(raw) ? (resource === 'cpu' ? Math.ceil(raw * 1000 - 1e-9) : Math.ceil(raw - 1e-9)) : 0;
    if (parsed.size < 10_000) parsed.set(cacheKey, value);
  }
  return value;
}

/** Empty resources. */
export function emptyResources(): Resources {
  return { cpu: 0, memory: 0, ephemeralStorage: 0, scalar: undefined };
}

/** Add a `{cpu: "500m", …}` map to `into`, scaled by `sign` (+1 to add, −1 to remove). */
export function addResourceList(into: Resources, list: Record<string, unknown> | undefined, sign = 1): void {
  if (!list) return;
  for (const name in list) {
    const amount = quantityAmount(name, list[name]) * sign;
    if (name === 'cpu') into.cpu += amount;
    else if (name === 'memory') into.memory += amount;
    else if (name === 'ephemeral-storage') into.ephemeralStorage += amount;
    else if (name !== 'pods') {
      into.scalar ??= new Map();
      into.scalar.set(name, (into.scalar.get(name) ?? 0) + amount);
    }
  }
}

/** `into += other * sign`. */
export function addResources(into: Resources, other: Resources, sign = 1): void {
  into.cpu += other.cpu * sign;
  into.memory += other.memory * sign;
  into.ephemeralStorage += other.ephemeralStorage * sign;
  if (other.scalar) {
    into.scalar ??= new Map();
    for (const [name, amount] of other.scalar) into.scalar.set(name, (into.scalar.get(name) ?? 0) + amount * sign);
  }
}

function maxInto(into: Resources, other: Resources): void {
  into.cpu = Math.max(into.cpu, other.cpu);
  into.memory = Math.max(into.memory, other.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, other.ephemeralStorage);
  if (other.scalar) {
    into.scalar ??= new Map();
    for (const [name, amount] of other.scalar) into.scalar.set(name, Math.max(into.scalar.get(name) ?? 0, amount));
  }
}

function containerRequests(container: Container, nonZero: boolean): Resources {
  const r = emptyResources();
  const requests = container.resources?.requests as Record<string, unknown> | undefined;
  addResourceList(r, requests);
  if (nonZero) {
    if (requests?.cpu === undefined) r.cpu = defaultMilliCpuRequest;
    if (requests?.memory === undefined) r.memory = defaultMemoryRequest;
  }
  return r;
}

/** The pod's effective requests (resource.PodRequests); `nonZero` applies the scoring defaults. */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec;
  const total = emptyResources();
  if (!spec) return total;
  for (const c of spec.containers ?? []) addResources(total, containerRequests(c, nonZero));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addResources(sidecars, r);
    } else {
      addResources(r, sidecars);
      maxInto(initMax, r);
    }
  }
  addResources(total, sidecars);
  maxInto(total, initMax);
  addResourceList(total, spec.overhead as Record<string, unknown> | undefined);
  return total;
}

/** Parse a pod object (from the informer, never changed) into a PodInfo. */
export function newPodInfo(object: KubeObject): PodInfo {
  const pod = object as unknown as Pod;
  const spec = pod.spec ?? { containers: [] };
  const meta = pod.metadata ?? {};
  const namespace = meta.namespace ?? 'default';
  const name = meta.name ?? '';
  const nonZero = podRequests(pod, true);
  const created = meta.creationTimestamp ? Date.parse(meta.creationTimestamp) : 0;
  return {
    pod,
    uid: meta.uid ?? `${namespace}/${name}`,
    namespace,
    name,
    key: `${namespace}/${name}`,
    labels: meta.labels ?? {},
    requests: podRequests(pod),
    nonZeroCpu: nonZero.cpu,
    nonZeroMemory: nonZero.memory,
    priority: spec.priority ?? 0,
    tolerations: spec.tolerations ?? [],
    terminating: Boolean(meta.deletionTimestamp),
    nodeName: spec.nodeName ?? '',
    hasRequiredAntiAffinity: (spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
    created: Number.isFinite(created) ? created : 0,
  };
}
