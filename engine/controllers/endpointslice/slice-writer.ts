/**
 * `finalize` of both EndpointSlice reconcilers: turn creates into updates of slices that would
 * otherwise be deleted (no churn of names), then create, update and delete through the API, with
 * upstream's error texts. Shared by the EndpointSlice and the mirroring controllers.
 */
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import type { Slice } from './reconciler.ts';
import { lastChangeTriggerTimeAnnotation } from './trigger-time.ts';

const slicesPath = (namespace: string): string => `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`;

/** The `%v` of a client-go API error: the Status message. */
export function apiErrorText(response: ApiResponse): string {
  const body = response.body as { message?: string } | undefined;
  return body?.message ?? `status ${response.status}`;
}

/** A failed namespace-scoped create in a Terminating namespace is dropped, not retried. */
function namespaceTerminating(response: ApiResponse): boolean {
  const causes = (response.body as { details?: { causes?: { type?: string }[] } } | undefined)?.details?.causes ?? [];
  return causes.some((cause) => cause.type === 'NamespaceTerminating');
}

/** `utilerrors.NewAggregate(errs).Error()`: one message as is, several as `[a, b]`. */
export function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

/** What the writer needs to know about the owner of the slices. */
export interface SliceOwner {
  /** `Service` or `Endpoints`: the words of the error messages. */
  kind: string;
  object: KubeObject;
  /** Whether recycled slices must be owned by this object too (the EndpointSlice controller checks). */
  owns(slice: Slice): boolean;
  /** The trigger-time annotation value, `undefined` to remove it, `null` to leave annotations alone (mirroring). */
  triggerTime: string | undefined | null;
}

function withTriggerTime(slice: Slice, triggerTime: string | undefined | null): Slice {
  if (triggerTime === null) return slice;
  const annotations = { ...(slice.metadata.annotations ?? {}) };
  if (triggerTime !== undefined) annotations[lastChangeTriggerTimeAnnotation] = triggerTime;
  else delete annotations[lastChangeTriggerTimeAnnotation];
  return { ...slice, metadata: { ...slice.metadata, annotations } };
}

/** An empty list is sent as null: the API server stores slices as protobuf, where [] and nil are one. */
function body(slice: Slice): Slice {
  return { ...slice, endpoints: slice.endpoints?.length ? slice.endpoints : null, ports: slice.ports?.length ? slice.ports : null };
}

/** Write a plan. Throws an Error with upstream's message on the first failed write. */
export function finalizeSlices(api: ApiClient, owner: SliceOwner, create: Slice[], update: Slice[], remove: Slice[]): void {
  const namespace = owner.object.metadata.namespace!;
  const ownerName = `${owner.kind} ${namespace}/${owner.object.metadata.name}`;
  create = [...create];
  update = [...update];
  remove = [...remove];
  for (let i = 0; i < remove.length && create.length > 0;) {
    const old = remove[i]!;
    const slice = create[create.length - 1]!;
    if (old.addressType === slice.addressType && owner.owns(old)) {
      create.pop();
      update.push({ ...slice, metadata: { ...slice.metadata, name: old.metadata.name } });
      remove.splice(i, 1);
    } else {
      i++;
    }
  }
  if (!owner.object.metadata.deletionTimestamp) {
    for (const slice of create) {
      const response = api.handle({ method: 'POST', path: slicesPath(namespace), body: body(withTriggerTime(slice, owner.triggerTime)) });
      if (response.status >= 300) {
        if (namespaceTerminating(response)) return;
        throw new Error(`failed to create EndpointSlice for ${ownerName}: ${apiErrorText(response)}`);
      }
    }
  }
  for (const slice of update) {
    const response = api.handle({ method: 'PUT', path: `${slicesPath(namespace)}/${slice.metadata.name}`, body: body(withTriggerTime(slice, owner.triggerTime)) });
    if (response.status >= 300) throw new Error(`failed to update ${slice.metadata.name} EndpointSlice for ${ownerName}: ${apiErrorText(response)}`);
  }
  for (const slice of remove) {
    const response = api.handle({ method: 'DELETE', path: `${slicesPath(namespace)}/${slice.metadata.name}` });
    if (response.status >= 300 && response.status !== 404) throw new Error(`failed to delete ${slice.metadata.name} EndpointSlice for ${ownerName}: ${apiErrorText(response)}`);
  }
}
