/**
 * `pods/NAME/ephemeralcontainers` (GET, PUT, PATCH), as the 1.32 API server serves it: the
 * subresource reads and writes the whole Pod, but a write keeps everything of the stored pod except
 * `spec.ephemeralContainers` (dropNonEphemeralContainerUpdates), and is validated by
 * ValidatePodEphemeralContainersUpdate instead of the usual pod update rules. `kubectl debug`
 * sends a strategic merge patch here that adds one container.
 */
import type { ApiContext } from '../context.ts';
import { statusErrors } from '../errors.ts';
import { prepareUpdate } from '../pipeline.ts';
import type { ApiResponse, KubeObject } from '../types.ts';
import { validatePodEphemeralContainersUpdate } from '../validation/pod-ephemeral.ts';
import type { Call } from './common.ts';
import { fail, isDryRun, json, present, target } from './common.ts';
import { current, requested } from './subresources.ts';
import { commitUpdate, fieldManager } from './write.ts';

/** The pod a write asks for: the stored pod with only the ephemeral containers (and the identity fields) taken from the request. */
export function dropNonEphemeralContainerUpdates(requested: KubeObject, old: KubeObject): KubeObject {
  const spec = { ...(old.spec as Record<string, unknown>) };
  const wanted = (requested.spec as { ephemeralContainers?: unknown } | undefined)?.ephemeralContainers;
  if (wanted === undefined || wanted === null) delete spec.ephemeralContainers;
  else spec.ephemeralContainers = wanted;
  const { name, namespace, resourceVersion, uid } = requested.metadata ?? {};
  return { ...old, metadata: { ...old.metadata, name, namespace, resourceVersion, uid }, spec };
}

/** Serve GET, PUT and PATCH on `pods/NAME/ephemeralcontainers`. */
export function ephemeralContainers(ctx: ApiContext, call: Call, method: string): ApiResponse {
  const old = current(ctx, call);
  if (method === 'GET') return json(200, present(call.info, old));
  const shown = present(call.info, old);
  const body = requested(call, method, () => shown);
  if (body.metadata?.name !== undefined && body.metadata.name !== call.name) {
    fail(statusErrors.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${call.name})`));
  }
  const rv = body.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) fail(statusErrors.modified(target(call)));
  const merged = dropNonEphemeralContainerUpdates({ ...body, metadata: { ...old.metadata, ...body.metadata, name: call.name, namespace: call.namespace, uid: old.metadata.uid } }, old);
  merged.metadata.resourceVersion = old.metadata.resourceVersion;
  const dryRun = isDryRun(call);
  // Defaulting fills the new containers' terminationMessagePath, imagePullPolicy and the rest.
  const next = prepareUpdate(ctx, call.info, merged, old, call.user, dryRun);
  const errors = validatePodEphemeralContainersUpdate(next, old);
  if (errors.length) fail(statusErrors.invalid('Pod', '', call.name!, errors));
  return commitUpdate(ctx, call, next, old, dryRun, [], fieldManager(call));
}
