/**
 * Indexes that keep the endpoint controllers linear: pods by namespace and label (a Service sync
 * reads only the pods its selector names) and Services by namespace and selector pair (a pod event
 * syncs only the Services that select it). One index per shared informer, built once and shared
 * by the EndpointSlice and Endpoints controllers through `podIndexFor` / `serviceIndexFor`.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';

/** `spec.selector` of a Service: `undefined` (no selector, matches nothing) or a map (`{}` matches all). */
export function serviceSelector(service: KubeObject): Record<string, string> | undefined {
  const selector = (service.spec as { selector?: Record<string, string> | null } | undefined)?.selector;
  return selector ?? undefined;
}

/** Whether every pair of `selector` is among `labels` (`labels.Set(selector).AsSelector().Matches`). */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const key in selector) if (labels?.[key] !== selector[key]) return false;
  return true;
}

function pair(key: string, value: string): string {
  return `${key}=${value}`;
}

/** Add to a two-level map of sets, creating buckets as needed. */
function addTo<V>(map: Map<string, Map<string, Map<string, V>>>, outer: string, inner: string, key: string, value: V): void {
  let byInner = map.get(outer);
  if (!byInner) map.set(outer, (byInner = new Map()));
  let bucket = byInner.get(inner);
  if (!bucket) byInner.set(inner, (bucket = new Map()));
  bucket.set(key, value);
}

function removeFrom<V>(map: Map<string, Map<string, Map<string, V>>>, outer: string, inner: string, key: string): void {
  const byInner = map.get(outer);
  const bucket = byInner?.get(inner);
  if (!bucket) return;
  bucket.delete(key);
  if (bucket.size === 0) byInner!.delete(inner);
  if (byInner!.size === 0) map.delete(outer);
}

/** Pods by namespace, and by namespace and `key=value` label pair. */
export class PodIndex {
  private byNamespace = new Map<string, Map<string, KubeObject>>();
  private byLabel = new Map<string, Map<string, Map<string, KubeObject>>>();

  /** Record the newest version of a pod. A pod keeps its place in the order when it changes. */
  upsert(old: KubeObject | undefined, pod: KubeObject): void {
    const namespace = pod.metadata.namespace ?? '';
    const key = keyOf(pod);
    const labels = pod.metadata.labels ?? {};
    if (old) {
      for (const [label, value] of Object.entries(old.metadata.labels ?? {})) {
        if (labels[label] !== value) removeFrom(this.byLabel, namespace, pair(label, value), key);
      }
    }
    let pods = this.byNamespace.get(namespace);
    if (!pods) this.byNamespace.set(namespace, (pods = new Map()));
    pods.set(key, pod);
    for (const [label, value] of Object.entries(labels)) addTo(this.byLabel, namespace, pair(label, value), key, pod);
  }

  remove(pod: KubeObject): void {
    const namespace = pod.metadata.namespace ?? '';
    const key = keyOf(pod);
    this.byNamespace.get(namespace)?.delete(key);
    for (const [label, value] of Object.entries(pod.metadata.labels ?? {})) removeFrom(this.byLabel, namespace, pair(label, value), key);
  }

  /**
   * Pods of `namespace` matching `selector`, read from the smallest label bucket the selector
   * names, in the order the pods were first seen.
   */
  select(namespace: string, selector: Record<string, string>): KubeObject[] {
    let smallest: Map<string, KubeObject> | undefined = this.byNamespace.get(namespace);
    const labels = this.byLabel.get(namespace);
    for (const [key, value] of Object.entries(selector)) {
      const bucket = labels?.get(pair(key, value));
      if (!bucket) return [];
      if (!smallest || bucket.size < smallest.size) smallest = bucket;
    }
    if (!smallest) return [];
    const pods: KubeObject[] = [];
    for (const pod of smallest.values()) if (selectorMatches(selector, pod.metadata.labels)) pods.push(pod);
    return pods;
  }
}

/** Services with a selector, by namespace and selector pair (`{}` selectors kept apart: they match every pod). */
export class ServiceIndex {
  private byPair = new Map<string, Map<string, Map<string, KubeObject>>>();
  private matchAll = new Map<string, Map<string, KubeObject>>();

  upsert(old: KubeObject | undefined, service: KubeObject): void {
    if (old) this.remove(old);
    const selector = serviceSelector(service);
    if (!selector) return;
    const namespace = service.metadata.namespace ?? '';
    const key = keyOf(service);
    const pairs = Object.entries(selector);
    if (pairs.length === 0) {
      let all = this.matchAll.get(namespace);
      if (!all) this.matchAll.set(namespace, (all = new Map()));
      all.set(key, service);
      return;
    }
    for (const [label, value] of pairs) addTo(this.byPair, namespace, pair(label, value), key, service);
  }

  remove(service: KubeObject): void {
    const selector = serviceSelector(service);
    if (!selector) return;
    const namespace = service.metadata.namespace ?? '';
    const key = keyOf(service);
    this.matchAll.get(namespace)?.delete(key);
    for (const [label, value] of Object.entries(selector)) removeFrom(this.byPair, namespace, pair(label, value), key);
  }

  /** Keys of the Services in `namespace` whose selector matches `labels` (`GetPodServiceMemberships`). */
  servicesFor(namespace: string, labels: Record<string, string> | undefined): Set<string> {
    const keys = new Set<string>(this.matchAll.get(namespace)?.keys() ?? []);
    const byPair = this.byPair.get(namespace);
    if (!byPair) return keys;
    for (const [label, value] of Object.entries(labels ?? {})) {
      for (const [key, service] of byPair.get(pair(label, value)) ?? []) {
        if (!keys.has(key) && selectorMatches(serviceSelector(service)!, labels)) keys.add(key);
      }
    }
    return keys;
  }
}

const podIndexes = new WeakMap<Informer, PodIndex>();
const serviceIndexes = new WeakMap<Informer, ServiceIndex>();

/** The PodIndex kept up to date from this pod informer (created on first use). */
export function podIndexFor(pods: Informer): PodIndex {
  let index = podIndexes.get(pods);
  if (!index) {
    const created = (index = new PodIndex());
    podIndexes.set(pods, created);
    pods.addHandler({ onAdd: (pod) => created.upsert(undefined, pod), onUpdate: (old, pod) => created.upsert(old, pod), onDelete: (pod) => created.remove(pod) });
  }
  return index;
}

/** The ServiceIndex kept up to date from this Service informer (created on first use). */
export function serviceIndexFor(services: Informer): ServiceIndex {
  let index = serviceIndexes.get(services);
  if (!index) {
    const created = (index = new ServiceIndex());
    serviceIndexes.set(services, created);
    services.addHandler({ onAdd: (svc) => created.upsert(undefined, svc), onUpdate: (old, svc) => created.upsert(old, svc), onDelete: (svc) => created.remove(svc) });
  }
  return index;
}
