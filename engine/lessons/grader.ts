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
import { graderMessages, type GraderMessages } from './grader-messages.ts';
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

/** GET one object: the object, or the reason it could not be read (a 404 in the API's own words). */
function getObject(env: GraderEnv, location: ResourceLocation, namespace: string | undefined, name: string, say: GraderMessages): Json | string {
  const response = env.handle({ method: 'GET', path: url(location, namespace, name), headers: { 'user-agent': graderAgent } });
  if (response.status === 404) return `${qualified(location)} "${name}" not found`;
  if (response.status >= 400) return say.readFailed(qualified(location), name, response.status);
  return response.body as Json;
}

function objectCheck(env: GraderEnv, check: ObjectCheck, location: ResourceLocation, say: GraderMessages): [boolean, string] {
  const object = getObject(env, location, check.namespace, check.name, say);
  const resource = qualified(location);
  if (check.absent) return typeof object === 'string' && object.endsWith('not found') ? [true, say.gone(resource, check.name)] : [false, say.stillExists(resource, check.name)];
  if (typeof object === 'string') return [false, object];
  const problems = (check.fields ?? []).map((f) => unmet(object, f, say)).filter((p): p is string => p !== undefined);
  return problems.length ? [false, say.joinProblems(problems)] : [true, say.asExpected(resource, check.name)];
}

function countCheck(env: GraderEnv, check: CountCheck, location: ResourceLocation, say: GraderMessages): [boolean, string] {
  const query: Record<string, string> = {};
  if (check.selector) query.labelSelector = check.selector;
  const response = env.handle({ method: 'GET', path: url(location, check.namespace), query, headers: { 'user-agent': graderAgent } });
  if (response.status >= 400) return [false, say.listFailed(qualified(location), response.status)];
  const items = ((response.body as { items?: Json[] }).items ?? []);
  const matching = items.filter((item) => (check.where ?? []).every((f) => unmet(item, f, say) === undefined)).length;
  const selected = say.selected(qualified(location), check.selector);
  const what = check.where?.length ? say.countMatching(matching, items.length, selected) : say.countPlain(matching, selected);
  if (check.equals !== undefined && matching !== check.equals) return [false, `${what}${say.expected('equals', check.equals)}`];
  if (check.atLeast !== undefined && matching < check.atLeast) return [false, `${what}${say.expected('atLeast', check.atLeast)}`];
  if (check.atMost !== undefined && matching > check.atMost) return [false, `${what}${say.expected('atMost', check.atMost)}`];
  return [true, what];
}

/** `kubectl rollout status`'s own message, in English as kubectl prints it. */
function rolloutCheck(env: GraderEnv, check: RolloutCheck, location: ResourceLocation, say: GraderMessages): [boolean, string] {
  const object = getObject(env, location, check.namespace, check.name, say);
  if (typeof object === 'string') return [false, object];
  try {
    const status = statusViewerFor(location.group, location.kind)(object, 0);
    return [status.done, status.message.trim()];
  } catch (error) {
    if (error instanceof KubectlError) return [false, error.message.trim()];
    throw error;
  }
}

function auditCheck(env: GraderEnv, check: AuditCheck, say: GraderMessages): [boolean, string] {
  const made = env.audit(env.since).some((r) => r.userAgent !== graderAgent && r.verb === check.verb && r.resource === check.resource
    && (check.subresource ?? undefined) === (r.subresource ?? undefined)
    && (check.name === undefined || r.name === check.name) && (check.namespace === undefined || r.namespace === check.namespace)
    && (check.code === undefined ? r.code >= 200 && r.code < 300 : r.code === check.code));
  const what = `${check.verb} ${check.resource}${check.subresource ? `/${check.subresource}` : ''}${check.name ? ` "${check.name}"` : ''}`;
  return made ? [true, say.requestMade(what)] : [false, say.requestNotMade(what)];
}

function httpCheck(env: GraderEnv, check: HttpCheck, say: GraderMessages): [boolean, string] {
  const [namespace, pod] = check.from?.split('/') ?? [];
  let result;
  try {
    result = env.fetch({ ...(pod ? { fromPod: { namespace, name: pod } } : { fromNode: 'control-plane' }), url: check.url, method: check.method, connectTimeoutMs: 5_000 });
  } catch {
    // The network refuses a source that has no IP: the pod is missing or not started.
    return [false, say.podNotRunning(String(check.from))];
  }
  if ('error' in result) return [false, say.httpDetail(check.url, result.error)];
  if (check.status !== undefined && result.status !== check.status) return [false, say.httpStatus(check.url, result.status, check.status)];
  if (check.contains !== undefined && !result.body.includes(check.contains)) return [false, say.httpMissing(check.url, check.contains)];
  if (check.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.body);
    } catch {
      return [false, say.httpNotJson(check.url)];
    }
    const problem = unmet(parsed, check.json, say);
    if (problem) return [false, say.httpDetail(check.url, problem)];
    return [true, say.httpDetail(check.url, say.jsonValue(check.json.path, JSON.stringify(readField(parsed, parseFieldPath(check.json.path)))))];
  }
  return [true, say.httpAnswered(check.url, result.status)];
}

function evaluate(env: GraderEnv, check: Check, say: GraderMessages): [boolean, string] {
  if (check.type === 'audit') return auditCheck(env, check, say);
  if (check.type === 'http') return httpCheck(env, check, say);
  const location = env.locate(check.resource);
  // kubectl's own error for an unknown resource type, as the learner would see it in the terminal.
  if (!location) return [false, `the server doesn't have a resource type "${check.resource}"`];
  if (check.type === 'object') return objectCheck(env, check, location, say);
  if (check.type === 'count') return countCheck(env, check, location, say);
  return rolloutCheck(env, check, location, say);
}

/** Grade every check, in order, with titles and the grader's own messages in the learner's language. */
export function grade(env: GraderEnv, checks: readonly Check[], language: LessonLanguage = 'en'): CheckResult[] {
  const say = graderMessages(language);
  return checks.map((check) => {
    const [passed, message] = evaluate(env, check, say);
    return { id: check.id, title: check.title[language] ?? check.title.en, passed, message };
  });
}
