/**
 * delete and deletecollection, with the API server's graceful deletion: finalizers hold an
 * object with a deletionTimestamp until the last one is removed; Foreground and Orphan
 * propagation add their finalizers for the garbage collector; pods on a node wait for their
 * kubelet; namespaces turn Terminating and the namespace controller empties them.
 */
import type { ApiContext } from '../context.ts';
import { storageKey } from '../context.ts';
import { statusErrors, successStatus } from '../errors.ts';
import { objectMatcher } from '../pipeline.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import type { Call } from './common.ts';
import { fail, isDryRun, json, present, target } from './common.ts';
import { rfc3339 } from '../../clock.ts';
import { crdStorageKey, markCrdForDeletion } from '../custom-resources.ts';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  /** `["All"]`: kubectl sends a server-side dry run of a delete in the body, not the query. */
  dryRun?: string[];
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

function dryRunInBody(options: DeleteOptions): boolean {
  if (!options.dryRun?.length) return false;
  if (options.dryRun.some((v) => v !== 'All')) {
    fail(statusErrors.badRequest(`Invalid dry run value: "${options.dryRun.join(',')}", valid values are: "All"`));
  }
  return true;
}

/** Namespaces the API server refuses to delete. */
const protectedNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/** Resources whose DELETE answers with the object rather than a Status (their registries return it). */
const returnsDeletedObject = new Set(['/pods', '/services', '/namespaces']);

function deleteOptions(call: Call): DeleteOptions {
  const body = (call.body && typeof call.body === 'object' ? call.body : {}) as DeleteOptions;
  const options: DeleteOptions = { ...body };
  if (call.query.gracePeriodSeconds !== undefined) options.gracePeriodSeconds = Number(call.query.gracePeriodSeconds);
  if (call.query.propagationPolicy) options.propagationPolicy = call.query.propagationPolicy as DeleteOptions['propagationPolicy'];
  if (options.orphanDependents !== undefined && options.propagationPolicy) {
    fail(statusErrors.invalid('DeleteOptions', 'meta.k8s.io', '', [
      { type: 'FieldValueInvalid', field: 'propagationPolicy', value: options.propagationPolicy, hasValue: true, detail: 'orphanDependents and deletionPropagation cannot be both set' },
    ]));
  }
  if (options.orphanDependents === true) options.propagationPolicy = 'Orphan';
  const allowed = ['Background', 'Foreground', 'Orphan'];
  if (options.propagationPolicy && !allowed.includes(options.propagationPolicy)) {
    fail(statusErrors.invalid('DeleteOptions', 'meta.k8s.io', '', [
      { type: 'FieldValueNotSupported', field: 'propagationPolicy', value: options.propagationPolicy, hasValue: true, detail: `supported values: "Foreground", "Background", "Orphan", "nil"` },
    ]));
  }
  return options;
}

/** Writes into a namespace that is missing or being deleted are refused, as the NamespaceLifecycle admission plugin does. */
export function checkNamespaceAcceptsWrites(ctx: ApiContext, call: Call, object: KubeObject): void {
  const namespace = ctx.store.get('/namespaces', undefined, object.metadata.namespace!);
  if (!namespace) fail(statusErrors.notFound({ group: '', resource: 'namespaces', name: object.metadata.namespace }));
  if (namespace.metadata.deletionTimestamp) {
    fail(statusErrors.forbidden(
      { group: call.info.group, resource: call.info.resource, name: object.metadata.name },
      `unable to create new content in namespace ${object.metadata.namespace} because it is being terminated`,
    ));
  }
}

export function remove(ctx: ApiContext, call: Call): ApiResponse {
  const key = storageKey(call.info);
  const object = ctx.store.get(key, call.namespace, call.name!);
  if (!object) fail(statusErrors.notFound(target(call)));
  const options = deleteOptions(call);
  const dryRun = isDryRun(call) || dryRunInBody(options);
  checkPreconditions(call, object, options);
  if (call.info.resource === 'namespaces' && call.info.group === '' && protectedNamespaces.has(object.metadata.name!)) {
    fail(statusErrors.forbidden(target(call), 'this namespace may not be deleted'));
  }
  const result = deleteObject(ctx, call, object, options, dryRun);
  if (result.deleted && !returnsDeletedObject.has(key)) {
    return json(200, successStatus(target(call), object.metadata.uid));
  }
  return json(200, present(call.info, result.object));
}

