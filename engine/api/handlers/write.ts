/**
 * create, update and patch: decode → prepare → default → admit → validate → store, the flow of
 * the API server's generic registry. Everything a write needs to check before it stores lives
 * here, so the three verbs differ only in how they build the new object.
 */
import type { ApiContext } from '../context.ts';
import { storageKey } from '../context.ts';
import { toStorage } from '../conversion.ts';
import { createResetFields } from '../defaulting/index.ts';
import { statusErrors } from '../errors.ts';
import {
  applyConfiguration, decodeObject, patchObject, prepareCreate, prepareUpdate, trackManagedFields, validateAdmission, validateObject,
} from '../pipeline.ts';
import { secondsText } from '../time-text.ts';
import { managerOrUserAgent } from '../apply/index.ts';
import { checkCustomCreate, customSummary, customWarnings } from '../custom-resources.ts';
import { groupVersion } from '../registry.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import type { Call } from './common.ts';
import { deepEqual, fail, isDryRun, json, present, target } from './common.ts';
import { checkNamespaceAcceptsWrites, finishDeletionIfDone } from './delete.ts';

/** The schema summary a custom resource is decoded against. */
function summaryFor(ctx: ApiContext, call: Call) {
  return call.info.custom ? customSummary(ctx, call.info) : undefined;
}

/** The body as an object with metadata, or the decode error the API server gives. */
function requireObject(call: Call): KubeObject {
  const body = call.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    fail(statusErrors.badRequest(`Object 'Kind' is missing in '${JSON.stringify(body ?? null)}'`));
  }
  const object = body as KubeObject;
  const expected = groupVersion(call.info);
  if (object.apiVersion !== undefined && object.apiVersion !== expected) {
    fail(statusErrors.badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${expected})`));
  }
  if (object.kind !== undefined && object.kind !== call.info.kind) {
    fail(statusErrors.badRequest(`${object.kind} in version "${call.info.version}" cannot be handled as a ${call.info.kind}: no kind "${object.kind}" is registered for version "${expected}" in scheme "pkg/api/legacyscheme/scheme.go:30"`));
  }
  return { ...object, apiVersion: expected, kind: call.info.kind, metadata: { ...(object.metadata ?? {}) } };
}

/** The field manager of a write: the query parameter, else the client's User-Agent up to its first `/`. */
export function fieldManager(call: Call): string {
  return managerOrUserAgent(call.query.fieldManager, call.headers['user-agent'] ?? '');
}

/**
 * A runaway (a Deployment of a million replicas) must not freeze the lab: past the cluster's pod
 * cap, pod creation is refused with a Forbidden that the ReplicaSet controller turns into a
 * FailedCreate event, so the learner sees why the rest never appear.
 */
function checkPodLimit(ctx: ApiContext, call: Call, object: KubeObject): void {
  const max = (ctx as ApiContext & { maxPods?: number }).maxPods;
  if (call.info.group !== '' || call.info.resource !== 'pods' || max === undefined) return;
  if (ctx.store.count('/pods') >= max) {
    fail(statusErrors.forbidden(target(call, object.metadata.name), `this lab cluster runs at most ${max} pods; scale down or delete some first`));
  }
}

/** etcd refuses a value over its request limit (1.5 MiB); only large requests can reach it. */
const etcdMaxRequestBytes = 1.5 * 1024 * 1024;

function checkStoredSize(call: Call, object: KubeObject): void {
  const sent = Number(call.headers['content-length'] ?? 0);
  if (sent < etcdMaxRequestBytes / 2) return;
  if (new TextEncoder().encode(JSON.stringify(object)).length > etcdMaxRequestBytes) {
    fail(statusErrors.storage('etcdserver: request is too large'));
  }
}

function checkNamespace(ctx: ApiContext, call: Call, object: KubeObject): void {
  if (!call.info.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  if (object.metadata.namespace && call.namespace && object.metadata.namespace !== call.namespace) {
    fail(statusErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  object.metadata.namespace = call.namespace;
}

function invalid(call: Call, object: KubeObject, errors: ReturnType<typeof validateObject>): never {
  fail(statusErrors.invalid(call.info.kind, call.info.group, object.metadata.name ?? '', errors));
}

export function create(ctx: ApiContext, call: Call): ApiResponse {
  const decoded = decodeObject(call, requireObject(call), summaryFor(ctx, call));
  const object = decoded.object;
  checkNamespace(ctx, call, object);
  if (object.metadata.resourceVersion) {
    // The storage layer's plain error: a 500 with no reason, as etcd3's store returns it.
    fail(statusErrors.storage('resourceVersion should not be set on objects to be created'));
  }
  return createObject(ctx, call, object, decoded.warnings);
}

/** The create path shared by POST and by apply/update of an object that does not exist yet. */
export function createObject(ctx: ApiContext, call: Call, requested: KubeObject, warnings: string[] = [], track = true): ApiResponse {
  const dryRun = isDryRun(call);
  if (call.info.custom) checkCustomCreate(ctx, call.info);
  let object = toStorage(call.info, requested);
  if (!object.metadata.name && object.metadata.generateName) {
    object.metadata.name = object.metadata.generateName + ctx.names.nameSuffix();
  }
  if (call.info.namespaced && object.metadata.namespace) checkNamespaceAcceptsWrites(ctx, call, object);
  checkPodLimit(ctx, call, object);
  const meta = object.metadata;
  for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'selfLink'] as const) {
    delete meta[field];
  }
  meta.uid = ctx.uids.uuid();
  meta.creationTimestamp = secondsText(ctx.clock.now());
  object = prepareCreate(ctx, call.info, object, call.user, dryRun);
  const errors = validateObject(ctx, call.info, object, undefined, requested);
  if (errors.length) invalid(call, object, errors);
  validateAdmission(ctx, { operation: 'CREATE', info: call.info, object, subresource: call.subresource, user: call.user, dryRun });
  if (call.info.custom) warnings = [...warnings, ...customWarnings(object)];
  const key = storageKey(call.info);
  if (ctx.store.get(key, object.metadata.namespace, object.metadata.name!)) {
    fail(statusErrors.alreadyExists(target(call, object.metadata.name)));
  }
  checkStoredSize(call, object);
  if (track) object = trackManagedFields(call, undefined, object, fieldManager(call), ctx.clock.now(), createResetFields(call.info, requested));
  const stored = dryRun ? { ...object, metadata: { ...object.metadata } } : ctx.store.create(key, object);
  return json(201, present(call.info, stored), warnings);
}

export function update(ctx: ApiContext, call: Call): ApiResponse {
  const decoded = decodeObject(call, requireObject(call), summaryFor(ctx, call));
  const object = decoded.object;
  if (object.metadata.name !== undefined && object.metadata.name !== call.name) {
    fail(statusErrors.badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${call.name})`));
  }
  object.metadata.name = call.name;
  checkNamespace(ctx, call, object);
  const old = ctx.store.get(storageKey(call.info), call.namespace, call.name!);
  if (!old) fail(statusErrors.notFound(target(call)));
  const requestedVersion = object.metadata.resourceVersion;
  if (requestedVersion && requestedVersion !== old.metadata.resourceVersion) fail(statusErrors.modified(target(call)));
  return updateObject(ctx, call, toStorage(call.info, object), old, decoded.warnings);
}

