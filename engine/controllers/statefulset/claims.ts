/**
 * PersistentVolumeClaims from volumeClaimTemplates, and the ownerReferences that carry the
 * persistentVolumeClaimRetentionPolicy (KEP-1847, GA in v1.32). The claims outlive the pods;
 * the policy only decides who owns them, and the garbage collector does the deleting:
 *
 * | whenScaled | whenDeleted | claim of a pod in range | claim of a scaled-down pod |
 * |---|---|---|---|
 * | Retain | Retain | no reference | no reference |
 * | Retain | Delete | the set | the set |
 * | Delete | Retain | no reference | the pod |
 * | Delete | Delete | the set | the pod |
 *
 * Every added reference is a controllerRef (`controller: true, blockOwnerDeletion: true`).
 */
import type { KubeObject, OwnerReference } from '../../api/types.ts';
import { newControllerRef } from '../replicaset/types.ts';
import { claimName, inOrdinalRange, ordinalOf } from './identity.ts';
import type { ClaimTemplate } from './types.ts';
import { retentionPolicy, setSpec, sortedMap } from './types.ts';

/**
 * `getPersistentVolumeClaims`: one claim per template, named `<template>-<set>-<ordinal>`, with
 * the template's labels plus the set's `selector.matchLabels` (the selector wins on a clash).
 */
export function claimsFor(set: KubeObject, ordinal: number): KubeObject[] {
  const matchLabels = (setSpec(set).selector?.matchLabels ?? {}) as Record<string, string>;
  return (setSpec(set).volumeClaimTemplates ?? []).map((template: ClaimTemplate) => {
    const { name: _template, creationTimestamp: _null, ...meta } = template.metadata;
    const metadata: KubeObject['metadata'] = { ...structuredClone(meta), name: claimName(set, template, ordinal), namespace: set.metadata.namespace };
    metadata.labels = sortedMap({ ...template.metadata.labels, ...matchLabels });
    return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: structuredClone(template.spec ?? {}) };
  });
}

/** `matchesRef`: a reference to an object of this kind and name (any UID). */
function matchesRef(ref: OwnerReference, object: KubeObject, apiVersion: string, kind: string): boolean {
  return ref.apiVersion === apiVersion && ref.kind === kind && ref.name === object.metadata.name;
}

const setKind = ['apps/v1', 'StatefulSet'] as const;
const podKind = ['v1', 'Pod'] as const;

/** `hasStaleOwnerRef`: a reference by kind and name whose UID is another object's (an earlier pod or set). */
export function hasStaleOwnerRef(claim: KubeObject, owner: KubeObject, [apiVersion, kind]: readonly [string, string]): boolean {
  const ref = claim.metadata.ownerReferences?.find((r) => matchesRef(r, owner, apiVersion, kind));
  return ref !== undefined && ref.uid !== owner.metadata.uid;
}

/** `hasOwnerRef`: any reference with the owner's UID. */
function hasOwnerRef(claim: KubeObject, owner: KubeObject): boolean {
  return !!owner.metadata.uid && (claim.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid);
}

/** `hasUnexpectedController`: under a Delete policy, some other controller (or an old set/pod) owns the claim. */
export function hasUnexpectedController(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  const policy = retentionPolicy(set);
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false;
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, set, ...setKind)) {
      if (ref.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(ref, pod, ...podKind)) {
      if (ref.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (ref.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && !r.controller);
}

/** Which of set and pod the policy wants as owners of this pod's claims. */
function wantedOwners(set: KubeObject, pod: KubeObject): { set: boolean; pod: boolean } {
  const policy = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  const deleteOnScale = policy.whenScaled === 'Delete';
  const deleteOnDelete = policy.whenDeleted === 'Delete';
  return {
    set: deleteOnDelete && !(deleteOnScale && scaledDown),
    pod: deleteOnScale && scaledDown,
  };
}

/** `isClaimOwnerUpToDate`: the claim's references already say what the policy says (see the table above). */
export function isClaimOwnerUpToDate(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  if (hasStaleOwnerRef(claim, set, setKind) || hasStaleOwnerRef(claim, pod, podKind)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const wanted = wantedOwners(set, pod);
  return hasOwnerRef(claim, set) === wanted.set && hasOwnerRef(claim, pod) === wanted.pod;
}

/** `updateClaimOwnerRefForSetAndPod`: the claim's references with ours scrubbed and re-added per policy. */
export function claimOwnerReferences(claim: KubeObject, set: KubeObject, pod: KubeObject): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  const refs = (claim.metadata.ownerReferences ?? []).filter((r) => !matchesRef(r, set, ...setKind) && !matchesRef(r, pod, ...podKind));
  if (unexpected) return refs;
  const wanted = wantedOwners(set, pod);
  if (wanted.pod) refs.push(newControllerRef(pod, ...podKind));
  if (wanted.set) refs.push(newControllerRef(set, ...setKind));
  return refs;
}

/** The claim names of one pod, for lookups. */
export function claimNamesOf(set: KubeObject, pod: KubeObject): string[] {
  const ordinal = ordinalOf(pod);
  return (setSpec(set).volumeClaimTemplates ?? []).map((t) => claimName(set, t, ordinal));
}

export { podKind, setKind };
