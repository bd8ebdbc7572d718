/**
 * Aggregated discovery (`GET /api` and `/apis` with the apidiscovery.k8s.io/v2 Accept header), read
 * into the flat list of resources that kubectl's RESTMapper, category expander and api-resources use.
 */
import { getJson, type ApiClient } from './api-client.ts';

/** One served resource in one group version. */
export interface ApiResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Whether `version` is the group's preferred (first listed) version. */
  preferred: boolean;
}

/** The Accept header kubectl 1.32 sends for discovery. */
export const discoveryAccept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,'
  + 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

interface DiscoveryResource {
  resource: string;
  responseKind?: { kind?: string };
  scope?: string;
  singularResource?: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
}
interface DiscoveryList {
  items?: { metadata?: { name?: string }; versions?: { version: string; resources?: DiscoveryResource[] }[] }[];
}

/** Everything the server serves, core group first, in discovery order (groups, then versions, then resources). */
export function discoverResources(api: ApiClient): { groupVersions: string[]; resources: ApiResource[] } {
  const resources: ApiResource[] = [];
  const groupVersions: string[] = [];
  for (const path of ['/api', '/apis']) {
    const list = getJson(api, path, undefined, discoveryAccept) as DiscoveryList;
    for (const item of list.items ?? []) {
      const group = item.metadata?.name ?? '';
      (item.versions ?? []).forEach((entry, index) => {
        groupVersions.push(group ? `${group}/${entry.version}` : entry.version);
        for (const r of entry.resources ?? []) {
          resources.push({
            group,
            version: entry.version,
            resource: r.resource,
            kind: r.responseKind?.kind ?? '',
            singular: r.singularResource ?? '',
            namespaced: r.scope === 'Namespaced',
            shortNames: r.shortNames ?? [],
            categories: r.categories ?? [],
            verbs: r.verbs ?? [],
            preferred: index === 0,
          });
        }
      });
    }
  }
  return { groupVersions, resources };
}
