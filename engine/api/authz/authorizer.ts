/**
 * The API server's authorizer chain as kind configures it (`--authorization-mode=Node,RBAC`),
 * behind the privileged-group authorizer that lets `system:masters` do anything. The first
 * authorizer with an opinion decides; when none has one, the request is denied with their reasons.
 */
import type { Store } from '../store.ts';
import type { UserInfo } from '../types.ts';
import { nodeRules } from './bootstrap-roles.ts';
import { rbacAuthorize, rbacRulesFor } from './rbac.ts';
import { ruleAllows } from './rules.ts';
import type { Attributes, Decision, PolicyRule, RulesInfo } from './types.ts';

/** The group whose members are never denied (kubeadm's super-user certificates). */
export const privilegedGroup = 'system:masters';

/** A kubelet's identity: `system:node:NAME` in `system:nodes`. */
function isNode(user: UserInfo): boolean {
  return user.username.startsWith('system:node:') && user.groups.includes('system:nodes');
}

/** The `system:node` rules, made on the first kubelet request. */
let systemNodeRules: PolicyRule[] | undefined;

/**
 * The Node authorizer, simplified: a kubelet may do what the `system:node` role lists. The real
 * one also limits each kubelet to its own node and to the objects its pods use (a graph of
 * pods, secrets and volumes); the lab's kubelets are trusted not to wander.
 */
function nodeAuthorize(attributes: Attributes): Decision {
  if (!isNode(attributes.user)) return { decision: 'NoOpinion', reason: '' };
  // Built once: every kubelet request (status writes, events, leases) asks.
  systemNodeRules ??= nodeRules();
  return systemNodeRules.some((rule) => ruleAllows(attributes, rule)) ? { decision: 'Allow', reason: '' } : { decision: 'NoOpinion', reason: '' };
}

/** Authorize one request: privileged group, then Node, then RBAC; no opinion at the end means denied. */
export function authorize(store: Store, attributes: Attributes): Decision {
  if (attributes.user.groups.includes(privilegedGroup)) return { decision: 'Allow', reason: '' };
  const reasons: string[] = [];
  for (const decide of [nodeAuthorize, (a: Attributes) => rbacAuthorize(store, a)]) {
    const decision = decide(attributes);
    if (decision.decision !== 'NoOpinion') return decision;
    if (decision.reason) reasons.push(decision.reason);
  }
  return { decision: 'NoOpinion', reason: reasons.join('\n') };
}

/** The rules the whole chain gives a user in a namespace (SelfSubjectRulesReview), in the chain's order. */
export function rulesFor(store: Store, user: UserInfo, namespace: string): RulesInfo {
  const resourceRules: PolicyRule[] = [];
  const nonResourceRules: PolicyRule[] = [];
  if (user.groups.includes(privilegedGroup)) {
    resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    nonResourceRules.push({ verbs: ['*'], nonResourceURLs: ['*'] });
  }
  if (isNode(user)) {
    return { resourceRules, nonResourceRules, incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' };
  }
  const rbac = rbacRulesFor(store, user, namespace);
  return { ...rbac, resourceRules: [...resourceRules, ...rbac.resourceRules], nonResourceRules: [...nonResourceRules, ...rbac.nonResourceRules] };
}
