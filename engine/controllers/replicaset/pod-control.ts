/**
 * The shared pod-control helper (`controller.RealPodControl`): create pods from a template with
 * the owner's controllerRef and record `SuccessfulCreate` / `FailedCreate` on the owner; delete
 * pods and record `SuccessfulDelete` / `FailedDelete`. Creation runs in slow-start batches.
 */
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { EventRecorder } from '../../runtime/events.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import type { PodTemplate } from './types.ts';
import { newControllerRef } from './types.ts';

/** `SlowStartInitialBatchSize`. */
export const slowStartInitialBatchSize = 1;

/**
 * `slowStartBatch`: call `fn` `count` times in batches of 1, 2, 4, 8, …, stopping after the first
 * batch with a failure, so a quota error costs one API call instead of 500. Returns the successes.
 * Example: 10 pods go out as 1 + 2 + 4 + 3; if the second pod fails, only 1 + 2 were tried.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let failed = 0;
    for (let i = 0; i < batch; i++) if (!fn()) failed++;
    successes += batch - failed;
    if (failed > 0) break;
    remaining -= batch;
  }
  return successes;
}

/** The error text a client-go error prints: the Status message. */
export function errorText(response: ApiResponse): string {
  const body = response.body as { message?: string } | undefined;
  return body?.message ?? `status ${response.status}`;
}

/** True when the API refused because the namespace is terminating (no event then, as upstream). */
export function namespaceTerminating(response: ApiResponse): boolean {
  const body = response.body as { details?: { causes?: { type?: string }[] } } | undefined;
  return body?.details?.causes?.some((c) => c.type === 'NamespaceTerminating') ?? false;
}

/** `GetPodFromTemplate`: the pod a controller asks the API to create. */
export function podFromTemplate(template: PodTemplate, owner: KubeObject): KubeObject {
  const meta = template.metadata ?? {};
  const metadata: KubeObject['metadata'] = { generateName: `${owner.metadata.name}-`, namespace: owner.metadata.namespace };
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [newControllerRef(owner, owner.apiVersion ?? 'apps/v1', owner.kind ?? 'ReplicaSet')];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
}

/** Creates and deletes pods for one owner kind, recording the events upstream records. */
export class PodControl {
  constructor(private readonly api: ApiClient, private readonly recorder: EventRecorder) {}

  /** `CreatePods`; the response tells the caller whether to count a failure. */
  createPod(template: PodTemplate, owner: KubeObject): ApiResponse {
    const pod = podFromTemplate(template, owner);
    const response = this.api.handle({ method: 'POST', path: `/api/v1/namespaces/${owner.metadata.namespace}/pods`, body: pod });
    if (response.status >= 300) {
      if (!namespaceTerminating(response)) this.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${errorText(response)}`);
      return response;
    }
    const created = response.body as KubeObject;
    this.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    return response;
  }

  /** `DeletePod`; a pod already gone is not an error. */
  deletePod(pod: KubeObject, owner: KubeObject): ApiResponse {
    const path = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`;
    const response = this.api.handle({ method: 'DELETE', path });
    if (response.status === 404) return response;
    if (response.status >= 300) {
      this.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${errorText(response)}`);
      return response;
    }
    this.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    return response;
  }
}
