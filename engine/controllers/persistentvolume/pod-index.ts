/**
 * Pods by the claims they mount (the PodPVCIndex of pkg/controller/volume/common): `ns/claim` →
 * the pods that reference it, from `persistentVolumeClaim` volumes and generic ephemeral volumes
 * (whose claim is `<pod>-<volume>`). Only pods that mount claims are indexed, so a cluster of
 * 30,000 stateless pods costs one volume scan per pod event and nothing else.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { keyOf } from '../../runtime/informer.ts';

/** The `ns/claim` keys a pod mounts. */
export function podClaimKeys(pod: Pod): string[] {
  const keys: string[] = [];
  const namespace = pod.metadata?.namespace;
  for (const volume of pod.spec?.volumes ?? []) {
    if (volume.persistentVolumeClaim) keys.push(`${namespace}/${volume.persistentVolumeClaim.claimName}`);
    else if (volume.ephemeral) keys.push(`${namespace}/${pod.metadata?.name}-${volume.name}`);
  }
  return keys;
}

/** IsPodTerminated: the pod has finished (Succeeded or Failed). */
export function isPodTerminated(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** An index of pods by claim key, kept current from a pod informer's events. */
export class PodsByClaim {
  private byClaim = new Map<string, Map<string, Pod>>();

  /** Record a pod's add or update; returns the claim keys whose users changed (old and new). */
  upsert(old: KubeObject | undefined, object: KubeObject): string[] {
    const pod = object as unknown as Pod;
    const before = old ? podClaimKeys(old as unknown as Pod) : [];
    const after = podClaimKeys(pod);
    if (before.length === 0 && after.length === 0) return [];
    const key = keyOf(object);
    for (const claim of before) if (!after.includes(claim)) this.byClaim.get(claim)?.delete(key);
    for (const claim of after) {
      let pods = this.byClaim.get(claim);
      if (!pods) this.byClaim.set(claim, (pods = new Map()));
      pods.set(key, pod);
    }
    return [...new Set([...before, ...after])];
  }

  /** Forget a deleted pod; returns the claim keys it used. */
  remove(object: KubeObject): string[] {
    const claims = podClaimKeys(object as unknown as Pod);
    const key = keyOf(object);
    for (const claim of claims) {
      const pods = this.byClaim.get(claim);
      pods?.delete(key);
      if (pods?.size === 0) this.byClaim.delete(claim);
    }
    return claims;
  }

  /** The pods that reference the claim `ns/name`. */
  pods(claim: string): Pod[] {
    return [...(this.byClaim.get(claim)?.values() ?? [])];
  }
}