function checkPreconditions(call: Call, object: KubeObject, options: DeleteOptions): void {
  const { uid, resourceVersion } = options.preconditions ?? {};
  if (uid && uid !== object.metadata.uid) {
    fail(statusErrors.conflict(target(call), `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${object.metadata.uid}`));
  }
  if (resourceVersion && resourceVersion !== object.metadata.resourceVersion) {
    fail(statusErrors.conflict(target(call), `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${object.metadata.resourceVersion}`));
  }
}

/** The grace period a pod gets: the request's, else the pod's own, else 30 s; 0 for pods never scheduled. */
function podGracePeriod(object: KubeObject, options: DeleteOptions): number {
  const spec = (object.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  // A negative or zero grace period from the client still lets the kubelet stop the pod: 1 s.
  return grace <= 0 ? 1 : grace;
}

/**
 * Delete one object: immediately when nothing holds it, else by setting deletionTimestamp and
 * leaving the rest to finalizers, the garbage collector, the kubelet or the namespace controller.
 */
export function deleteObject(ctx: ApiContext, call: Call, object: KubeObject, options: DeleteOptions, dryRun: boolean): { deleted: boolean; object: KubeObject } {
  const key = storageKey(call.info);
  const finalizers = [...(object.metadata.finalizers ?? [])];
  const policy = options.propagationPolicy ?? 'Background';
  if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
  if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  let grace = 0;
  if (key === '/pods') grace = podGracePeriod(object, options);
  const isNamespace = key === '/namespaces';
  if (key === crdStorageKey && !object.metadata.deletionTimestamp) {
    // apiextensions holds a CRD with its cleanup finalizer until its custom resources are gone.
    const next = markCrdForDeletion(object, rfc3339(ctx.clock.now()));
    return { deleted: false, object: dryRun ? next : ctx.store.update(key, next, object) };
  }
  if (object.metadata.deletionTimestamp) {
    // Already being deleted: a second delete may only shorten the grace period.
    if (key === '/pods' && options.gracePeriodSeconds === 0 && !finalizers.length) return finish(ctx, key, object, dryRun);
    return { deleted: false, object };
  }
  if (!finalizers.length && grace === 0 && !isNamespace) return finish(ctx, key, object, dryRun);
  const now = ctx.clock.now();
  const next: KubeObject = {
    ...object,
    metadata: {
      ...object.metadata,
      deletionTimestamp: rfc3339(now + grace * 1000),
      deletionGracePeriodSeconds: grace,
      ...(finalizers.length ? { finalizers } : {}),
    },
  };
  if (isNamespace) next.status = { ...(object.status as object), phase: 'Terminating' };
  if (dryRun) return { deleted: false, object: next };
  return { deleted: false, object: ctx.store.update(key, next, object) };
}

function finish(ctx: ApiContext, key: string, object: KubeObject, dryRun: boolean): { deleted: boolean; object: KubeObject } {
  if (dryRun) return { deleted: true, object };
  return { deleted: true, object: ctx.store.delete(key, object) };
}

/** After an update: an object being deleted whose last finalizer has gone is removed for good. */
export function finishDeletionIfDone(ctx: ApiContext, call: Call, object: KubeObject): KubeObject {
  const meta = object.metadata;
  if (!meta.deletionTimestamp || meta.finalizers?.length) return object;
  if (storageKey(call.info) === '/pods' && (meta.deletionGracePeriodSeconds ?? 0) > 0) return object;
  if (storageKey(call.info) === '/namespaces') return object;
  return ctx.store.delete(storageKey(call.info), object);
}

export function removeCollection(ctx: ApiContext, call: Call): ApiResponse {
  const options = deleteOptions(call);
  const dryRun = isDryRun(call) || dryRunInBody(options);
  const matches = objectMatcher(call, ctx);
  const key = storageKey(call.info);
  const items: KubeObject[] = [];
  for (const object of ctx.store.list(key, call.namespace)) {
    if (!matches(object)) continue;
    const result = deleteObject(ctx, call, object, options, dryRun);
    items.push(present(call.info, result.object));
  }
  return json(200, {
    kind: `${call.info.kind}List`,
    apiVersion: call.info.group ? `${call.info.group}/${call.info.version}` : call.info.version,
    metadata: { resourceVersion: String(ctx.store.resourceVersion()) },
    items,
  });
}

