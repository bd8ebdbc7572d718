/**
 * The `paths` section of a group-version's OpenAPI v3 document, shaped like the real API server's:
 * one path item per served URL with the operations its verbs allow. kubectl's queryParamVerifierV3
 * looks here for a PATCH operation whose `x-kubernetes-group-version-kind` matches the object and
 * that takes a `fieldValidation` query parameter; when it finds one it leaves validation to the
 * server (`--validate=strict` sends `fieldValidation=Strict`).
 */
import type { ResourceInfo } from '../registry.ts';
import { listParameters, parameter, writeParameters } from './parameters.ts';
import type { OpenapiObject } from './parameters.ts';

/** `#/components/schemas/<name>`. */
export function schemaRef(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/** Names the real server uses in operationIds and tags: `networking.k8s.io` → `Networking`. */
export function groupWords(group: string): string[] {
  if (!group) return ['core'];
  return group.replace(/\.k8s\.io$/, '').split('.').filter(Boolean);
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** The tag of a group-version's operations: `apps_v1`, `rbacAuthorization_v1`, `core_v1`. */
export function operationTag(group: string, version: string): string {
  const [first, ...rest] = groupWords(group);
  return `${first}${rest.map(capitalize).join('')}_${version}`;
}

const status = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const deleteOptions = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions';
const patch = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const apiResourceList = 'io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList';
const scale = 'io.k8s.api.autoscaling.v1.Scale';

/** How a kind's schemas are named in components.schemas (built-ins: `io.k8s.api.apps.v1.Deployment`). */
export interface KindSchemaNames {
  object: string;
  list: string;
}

interface Gvk { group: string; version: string; kind: string }

function content(name: string, mediaTypes: readonly string[]): OpenapiObject {
  return Object.fromEntries(mediaTypes.map((type) => [type, { schema: schemaRef(name) }]));
}

/** Builds the path items for the resources of one group-version. */
export function groupVersionPaths(
  resources: readonly ResourceInfo[],
  schemaNames: (resource: ResourceInfo) => KindSchemaNames,
  options: { custom?: boolean } = {},
): Record<string, OpenapiObject> {
  const first = resources[0];
  if (!first) return {};
  const { group, version } = first;
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const idPrefix = groupWords(group).map(capitalize).join('') + capitalize(version);
  const tags = [operationTag(group, version)];
  const media = options.custom
    ? ['application/json', 'application/yaml']
    : ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'];
  const watchMedia = options.custom
    ? [...media, 'application/json;stream=watch']
    : [...media, 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
  const paths: Record<string, OpenapiObject> = {};

  const operation = (
    verb: string, action: string, id: string, description: string, gvk: Gvk,
    responses: OpenapiObject, extra: OpenapiObject = {},
  ): OpenapiObject => ({
    description,
    operationId: `${verb}${idPrefix}${id}`,
    ...extra,
    responses: { ...responses, 401: { description: 'Unauthorized' } },
    tags,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: gvk.group, kind: gvk.kind, version: gvk.version },
  });
  const ok = (name: string, codes: Record<string, string>, types = media): OpenapiObject =>
    Object.fromEntries(Object.entries(codes).map(([code, text]) => [code, { content: content(name, types), description: text }]));
  const body = (name: string): OpenapiObject => ({ requestBody: { content: { '*/*': { schema: schemaRef(name) } }, required: true } });
  const patchBody = {
    requestBody: {
      content: Object.fromEntries(['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json',
        'application/strategic-merge-patch+json'].map((type) => [type, { schema: schemaRef(patch) }])),
      required: true,
    },
  };
  const deleteBody = { requestBody: { content: { '*/*': { schema: schemaRef(deleteOptions) } } } };

  paths[`${prefix}/`] = {
    get: {
      description: 'get available resources',
      operationId: `get${idPrefix}APIResources`,
      responses: { ...ok(apiResourceList, { 200: 'OK' }), 401: { description: 'Unauthorized' } },
      tags,
    },
  };

  for (const resource of resources) {
    const names = schemaNames(resource);
    const gvk = { group, version, kind: resource.kind };
    const verbs = new Set(resource.verbs);
    const scope = resource.namespaced ? 'Namespaced' : '';
    const collection = resource.namespaced ? `${prefix}/namespaces/{namespace}/${resource.resource}` : `${prefix}/${resource.resource}`;
    const scopeParameters = resource.namespaced ? [parameter.namespace] : [];
    const kind = resource.kind;

    if (resource.namespaced && verbs.has('list')) {
      paths[`${prefix}/${resource.resource}`] = {
        get: operation('list', 'list', `${kind}ForAllNamespaces`, `list or watch objects of kind ${kind}`, gvk,
          ok(names.list, { 200: 'OK' }, watchMedia)),
        parameters: listParameters(true),
      };
    }
    const collectionItem: OpenapiObject = {};
    if (verbs.has('deletecollection')) {
      collectionItem.delete = operation('delete', 'deletecollection', `Collection${scope}${kind}`, `delete collection of ${kind}`, gvk,
        ok(status, { 200: 'OK' }), { parameters: [...listParameters(false, 'deletecollection')], ...deleteBody });
    }
    if (verbs.has('list')) {
      collectionItem.get = operation('list', 'list', `${scope}${kind}`, `list or watch objects of kind ${kind}`, gvk,
        ok(names.list, { 200: 'OK' }, watchMedia), { parameters: listParameters(false) });
    }
    if (verbs.has('create')) {
      collectionItem.post = operation('create', 'post', `${scope}${kind}`, `create ${article(kind)} ${kind}`, gvk,
        ok(names.object, { 200: 'OK', 201: 'Created', 202: 'Accepted' }), { parameters: writeParameters(false), ...body(names.object) });
    }
    if (Object.keys(collectionItem).length > 0) {
      paths[collection] = { ...collectionItem, parameters: [...scopeParameters, parameter.pretty] };
    }

    const itemParameters = [parameter.name(kind), ...scopeParameters, parameter.pretty];
    const item: OpenapiObject = {};
    if (verbs.has('delete')) {
      item.delete = operation('delete', 'delete', `${scope}${kind}`, `delete ${article(kind)} ${kind}`, gvk,
        ok(status, { 200: 'OK', 202: 'Accepted' }), { parameters: parameter.deleteQuery, ...deleteBody });
    }
    if (verbs.has('get')) item.get = operation('read', 'get', `${scope}${kind}`, `read the specified ${kind}`, gvk, ok(names.object, { 200: 'OK' }));
    if (verbs.has('patch')) {
      item.patch = operation('patch', 'patch', `${scope}${kind}`, `partially update the specified ${kind}`, gvk,
        ok(names.object, { 200: 'OK', 201: 'Created' }), { parameters: writeParameters(true), ...patchBody });
    }
    if (verbs.has('update')) {
      item.put = operation('replace', 'put', `${scope}${kind}`, `replace the specified ${kind}`, gvk,
        ok(names.object, { 200: 'OK', 201: 'Created' }), { parameters: writeParameters(false), ...body(names.object) });
    }
    if (Object.keys(item).length > 0) paths[`${collection}/{name}`] = { ...item, parameters: itemParameters };

    for (const sub of resource.subresources ?? []) {
      if (sub !== 'status' && sub !== 'scale') continue;
      const subName = sub === 'scale' ? scale : names.object;
      const subGvk = sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : gvk;
      const Sub = capitalize(sub);
      paths[`${collection}/{name}/${sub}`] = {
        get: operation('read', 'get', `${scope}${kind}${Sub}`, `read ${sub} of the specified ${kind}`, subGvk, ok(subName, { 200: 'OK' })),
        parameters: [parameter.name(sub === 'scale' ? 'Scale' : kind), ...scopeParameters, parameter.pretty],
        patch: operation('patch', 'patch', `${scope}${kind}${Sub}`, `partially update ${sub} of the specified ${kind}`, subGvk,
          ok(subName, { 200: 'OK', 201: 'Created' }), { parameters: writeParameters(true), ...patchBody }),
        put: operation('replace', 'put', `${scope}${kind}${Sub}`, `replace ${sub} of the specified ${kind}`, subGvk,
          ok(subName, { 200: 'OK', 201: 'Created' }), { parameters: writeParameters(false), ...body(subName) }),
      };
    }
  }
  return paths;
}

/** "an Ingress", "a Deployment": the real descriptions use the English article. */
function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}
