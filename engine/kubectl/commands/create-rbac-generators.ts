/**
 * The RBAC objects `kubectl create role|clusterrole|rolebinding|clusterrolebinding` build, with
 * the checks kubectl makes before sending them (create_role.go, create_clusterrole.go,
 * create_rolebinding.go, create_clusterrolebinding.go).
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext } from '../command.ts';
import { flagList, flagMap, flagString } from '../flags.ts';
import { requireFlags, restMapper, type Json } from './write-support.ts';

const rbacGroup = 'rbac.authorization.k8s.io';
const rbacApiVersion = `${rbacGroup}/v1`;

/** Verbs kubectl knows for resources; others only earn a warning. */
const validResourceVerbs = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
/** Verbs allowed with a non-resource URL. */
const validNonResourceVerbs = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** Verbs that only make sense on some resources: `use` on PodSecurityPolicies, `bind`/`escalate` on roles, `impersonate` on identities. */
const specialVerbs: Record<string, { group: string; resource: string }[]> = {
  use: [{ group: 'policy', resource: 'podsecuritypolicies' }, { group: 'extensions', resource: 'podsecuritypolicies' }],
  bind: [{ group: rbacGroup, resource: 'roles' }, { group: rbacGroup, resource: 'clusterroles' }],
  escalate: [{ group: rbacGroup, resource: 'roles' }, { group: rbacGroup, resource: 'clusterroles' }],
  impersonate: [
    { group: '', resource: 'users' }, { group: '', resource: 'serviceaccounts' }, { group: '', resource: 'groups' },
    { group: 'authentication.k8s.io', resource: 'userextras' }, { group: 'authentication.k8s.io', resource: 'uids' },
  ],
};

/** A `--resource` value split as kubectl splits it: `resource[.group][/subresource]`. */
interface ResourceOption { resource: string; group: string; subresource: string }

function without<T>(items: T[]): T[] {
  return items.filter((item, index) => items.indexOf(item) === index);
}

/** `--verb` values without duplicates; `*` stands for all of them. */
function verbsOf(context: CommandContext): string[] {
  const verbs = flagList(context.flags, 'verb');
  return verbs.includes('*') ? ['*'] : without(verbs);
}

/** `--resource` values; a bare `*` replaces the rest. */
function resourcesOf(context: CommandContext): ResourceOption[] {
  const out: ResourceOption[] = [];
  for (const raw of flagList(context.flags, 'resource')) {
    const slash = raw.indexOf('/');
    const [head, subresource] = slash < 0 ? [raw, ''] : [raw.slice(0, slash), raw.slice(slash + 1)];
    const dot = head.indexOf('.');
    const option = dot < 0 ? { resource: head, group: '', subresource } : { resource: head.slice(0, dot), group: head.slice(dot + 1), subresource };
    if (option.resource === '*' && dot < 0 && slash < 0) return [option];
    out.push(option);
  }
  return out;
}

/** The resource and group the server knows for an option (`deploy` → `deployments`, `apps`), or the option as typed. */
function resolve(context: CommandContext, option: ResourceOption): { resource: string; group: string; known: boolean } {
  try {
    const mapping = restMapper(context).mappingFor(option.group ? `${option.resource}.${option.group}` : option.resource);
    return { resource: mapping.resource, group: mapping.group, known: true };
  } catch {
    return { resource: option.resource, group: option.group, known: false };
  }
}

/** kubectl's validateResource: special verbs only on their resources, unknown resources refused. */
function validateResources(context: CommandContext, verbs: string[], resources: ResourceOption[]): void {
  for (const option of resources) {
    if (!option.resource) throw KubectlError.client('resource must be specified if apiGroup/subresource specified');
    if (option.resource === '*') return;
    const resolved = resolve(context, option);
    let known = resolved.known;
    for (const verb of verbs) {
      const allowed = specialVerbs[verb];
      if (!allowed) continue;
      if (!allowed.some((r) => r.resource === resolved.resource && r.group === resolved.group)) {
        throw KubectlError.client(`can not perform '${verb}' on '${resolved.resource}' in group '${resolved.group}'`);
      }
      known = true;
    }
    if (!known) {
      const target = option.group ? `${option.resource}.${option.group}` : option.resource;
      // The mapper's error, which kubectl prints without the `error: ` prefix.
      throw new KubectlError(`the server doesn't have a resource type "${target}"`);
    }
  }
}