/** Carry over what a write to the main resource may not change: server-set metadata and status. */
function keepServerFields(call: Call, next: KubeObject, old: KubeObject): KubeObject {
  const meta = { ...next.metadata };
  for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
    if (old.metadata[field] === undefined) delete meta[field];
    else meta[field] = old.metadata[field] as never;
  }
  meta.resourceVersion = old.metadata.resourceVersion;
  const out: KubeObject = { ...next, metadata: meta };
  if (call.info.subresources?.includes('status')) {
    if (old.status === undefined) delete out.status;
    else out.status = old.status;
  }
  return out;
}

/** The update path shared by PUT and every kind of PATCH. */
export function updateObject(ctx: ApiContext, call: Call, requested: KubeObject, old: KubeObject, warnings: string[] = [], manager = fieldManager(call), track = true): ApiResponse {
  const dryRun = isDryRun(call);
  let object = keepServerFields(call, requested, old);
  object = prepareUpdate(ctx, call.info, object, old, call.user, dryRun);
  const errors = validateObject(ctx, call.info, object, old, requested);
  if (errors.length) invalid(call, object, errors);
  validateAdmission(ctx, { operation: 'UPDATE', info: call.info, object, old, subresource: call.subresource, user: call.user, dryRun });
  if (call.info.custom) warnings = [...warnings, ...customWarnings(object, old)];
  checkStoredSize(call, object);
  return commitUpdate(ctx, call, object, old, dryRun, warnings, track ? manager : undefined);
}

