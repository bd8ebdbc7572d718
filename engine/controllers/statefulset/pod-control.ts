/**
 * `StatefulPodControl` (stateful_pod_control.go): creates a pod's claims before the pod, fixes a
 * pod's identity and storage, deletes pods, keeps claim ownerReferences in line with the
 * retention policy, and records the StatefulSet's events on the set:
 *
 *   SuccessfulCreate  create Claim www-web-0 Pod web-0 in StatefulSet web success
 *   SuccessfulCreate  create Pod web-0 in StatefulSet web successful
 *   SuccessfulDelete  delete Pod web-2 in StatefulSet web successful
 *   FailedCreate      create Pod web-0 in StatefulSet web failed error: <error>
 *
 * (The reason is `Successful`/`Failed` + the capitalised verb; the claim message says "success".)
 */
import type { ApiResponse, KubeObject } from '../../api/types.ts';
import type { EventRecorder } from '../../runtime/events.ts';
import type { ApiClient, Informer } from '../../runtime/informer.ts';
import { errorText } from '../replicaset/pod-control.ts';
import { claimOwnerReferences, claimsFor, hasStaleOwnerRef, hasUnexpectedController, isClaimOwnerUpToDate, podKind } from './claims.ts';
import { claimName, identityMatches, ordinalOf, storageMatches, updateIdentity, updateStorage } from './identity.ts';
import { retentionPolicy, setSpec } from './types.ts';

type Verb = 'create' | 'update' | 'delete';

/** An API failure with the text client-go's error prints. */
export class ApiError extends Error {
  constructor(readonly response: ApiResponse, message = errorText(response)) {
    super(message);
  }
}

/** Pod and claim writes for the StatefulSet controller, with its events. */
export class StatefulPodControl {
  constructor(private readonly api: ApiClient, private readonly claims: Informer, private readonly recorder: EventRecorder) {}

  /** `CreateStatefulPod`: claims first, then the pod, then claim ownership for the retention policy. */
  createStatefulPod(set: KubeObject, pod: KubeObject): void {
    try {
      this.createClaims(set, pod);
    } catch (error) {
      this.recordPodEvent('create', set, pod, error);
      throw error;
    }
    const response = this.api.handle({ method: 'POST', path: `/api/v1/namespaces/${set.metadata.namespace}/pods`, body: pod });
    // An AlreadyExists is sunk without an event: the informer has not caught up yet.
    if (response.status === 409 && (response.body as { reason?: string } | undefined)?.reason === 'AlreadyExists') throw new ApiError(response);
    if (response.status < 300) {
      try {
        this.updateClaimsForRetentionPolicy(set, response.body as KubeObject);
      } catch (error) {
        this.recordPodEvent('update', set, pod, error);
        throw error;
      }
    }
    const error = response.status < 300 ? undefined : new ApiError(response);
    this.recordPodEvent('create', set, pod, error);
    if (error) throw error;
  }

  /**
   * `UpdateStatefulPod`: give the pod its identity, storage and claim ownership back if something
   * changed them; records `SuccessfulUpdate` only when a pod update was attempted.
   */
  updateStatefulPod(set: KubeObject, cached: KubeObject): void {
    const pod = structuredClone(cached);
    let consistent = true;
    try {
      if (!identityMatches(set, pod)) {
        updateIdentity(set, pod);
        consistent = false;
      }
      if (!storageMatches(set, pod)) {
        updateStorage(set, pod);
        consistent = false;
        this.createClaims(set, pod);
      }
      if (!this.claimsMatchRetentionPolicy(set, pod)) {
        this.updateClaimsForRetentionPolicy(set, pod);
        consistent = false;
      }
    } catch (error) {
      this.recordPodEvent('update', set, pod, error);
      throw error;
    }
    if (consistent) return;
    const response = this.api.handle({ method: 'PUT', path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`, body: { ...pod, apiVersion: 'v1', kind: 'Pod' } });
    const error = response.status < 300 ? undefined : new ApiError(response);
    this.recordPodEvent('update', set, pod, error);
    if (error) throw error;
  }

  /** `DeleteStatefulPod`: the claims stay. */
  deleteStatefulPod(set: KubeObject, pod: KubeObject): ApiResponse {
    const response = this.api.handle({ method: 'DELETE', path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}` });
    this.recordPodEvent('delete', set, pod, response.status < 300 ? undefined : new ApiError(response));
    return response;
  }

