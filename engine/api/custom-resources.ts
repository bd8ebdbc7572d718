/**
 * What the write pipeline, the Table printer, field selectors, `/openapi/v3` and the scale
 * subresource need to know about a custom resource, read from its CustomResourceDefinition in the
 * store — the API server's own copy, as apiextensions-apiserver's handler reads it from its lister.
 *
 * The CRD controller (engine/controllers/crd) decides *whether* a kind is served (Registry); this
 * module answers *how*: the structural schema's pruning, defaults and validation, the printer
 * columns, selectable fields, the OpenAPI documents and the scale paths of the served version.
 * Everything derived from a CRD is cached per stored CRD object (stored objects never change).
 */
import type {
  CustomResourceDefinitionVersion, CustomResourceSubresourceScale,
} from 'kubernetes-types/apiextensions/v1';
import type { ApiContext } from './context.ts';
import { statusErrors, StatusError } from './errors.ts';
import { fieldError } from './field-errors.ts';
import type { FieldError } from './field-errors.ts';
import { customResourceDocument, groupVersionPath } from './openapi/document.ts';
import type { CustomResourceVersion, OpenapiDocument } from './openapi/document.ts';
import { customResourceOpenapi, openapiDocument } from './openapi/openapi.ts';
import type { OpenapiObject } from './openapi/parameters.ts';
import type { SchemaSummary } from './openapi/summary.ts';
import { summarizeCustomResource } from './openapi/summary.ts';
import type { ResourceInfo } from './registry.ts';
import type { FieldResource } from './selectors/fields.ts';
import type { Store } from './store.ts';
import { customResourcePrinter, defaultPrinter } from './table/custom-resource.ts';
import type { Printer } from './table/types.ts';
import type { KubeObject } from './types.ts';
import { pruneCustomResource, validateCustomResource } from './validation/custom-resource.ts';
import { asObject } from './validation/field-path.ts';
import type { Loose } from './validation/field-path.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validation/meta.ts';
import { nameIsDNSSubdomain } from './validation/names.ts';

/** Where CRDs are stored. */
export const crdStorageKey = 'apiextensions.k8s.io/customresourcedefinitions';

/** The CRD that defines `info` (its name is always `<plural>.<group>`). */
export function crdFor(ctx: Pick<ApiContext, 'store'>, info: Pick<ResourceInfo, 'group' | 'resource'>): KubeObject | undefined {
  return ctx.store.get(crdStorageKey, undefined, `${info.resource}.${info.group}`);
}

/** The CRD's entry for the version `info` serves. */
export function crdVersionFor(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo): CustomResourceDefinitionVersion | undefined {
  const crd = crdFor(ctx, info);
  return crd && versionsOf(crd).find((v) => v.name === info.version);
}

function versionsOf(crd: KubeObject): CustomResourceDefinitionVersion[] {
  const versions = (crd.spec as { versions?: unknown } | undefined)?.versions;
  return Array.isArray(versions) ? (versions as CustomResourceDefinitionVersion[]) : [];
}

