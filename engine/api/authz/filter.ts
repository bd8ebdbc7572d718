/**
 * The authentication, impersonation and authorization filters in front of every handler, as one
 * call: who the request runs as (the authenticated user, or whom it impersonates), and whether
 * that user may do what it asks. A denied request gets the API server's Forbidden Status.
 */
import type { ApiContext } from '../context.ts';
import type { ApiRequest, ApiResponse, UserInfo } from '../types.ts';
import type { AuthorizationAnnotations } from './types.ts';
import { requestAttributes, forbiddenStatus } from './attributes.ts';
import { authorize } from './authorizer.ts';
import { impersonate } from './impersonation.ts';
import { reviewResponse } from './reviews.ts';

/**
 * The outcome: go on as `user`, or answer with `response` (Forbidden, or a BadRequest impersonation);
 * a denial after a successful impersonation names whom the request acted as. `authorization` is what
 * the authorization filter annotates the audit event with; a refused impersonation never reaches it.
 */
export type FilterResult = { allowed: true; user: UserInfo; authorization: AuthorizationAnnotations } |
  { allowed: false; response: ApiResponse; user?: UserInfo; authorization?: AuthorizationAnnotations };

function statusResponse(status: { code: number }): ApiResponse {
  return { status: status.code, headers: { 'content-type': 'application/json' }, body: status };
}

/**
 * Authorize a request that `authenticated` made (the HTTP adapter and the kubectl emulator make
 * theirs as kind's `kubernetes-admin`; controllers as their service accounts; kubelets as their node).
 */
export function authorizeRequest(ctx: Pick<ApiContext, 'store'>, request: ApiRequest, authenticated: UserInfo): FilterResult {
  const decide = (attributes: Parameters<typeof authorize>[1]) => authorize(ctx.store, attributes);
  const acting = impersonate(authenticated, request.headers ?? {}, decide);
  if ('status' in acting) return { allowed: false, response: statusResponse(acting.status) };
  const attributes = requestAttributes(request, acting.user);
  const decision = decide(attributes);
  // WithAuthorization records the authorizer's reason either way (empty when RBAC just had no rule).
  if (decision.decision === 'Allow') return { allowed: true, user: acting.user, authorization: { decision: 'allow', reason: decision.reason } };
  return {
    allowed: false, response: statusResponse(forbiddenStatus(attributes, decision.reason)), user: acting.user,
    authorization: { decision: 'forbid', reason: decision.reason },
  };
}

/** Options of the front door. */
export interface HandlerOptions {
  /**
   * Let requests that carry their own user — the engine's controllers, scheduler and kubelets —
   * through unchecked (default true). Their identities follow Kubernetes, but a few of the lab's
   * component names differ from the bootstrap roles' (see README.md), so checking them would
   * refuse work a real cluster allows.
   */
  trustComponents?: boolean;
}

/**
 * An API server front door with the filters in place: requests are authorized, reviews
 * (SelfSubjectAccessReview, SelfSubjectRulesReview, SelfSubjectReview, SubjectAccessReview) are
 * answered, and everything else goes to `next` as the acting user. `authenticated` is who made
 * a request that does not carry its own user (kind's `kubernetes-admin` for kubectl and the lab).
 */
export function authorizingHandler(ctx: Pick<ApiContext, 'store'>, next: (request: ApiRequest) => ApiResponse, authenticated: UserInfo,
  options: HandlerOptions = {}): (request: ApiRequest) => ApiResponse {
  const trustComponents = options.trustComponents ?? true;
  return (request) => {
    if (request.user && trustComponents) return reviewResponse(ctx, request, request.user) ?? next(request);
    const result = authorizeRequest(ctx, request, request.user ?? authenticated);
    if (!result.allowed) return result.response;
    return reviewResponse(ctx, request, result.user) ?? next({ ...request, user: result.user });
  };
}