  /** `ClaimsMatchRetentionPolicy`: every existing claim of the pod has the owners the policy asks for. */
  claimsMatchRetentionPolicy(set: KubeObject, pod: KubeObject): boolean {
    const ordinal = ordinalOf(pod);
    for (const template of setSpec(set).volumeClaimTemplates ?? []) {
      const claim = this.claims.get(`${set.metadata.namespace}/${claimName(set, template, ordinal)}`);
      if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
    }
    return true;
  }

  /** `UpdatePodClaimForRetentionPolicy`: rewrite the ownerReferences of claims that disagree with the policy. */
  updateClaimsForRetentionPolicy(set: KubeObject, pod: KubeObject): void {
    const ordinal = ordinalOf(pod);
    for (const template of setSpec(set).volumeClaimTemplates ?? []) {
      const name = claimName(set, template, ordinal);
      const claim = this.claims.get(`${set.metadata.namespace}/${name}`);
      if (!claim) continue;
      if (hasUnexpectedController(claim, set, pod)) {
        this.recorder.event(set, 'Warning', 'ConflictingController',
          `PersistentVolumeClaim ${name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`);
      }
      if (isClaimOwnerUpToDate(claim, set, pod)) continue;
      const ownerReferences = claimOwnerReferences(claim, set, pod);
      const metadata = { ...claim.metadata, ownerReferences };
      if (!ownerReferences.length) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
      const response = this.api.handle({
        method: 'PUT', path: `/api/v1/namespaces/${set.metadata.namespace}/persistentvolumeclaims/${name}`,
        body: { ...claim, apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata },
      });
      if (response.status >= 300) throw new Error(`could not update claim ${name} for delete policy ownerRefs: ${errorText(response)}`);
    }
  }

  /** `PodClaimIsStale`: under whenScaled Delete, a claim still owned by an earlier pod of this name blocks creation. */
  podClaimIsStale(set: KubeObject, pod: KubeObject): boolean {
    if (retentionPolicy(set).whenScaled === 'Retain') return false;
    return claimsFor(set, ordinalOf(pod)).some((wanted) => {
      const claim = this.claims.get(`${set.metadata.namespace}/${wanted.metadata.name}`);
      return claim !== undefined && hasStaleOwnerRef(claim, pod, podKind);
    });
  }

  /** `createMissingPersistentVolumeClaims`: for a Pending pod, recreate claims someone deleted. */
  createMissingClaims(set: KubeObject, pod: KubeObject): void {
    this.createClaims(set, pod);
    try {
      this.updateClaimsForRetentionPolicy(set, pod);
    } catch (error) {
      this.recordPodEvent('update', set, pod, error);
      throw error;
    }
  }

  /** `createPersistentVolumeClaims`: create the claims that do not exist; a claim being deleted is an error. */
  private createClaims(set: KubeObject, pod: KubeObject): void {
    const errors: string[] = [];
    for (const claim of claimsFor(set, ordinalOf(pod))) {
      const name = claim.metadata.name!;
      const existing = this.claims.get(`${set.metadata.namespace}/${name}`);
      if (existing) {
        if (existing.metadata.deletionTimestamp) errors.push(`pvc ${name} is being deleted`);
        continue;
      }
      const response = this.api.handle({ method: 'POST', path: `/api/v1/namespaces/${set.metadata.namespace}/persistentvolumeclaims`, body: claim });
      const failed = response.status >= 300;
      if (failed) errors.push(`failed to create PVC ${name}: ${errorText(response)}`);
      if (!failed) this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
      else if (response.status !== 409) {
        this.recorder.event(set, 'Warning', 'FailedCreate',
          `create Claim ${name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(response)}`);
      }
    }
    // utilerrors.NewAggregate prints one error as itself and several as "[a, b]".
    if (errors.length === 1) throw new Error(errors[0]);
    if (errors.length > 1) throw new Error(`[${errors.join(', ')}]`);
  }

  /** `recordPodEvent`. */
  private recordPodEvent(verb: Verb, set: KubeObject, pod: KubeObject, error: unknown): void {
    const title = verb[0].toUpperCase() + verb.slice(1);
    if (error === undefined) {
      this.recorder.event(set, 'Normal', `Successful${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    this.recorder.event(set, 'Warning', `Failed${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${text}`);
  }
}