function conditionTrue(crd: KubeObject, type: string): boolean {
  const conditions = (crd.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions;
  return Array.isArray(conditions) && conditions.some((c) => c.type === type && c.status === 'True');
}

const derived = new WeakMap<KubeObject, Map<string, unknown>>();

/** Computes something from a CRD once per stored CRD object and key. */
function cached<T>(crd: KubeObject, key: string, build: () => T): T {
  let entries = derived.get(crd);
  if (!entries) derived.set(crd, (entries = new Map()));
  if (!entries.has(key)) entries.set(key, build());
  return entries.get(key) as T;
}

function schemaOf(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo): Loose | undefined {
  return asObject(crdVersionFor(ctx, info)?.schema?.openAPIV3Schema);
}

/** The schema summary decode.ts checks unknown fields against (`decodeObject(call, object, summary)`). */
export function customSummary(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo): SchemaSummary | undefined {
  const crd = crdFor(ctx, info);
  if (!crd) return undefined;
  return cached(crd, `summary/${info.version}`, () =>
    summarizeCustomResource({ group: info.group, version: info.version, kind: info.kind }, schemaOf(ctx, info) as OpenapiObject | undefined));
}

/** `structuraldefaulting.Default`: a missing field (or a non-nullable null) takes its schema default. */
export function applySchemaDefaults(value: unknown, schema: Loose | undefined): unknown {
  if (!schema) return value;
  const nonNullableNull = (x: unknown, s: Loose | undefined): boolean => x === null && s !== undefined && s.nullable !== true;
  if (Array.isArray(value)) {
    const items = asObject(schema.items);
    return value.map((item) => applySchemaDefaults(nonNullableNull(item, items) && items?.default !== undefined ? structuredClone(items.default) : item, items));
  }
  const object = asObject(value);
  if (!object) return value;
  const properties = asObject(schema.properties) ?? {};
  const additional = asObject(schema.additionalProperties);
  const out: Loose = { ...object };
  for (const [name, property] of Object.entries(properties)) {
    const prop = asObject(property);
    if (prop?.default === undefined) continue;
    if (!(name in out) || nonNullableNull(out[name], prop)) out[name] = structuredClone(prop.default);
  }
  for (const name of Object.keys(out)) {
    const prop = asObject(properties[name]);
    if (prop) out[name] = applySchemaDefaults(out[name], prop);
    else if (additional) {
      if (nonNullableNull(out[name], additional) && additional.default !== undefined) out[name] = structuredClone(additional.default);
      out[name] = applySchemaDefaults(out[name], additional);
    }
  }
  return out;
}

/** Go marshals unstructured objects (maps) with their keys sorted; so does the real API server. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  const object = asObject(value);
  if (!object) return value;
  return Object.fromEntries(Object.keys(object).sort().map((k) => [k, sortedKeys(object[k])]));
}

function withoutMetadata(object: KubeObject): Loose {
  const { metadata: _metadata, ...rest } = object;
  return rest;
}

/**
 * The custom resource strategy's preparation, after decoding: unknown fields pruned (unless the
 * schema preserves them), schema defaults applied, then PrepareForCreate/PrepareForUpdate —
 * with a status subresource the main resource cannot set status; `metadata.generation` is 1 on
 * create and goes up on any change outside metadata. Keys come back sorted, as Go's maps print.
 */
export function prepareCustomResource(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo, object: KubeObject, old?: KubeObject): KubeObject {
  const schema = schemaOf(ctx, info);
  let out = object;
  if (schema) {
    out = pruneCustomResource(out, schema).value as KubeObject;
    out = applySchemaDefaults(out, schema) as KubeObject;
  }
  out = { ...out, metadata: { ...out.metadata } };
  const hasStatus = info.subresources?.includes('status') === true;
  if (!old) {
    if (hasStatus) delete out.status;
    out.metadata.generation = 1;
  } else {
    if (hasStatus) {
      if (old.status !== undefined) out.status = old.status;
      else delete out.status;
    }
    const oldGeneration = typeof old.metadata.generation === 'number' ? old.metadata.generation : 0;
    const changed = JSON.stringify(sortedKeys(withoutMetadata(out))) !== JSON.stringify(sortedKeys(withoutMetadata(old)));
    out.metadata.generation = changed ? oldGeneration + 1 : oldGeneration;
  }
  return sortedKeys(out) as KubeObject;
}

/**
 * The custom resource validator: ObjectMeta (names are DNS subdomains), the version's schema
 * (kube-openapi's messages), and with a scale subresource the replicas and selector paths.
 */
export function validateCustom(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo, object: KubeObject, old?: KubeObject): FieldError[] {
  // apimachinery's ObjectMeta rules: core's finalizer-name rule is only a warning here (customWarnings).
  const errors = (old
    ? validateObjectMetaUpdate(object.metadata, old.metadata)
    : validateObjectMeta(object.metadata, info.namespaced, nameIsDNSSubdomain)).filter((e) => e.detail !== kubeFinalizerNameDetail);
  const schema = schemaOf(ctx, info);
  if (schema) errors.push(...validateCustomResource(object, schema));
  const scale = customScale(ctx, info);
  if (scale) errors.push(...validateScale(object, scale));
  return errors;
}

const kubeFinalizerNameDetail = 'name is neither a standard finalizer name nor is it fully qualified';
const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * The warnings a custom resource write answers with (`generateWarningsFromObj`): each finalizer it
 * adds that is not domain-qualified, e.g. `metadata.finalizers: "hold": prefer a domain-qualified
 * finalizer name to avoid accidental conflicts with other finalizer writers`.
 */
export function customWarnings(object: KubeObject, old?: KubeObject): string[] {
  const before = new Set(old?.metadata.finalizers ?? []);
  const added = [...new Set(object.metadata.finalizers ?? [])].filter((f) => !before.has(f)).sort();
  return added.filter((f) => !f.includes('/') && !standardFinalizers.has(f)).map((f) =>
    `metadata.finalizers: ${JSON.stringify(f)}: prefer a domain-qualified finalizer name ${f.includes('.') ? 'including a path (/) ' : ''}to avoid accidental conflicts with other finalizer writers`);
}

/** The Table printer of the served version: its additionalPrinterColumns, else NAME AGE. */
export function customPrinter(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo): Printer {
  const crd = crdFor(ctx, info);
  const version = crd && versionsOf(crd).find((v) => v.name === info.version);
  if (!crd || !version) return defaultPrinter;
  return cached(crd, `printer/${info.version}`, () => customResourcePrinter(version));
}

/** What field selectors on a custom resource may use: the served version's `selectableFields`. */
export function customFieldResource(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo): FieldResource {
  const selectable = crdVersionFor(ctx, info)?.selectableFields ?? [];
  return { group: info.group, kind: info.kind, namespaced: info.namespaced, custom: true, selectableFields: selectable.map((f) => f.jsonPath) };
}

/**
 * A create while the CRD is being deleted is refused with 405, as apiextensions' handler does
 * (`create not allowed while custom resource definition is terminating`).
 */
export function checkCustomCreate(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo): void {
  const crd = crdFor(ctx, info);
  if (!crd || !conditionTrue(crd, 'Terminating')) return;
  const { code, reason } = statusErrors.methodNotAllowed();
  throw new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'create not allowed while custom resource definition is terminating',
    reason, details: { group: info.group, kind: info.resource }, code,
  });
}

