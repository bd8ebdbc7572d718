/**
 * The ControllerRefManager of client-go, shared by the ReplicaSet controller (claiming pods) and
 * the Deployment controller (claiming ReplicaSets). An orphan whose labels match the selector is
 * adopted (an ownerReference with `controller: true` is added); an owned object whose labels no
 * longer match is released (the reference is removed). Objects owned by someone else are left alone.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Selector } from '../../api/selectors/labels.ts';
import { matchLabels } from '../../api/selectors/labels.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import { controllerOf, newControllerRef } from './types.ts';

/** What a claim needs to know about the owner and how to reach its dependents. */
export interface ClaimContext {
  api: ApiClient;
  owner: KubeObject;
  /** The owner's kind as controllerRefs name it, e.g. `apps/v1` `ReplicaSet`. */
  ownerKind: { apiVersion: string; kind: string };
  /** The owner's collection URL for the fresh read before adopting (RecheckDeletionTimestamp). */
  ownerPath: string;
  selector: Selector;
  /** URL of one dependent. */
  pathOf(dependent: KubeObject): string;
}

/**
 * `ClaimPods` / `ClaimReplicaSets`: the dependents this owner controls after adopting and
 * releasing. Adoption first re-reads the owner from the API (not the cache), as upstream's
 * `canAdopt` does, so a controller that was just deleted does not grab orphans.
 */
export function claim(ctx: ClaimContext, candidates: Iterable<KubeObject>): KubeObject[] {
  const owner = ctx.owner;
  const claimed: KubeObject[] = [];
  let canAdopt: boolean | undefined;
  for (const object of candidates) {
    const ref = controllerOf(object);
    const matches = matchLabels(ctx.selector, object.metadata.labels ?? {});
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) {
        claimed.push(object);
        continue;
      }
      if (!owner.metadata.deletionTimestamp) release(ctx, object);
      continue;
    }
    if (owner.metadata.deletionTimestamp || !matches || object.metadata.deletionTimestamp) continue;
    if (object.metadata.namespace !== owner.metadata.namespace) continue;
    canAdopt ??= recheckOwner(ctx);
    if (!canAdopt) continue;
    const adopted = adopt(ctx, object);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** The owner as the API has it now: the same UID and not being deleted. */
function recheckOwner(ctx: ClaimContext): boolean {
  const fresh = ctx.api.handle({ method: 'GET', path: `${ctx.ownerPath}/${ctx.owner.metadata.name}` });
  if (fresh.status !== 200) return false;
  const object = fresh.body as KubeObject;
  return object.metadata.uid === ctx.owner.metadata.uid && !object.metadata.deletionTimestamp;
}

/** Strategic merge patch adding our controllerRef; the `uid` guards against a recreated object. */
function adopt(ctx: ClaimContext, object: KubeObject): KubeObject | undefined {
  const response = ctx.api.handle({
    method: 'PATCH',
    path: ctx.pathOf(object),
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: { metadata: { ownerReferences: [newControllerRef(ctx.owner, ctx.ownerKind.apiVersion, ctx.ownerKind.kind)], uid: object.metadata.uid } },
  });
  return response.status === 200 ? (response.body as KubeObject) : undefined;
}

/** Strategic merge patch deleting our reference by its merge key, `uid`. */
function release(ctx: ClaimContext, object: KubeObject): void {
  ctx.api.handle({
    method: 'PATCH',
    path: ctx.pathOf(object),
    headers: { 'content-type': 'application/strategic-merge-patch+json' },
    body: { metadata: { ownerReferences: [{ $patch: 'delete', uid: ctx.owner.metadata.uid }], uid: object.metadata.uid } },
  });
}
