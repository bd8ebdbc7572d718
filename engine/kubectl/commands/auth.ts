/**
 * `kubectl auth can-i` and `kubectl auth whoami` (`reconcile` is auth-reconcile.ts): ask the API server rather than guess. `can-i`
 * creates a SelfSubjectAccessReview (or, with `--list`, a SelfSubjectRulesReview and prints its
 * rules as kubectl's table); `whoami` creates a SelfSubjectReview.
 */
import { KubectlError, kubectlUserAgent } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { defaultSubCommandRun } from './sub-command-run.ts';
import { flagBool, flagString } from '../flags.ts';
import { printGeneric } from '../printers/generic.ts';
import { printFlagsFormat } from './print-flags.ts';
import { formatTabs } from '../printers/tabwriter.ts';
import { marshalIndent } from '../printers/go-json.ts';
import { canonicalize } from '../../api/defaulting/canonical-order.ts';
import type { KubeObject } from '../../api/types.ts';
import type { ApiResponse } from '../../api/types.ts';
import { authHelp } from './help/auth.ts';
import { authReconcileCommand } from './auth-reconcile.ts';
import { authCanIHelp } from './help/auth-can-i.ts';
import { authWhoamiHelp } from './help/auth-whoami.ts';
import { specFromHelp } from './help/types.ts';
import { restMapper, serverError } from './write-support.ts';

type Json = Record<string, unknown>;

const resourceVerbs = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const nonResourceURLVerbs = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** Names can-i accepts without a warning although discovery does not list them. */
const nonStandardResourceNames = new Set(['users', 'groups']);

/** POST a review as the command's user (the registry's client adds `--as`, `--as-group` and `--token`). */
function createReview(context: CommandContext, path: string, body: Json): Json {
  const api = context.api;
  const headers = { accept: 'application/json', 'content-type': 'application/json', 'user-agent': kubectlUserAgent };
  const response: ApiResponse = api.handle({ method: 'POST', path, headers, body });
  if (response.status >= 300) throw serverError(response);
  return response.body as Json;
}

/** cli-runtime's WarningPrinter: `Warning: ` and the message, then a newline of its own. */
function warn(context: CommandContext, message: string): void {
  context.out.stderr.push(`Warning: ${message}\n`);
}

interface Target {
  group: string;
  resource: string;
  namespaced: boolean;
}

/** resourceFor: `*`, or what the RESTMapper resolves; an unknown type is checked as typed, with a warning. */
function resourceFor(context: CommandContext, arg: string): Target | undefined {
  if (arg === '*') return { group: '', resource: '*', namespaced: true };
  try {
    const mapping = restMapper(context).mappingFor(arg.toLowerCase());
    return { group: mapping.group, resource: mapping.resource, namespaced: mapping.namespaced };
  } catch {
    const dot = arg.toLowerCase().indexOf('.');
    const resource = dot < 0 ? arg.toLowerCase() : arg.toLowerCase().slice(0, dot);
    const group = dot < 0 ? '' : arg.toLowerCase().slice(dot + 1);
    const name = group ? `${resource}.${group}` : resource;
    if (!nonStandardResourceNames.has(name)) {
      warn(context, group ? `the server doesn't have a resource type '${resource}' in group '${group}'\n` : `the server doesn't have a resource type '${resource}'\n`);
    }
    return undefined;
  }
}

/** A rule of a SelfSubjectRulesReview status (resource or non-resource). */
interface ReviewRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** Go's `%v` of a string slice: `[a b]`, `[]` when empty. */
const goList = (values: string[] | undefined): string => `[${(values ?? []).join(' ')}]`;

/** rbacv1.PolicyRule's String(), which kubectl sorts the rules by (so verbs decide first). */
function ruleString(r: ReviewRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** BreakdownRule: one rule per group × resource × verb (× name), and per URL × verb. */
function breakdown(rule: ReviewRule): ReviewRule[] {
  const out: ReviewRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length) for (const name of rule.resourceNames) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/** CompactRules: rules of one group, resource and name merge their verbs (in first-seen order, without repeats). */
function compact(rules: ReviewRule[]): ReviewRule[] {
  const out: ReviewRule[] = [];
  const simple = new Map<string, ReviewRule>();
  for (const rule of rules) {
    if (rule.nonResourceURLs?.length) {
      out.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources, rule.resourceNames ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...new Set([...(existing.verbs ?? []), ...(rule.verbs ?? [])])];
    else simple.set(key, { ...rule, verbs: [...(rule.verbs ?? [])] });
  }
  out.push(...simple.values());
  return out;
}

/** describe.CombineResourceGroup: `deployments.apps`, `pods/log`, `*.*`. */
function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [resource, sub] = resources[0].split(/\/(.*)/s);
  let out = resource;
  if (groups?.length && groups[0] !== '') out += `.${groups[0]}`;
  if (sub !== undefined) out += `/${sub}`;
  return out;
}

