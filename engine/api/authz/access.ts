/**
 * The API server's handler chain in front of the REST handlers, as kube-apiserver builds it:
 * authentication (a bearer token, else the lab's admin), impersonation, authorization, and the
 * review resources that are answered rather than stored. The ApiServer calls `check` on every
 * request and either serves it as the acting user or returns the answer given here.
 */
import type { ApiContext } from '../context.ts';
import type { ApiRequest, ApiResponse, UserInfo } from '../types.ts';
import { requestAttributes } from './attributes.ts';
import { authorize } from './authorizer.ts';
import { authorizeRequest } from './filter.ts';
import { reviewResponse } from './reviews.ts';
import { ServiceAccountTokens } from './tokens.ts';
import type { AuthorizationAnnotations } from './types.ts';

/** The outcome of the chain: who made the request, whom it runs as, and the answer if the chain gave one. */
export interface AccessResult {
  /** The user the request runs as (the impersonated one, when it impersonates). */
  user: UserInfo;
  /** The authenticated user, when it impersonated someone else. */
  impersonator?: UserInfo;
  /** Forbidden, Unauthorized, a BadRequest impersonation or a review's answer; undefined means serve it. */
  response?: ApiResponse;
  /** The authorization filter's audit annotations; absent when the request never reached it (401, refused impersonation). */
  authorization?: AuthorizationAnnotations;
}

/** Options of the chain. */
export interface AccessOptions {
  /** Who a request without credentials comes from: the lab's kubeconfig user (kind's `kubernetes-admin`). */
  admin: UserInfo;
  /**
   * Let requests that carry their own user — the engine's controllers, scheduler and kubelets —
   * through unchecked (default true): in-process components keep full rights, as README.md explains.
   */
  trustComponents?: boolean;
}

/** What a failed authentication looks like: apierrors.NewUnauthorized with no detail. */
const unauthorized = {
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401,
};

/** Who could not be authenticated, as the audit log records them. */
const anonymous: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Authentication, impersonation, authorization and reviews, for one API server. */
export class AccessControl {
  /** The service account tokens this API server issued (TokenRequest) and accepts. */
  readonly tokens: ServiceAccountTokens;
  private readonly trustComponents: boolean;

  constructor(private readonly ctx: Pick<ApiContext, 'store' | 'clock' | 'uids'>, private readonly options: AccessOptions) {
    this.tokens = new ServiceAccountTokens(ctx);
    this.trustComponents = options.trustComponents ?? true;
  }

  /** The user a request authenticates as, or undefined when its bearer token is not valid. */
  authenticate(request: ApiRequest): UserInfo | undefined {
    if (request.user) return request.user;
    const authorization = request.headers?.authorization;
    if (!authorization) return this.options.admin;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? this.tokens.authenticate(match[1]) : undefined;
  }

  /** Run the chain on one request. */
  check(request: ApiRequest): AccessResult {
    // The engine's own components: no impersonation, no RBAC walk, only the review answers.
    if (request.user && this.trustComponents) {
      const response = request.method === 'POST' ? reviewResponse(this.ctx, request, request.user) : undefined;
      return { user: request.user, response, authorization: this.componentAuthorization(request, request.user) };
    }
    const authenticated = this.authenticate(request);
    if (!authenticated) return { user: anonymous, response: { status: 401, headers: { 'content-type': 'application/json' }, body: unauthorized } };
    const result = authorizeRequest(this.ctx, request, authenticated);
    const user = result.user ?? authenticated;
    // The audit log keeps both: who asked, and whom they acted as.
    const impersonator = user === authenticated ? {} : { impersonator: authenticated };
    if (!result.allowed) return { user, ...impersonator, response: result.response, authorization: result.authorization };
    const response = request.method === 'POST' ? reviewResponse(this.ctx, request, user) : undefined;
    return { user, ...impersonator, response, authorization: result.authorization };
  }

  /**
   * The audit annotations of a component's request, which is let through unchecked: allowed, with
   * the reason RBAC (or the Node authorizer) gives it on a real cluster — `RBAC: allowed by
   * ClusterRoleBinding "system:controller:replicaset-controller" of …` — or none where the lab's
   * component identity has no binding (README.md), as the privileged-group authorizer gives none.
   */
  private componentAuthorization(request: ApiRequest, user: UserInfo): AuthorizationAnnotations {
    const decision = authorize(this.ctx.store, requestAttributes(request, user));
    return { decision: 'allow', reason: decision.decision === 'Allow' ? decision.reason : '' };
  }
}
