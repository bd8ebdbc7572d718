/**
 * The CRD finalizer (apiextensions-apiserver pkg/controller/finalizer): a deleted CRD keeps the
 * `customresourcecleanup.apiextensions.k8s.io` finalizer while its custom resources are deleted,
 * namespace by namespace with deletecollection; only when none is left does the finalizer go and
 * the API server remove the CRD. Custom resources that carry finalizers of their own hold the CRD
 * in Terminating until their controllers let them go.
 */
import { crdCleanupFinalizer } from '../../api/custom-resources.ts';
import type { ResourceInfo } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ControllerEnv, SyncResult } from '../../runtime/controller.ts';
import { findCondition, isConditionTrue } from './conditions.ts';
import { resourcePath } from '../../api/registry.ts';
import { apiserverAgent, crdPath, writeStatus } from './status.ts';


/** Upstream polls for the instances to be gone every 5 seconds. */
export const instancePollInterval = 5_000;

/** Whether the CRD is being deleted and still waits for this controller. */
export function needsCleanup(crd: KubeObject): boolean {
  return Boolean(crd.metadata.deletionTimestamp) && (crd.metadata.finalizers ?? []).includes(crdCleanupFinalizer);
}

/** The custom resources of every namespace, read through the API. */
export function listInstances(env: ControllerEnv, info: ResourceInfo): KubeObject[] {
  const listed = env.api.handle({ method: 'GET', path: resourcePath(info), headers: { 'user-agent': apiserverAgent } });
  return listed.status === 200 ? ((listed.body as { items?: KubeObject[] }).items ?? []) : [];
}

/** deletecollection in each namespace that has instances (once for cluster-scoped ones). */
export function deleteInstances(env: ControllerEnv, info: ResourceInfo, instances: readonly KubeObject[]): void {
  const namespaces = new Set(instances.map((item) => item.metadata.namespace));
  for (const namespace of namespaces) {
    env.api.handle({ method: 'DELETE', path: resourcePath(info, namespace), headers: { 'user-agent': apiserverAgent } });
  }
}

/**
 * One step of the finalizer for a CRD that `needsCleanup`: mark Terminating, then delete the
 * instances (waiting while some remain), then record the outcome and drop the finalizer. `served`
 * is a registry entry through which the instances can be reached, if the CRD was ever served.
 */
export function cleanupStep(env: ControllerEnv, crd: KubeObject, served: ResourceInfo | undefined): SyncResult {
  const terminating = findCondition(crd, 'Terminating');
  if (terminating?.status !== 'True' || terminating.reason !== 'InstanceDeletionInProgress') {
    writeStatus(env, crd, { conditions: [{ type: 'Terminating', status: 'True', reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress' }] });
    return;
  }
  const established = isConditionTrue(crd, 'Established') && served !== undefined;
  if (established) {
    const before = listInstances(env, served);
    if (before.length) {
      deleteInstances(env, served, before);
      // Objects without finalizers are gone at once; the rest are waited for.
      if (listInstances(env, served).length) return { requeueAfter: instancePollInterval };
    }
  }
  const outcome = established
    ? { reason: 'InstanceDeletionCompleted', message: 'removed all instances' }
    : { reason: 'NeverEstablished', message: 'resource was never established' };
  const updated = writeStatus(env, crd, { conditions: [{ type: 'Terminating', status: 'False', ...outcome }] });
  if (updated.status !== 200) return;
  const current = updated.body as KubeObject;
  env.api.handle({
    method: 'PATCH',
    path: crdPath(crd.metadata.name!),
    headers: { 'user-agent': apiserverAgent, 'content-type': 'application/merge-patch+json' },
    body: {
      metadata: {
        resourceVersion: current.metadata.resourceVersion,
        finalizers: (current.metadata.finalizers ?? []).filter((f) => f !== crdCleanupFinalizer),
      },
    },
  });
}
