/**
 * What completion reads from the cluster, through the API like kubectl's `__complete` does:
 * resource types from discovery, object names of one type in a namespace, namespaces, and a pod's
 * container names. A failed request gives no candidates rather than an error.
 */
import type { ApiClient } from '../client/api-client.ts';
import { getJson } from '../client/api-client.ts';
import { collectionPath } from '../client/builder.ts';
import { discoverResources, type ApiResource } from '../client/discovery.ts';
import { RestMapper } from '../client/rest-mapper.ts';

type Named = { metadata?: { name?: string } };

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function resources(api: ApiClient): ApiResource[] {
  return safely(() => discoverResources(api).resources, []);
}

/**
 * The resource types `kubectl get` completes: listable resources of each group's preferred
 * version, core ones by plural (`pods`), the others as `plural.group` (`deployments.apps`), core
 * first, then by group and name.
 */
export function resourceTypes(api: ApiClient): string[] {
  const seen = new Set<string>();
  const listable = resources(api).filter((r) => r.preferred && !r.resource.includes('/') && r.verbs.includes('list'));
  const sorted = [...listable].sort((a, b) => (a.group === b.group ? cmp(a.resource, b.resource) : !a.group ? -1 : !b.group ? 1 : cmp(a.group, b.group)));
  return sorted.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource)).filter((name) => !seen.has(name) && !!seen.add(name));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The names of the objects of `type` (any form kubectl accepts: `po`, `deploy`, `deployments.apps`) in `namespace` (all namespaces when undefined). */
export function objectNames(api: ApiClient, type: string, namespace: string | undefined): string[] {
  return safely(() => {
    const mapping = new RestMapper(resources(api)).mappingFor(type);
    const list = getJson(api, collectionPath(mapping, namespace)) as { items?: Named[] };
    return (list.items ?? []).map((item) => item.metadata?.name ?? '').filter(Boolean);
  }, []);
}

/** The container names of a pod: init containers, containers, then ephemeral containers. */
export function containerNames(api: ApiClient, pod: string, namespace: string): string[] {
  return safely(() => {
    const object = getJson(api, `/api/v1/namespaces/${namespace}/pods/${encodeURIComponent(pod)}`) as { spec?: Record<string, { name?: string }[] | undefined> };
    return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((key) => (object.spec?.[key] ?? []).map((c) => c.name ?? '')).filter(Boolean);
  }, []);
}
