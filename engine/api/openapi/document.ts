/**
 * Assembles the per-group-version OpenAPI v3 document the API server serves at
 * `/openapi/v3/apis/<group>/<version>` (`/openapi/v3/api/v1` for the core group): `paths` for the
 * served resources and `components.schemas` with every type reachable from them. Built-in
 * documents are generated at install time (scripts/openapi); custom resources get theirs here at
 * run time from the CRD's `openAPIV3Schema`.
 */
import type { ResourceInfo } from '../registry.ts';
import type { OpenapiObject } from './parameters.ts';
import { groupVersionPaths } from './paths.ts';
import type { KindSchemaNames } from './paths.ts';

/** One `/openapi/v3/...` document. */
export interface OpenapiDocument {
  components: { schemas: Record<string, OpenapiObject> };
  info: { title: string; version: string };
  openapi: string;
  paths: Record<string, OpenapiObject>;
}

/** `api/v1` or `apis/apps/v1`: the key of a group-version in the `/openapi/v3` index. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** Schemas every group-version document carries, because its paths refer to them. */
export const operationSchemas = [
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList',
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
];

/** The names `roots` refer to, directly or through other schemas, in a stable (sorted) order. */
export function schemaClosure(roots: readonly string[], schemas: Record<string, OpenapiObject>): string[] {
  const found = new Set<string>();
  const visit = (name: string): void => {
    if (found.has(name) || !schemas[name]) return;
    found.add(name);
    collectRefs(schemas[name], visit);
  };
  roots.forEach(visit);
  return [...found].sort();
}

function collectRefs(value: unknown, visit: (name: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item) => collectRefs(item, visit));
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') visit(inner.slice(inner.lastIndexOf('/') + 1));
      else collectRefs(inner, visit);
    }
  }
}

/** Recursively sorts object keys, as Go's JSON encoding of the spec does; makes output deterministic. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)])) as T;
  }
  return value;
}

/**
 * The document of one group-version: paths for `resources` (all of the same group and version)
 * and the closure of their schemas taken from `schemas`.
 */
export function groupVersionDocument(
  resources: readonly ResourceInfo[],
  schemas: Record<string, OpenapiObject>,
  schemaNames: (resource: ResourceInfo) => KindSchemaNames,
  options: { custom?: boolean } = {},
): OpenapiDocument {
  const paths = groupVersionPaths(resources, schemaNames, options);
  const roots = resources.flatMap((r) => {
    const names = schemaNames(r);
    return r.subresources?.includes('scale') ? [names.object, names.list, 'io.k8s.api.autoscaling.v1.Scale'] : [names.object, names.list];
  });
  const closure = schemaClosure([...roots, ...operationSchemas], schemas);
  return sortKeys({
    components: { schemas: Object.fromEntries(closure.map((name) => [name, schemas[name] as OpenapiObject])) },
    info: { title: 'Kubernetes', version: 'unversioned' },
    openapi: '3.0.0',
    paths,
  });
}

/** The parts of a CustomResourceDefinition (apiextensions.k8s.io/v1) a document needs. */
export interface CustomResourceVersion {
  group: string;
  version: string;
  names: { kind: string; listKind?: string; plural: string; singular?: string; shortNames?: string[]; categories?: string[] };
  scope: 'Namespaced' | 'Cluster';
  openAPIV3Schema?: OpenapiObject;
  subresources?: { status?: object; scale?: object };
}

/**
 * Definition name of a custom kind, as the real server builds it: the group reversed, then the
 * version and kind (`stable.example.com`, v1, CronTab → `com.example.stable.v1.CronTab`).
 */
export function customSchemaName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

const objectMeta = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const listMeta = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';

/**
 * The document of one custom group-version: every established CRD version served there (usually
 * one). `builtinSchemas` supplies ObjectMeta, ListMeta, Status and friends (any loaded built-in
 * document has them).
 */
export function customResourceDocument(
  crds: readonly CustomResourceVersion[],
  builtinSchemas: Record<string, OpenapiObject>,
): OpenapiDocument {
  const schemas = { ...builtinSchemas };
  const resources: ResourceInfo[] = [];
  for (const crd of crds) {
    const { object, list } = customSchemas(crd);
    schemas[customSchemaName(crd.group, crd.version, crd.names.kind)] = object;
    schemas[customSchemaName(crd.group, crd.version, crd.names.listKind ?? `${crd.names.kind}List`)] = list;
    resources.push({
      group: crd.group, version: crd.version, resource: crd.names.plural, kind: crd.names.kind,
      singular: crd.names.singular ?? crd.names.kind.toLowerCase(), namespaced: crd.scope === 'Namespaced',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      subresources: [...(crd.subresources?.status ? ['status'] : []), ...(crd.subresources?.scale ? ['scale'] : [])],
      custom: true,
    });
  }
  const namesOf = (r: ResourceInfo): KindSchemaNames => {
    const crd = crds.find((c) => c.names.kind === r.kind);
    return {
      object: customSchemaName(r.group, r.version, r.kind),
      list: customSchemaName(r.group, r.version, crd?.names.listKind ?? `${r.kind}List`),
    };
  };
  return groupVersionDocument(resources, schemas, namesOf, { custom: true });
}

const typeMeta = {
  apiVersion: { description: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources', type: 'string' },
  kind: { description: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds', type: 'string' },
};

/** The object and list schemas of a custom kind: the user's schema plus apiVersion, kind and metadata. */
function customSchemas(crd: CustomResourceVersion): { object: OpenapiObject; list: OpenapiObject } {
  const { group, version, names } = crd;
  const listKind = names.listKind ?? `${names.kind}List`;
  const gvk = (kind: string): OpenapiObject[] => [{ group, kind, version }];
  const userSchema = crd.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const userProperties = (userSchema.properties ?? {}) as Record<string, OpenapiObject>;
  const object = {
    ...userSchema,
    properties: {
      ...userProperties,
      ...typeMeta,
      metadata: { allOf: [{ $ref: `#/components/schemas/${objectMeta}` }], description: 'Standard object\'s metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
    },
    'x-kubernetes-group-version-kind': gvk(names.kind),
  };
  const list = {
    description: `${listKind} is a list of ${names.kind}`,
    properties: {
      ...typeMeta,
      items: { description: `List of ${names.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`, items: { $ref: `#/components/schemas/${customSchemaName(group, version, names.kind)}` }, type: 'array' },
      metadata: { allOf: [{ $ref: `#/components/schemas/${listMeta}` }], description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    },
    required: ['items'],
    type: 'object',
    'x-kubernetes-group-version-kind': gvk(listKind),
  };
  return { object, list };
}
