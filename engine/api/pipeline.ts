/**
 * The steps a write goes through between decoding and storage, gathered in one place so the
 * request handlers read as the API server's flow: decode → default → admit → validate → store.
 * Each step is implemented in its own folder; this file only wires them.
 */
import { allocateServiceAddresses } from './admission/service-allocation.ts';
import { admitLimitRanges, validateLimitRanges } from './admission/limit-ranger.ts';
import { admitResourceQuota } from './admission/resource-quota.ts';
import type { AdmissionAttributes, ApiContext } from './context.ts';
import { openapiDocument, openapiIndex } from './openapi/openapi.ts';
import { serverSideApply, updateManagedFields, updateScaleManagedFields } from './apply/index.ts';
import { toTable } from './table/index.ts';
import type { Printer } from './table/types.ts';
import { customFieldResource, customOpenapiDocuments, customPrinter, prepareCustomResource, validateCustom } from './custom-resources.ts';
import { applyJsonPatch } from './patch/json-patch.ts';
import { applyMergePatch, type JsonObject } from './patch/merge-patch.ts';
import { builtinPatchTypes, customResourcePatchTypes, unsupportedPatchType } from './patch/patch-errors.ts';
import { applyStrategicMergePatch } from './patch/strategic-merge.ts';
import { formatLabelSelector } from './selectors/label-selector.ts';
import { parseLabelSelector } from './selectors/labels-parser.ts';
import { matchLabels } from './selectors/labels.ts';
import { fieldsOf, matchFields, parseFieldSelectorFor } from './selectors/fields.ts';
import { validateObject as validate } from './validation/index.ts';
import { statusErrors, StatusError } from './errors.ts';
import type { FieldError } from './field-errors.ts';
import type { ResourceInfo } from './registry.ts';
import { groupVersion } from './registry.ts';
import type { ApiResponse, Json, KubeObject, UserInfo } from './types.ts';
import {
  admitDefaults, applyDefaults, canonicalize, prepareForCreate, prepareForUpdate, type AdmissionContext,
} from './defaulting/index.ts';
import { dropDisabledFields } from './defaulting/drop-disabled.ts';
import { mergeStringData } from './conversion.ts';

/**
 * Defaulting, the mutating admission plugins and the registry's create-time preparation, in the
 * API server's order. The object must already carry its uid and creationTimestamp.
 */
export function prepareCreate(ctx: ApiContext, info: ResourceInfo, object: KubeObject, user: UserInfo, dryRun: boolean): KubeObject {
  // dropDisabledFields makes the one deep copy; every later step owns what the step before made.
  let out = applyDefaults(info, dropDisabledFields(info, mergeStringData(info, object)), true);
  if (info.custom) out = prepareCustomResource(ctx, info, out);
  out = admitDefaults(info, out, admissionLookups(ctx, info), !info.custom);
  // LimitRanger's defaults land before the registry computes the pod's QoS class from them.
  admitLimitRanges(ctx, { operation: 'CREATE', info, object: out, user, dryRun });
  out = prepareForCreate(info, out, { now: ctx.clock.now(), user }, !info.custom);
  out = admitObject(ctx, { operation: 'CREATE', info, object: out, user, dryRun });
  return canonicalize(out);
}

/** Defaulting and the registry's update-time rules (status kept, generation bumped on spec changes). */
export function prepareUpdate(ctx: ApiContext, info: ResourceInfo, object: KubeObject, old: KubeObject, user: UserInfo, dryRun: boolean): KubeObject {
  // dropDisabledFields makes the one deep copy; every later step owns what the step before made.
  let out = applyDefaults(info, dropDisabledFields(info, mergeStringData(info, object), old), true);
  if (info.custom) out = prepareCustomResource(ctx, info, out, old);
  out = prepareForUpdate(info, out, old, !info.custom);
  out = admitObject(ctx, { operation: 'UPDATE', info, object: out, old, user, dryRun });
  return canonicalize(out);
}

/** Run admission: the built-in plugins, then the ones registered in the context. */
export function admitObject(ctx: ApiContext, attributes: AdmissionAttributes): KubeObject {
  allocateServiceAddresses(ctx, attributes);
  for (const plugin of ctx.admission) plugin.admit?.(attributes);
  return attributes.object;
}

/**
 * Validating admission, run after the object validated (the registry's createValidation /
 * updateValidation): LimitRanger's min/max, then ResourceQuota, which charges the quotas.
 */