/** The finalizer the API server puts on a CRD when it is deleted (`CustomResourceCleanupFinalizer`). */
export const crdCleanupFinalizer = 'customresourcecleanup.apiextensions.k8s.io';

/**
 * What the CRD REST storage's Delete stores on the first delete (without validation, as its
 * GuaranteedUpdate does): the deletionTimestamp, the cleanup finalizer, and the Terminating
 * condition; the CRD controller then deletes the instances and drops the finalizer.
 */
export function markCrdForDeletion(crd: KubeObject, time: string): KubeObject {
  const finalizers = crd.metadata.finalizers ?? [];
  const status = (crd.status ?? {}) as { conditions?: Loose[] };
  const conditions = [...(status.conditions ?? [])];
  const at = conditions.findIndex((c) => c.type === 'Terminating');
  const old = at < 0 ? undefined : conditions[at];
  const condition = {
    type: 'Terminating', status: 'True', lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : time,
    reason: 'InstanceDeletionPending', message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
  };
  if (at < 0) conditions.push(condition);
  else conditions[at] = condition;
  return {
    ...crd,
    metadata: {
      ...crd.metadata,
      deletionTimestamp: crd.metadata.deletionTimestamp ?? time,
      finalizers: finalizers.includes(crdCleanupFinalizer) ? finalizers : [...finalizers, crdCleanupFinalizer],
    },
    status: { ...status, conditions },
  };
}

const openapiCache = new WeakMap<Store, { key: string; documents: Record<string, OpenapiDocument> }>();

function builtinDocumentsLoaded(): boolean {
  try {
    return openapiDocument('apis/apps/v1') !== undefined;
  } catch {
    return false;
  }
}

