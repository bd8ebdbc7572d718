/**
 * `syncNodes`: the one place the DaemonSet controller creates and deletes pods. Creations go out
 * in slow-start batches (1, 2, 4 …) of at most BurstReplicas (250) per sync, each pod pinned to
 * its node by node affinity; expectations are set first so the next sync waits for the informer.
 */
import type { KubeObject } from '../../api/types.ts';
import type { PodControl } from '../replicaset/pod-control.ts';
import { errorText, namespaceTerminating, slowStartBatch, slowStartInitialBatchSize } from '../replicaset/pod-control.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import type { DaemonSetExpectations } from './expectations.ts';
import { daemonPodTemplate, pinToNode } from './placement.ts';
import type { DaemonPodSpec } from './types.ts';
import { dsSpec } from './types.ts';

/** `BurstReplicas` of the DaemonSet controller: the most pods one sync creates or deletes. */
export const burstReplicas = 250;

/** What `syncNodes` acts with. */
export interface SyncNodesContext {
  podControl: PodControl;
  expectations: DaemonSetExpectations;
  /** The DaemonSet, with apiVersion and kind set (events and controllerRefs need them). */
  ds: KubeObject;
  key: string;
  hash: string;
  /** The template generation for the `pod-template-generation` label, if any. */
  generation: number | undefined;
}

/** The pod to create on `nodeName`: the daemon pod template with the node pinned in its affinity. */
export function podTemplateForNode(template: PodTemplate, nodeName: string): PodTemplate {
  const spec = (template.spec ?? {}) as DaemonPodSpec & Record<string, unknown>;
  return { ...template, spec: { ...spec, affinity: pinToNode(spec.affinity, nodeName) } };
}

/**
 * Delete `podsToDelete` and create a pod on each of `nodesNeedingDaemonPods`. Returns the error
 * text of the failures (undefined when all went well); the caller retries with back-off.
 */
export function syncNodes(ctx: SyncNodesContext, podsToDelete: readonly string[], nodesNeedingDaemonPods: readonly string[]): string | undefined {
  const namespace = ctx.ds.metadata.namespace!;
  const createDiff = Math.min(nodesNeedingDaemonPods.length, burstReplicas);
  const deleting = podsToDelete.slice(0, burstReplicas);
  ctx.expectations.set(ctx.key, createDiff, deleting.map((name) => `${namespace}/${name}`));
  const errors: string[] = [];

  const template = daemonPodTemplate(dsSpec(ctx.ds).template, ctx.generation, ctx.hash);
  let attempted = 0;
  slowStartBatch(createDiff, slowStartInitialBatchSize, () => {
    const nodeName = nodesNeedingDaemonPods[attempted++];
    const response = ctx.podControl.createPod(podTemplateForNode(template, nodeName), ctx.ds);
    // A terminating namespace refuses every create; that is not worth an error (nor a retry).
    if (response.status < 300 || namespaceTerminating(response)) return true;
    ctx.expectations.creationObserved(ctx.key);
    errors.push(errorText(response));
    return false;
  });
  // Pods a failed slow-start batch never tried will not show up in the informer.
  if (attempted < createDiff) ctx.expectations.creationObserved(ctx.key, createDiff - attempted);

  for (const name of deleting) {
    const response = ctx.podControl.deletePod({ metadata: { name, namespace } }, ctx.ds);
    if (response.status < 300) continue;
    ctx.expectations.deletionObserved(ctx.key, `${namespace}/${name}`);
    if (response.status !== 404) errors.push(errorText(response));
  }
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}