export function validateAdmission(ctx: ApiContext, attributes: AdmissionAttributes): void {
  validateLimitRanges(ctx, attributes);
  admitResourceQuota(ctx, attributes);
}

/**
 * What the admission plugins look up in the cluster, read from the store. The default
 * StorageClass is looked up only for claims: every other create would pay for a list it never uses.
 */
function admissionLookups(ctx: ApiContext, info: ResourceInfo): AdmissionContext {
  const isClaim = info.group === '' && info.kind === 'PersistentVolumeClaim';
  return {
    random: ctx.names,
    defaultStorageClassName: !isClaim ? undefined : ctx.store.list('storage.k8s.io/storageclasses')
      .find((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name,
    serviceAccountAutomount: (namespace, name) =>
      (ctx.store.get('/serviceaccounts', namespace, name) as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken,
    priorityClass: (name) => {
      const pc = ctx.store.get('scheduling.k8s.io/priorityclasses', undefined, name) as { value?: number; preemptionPolicy?: string; globalDefault?: boolean } | undefined;
      return pc && { value: pc.value ?? 0, preemptionPolicy: pc.preemptionPolicy, globalDefault: pc.globalDefault };
    },
    globalDefaultPriorityClass: () => {
      const pc = ctx.store.list('scheduling.k8s.io/priorityclasses').find((p) => (p as { globalDefault?: boolean }).globalDefault);
      return pc && { name: pc.metadata.name!, info: { value: (pc as { value?: number }).value ?? 0, preemptionPolicy: (pc as { preemptionPolicy?: string }).preemptionPolicy } };
    },
  };
}

/**
 * Validate after defaulting (engine/api/validation). `requested` is the object as decoded, before
 * defaulting: see withDecodedSelector.
 */
export function validateObject(ctx: ApiContext, info: ResourceInfo, object: KubeObject, old?: KubeObject, requested?: KubeObject): FieldError[] {
  if (info.custom) return validateCustom(ctx, info, object, old);
  return validate(info, requested ? withDecodedSelector(object, requested) : object, old);
}

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The object with its `spec.selector` as the Go decoder saw it: a written `matchLabels: {}` or
 * `matchExpressions: []` decodes to an empty but non-nil value, so validation prints
 * `MatchLabels:map[string]string{}` ("empty selector is invalid for deployment"), while the
 * encoder's omitempty drops it from what is stored. Defaulting here works in the encoder's shape
 * and has dropped it already, so it is put back for validation only.
 */
export function withDecodedSelector(object: KubeObject, requested: KubeObject): KubeObject {
  const written = isRecord(requested.spec) ? requested.spec.selector : undefined;
  const spec = object.spec;
  if (!isRecord(written) || !isRecord(spec) || !isRecord(spec.selector)) return object;
  // Only an empty selector: with terms, no message prints it that way, and the immutability check
  // (Semantic.DeepEqual, where empty and nil are equal) must not see a difference.
  const { matchLabels, matchExpressions } = spec.selector;
  if ((isRecord(matchLabels) && Object.keys(matchLabels).length) || (Array.isArray(matchExpressions) && matchExpressions.length)) return object;
  const empty: Loose = {};
  if (isRecord(written.matchLabels) && Object.keys(written.matchLabels).length === 0) empty.matchLabels = {};
  if (Array.isArray(written.matchExpressions) && written.matchExpressions.length === 0) empty.matchExpressions = [];
  if (!Object.keys(empty).length) return object;
  return { ...object, spec: { ...spec, selector: { ...empty, ...spec.selector } } };
}

export { decodeObject } from './decode.ts';

/** Record which manager owns which fields after an ordinary write (create, update, patch, /scale, /status). */
export function trackManagedFields(
  call: { info: ResourceInfo; subresource?: string }, old: KubeObject | undefined, object: KubeObject, manager: string, now: number, resetFields?: string[][],
): KubeObject {
  const apiVersion = groupVersion(call.info);
  if (call.subresource === 'scale' && old) return updateScaleManagedFields({ live: old, updated: object, manager, apiVersion });
  return updateManagedFields({
    live: old, updated: object, manager, subresource: call.subresource, apiVersion, time: now, resetFields,
    gvk: { group: call.info.group, kind: call.info.kind, version: call.info.version },
  });
}

/** Apply a JSON merge, JSON or strategic merge patch to the object as the caller's version shows it. */
export function patchObject(info: ResourceInfo, contentType: string, current: KubeObject, patch: unknown): KubeObject {
  const doc = current as unknown as Json;
  let result;
  switch (contentType) {
    case 'application/merge-patch+json':
      result = applyMergePatch(doc, patch as Json);
      if (!result.ok) throw new StatusError(statusErrors.badRequest(result.message));
      break;
    case 'application/json-patch+json':
      result = applyJsonPatch(doc, patch);
      break;
    case 'application/strategic-merge-patch+json':
      result = applyStrategicMergePatch(current as unknown as JsonObject, patch, { group: info.group, kind: info.kind, version: info.version });
      break;
    default:
      result = unsupportedPatchType(info.custom ? customResourcePatchTypes : builtinPatchTypes);
  }
  if (!result.ok) throw new StatusError(result.status);
  const value = result.value as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new StatusError(statusErrors.badRequest('the patch did not produce an object'));
  return value as KubeObject;
}

/**
 * Server-side apply of `applied` onto `live` (both in the caller's version) by `manager`: the merged
 * object with its managedFields, or the 409 conflict Status thrown.
 */
export function applyConfiguration(call: { info: ResourceInfo; subresource?: string }, live: KubeObject | undefined, applied: KubeObject, manager: string, force: boolean, now: number): KubeObject {
  const result = serverSideApply({
    live, applied, manager, force, time: now, subresource: call.subresource,
    gvk: { group: call.info.group, kind: call.info.kind, version: call.info.version },
  });
  if ('conflicts' in result) throw new StatusError(result.status);
  return { ...result.object, metadata: { ...result.object.metadata, managedFields: result.managedFields } };
}

/** `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`. */
export function formatSelector(selector: unknown): string {
  return formatLabelSelector(selector as Parameters<typeof formatLabelSelector>[0]);
}

/** `/openapi/v3` and its per-group-version documents (once loadOpenapiDocuments has run). */
export function openapiResponse(ctx: ApiContext, path: string): ApiResponse | undefined {
  const headers = { 'content-type': 'application/json' };
  const custom = customOpenapiDocuments(ctx);
  if (path === '/openapi/v3') return { status: 200, headers, body: openapiIndex(custom) };
  try {
    const document = openapiDocument(path.slice('/openapi/v3/'.length), custom);
    return document && { status: 200, headers: { ...headers, 'cache-control': 'public, immutable' }, body: document };
  } catch {
    return undefined;
  }
}

/** Whether the client asked for server-side printing (`Accept: application/json;as=Table;…`). */
export function wantsTable(headers: Record<string, string>): boolean {
  return /as=Table/.test(headers.accept ?? '');
}

/** A Table for objects already presented in the caller's version. */
export function tableFor(
  call: { info: ResourceInfo; query: Record<string, string> },
  objects: KubeObject[],
  resourceVersion: string,
  now: number,
  metadata: Record<string, unknown> = { resourceVersion },
  printer?: Printer,
): unknown {
  const includeObject = call.query.includeObject as 'None' | 'Metadata' | 'Object' | undefined;
  return toTable(call.info, objects, {
    now,
    includeObject: includeObject ?? 'Metadata',
    resourceVersion,
    continue: metadata.continue as string | undefined,
    remainingItemCount: metadata.remainingItemCount as number | undefined,
    printer,
  });
}

/** The Table printer of a custom resource (its additionalPrinterColumns); built-ins have their own. */
export function printerFor(ctx: ApiContext, call: { info: ResourceInfo }): Printer | undefined {
  return call.info.custom ? customPrinter(ctx, call.info) : undefined;
}

/** The label- and field-selector filter a list or watch asked for; a bad selector is a 400. */
export function objectMatcher(call: { info: ResourceInfo; query: Record<string, string> }, ctx?: Pick<ApiContext, 'store'>): (object: KubeObject) => boolean {
  const labels = parseLabelSelector(call.query.labelSelector ?? '');
  if (!labels.ok) throw new StatusError(statusErrors.badRequest(labels.message));
  const resource = call.info.custom && ctx ? customFieldResource(ctx, call.info)
    : { group: call.info.group, kind: call.info.kind, namespaced: call.info.namespaced, custom: call.info.custom };
  const fields = parseFieldSelectorFor(resource, call.query.fieldSelector ?? '');
  if (!fields.ok) throw new StatusError(statusErrors.badRequest(fields.message));
  const labelSelector = labels.value;
  const fieldSelector = fields.value;
  const anyFields = fieldSelector.requirements.length > 0;
  return (object) =>
    matchLabels(labelSelector, object.metadata.labels) &&
    (!anyFields || matchFields(fieldSelector, fieldsOf(resource, object)));
}