/**
 * The `/openapi/v3` documents of the custom group-versions (`apis/stable.example.com/v1`): every
 * served version of every established CRD. Pass them to `openapiIndex(custom)` and
 * `openapiDocument(path, custom)`. Until the built-in documents are loaded (the browser never
 * loads them) the shared schemas such as ObjectMeta are left out.
 */
export function customOpenapiDocuments(ctx: Pick<ApiContext, 'store'>): Record<string, OpenapiDocument> {
  const crds = ctx.store.list(crdStorageKey).filter((crd) => conditionTrue(crd, 'Established'));
  const loaded = builtinDocumentsLoaded();
  const key = `${loaded}|${crds.map((crd) => `${crd.metadata.name}@${crd.metadata.resourceVersion}`).join(',')}`;
  const hit = openapiCache.get(ctx.store);
  if (hit?.key === key) return hit.documents;
  const byPath = new Map<string, CustomResourceVersion[]>();
  for (const crd of crds) {
    const spec = (crd.spec ?? {}) as { group?: string; scope?: 'Namespaced' | 'Cluster'; names?: CustomResourceVersion['names'] };
    const accepted = (crd.status as { acceptedNames?: CustomResourceVersion['names'] } | undefined)?.acceptedNames;
    const names = accepted?.plural ? accepted : spec.names;
    if (!spec.group || !names) continue;
    for (const version of versionsOf(crd).filter((v) => v.served)) {
      const path = groupVersionPath(spec.group, version.name);
      const entry: CustomResourceVersion = {
        group: spec.group, version: version.name, names, scope: spec.scope ?? 'Namespaced',
        openAPIV3Schema: version.schema?.openAPIV3Schema as OpenapiObject | undefined,
        subresources: version.subresources as CustomResourceVersion['subresources'],
      };
      byPath.set(path, [...(byPath.get(path) ?? []), entry]);
    }
  }
  const documents: Record<string, OpenapiDocument> = {};
  for (const [path, versions] of byPath) {
    documents[path] = loaded ? customResourceOpenapi(versions) : customResourceDocument(versions, {});
  }
  openapiCache.set(ctx.store, { key, documents });
  return documents;
}

/** The scale subresource's paths: `.spec.replicas`, `.status.replicas`, optionally `.status.selector`. */
export type CustomScale = CustomResourceSubresourceScale;

/** The served version's scale subresource, if it has one. */
export function customScale(ctx: Pick<ApiContext, 'store'>, info: ResourceInfo): CustomScale | undefined {
  return crdVersionFor(ctx, info)?.subresources?.scale;
}

function pathFields(path: string): string[] {
  return path.replace(/^\./, '').split('.');
}

/** Go's `%T` of a decoded JSON value and its `%v`, for unstructured's accessor errors. */
function goTypeOf(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (Array.isArray(value)) return '[]interface {}';
  return value === null ? '<nil>' : 'map[string]interface {}';
}

function goValue(value: unknown): string {
  return typeof value === 'string' ? value : value === null ? '<nil>' : JSON.stringify(value);
}

/** `unstructured.NestedFieldNoCopy` then a type check: the value, whether found, or Go's accessor error. */
function nested(object: unknown, path: string, want: 'int64' | 'string'): { value?: unknown; found: boolean; error?: string } {
  const fields = pathFields(path);
  let current: unknown = object;
  for (let i = 0; i < fields.length; i++) {
    const map = asObject(current);
    if (!map) {
      return { found: false, error: `.${fields.slice(0, i).join('.')} accessor error: ${goValue(current)} is of the type ${goTypeOf(current)}, expected map[string]interface{}` };
    }
    if (!(fields[i] in map)) return { found: false };
    current = map[fields[i]];
  }
  if (goTypeOf(current) !== want) {
    return { found: false, error: `.${fields.join('.')} accessor error: ${goValue(current)} is of the type ${goTypeOf(current)}, expected ${want}` };
  }
  return { value: current, found: true };
}

