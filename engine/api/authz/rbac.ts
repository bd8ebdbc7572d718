/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): walk the ClusterRoleBindings, then the
 * RoleBindings of the request's namespace; for every binding whose subjects include the user,
 * read the role it refers to and try each rule. The first rule that allows ends the walk with
 * `RBAC: allowed by …`; when none does, RBAC has no opinion, and a binding to a missing role is
 * the reason (`RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`).
 */
import type { Store } from '../store.ts';
import type { KubeObject, UserInfo } from '../types.ts';
import { ruleAllows } from './rules.ts';
import { describeSubject, subjectFor } from './subjects.ts';
import type { Attributes, Decision, PolicyRule, RulesInfo, Subject } from './types.ts';

const group = 'rbac.authorization.k8s.io';
/** Storage keys of the four RBAC resources. */
export const rbacKeys = {
  roles: `${group}/roles`,
  roleBindings: `${group}/rolebindings`,
  clusterRoles: `${group}/clusterroles`,
  clusterRoleBindings: `${group}/clusterrolebindings`,
};

interface RoleRef {
  kind: string;
  name: string;
}

interface Binding extends KubeObject {
  roleRef: RoleRef;
  subjects?: Subject[];
}

/** Called with each rule a user has (and where it came from), or with an error; return false to stop. */
type Visitor = (source: string | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

/** The rules of the role a binding refers to, or the lister's NotFound message. */
function roleRules(store: Store, ref: RoleRef, namespace: string): { rules: PolicyRule[] } | { error: string } {
  if (ref.kind === 'ClusterRole') {
    const role = store.get(rbacKeys.clusterRoles, undefined, ref.name);
    return role ? { rules: (role.rules as PolicyRule[] | null) ?? [] } : { error: `clusterrole.${group} ${JSON.stringify(ref.name)} not found` };
  }
  if (ref.kind === 'Role') {
    const role = store.get(rbacKeys.roles, namespace, ref.name);
    return role ? { rules: (role.rules as PolicyRule[] | null) ?? [] } : { error: `role.${group} ${JSON.stringify(ref.name)} not found` };
  }
  return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind)}` };
}

/** One step of a user's walk through the bindings: a rule and the binding it came from, or an error. */
interface Visit {
  source?: string;
  rule?: PolicyRule;
  error?: string;
}

/**
 * Each user's walk, as the authorizer would take it, kept until an RBAC object changes: listing and
 * matching every binding on every request would dominate the cost of the API path, and most
 * requests come from a handful of users. The walk is kept in full; a decision stops at its first match.
 */
interface RuleCache {
  walks: Map<string, Visit[]>;
}

/** More users and namespaces than any lab has: past this the cache starts over rather than grow. */
const maxCachedWalks = 2000;

const caches = new WeakMap<Store, RuleCache>();
const rbacStorageKeys = new Set(Object.values(rbacKeys));

function ruleCache(store: Store): RuleCache {
  let cache = caches.get(store);
  if (!cache) {
    const fresh: RuleCache = { walks: new Map() };
    store.subscribe((change) => {
      if (rbacStorageKeys.has(change.storageKey)) fresh.walks.clear();
    });
    caches.set(store, fresh);
    cache = fresh;
  }
  return cache;
}

/** The visits of one binding: its role's rules with their source, or the role lister's error. */
function bindingVisits(store: Store, binding: Binding, subject: Subject, namespace: string, out: Visit[]): void {
  const found = roleRules(store, binding.roleRef, namespace);
  if ('error' in found) {
    out.push({ error: found.error });
    return;
  }
  const source = namespace
    ? `RoleBinding ${JSON.stringify(`${binding.metadata.name}/${namespace}`)} of ${binding.roleRef.kind} ${JSON.stringify(binding.roleRef.name)} to ${describeSubject(subject, namespace)}`
    : `ClusterRoleBinding ${JSON.stringify(binding.metadata.name)} of ${binding.roleRef.kind} ${JSON.stringify(binding.roleRef.name)} to ${describeSubject(subject, '')}`;
  for (const rule of found.rules) out.push({ source, rule });
}

/** VisitRulesFor's walk: every rule that applies to the user in the namespace ('' = cluster-wide only). */
function walk(store: Store, user: UserInfo, namespace: string): Visit[] {
  const cache = ruleCache(store);
  const key = `${namespace}\u0000${user.username}\u0000${user.groups.join('\u0000')}`;
  let visits = cache.walks.get(key);
  if (visits) return visits;
  visits = [];
  for (const binding of store.list(rbacKeys.clusterRoleBindings) as Binding[]) {
    const subject = subjectFor(user, binding.subjects, '');
    if (subject) bindingVisits(store, binding, subject, '', visits);
  }
  if (namespace) {
    for (const binding of store.list(rbacKeys.roleBindings, namespace) as Binding[]) {
      const subject = subjectFor(user, binding.subjects, namespace);
      if (subject) bindingVisits(store, binding, subject, namespace, visits);
    }
  }
  if (cache.walks.size >= maxCachedWalks) cache.walks.clear();
  cache.walks.set(key, visits);
  return visits;
}

/** Call `visit` with each rule a user has in the namespace, in the authorizer's order, until it returns false. */
function visitRulesFor(store: Store, user: UserInfo, namespace: string, visit: Visitor): void {
  for (const step of walk(store, user, namespace)) if (!visit(step.source, step.rule, step.error)) return;
}

/** utilerrors.NewAggregate's text: one error alone, several as `[a, b]`. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

/** Authorize a request by RBAC alone: Allow with the binding that allowed it, or NoOpinion. */
export function rbacAuthorize(store: Store, attributes: Attributes): Decision {
  let reason = '';
  const errors: string[] = [];
  visitRulesFor(store, attributes.user, attributes.namespace, (source, rule, error) => {
    if (rule && ruleAllows(attributes, rule)) {
      reason = `RBAC: allowed by ${source}`;
      return false;
    }
    if (error) errors.push(error);
    return true;
  });
  if (reason) return { decision: 'Allow', reason };
  return { decision: 'NoOpinion', reason: errors.length ? `RBAC: ${aggregate(errors)}` : '' };
}

/** RulesFor: the rules RBAC gives the user in a namespace, split into resource and URL rules. */
export function rbacRulesFor(store: Store, user: UserInfo, namespace: string): RulesInfo {
  const resourceRules: PolicyRule[] = [];
  const nonResourceRules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(store, user, namespace, (_source, rule, error) => {
    if (rule) {
      // The API server converts each rule into a ResourceRule, a NonResourceRule, or both.
      if ((rule.resources ?? []).length) {
        resourceRules.push(cleanRule({ verbs: rule.verbs, apiGroups: rule.apiGroups, resources: rule.resources, resourceNames: rule.resourceNames }));
      }
      if ((rule.nonResourceURLs ?? []).length) nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
    }
    if (error) errors.push(error);
    return true;
  });
  return errors.length
    ? { resourceRules, nonResourceRules, incomplete: true, evaluationError: aggregate(errors) }
    : { resourceRules, nonResourceRules, incomplete: false };
}

function cleanRule(rule: PolicyRule): PolicyRule {
  const out: PolicyRule = { verbs: rule.verbs };
  if (rule.apiGroups?.length) out.apiGroups = rule.apiGroups;
  if (rule.resources?.length) out.resources = rule.resources;
  if (rule.resourceNames?.length) out.resourceNames = rule.resourceNames;
  return out;
}