/** One rule per API group, groups sorted, then one for non-resource URLs (generateResourcePolicyRules). */
function policyRules(context: CommandContext, verbs: string[], resources: ResourceOption[], nonResourceURLs: string[]): Json[] {
  const byGroup = new Map<string, string[]>();
  for (const option of resources) {
    const resolved = resolve(context, option);
    const name = option.subresource ? `${resolved.resource}/${option.subresource}` : resolved.resource;
    const list = byGroup.get(resolved.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(resolved.group, list);
  }
  const resourceNames = without(flagList(context.flags, 'resource-name'));
  const rules: Json[] = [...byGroup.keys()].sort().map((group) => ({
    verbs, apiGroups: [group], resources: byGroup.get(group)!, ...(resourceNames.length ? { resourceNames } : {}),
  }));
  if (nonResourceURLs.length) rules.push({ verbs, nonResourceURLs });
  return rules;
}

function warnVerbs(context: CommandContext, verbs: string[]): void {
  for (const verb of verbs) {
    if (!validResourceVerbs.includes(verb)) context.out.stderr.push(`Warning: '${verb}' is not a standard resource verb\n`);
  }
}

function meta(context: CommandContext, name: string): Json {
  return { name, ...(context.explicitNamespace ? { namespace: context.namespace } : {}) };
}

/** `create role NAME --verb=… --resource=… [--resource-name=…]` */
export function buildRole(context: CommandContext, name: string): Json {
  const verbs = verbsOf(context);
  const resources = resourcesOf(context);
  if (!verbs.length) throw KubectlError.client('at least one verb must be specified');
  warnVerbs(context, verbs);
  if (!resources.length) throw KubectlError.client('at least one resource must be specified');
  validateResources(context, verbs, resources);
  return { kind: 'Role', apiVersion: rbacApiVersion, metadata: meta(context, name), rules: policyRules(context, verbs, resources, []) };
}

/** `create clusterrole NAME (--verb=… --resource=… | --non-resource-url=… | --aggregation-rule=…)` */
export function buildClusterRole(context: CommandContext, name: string): Json {
  const verbs = verbsOf(context);
  const resources = resourcesOf(context);
  const nonResourceURLs = without(flagList(context.flags, 'non-resource-url'));
  const aggregation = aggregationRule(context);
  const metadata = { name };
  if (aggregation) {
    if (nonResourceURLs.length || verbs.length || resources.length || flagList(context.flags, 'resource-name').length) {
      throw KubectlError.client('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
    }
    return { kind: 'ClusterRole', apiVersion: rbacApiVersion, metadata, aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } };
  }
  if (!verbs.length) throw KubectlError.client('at least one verb must be specified');
  if (!resources.length && !nonResourceURLs.length) throw KubectlError.client('one of resource or nonResourceURL must be specified');
  if (resources.length) {
    warnVerbs(context, verbs);
    validateResources(context, verbs, resources);
  }
  for (const verb of nonResourceURLs.length ? verbs : []) {
    if (!validNonResourceVerbs.includes(verb)) throw KubectlError.client(`invalid verb: '${verb}' for nonResourceURL`);
  }
  for (const url of nonResourceURLs) {
    if (url === '*') continue;
    if (!url.startsWith('/')) throw KubectlError.client('nonResourceURL should start with /');
    if (url.slice(0, -1).includes('*')) throw KubectlError.client("nonResourceURL only supports wildcard matches when '*' is at the end");
  }
  return { kind: 'ClusterRole', apiVersion: rbacApiVersion, metadata, rules: policyRules(context, verbs, resources, nonResourceURLs) };
}

/** `--aggregation-rule=key=value,…` (cliflag.MapStringString, parsed with the flags), or undefined when empty. */
function aggregationRule(context: CommandContext): Record<string, string> | undefined {
  const pairs = flagMap(context.flags, 'aggregation-rule');
  return pairs.size ? Object.fromEntries(pairs) : undefined;
}

/** `--user`, `--group` and `--serviceaccount=namespace:name` as binding subjects, in that order. */
function subjects(context: CommandContext): Json[] {
  const out: Json[] = [];
  for (const user of flagList(context.flags, 'user')) out.push({ kind: 'User', apiGroup: rbacGroup, name: user });
  for (const group of flagList(context.flags, 'group')) out.push({ kind: 'Group', apiGroup: rbacGroup, name: group });
  for (const account of flagList(context.flags, 'serviceaccount')) {
    const tokens = account.split(':');
    if (tokens.length !== 2 || !tokens[0] || !tokens[1]) throw KubectlError.client('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: tokens[1], namespace: tokens[0] });
  }
  return out;
}

/** `create rolebinding NAME (--role=… | --clusterrole=…) [--user=…] [--group=…] [--serviceaccount=ns:name]` */
export function buildRoleBinding(context: CommandContext, name: string): Json {
  const role = flagString(context.flags, 'role');
  const clusterRole = flagString(context.flags, 'clusterrole');
  if (!role === !clusterRole) throw KubectlError.client('exactly one of clusterrole or role must be specified');
  const roleRef = { apiGroup: rbacGroup, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole };
  const list = subjects(context);
  return { kind: 'RoleBinding', apiVersion: rbacApiVersion, metadata: meta(context, name), ...(list.length ? { subjects: list } : {}), roleRef };
}

/** `create clusterrolebinding NAME --clusterrole=… [--user=…] [--group=…] [--serviceaccount=ns:name]` */
export function buildClusterRoleBinding(context: CommandContext, name: string): Json {
  requireFlags(context, ['clusterrole']);
  const roleRef = { apiGroup: rbacGroup, kind: 'ClusterRole', name: flagString(context.flags, 'clusterrole') };
  const list = subjects(context);
  return { kind: 'ClusterRoleBinding', apiVersion: rbacApiVersion, metadata: { name }, ...(list.length ? { subjects: list } : {}), roleRef };
}
