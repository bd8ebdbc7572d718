/**
 * Access control that is really checked: the RBAC authorizer behind kind's authorizer chain,
 * impersonation, the review resources, the bootstrap policy and the aggregation controller.
 */
export { authorizeRequest, authorizingHandler, type FilterResult, type HandlerOptions } from './filter.ts';
export { authorize, rulesFor, privilegedGroup } from './authorizer.ts';
export { rbacAuthorize, rbacRulesFor, rbacKeys } from './rbac.ts';
export { ruleAllows } from './rules.ts';
export { requestAttributes, forbiddenMessage, forbiddenStatus } from './attributes.ts';
export { impersonate, impersonateUserHeader, impersonateGroupHeader, impersonateUidHeader } from './impersonation.ts';
export { reviewResponse } from './reviews.ts';
export { bootstrapPolicy, kubeadmPolicy } from './bootstrap-policy.ts';
export { ClusterRoleAggregationController, aggregateRules } from './aggregation.ts';
export { serviceAccountUser, serviceAccountUsername, parseServiceAccountUsername } from './subjects.ts';
export type { Attributes, AuthorizationAnnotations, Decision, PolicyRule, RulesInfo, Subject } from './types.ts';
export { installAuthorization, kindAdmin, type AuthorizableCluster } from './install.ts';