/** `ValidateScaleSpec` and `ValidateScaleStatus`: integral, non-negative int32 replicas and a string selector. */
function validateScale(object: KubeObject, scale: CustomScale): FieldError[] {
  const errors: FieldError[] = [];
  for (const path of [scale.specReplicasPath, scale.statusReplicasPath]) {
    const replicas = nested(object, path, 'int64');
    const value = typeof replicas.value === 'number' ? replicas.value : 0;
    if (replicas.error) errors.push(fieldError.invalid(path, 0, replicas.error));
    else if (value < 0) errors.push(fieldError.invalid(path, value, 'should be a non-negative integer'));
    else if (value > 2 ** 31 - 1) errors.push(fieldError.invalid(path, value, `should be less than or equal to ${2 ** 31 - 1}`));
  }
  if (scale.labelSelectorPath) {
    const selector = nested(object, scale.labelSelectorPath, 'string');
    if (selector.error) errors.push(fieldError.invalid(scale.labelSelectorPath, '', selector.error));
  }
  return errors;
}

/** The sentinel upstream puts in a Scale whose custom resource has no spec replicas yet. */
const invalidSpecReplicas = -2147483648;

/**
 * `scaleFromCustomResource`: the autoscaling/v1 Scale of a custom resource, and whether its spec
 * replicas field exists. A field of the wrong type is the 500 upstream answers with.
 */
export function scaleFromCustomResource(object: KubeObject, scale: CustomScale): { scale: KubeObject; replicasFound: boolean } {
  const spec = nested(object, scale.specReplicasPath, 'int64');
  const status = nested(object, scale.statusReplicasPath, 'int64');
  const selector = scale.labelSelectorPath ? nested(object, scale.labelSelectorPath, 'string') : { found: false };
  const error = spec.error ?? status.error ?? selector.error;
  if (error) throw new StatusError(statusErrors.internal(error));
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  return {
    scale: {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
      spec: { replicas: spec.found ? spec.value : 0 },
      status: { replicas: status.found ? status.value : 0, selector: selector.found ? selector.value : '' },
    },
    replicasFound: spec.found,
  };
}

/** GET …/scale: the Scale, or 500 when the spec replicas field does not exist. */
export function customScaleGet(object: KubeObject, scale: CustomScale): KubeObject {
  const result = scaleFromCustomResource(object, scale);
  if (!result.replicasFound) throw new StatusError(statusErrors.internal(`the spec replicas field ${JSON.stringify(scale.specReplicasPath)} does not exist`));
  return result.scale;
}

/** The Scale a PUT or PATCH starts from: a missing spec replicas field shows as upstream's sentinel. */
export function customScaleForUpdate(object: KubeObject, scale: CustomScale): KubeObject {
  const result = scaleFromCustomResource(object, scale);
  if (result.replicasFound) return result.scale;
  return { ...result.scale, spec: { replicas: invalidSpecReplicas } };
}

/**
 * `scaleUpdatedObjectInfo.UpdatedObject`: the custom resource with the requested Scale's replicas
 * written at specReplicasPath (a Scale without replicas is a 400). Validation of the result —
 * negative replicas and the like — is the custom resource's own (validateCustom).
 */
export function customResourceWithReplicas(object: KubeObject, scale: CustomScale, wanted: KubeObject): KubeObject {
  const replicas = (wanted.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas === undefined || replicas === invalidSpecReplicas) {
    throw new StatusError(statusErrors.badRequest(`the spec replicas field ${JSON.stringify(scale.specReplicasPath)} cannot be empty`));
  }
  const out = structuredClone(object) as Loose;
  const fields = pathFields(scale.specReplicasPath);
  let parent = out;
  for (const field of fields.slice(0, -1)) {
    if (!asObject(parent[field])) parent[field] = {};
    parent = parent[field] as Loose;
  }
  parent[fields[fields.length - 1]] = replicas;
  const requestedVersion = wanted.metadata?.resourceVersion;
  const result = out as KubeObject;
  if (requestedVersion) result.metadata = { ...result.metadata, resourceVersion: requestedVersion };
  return result;
}
