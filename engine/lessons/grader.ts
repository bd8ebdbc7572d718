/**
 * The grader: evaluates a lesson's checks against the cluster. It reads only through the API
 * server's front door (GET, as any client would), the audit log and the cluster network — grading
 * the end state, not the commands typed, so `kubectl scale`, `edit` and `apply` all reach the goal.
 */
import type { AuditRecord } from '../api/audit.ts';
import { resourcePath } from '../api/registry.ts';
import type { ApiRequest, ApiResponse } from '../api/types.ts';
import { KubectlError } from '../kubectl/client/api-client.ts';
import { statusViewerFor } from '../kubectl/commands/rollout-status-viewers.ts';
import type { Json } from '../kubectl/commands/write-support.ts';
import type { InClusterRequest, InClusterResult } from '../network/index.ts';
import { parseFieldPath, readField, unmet } from './field-path.ts';
import type { AuditCheck, Check, CheckResult, CountCheck, HttpCheck, LessonLanguage, ObjectCheck, RolloutCheck } from './types.ts';

/** Where a resource is served: enough to build its URL. */
export interface ResourceLocation {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** What the grader reads the cluster through. */
export interface GraderEnv {
  handle(request: ApiRequest): ApiResponse;
  /** `deployments`, `deployments.apps`: where it is served, or undefined. */
  locate(resource: string): ResourceLocation | undefined;
  /** Audit records from `since` (virtual ms), oldest first. */
  audit(since: number): readonly AuditRecord[];
  /** An HTTP request from a node into the cluster network. */
  fetch(request: InClusterRequest): InClusterResult;
  /** Virtual ms: audit records before it belong to the lesson's start, not the learner. */
  since: number;
}

const graderAgent = 'kubelab-grader';

/** A resource's URL; a namespaced one without a namespace means `default`, as kubectl's does. */
function url(location: ResourceLocation, namespace: string | undefined, name?: string): string {
  return resourcePath(location, location.namespaced ? namespace ?? 'default' : undefined, name);
}

const qualified = (l: ResourceLocation): string => (l.group ? `${l.resource}.${l.group}` : l.resource);

/** GET one object: the object, or the reason it could not be read. */
function getObject(env: GraderEnv, location: ResourceLocation, namespace: string | undefined, name: string): Json | string {
  const response = env.handle({ method: 'GET', path: url(location, namespace, name), headers: { 'user-agent': graderAgent } });
  if (response.status === 404) return `${qualified(location)} "${name}" not found`;
  if (response.status >= 400) return `reading ${qualified(location)} "${name}" failed with ${response.status}`;
  return response.body as Json;
}

function objectCheck(env: GraderEnv, check: ObjectCheck, location: ResourceLocation): [boolean, string] {
  const object = getObject(env, location, check.namespace, check.name);
  if (check.absent) return typeof object === 'string' && object.endsWith('not found') ? [true, `${qualified(location)} "${check.name}" is gone`] : [false, `${qualified(location)} "${check.name}" still exists`];
  if (typeof object === 'string') return [false, object];
  const problems = (check.fields ?? []).map((f) => unmet(object, f)).filter((p): p is string => p !== undefined);
  return problems.length ? [false, problems.join('; ')] : [true, `${qualified(location)} "${check.name}" is as expected`];
}

function countCheck(env: GraderEnv, check: CountCheck, location: ResourceLocation): [boolean, string] {
  const query: Record<string, string> = {};
  if (check.selector) query.labelSelector = check.selector;
  const response = env.handle({ method: 'GET', path: url(location, check.namespace), query, headers: { 'user-agent': graderAgent } });
  if (response.status >= 400) return [false, `listing ${qualified(location)} failed with ${response.status}`];
  const items = ((response.body as { items?: Json[] }).items ?? []);
  const matching = items.filter((item) => (check.where ?? []).every((f) => unmet(item, f) === undefined)).length;
  const selected = `${qualified(location)}${check.selector ? ` with ${check.selector}` : ''}`;
  const what = check.where?.length ? `${matching} of ${items.length} ${selected} match` : `${matching} ${selected}`;
  if (check.equals !== undefined && matching !== check.equals) return [false, `${what}, expected ${check.equals}`];
  if (check.atLeast !== undefined && matching < check.atLeast) return [false, `${what}, expected at least ${check.atLeast}`];
  if (check.atMost !== undefined && matching > check.atMost) return [false, `${what}, expected at most ${check.atMost}`];
  return [true, what];
}

function rolloutCheck(env: GraderEnv, check: RolloutCheck, location: ResourceLocation): [boolean, string] {
  const object = getObject(env, location, check.namespace, check.name);
  if (typeof object === 'string') return [false, object];
  try {
    const status = statusViewerFor(location.group, location.kind)(object, 0);
    return [status.done, status.message.trim()];
  } catch (error) {
    if (error instanceof KubectlError) return [false, error.message.trim()];
    throw error;
  }
}

function auditCheck(env: GraderEnv, check: AuditCheck): [boolean, string] {
  const made = env.audit(env.since).some((r) => r.userAgent !== graderAgent && r.verb === check.verb && r.resource === check.resource
    && (check.subresource ?? undefined) === (r.subresource ?? undefined)
    && (check.name === undefined || r.name === check.name) && (check.namespace === undefined || r.namespace === check.namespace)
    && (check.code === undefined ? r.code >= 200 && r.code < 300 : r.code === check.code));
  const what = `${check.verb} ${check.resource}${check.subresource ? `/${check.subresource}` : ''}${check.name ? ` "${check.name}"` : ''}`;
  return made ? [true, `a ${what} request was made`] : [false, `no ${what} request has been made yet`];
}

function httpCheck(env: GraderEnv, check: HttpCheck): [boolean, string] {
  const [namespace, pod] = check.from?.split('/') ?? [];
  let result;
  try {
    result = env.fetch({ ...(pod ? { fromPod: { namespace, name: pod } } : { fromNode: 'control-plane' }), url: check.url, method: check.method, connectTimeoutMs: 5_000 });
  } catch {
    // The network refuses a source that has no IP: the pod is missing or not started.
    return [false, `pod ${check.from} is not running`];
  }
  if ('error' in result) return [false, `${check.url}: ${result.error}`];
  if (check.status !== undefined && result.status !== check.status) return [false, `${check.url} answered ${result.status}, expected ${check.status}`];
  if (check.contains !== undefined && !result.body.includes(check.contains)) return [false, `${check.url} did not answer with "${check.contains}"`];
  if (check.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.body);
    } catch {
      return [false, `${check.url} did not answer with JSON`];
    }
    const problem = unmet(parsed, check.json);
    if (problem) return [false, `${check.url}: ${problem}`];
    return [true, `${check.url}: ${check.json.path} is ${JSON.stringify(readField(parsed, parseFieldPath(check.json.path)))}`];
  }
  return [true, `${check.url} answered ${result.status}`];
}

function evaluate(env: GraderEnv, check: Check): [boolean, string] {
  if (check.type === 'audit') return auditCheck(env, check);
  if (check.type === 'http') return httpCheck(env, check);
  const location = env.locate(check.resource);
  if (!location) return [false, `the server doesn't have a resource type "${check.resource}"`];
  if (check.type === 'object') return objectCheck(env, check, location);
  if (check.type === 'count') return countCheck(env, check, location);
  return rolloutCheck(env, check, location);
}

/** Grade every check, in order, with titles in the learner's language. */
export function grade(env: GraderEnv, checks: readonly Check[], language: LessonLanguage = 'en'): CheckResult[] {
  return checks.map((check) => {
    const [passed, message] = evaluate(env, check);
    return { id: check.id, title: check.title[language] ?? check.title.en, passed, message };
  });
}
