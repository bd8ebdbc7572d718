/**
 * Subresources the API server itself serves: `status`, `scale` (an autoscaling/v1 Scale view of a
 * workload's replicas), pods' `binding`, and namespaces' `finalize`. Others (pods/log, exec …) are
 * served by providers the kubelet layer registers in the context.
 */
import type { ApiContext } from '../context.ts';
import { storageKey } from '../context.ts';
import { toStorage } from '../conversion.ts';
import { statusErrors } from '../errors.ts';
import { formatSelector, patchObject } from '../pipeline.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import type { Call } from './common.ts';
import { fail, isDryRun, json, present, target } from './common.ts';
import { commitUpdate, fieldManager, updateObject } from './write.ts';
import { rfc3339 } from '../../clock.ts';
import {
  customResourceWithReplicas, customScale, customScaleForUpdate, customScaleGet, scaleFromCustomResource,
} from '../custom-resources.ts';

/** The stored object a subresource request names (NotFound otherwise). */
export function current(ctx: ApiContext, call: Call): KubeObject {
  const object = ctx.store.get(storageKey(call.info), call.namespace, call.name!);
  if (!object) fail(statusErrors.notFound(target(call)));
  return object;
}

function contentType(call: Call): string {
  return (call.headers['content-type'] ?? '').split(';')[0].trim();
}

/**
 * The new state a PUT or PATCH asks for, given the current state in the same shape (made only for
 * a PATCH: a kubelet's status PUT, the most frequent write, never reads it).
 */
export function requested(call: Call, method: string, currentShape: () => KubeObject): KubeObject {
  if (method === 'PUT') {
    const body = call.body as KubeObject;
    if (!body || typeof body !== 'object') fail(statusErrors.badRequest('the body of the request is not an object'));
    return body;
  }
  return patchObject(call.info, contentType(call), currentShape(), call.body);
}

export function status(ctx: ApiContext, call: Call, method: string): ApiResponse {
  const old = current(ctx, call);
  if (method === 'GET') return json(200, present(call.info, old));
  const next = toStorage(call.info, requested(call, method, () => present(call.info, old)));
  const rv = next.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) fail(statusErrors.modified(target(call)));
  // Only status changes through /status: metadata and spec come from the stored object.
  const object: KubeObject = { ...old, status: next.status };
  return commitUpdate(ctx, call, object, old, isDryRun(call), [], fieldManager(call));
}

/** The Scale a workload shows through its `scale` subresource. */
function scaleOf(call: Call, object: KubeObject): KubeObject {
  const spec = (object.spec ?? {}) as { replicas?: number; selector?: unknown };
  const stat = (object.status ?? {}) as { replicas?: number };
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  // ReplicationControllers have a plain map selector; the others a LabelSelector.
  const selector = call.info.kind === 'ReplicationController'
    ? formatSelector({ matchLabels: spec.selector as Record<string, string> })
    : formatSelector(spec.selector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: stat.replicas ?? 0, selector },
  };
}

export function scale(ctx: ApiContext, call: Call, method: string): ApiResponse {
  const old = current(ctx, call);
  const custom = call.info.custom ? customScale(ctx, call.info) : undefined;
  if (custom) {
    if (method === 'GET') return json(200, customScaleGet(old, custom));
    const shape = customScaleForUpdate(present(call.info, old), custom);
    const wanted = requested(call, method, () => shape);
    const next = customResourceWithReplicas(old, custom, wanted);
    if (next.metadata.resourceVersion !== old.metadata.resourceVersion) fail(statusErrors.modified(target(call)));
    const response = updateObject(ctx, call, next, old);
    const stored = isDryRun(call) ? next : ctx.store.get(storageKey(call.info), call.namespace, call.name!) ?? old;
    return { ...response, body: scaleFromCustomResource(stored, custom).scale };
  }
  if (method === 'GET') return json(200, scaleOf(call, old));
  const shape = scaleOf(call, old);
  const wanted = requested(call, method, () => shape);
  const replicas = (wanted.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
    fail(statusErrors.invalid('Scale', 'autoscaling', call.name!, [
      { type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, hasValue: true, detail: 'must be greater than or equal to 0' },
    ]));
  }
  const rv = wanted.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) fail(statusErrors.modified(target(call)));
  const next: KubeObject = { ...old, spec: { ...(old.spec as object), replicas } };
  const response = updateObject(ctx, call, next, old);
  const stored = ctx.store.get(storageKey(call.info), call.namespace, call.name!) ?? old;
  return { ...response, body: scaleOf(call, isDryRun(call) ? next : stored) };
}

/** POST pods/NAME/binding: the scheduler's (or a learner's) assignment of a pod to a node. */
export function binding(ctx: ApiContext, call: Call): ApiResponse {
  const old = current(ctx, call);
  const body = (call.body ?? {}) as { target?: { name?: string; kind?: string } };
  const node = body.target?.name;
  if (!node) fail(statusErrors.invalid('Binding', '', call.name!, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]));
  const spec = (old.spec ?? {}) as { nodeName?: string };
  if (old.metadata.deletionTimestamp) fail(statusErrors.conflict(target(call), `pod ${call.name} is being deleted, cannot be assigned to a host`));
  if (spec.nodeName) fail(statusErrors.conflict(target(call), `pod ${call.name} is already assigned to node "${spec.nodeName}"`));
  const status = (old.status ?? {}) as { conditions?: Record<string, unknown>[] };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(ctx.clock.now()) });
  const next: KubeObject = { ...old, spec: { ...spec, nodeName: node }, status: { ...status, conditions } };
  if (!isDryRun(call)) ctx.store.update('/pods', next, old);
  return json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/** PUT namespaces/NAME/finalize: the namespace controller removes `kubernetes` when the namespace is empty. */
export function finalize(ctx: ApiContext, call: Call): ApiResponse {
  const old = current(ctx, call);
  const body = (call.body ?? {}) as { spec?: { finalizers?: string[] } };
  const finalizers = body.spec?.finalizers ?? [];
  const next: KubeObject = { ...old, spec: { ...(old.spec as object), finalizers } };
  if (!finalizers.length) delete (next.spec as { finalizers?: string[] }).finalizers;
  if (isDryRun(call)) return json(200, present(call.info, next));
  let stored = ctx.store.update('/namespaces', next, old);
  if (stored.metadata.deletionTimestamp && !finalizers.length && !stored.metadata.finalizers?.length) {
    stored = ctx.store.delete('/namespaces', stored);
  }
  return json(200, present(call.info, stored));
}
