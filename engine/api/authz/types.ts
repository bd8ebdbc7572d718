/**
 * The shapes the authorizer works with: an RBAC PolicyRule and Subject as rbac.authorization.k8s.io/v1
 * stores them, and the request attributes (`authorizer.Attributes`) every decision is made on.
 */
import type { UserInfo } from '../types.ts';

/** One rule of a Role or ClusterRole. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** Who a RoleBinding or ClusterRoleBinding grants to. */
export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** What a request asks to do, as the API server's authorization filter sees it. */
export interface Attributes {
  user: UserInfo;
  verb: string;
  /** A request for an object (`/api`, `/apis`) rather than a plain URL (`/healthz`, `/version`). */
  resourceRequest: boolean;
  apiGroup: string;
  apiVersion?: string;
  resource: string;
  subresource: string;
  name: string;
  namespace: string;
  /** The URL path, for non-resource requests. */
  path: string;
}

/** An authorizer's answer: allow, deny, or no opinion (the next authorizer decides), with its reason. */
export interface Decision {
  decision: 'Allow' | 'Deny' | 'NoOpinion';
  reason: string;
}

/**
 * What the authorization filter adds to a request's audit event: `authorization.k8s.io/decision`
 * (`allow` or `forbid`) and `authorization.k8s.io/reason` (`RBAC: allowed by …`, often empty).
 */
export interface AuthorizationAnnotations {
  decision: 'allow' | 'forbid';
  reason: string;
}

/** The rules a user has in a namespace (SelfSubjectRulesReview), and whether the list may be incomplete. */
export interface RulesInfo {
  resourceRules: PolicyRule[];
  nonResourceRules: PolicyRule[];
  incomplete: boolean;
  evaluationError?: string;
}
