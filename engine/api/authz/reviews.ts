/**
 * The review resources, answered rather than stored: SelfSubjectAccessReview (`kubectl auth
 * can-i`), SelfSubjectRulesReview (`can-i --list`), SelfSubjectReview (`kubectl auth whoami`),
 * and SubjectAccessReview / LocalSubjectAccessReview for asking about someone else. Each answer
 * is the request with a status and `creationTimestamp: null`, as the API server returns it.
 */
import type { ApiContext } from '../context.ts';
import type { ApiRequest, ApiResponse, UserInfo } from '../types.ts';
import { parseRequestPath } from '../request-info.ts';
import { authorize, rulesFor } from './authorizer.ts';
import type { Attributes, PolicyRule } from './types.ts';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: { path?: string; verb?: string };
  user?: string;
  groups?: string[];
}

type Json = Record<string, unknown>;

function created(body: Json): ApiResponse {
  return { status: 201, headers: { 'content-type': 'application/json' }, body };
}

function invalid(kind: string, group: string, field: string, message: string): ApiResponse {
  const status = {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `${kind}.${group} "" is invalid: ${field}: Invalid value: "null": ${message}`, reason: 'Invalid',
    details: { group, kind, causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: "null": ${message}`, field }] }, code: 422,
  };
  return { status: 422, headers: { 'content-type': 'application/json' }, body: status };
}

/** authorizationutil.ResourceAttributesFrom / NonResourceAttributesFrom. */
function reviewAttributes(user: UserInfo, spec: AccessReviewSpec): Attributes {
  const r = spec.resourceAttributes;
  if (r) {
    return {
      user, verb: r.verb ?? '', resourceRequest: true, apiGroup: r.group ?? '', apiVersion: r.version, resource: r.resource ?? '',
      subresource: r.subresource ?? '', name: r.name ?? '', namespace: r.namespace ?? '', path: '',
    };
  }
  const n = spec.nonResourceAttributes ?? {};
  return { user, verb: n.verb ?? '', resourceRequest: false, apiGroup: '', resource: '', subresource: '', name: '', namespace: '', path: n.path ?? '' };
}

/** The review object as sent, with apiVersion/kind and `creationTimestamp: null`. */
function echo(body: Json, apiVersion: string, kind: string): Json {
  const metadata = { ...((body.metadata as Json | undefined) ?? {}), creationTimestamp: null };
  return { kind, apiVersion, metadata, spec: body.spec ?? {} };
}

function accessReview(ctx: Pick<ApiContext, 'store'>, body: Json, kind: string, user: UserInfo): ApiResponse {
  const spec = (body.spec ?? {}) as AccessReviewSpec;
  const group = 'authorization.k8s.io';
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    return invalid(kind, group, 'spec.nonResourceAttributes', 'cannot be specified in combination with resourceAttributes');
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    return invalid(kind, group, 'spec.resourceAttributes', 'exactly one of nonResourceAttributes or resourceAttributes must be specified');
  }
  const subject = kind === 'SelfSubjectAccessReview' ? user : { username: spec.user ?? '', groups: spec.groups ?? [] };
  const decision = authorize(ctx.store, reviewAttributes(subject, spec));
  const status: Json = { allowed: decision.decision === 'Allow' };
  if (decision.decision === 'Deny') status.denied = true;
  if (decision.reason) status.reason = decision.reason;
  return created({ ...echo(body, `${group}/v1`, kind), status });
}

function resourceRule(rule: PolicyRule): Json {
  const out: Json = { verbs: rule.verbs };
  if (rule.apiGroups) out.apiGroups = rule.apiGroups;
  if (rule.resources) out.resources = rule.resources;
  if (rule.resourceNames) out.resourceNames = rule.resourceNames;
  return out;
}

function rulesReview(ctx: Pick<ApiContext, 'store'>, body: Json, user: UserInfo): ApiResponse {
  const namespace = String(((body.spec ?? {}) as Json).namespace ?? '');
  const rules = rulesFor(ctx.store, user, namespace);
  const status: Json = {
    resourceRules: rules.resourceRules.map(resourceRule),
    nonResourceRules: rules.nonResourceRules.map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
    incomplete: rules.incomplete,
  };
  if (rules.evaluationError) status.evaluationError = rules.evaluationError;
  return created({ ...echo(body, 'authorization.k8s.io/v1', 'SelfSubjectRulesReview'), spec: { namespace: namespace || undefined }, status });
}

/** The SelfSubjectReview of `kubectl auth whoami`: the user the request ran as. */
function selfSubjectReview(user: UserInfo): ApiResponse {
  const userInfo: Json = { username: user.username };
  if (user.groups.length) userInfo.groups = user.groups;
  return created({ kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo } });
}

/** The answer to a create of a review resource, or undefined for any other request. */
export function reviewResponse(ctx: Pick<ApiContext, 'store'>, request: ApiRequest, user: UserInfo): ApiResponse | undefined {
  if (request.method !== 'POST') return undefined;
  const info = parseRequestPath(request.path);
  if (info.kind !== 'resource' || info.version !== 'v1' || info.name) return undefined;
  const body = (request.body !== null && typeof request.body === 'object' ? request.body : {}) as Json;
  if (info.group === 'authentication.k8s.io' && info.resource === 'selfsubjectreviews') return selfSubjectReview(user);
  if (info.group !== 'authorization.k8s.io') return undefined;
  switch (info.resource) {
    case 'selfsubjectaccessreviews': return accessReview(ctx, body, 'SelfSubjectAccessReview', user);
    case 'subjectaccessreviews': return accessReview(ctx, body, 'SubjectAccessReview', user);
    case 'selfsubjectrulesreviews': return rulesReview(ctx, body, user);
    case 'localsubjectaccessreviews': {
      const spec = (body.spec ?? {}) as AccessReviewSpec;
      // A local review is about its own namespace.
      const namespaced = { ...body, spec: { ...spec, resourceAttributes: spec.resourceAttributes && { ...spec.resourceAttributes, namespace: info.namespace } } };
      return accessReview(ctx, namespaced, 'LocalSubjectAccessReview', user);
    }
  }
  return undefined;
}