/** The tab-separated text of `kubectl auth can-i --list`, before the tabwriter aligns it. */
export function accessTable(resourceRules: ReviewRule[], nonResourceRules: ReviewRule[], noHeaders: boolean): string {
  const rules = compact([...resourceRules, ...nonResourceRules].flatMap(breakdown));
  rules.sort((a, b) => {
    const x = ruleString(a);
    const y = ruleString(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const lines = noHeaders ? [] : ['Resources\tNon-Resource URLs\tResource Names\tVerbs'];
  for (const r of rules) lines.push(`${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`);
  return lines.map((line) => `${line}\n`).join('');
}

function runList(context: CommandContext, namespace: string): number {
  if (context.args.length) throw KubectlError.client('list option must be specified with no arguments');
  if (flagBool(context.flags, 'quiet') || flagBool(context.flags, 'all-namespaces') || flagString(context.flags, 'subresource')) {
    throw KubectlError.client("list option can't be specified with neither quiet, all-namespaces nor subresource options");
  }
  const review = createReview(context, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
    apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: { creationTimestamp: null }, spec: { namespace },
  });
  const status = (review.status ?? {}) as { resourceRules?: ReviewRule[]; nonResourceRules?: ReviewRule[]; incomplete?: boolean; evaluationError?: string };
  if (status.incomplete) warn(context, `the list may be incomplete: ${status.evaluationError ?? ''}`);
  const table = accessTable(status.resourceRules ?? [], status.nonResourceRules ?? [], flagBool(context.flags, 'no-headers'));
  context.out.stdout.push(formatTabs(table));
  return 0;
}

function runCanI(context: CommandContext): number {
  const namespace = flagBool(context.flags, 'all-namespaces') ? '' : context.namespace;
  if (flagBool(context.flags, 'list')) return runList(context, namespace);
  if (context.args.length !== 2) {
    throw KubectlError.client("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  }
  const [verb, what] = context.args;
  const subresource = flagString(context.flags, 'subresource');
  let spec: Json;
  if (what.startsWith('/')) {
    if (subresource) throw KubectlError.client('--subresource can not be used with NonResourceURL');
    if (!nonResourceURLVerbs.has(verb)) warn(context, `verb '${verb}' is not a known verb\n`);
    spec = { nonResourceAttributes: { path: what, verb } };
  } else {
    const slash = what.indexOf('/');
    const typeArg = slash < 0 ? what : what.slice(0, slash);
    const name = slash < 0 ? '' : what.slice(slash + 1);
    const target = resourceFor(context, typeArg);
    if (target && namespace && !target.namespaced) {
      warn(context, target.group ? `resource '${target.resource}' is not namespace scoped in group '${target.group}'\n` : `resource '${target.resource}' is not namespace scoped\n`);
    }
    if (target && !resourceVerbs.has(verb)) warn(context, `verb '${verb}' is not a known verb\n`);
    const attributes: Json = { namespace, verb, group: target?.group ?? '', resource: target?.resource ?? typeArg, subresource, name };
    spec = { resourceAttributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== '')) };
  }
  if (flagBool(context.flags, 'no-headers')) throw KubectlError.client('--no-headers cannot be set without --list specified');
  const review = createReview(context, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: { creationTimestamp: null }, spec,
  });
  const status = (review.status ?? {}) as { allowed?: boolean; reason?: string; evaluationError?: string };
  if (!flagBool(context.flags, 'quiet')) {
    let line = status.allowed ? 'yes' : 'no';
    if (!status.allowed && status.reason) line += ` - ${status.reason}`;
    if (!status.allowed && status.evaluationError) line += ` - ${status.evaluationError}`;
    context.out.stdout.push(`${line}\n`);
  }
  return status.allowed ? 0 : 1;
}

function runWhoami(context: CommandContext): number {
  const format = printFlagsFormat(context);
  const review = createReview(context, '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
    apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: { creationTimestamp: null }, status: { userInfo: {} },
  });
  if (format?.kind === 'json') {
    // kubectl decodes the answer into its Go struct, so `-o json` keeps the struct's field order.
    context.out.stdout.push(marshalIndent(canonicalize(review as unknown as KubeObject), '    ', true));
    return 0;
  }
  if (format) {
    context.out.stdout.push(printGeneric(format, review, { noHeaders: false, files: context.files }));
    return 0;
  }
  const userInfo = ((review.status ?? {}) as Json).userInfo as { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> } | undefined ?? {};
  const lines = ['ATTRIBUTE\tVALUE'];
  if (userInfo.username) lines.push(`Username\t${userInfo.username}`);
  if (userInfo.uid) lines.push(`UID\t${userInfo.uid}`);
  if (userInfo.groups?.length) lines.push(`Groups\t[${userInfo.groups.join(' ')}]`);
  for (const key of Object.keys(userInfo.extra ?? {}).sort()) lines.push(`Extra: ${key}\t[${(userInfo.extra![key] ?? []).join(' ')}]`);
  context.out.stdout.push(formatTabs(`${lines.join('\n')}\n`));
  return 0;
}

/** `kubectl auth can-i`. */
export const authCanICommand: CommandSpec = specFromHelp('can-i', authCanIHelp, runCanI);
/** `kubectl auth whoami`. */
export const authWhoamiCommand: CommandSpec = specFromHelp('whoami', authWhoamiHelp, runWhoami);

/** The `auth` command with its subcommands. */
export const authCommand: CommandSpec = specFromHelp('auth', authHelp, defaultSubCommandRun('auth', () => authCommand), [
  authCanICommand,
  authReconcileCommand,
  authWhoamiCommand,
]);