/** Store an updated object unless nothing changed; finish a deletion whose last finalizer went. */
export function commitUpdate(ctx: ApiContext, call: Call, next: KubeObject, old: KubeObject, dryRun: boolean, warnings: string[], manager: string | undefined): ApiResponse {
  const object = manager === undefined ? next : trackManagedFields(call, old, next, manager, ctx.clock.now());
  // A write that changes nothing is not stored: the resourceVersion stays, no watch event fires.
  if (sameButManagedTimes(object, old)) return json(200, present(call.info, old), warnings);
  if (dryRun) return json(200, present(call.info, { ...object, metadata: { ...object.metadata, resourceVersion: old.metadata.resourceVersion } }), warnings);
  // The store stamps the new resourceVersion in the same place of metadata.
  const stored = ctx.store.update(storageKey(call.info), object, old);
  const final = finishDeletionIfDone(ctx, call, stored);
  return json(200, present(call.info, final), warnings);
}

/**
 * Whether two objects are equal (as deepEqual: key order and undefined values aside) once the
 * resourceVersion and the managedFields entries' times are left out: a write that only bumps
 * those changes nothing. Compared in place, without copies: every update asks.
 */
export function sameButManagedTimes(a: KubeObject, b: KubeObject): boolean {
  return sameFields(a as unknown as Fields, b as unknown as Fields, (key, x, y) =>
    key === 'metadata' ? sameFields((x ?? {}) as Fields, (y ?? {}) as Fields, sameMetadataField, 'resourceVersion') : deepEqual(x, y));
}

type Fields = Record<string, unknown>;

function sameMetadataField(key: string, x: unknown, y: unknown): boolean {
  if (key !== 'managedFields' || !Array.isArray(x) || !Array.isArray(y)) return deepEqual(x, y);
  if (x.length !== y.length) return false;
  return x.every((entry, i) => sameFields(entry as Fields, y[i] as Fields, (_key, p, q) => deepEqual(p, q), 'time'));
}

/** deepEqual of two records, each field by `same`, leaving out undefined values and the field `ignored`. */
function sameFields(a: Fields, b: Fields, same: (key: string, x: unknown, y: unknown) => boolean, ignored?: string): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return deepEqual(a, b);
  let fields = 0;
  for (const key of Object.keys(a)) {
    const x = a[key];
    if (x === undefined || key === ignored) continue;
    fields++;
    if (!same(key, x, b[key])) return false;
  }
  for (const key of Object.keys(b)) if (b[key] !== undefined && key !== ignored) fields--;
  return fields === 0;
}

export function patch(ctx: ApiContext, call: Call): ApiResponse {
  const contentType = (call.headers['content-type'] ?? '').split(';')[0].trim();
  const old = ctx.store.get(storageKey(call.info), call.namespace, call.name!);
  if (contentType === 'application/apply-patch+yaml') return apply(ctx, call, old);
  if (!old) fail(statusErrors.notFound(target(call)));
  const patched = patchObject(call.info, contentType, present(call.info, old), call.body);
  const decoded = decodeObject(call, { ...patched, metadata: { ...(patched.metadata ?? {}) } }, summaryFor(ctx, call));
  const object = decoded.object;
  if (object.metadata.name !== call.name) {
    fail(statusErrors.badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${call.name})`));
  }
  checkNamespace(ctx, call, object);
  const requestedVersion = object.metadata.resourceVersion;
  if (requestedVersion && requestedVersion !== old.metadata.resourceVersion) fail(statusErrors.modified(target(call)));
  return updateObject(ctx, call, toStorage(call.info, object), old, decoded.warnings);
}

/** Server-side apply: merge the applied configuration, owning fields per manager; create when absent. */
function apply(ctx: ApiContext, call: Call, old: KubeObject | undefined): ApiResponse {
  const manager = call.query.fieldManager;
  if (!manager) {
    fail(statusErrors.invalid('PatchOptions', 'meta.k8s.io', '', [{ type: 'FieldValueRequired', field: 'fieldManager', detail: 'is required for apply patch' }]));
  }
  const decoded = decodeObject(call, requireObject(call), summaryFor(ctx, call));
  const applied = decoded.object;
  if (applied.metadata.name !== undefined && applied.metadata.name !== call.name) {
    fail(statusErrors.badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${call.name})`));
  }
  const object = applyConfiguration(call, old && present(call.info, old), applied, manager, call.query.force === 'true', ctx.clock.now());
  object.metadata.name ??= call.name;
  checkNamespace(ctx, call, object);
  if (!old) return createObject(ctx, call, object, decoded.warnings, false);
  return updateObject(ctx, call, toStorage(call.info, object), old, decoded.warnings, manager, false);
}
