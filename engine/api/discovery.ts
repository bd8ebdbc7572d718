/**
 * Discovery documents built from the registry: legacy (`APIVersions`, `APIGroupList`,
 * `APIResourceList`) and aggregated (`APIGroupDiscoveryList`, v2 and v2beta1). kubectl picks the
 * aggregated form by the exact `v=` it asks for, and client-go chooses its parser by the
 * response Content-Type, so both must match.
 */
import type { Registry, ResourceInfo } from './registry.ts';
import { groupVersion } from './registry.ts';

/** The version the API server reports at `/version` (kind's v1.32 node image). */
export const serverVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.2',
  gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f',
  gitTreeState: 'clean',
  buildDate: '2025-02-12T21:19:47Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

interface SubresourceShape {
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

/** What each subresource answers with and which verbs it takes. */
function subresourceShape(info: ResourceInfo, name: string): SubresourceShape {
  const same = { kind: info.kind };
  switch (name) {
    case 'status': return { ...same, verbs: ['get', 'patch', 'update'] };
    case 'scale': return { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };
    case 'log': return { kind: 'Pod', verbs: ['get'] };
    case 'exec': return { kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach': return { kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward': return { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'binding': return { kind: 'Binding', verbs: ['create'] };
    case 'eviction': return { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] };
    case 'ephemeralcontainers': return { ...same, verbs: ['get', 'patch', 'update'] };
    case 'proxy': return { kind: `${info.kind}ProxyOptions`, verbs: ['create', 'delete', 'get', 'patch', 'update'] };
    case 'finalize': return { ...same, verbs: ['update'] };
    case 'approval': return { ...same, verbs: ['get', 'patch', 'update'] };
    case 'token': return { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] };
    default: return { ...same, verbs: ['get'] };
  }
}

/** Groups in discovery order, each with its versions, preferred first. */
function groups(registry: Registry): { name: string; versions: string[] }[] {
  const out: { name: string; versions: string[] }[] = [];
  for (const info of registry.all()) {
    let entry = out.find((g) => g.name === info.group);
    if (!entry) out.push((entry = { name: info.group, versions: [] }));
    if (!entry.versions.includes(info.version)) entry.versions.push(info.version);
  }
  return out;
}

export function apiVersions(): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }],
  };
}

export function apiGroupList(registry: Registry): unknown {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups(registry).filter((g) => g.name !== '').map(apiGroup),
  };
}

function apiGroup(group: { name: string; versions: string[] }): unknown {
  const versions = group.versions.map((version) => ({ groupVersion: `${group.name}/${version}`, version }));
  return { name: group.name, versions, preferredVersion: versions[0] };
}

/** `/apis/GROUP`: one APIGroup, or undefined when the group is not served. */
export function apiGroupDocument(registry: Registry, name: string): unknown {
  const group = groups(registry).find((g) => g.name === name);
  return group && { kind: 'APIGroup', apiVersion: 'v1', ...(apiGroup(group) as object) };
}

/** `/api/v1`, `/apis/GROUP/VERSION`: the resources of one group version, or undefined. */
export function apiResourceList(registry: Registry, group: string, version: string): unknown {
  const infos = registry.all().filter((r) => r.group === group && r.version === version);
  if (!infos.length) return undefined;
  const resources: unknown[] = [];
  for (const info of infos) {
    const entry: Record<string, unknown> = {
      name: info.resource,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: info.verbs,
    };
    if (info.shortNames) entry.shortNames = info.shortNames;
    if (info.categories) entry.categories = info.categories;
    resources.push(entry);
    for (const sub of info.subresources ?? []) {
      const shape = subresourceShape(info, sub);
      const subEntry: Record<string, unknown> = { name: `${info.resource}/${sub}`, singularName: '', namespaced: info.namespaced };
      if (shape.group !== undefined) subEntry.group = shape.group;
      if (shape.version !== undefined) subEntry.version = shape.version;
      subEntry.kind = shape.kind;
      subEntry.verbs = shape.verbs;
      resources.push(subEntry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources };
}

/** The aggregated discovery version the Accept header asks for: 'v2', 'v2beta1' or undefined for legacy. */
export function aggregatedVersion(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    if (!/g=apidiscovery\.k8s\.io/.test(part) || !/as=APIGroupDiscoveryList/.test(part)) continue;
    const version = /;\s*v=(v2beta1|v2)\b/.exec(part)?.[1];
    if (version === 'v2' || version === 'v2beta1') return version;
  }
  return undefined;
}

/** `/api` (core only) or `/apis` (every other group) as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(registry: Registry, core: boolean, version: 'v2' | 'v2beta1'): unknown {
  const items = groups(registry)
    .filter((g) => (g.name === '') === core)
    .map((g) => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: registry.all().filter((r) => r.group === g.name && r.version === v).map(discoveryResource),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

function discoveryResource(info: ResourceInfo): unknown {
  const entry: Record<string, unknown> = {
    resource: info.resource,
    responseKind: { group: info.group, version: info.version, kind: info.kind },
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singular,
    verbs: info.verbs,
  };
  if (info.shortNames) entry.shortNames = info.shortNames;
  if (info.categories) entry.categories = info.categories;
  if (info.subresources?.length) {
    entry.subresources = info.subresources.map((sub) => {
      const shape = subresourceShape(info, sub);
      return {
        subresource: sub,
        responseKind: { group: shape.group ?? info.group, version: shape.version ?? info.version, kind: shape.kind },
        verbs: shape.verbs,
      };
    });
  }
  return entry;
}

/** The Content-Type of an aggregated discovery answer. */
export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
