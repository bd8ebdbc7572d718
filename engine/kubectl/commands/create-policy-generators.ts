/**
 * The objects `kubectl create quota|priorityclass|poddisruptionbudget|ingress` build, with the
 * checks kubectl makes before sending them (create_quota.go, create_priorityclass.go,
 * create_pdb.go, create_ingress.go).
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext } from '../command.ts';
import { flagBool, flagInt, flagList, flagString } from '../flags.ts';
import type { Json } from './write-support.ts';

function meta(context: CommandContext, name: string, extra: Json = {}): Json {
  return { name, ...(context.explicitNamespace ? { namespace: context.namespace } : {}), ...extra };
}

/** intstr.Parse: a whole number becomes an int, anything else stays a string (`1`, `50%`). */
function intOrString(text: string): number | string {
  return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

/** `create quota NAME [--hard=pods=4,cpu=1] [--scopes=BestEffort,…]` */
export function buildQuota(context: CommandContext, name: string): Json {
  const hardSpec = flagString(context.flags, 'hard');
  const scopesSpec = flagString(context.flags, 'scopes');
  let hard: Record<string, string> | undefined;
  if (hardSpec) {
    hard = {};
    for (const statement of hardSpec.split(',')) {
      const parts = statement.split('=');
      if (parts.length !== 2) throw KubectlError.client(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/.test(parts[1])) throw KubectlError.client('quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'');
      hard[parts[0]] = parts[1];
    }
  }
  let scopes: string[] | undefined;
  if (scopesSpec) {
    scopes = scopesSpec.split(',');
    if (scopes.includes('')) throw KubectlError.client('invalid resource quota scope ""');
  }
  return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta(context, name), spec: { ...(hard ? { hard } : {}), ...(scopes ? { scopes } : {}) } };
}

/** `create priorityclass NAME [--value=N] [--global-default] [--description=…] [--preemption-policy=…]` */
export function buildPriorityClass(context: CommandContext, name: string): Json {
  const description = flagString(context.flags, 'description');
  return {
    kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: { name },
    value: flagInt(context.flags, 'value', 0),
    ...(flagBool(context.flags, 'global-default') ? { globalDefault: true } : {}),
    ...(description ? { description } : {}),
    preemptionPolicy: flagString(context.flags, 'preemption-policy', 'PreemptLowerPriority'),
  };
}

/** A label selector as metav1.ParseToLabelSelector reads `--selector` (equality and set requirements). */
function labelSelector(text: string): Json {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Json[] = [];
  // Split on commas outside parentheses: `app=web,tier in (a,b)`.
  const requirements: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      requirements.push(current);
      current = '';
    } else current += c;
  }
  requirements.push(current);
  for (const raw of requirements) {
    const requirement = raw.trim();
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(requirement);
    if (set) {
      matchExpressions.push({ key: set[1], operator: set[2] === 'in' ? 'In' : 'NotIn', values: set[3].split(',').map((v) => v.trim()).sort() });
    } else if (/^!\S+$/.test(requirement)) {
      matchExpressions.push({ key: requirement.slice(1), operator: 'DoesNotExist' });
    } else if (/^[^=!\s]+$/.test(requirement)) {
      matchExpressions.push({ key: requirement, operator: 'Exists' });
    } else if (requirement.includes('!=')) {
      const [key, value] = requirement.split('!=');
      matchExpressions.push({ key: key.trim(), operator: 'NotIn', values: [value.trim()] });
    } else {
      const [key, value] = requirement.split(/==?/);
      matchLabels[key.trim()] = (value ?? '').trim();
    }
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/** `create poddisruptionbudget NAME --selector=… (--min-available=N|N% | --max-unavailable=N|N%)` */
export function buildPodDisruptionBudget(context: CommandContext, name: string): Json {
  const selector = flagString(context.flags, 'selector');
  const minAvailable = flagString(context.flags, 'min-available');
  const maxUnavailable = flagString(context.flags, 'max-unavailable');
  if (!selector) throw KubectlError.client('a selector must be specified');
  if (!minAvailable && !maxUnavailable) throw KubectlError.client('one of min-available or max-unavailable must be specified');
  if (minAvailable && maxUnavailable) throw KubectlError.client('min-available and max-unavailable cannot be both specified');
  const format = /^[0-9]+%?$/;
  if (minAvailable && !format.test(minAvailable)) throw KubectlError.client('invalid format specified for min-available');
  if (maxUnavailable && !format.test(maxUnavailable)) throw KubectlError.client('invalid format specified for max-unavailable');
  return {
    kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', metadata: meta(context, name),
    spec: {
      ...(minAvailable ? { minAvailable: intOrString(minAvailable) } : {}),
      selector: labelSelector(selector),
      ...(maxUnavailable ? { maxUnavailable: intOrString(maxUnavailable) } : {}),
    },
  };
}

/** `host/path=service:port[,tls[=secret]]`, as create_ingress.go's ruleRegex checks a `--rule`. */
const rulePattern = /^[\w*\-.]*\/.*=[\w-]+:[\w-]+(,tls=?[\w-]*)?/;

/** A service backend from `name:port` (a number or a port name). */
function backend(service: string): Json {
  const [name, port] = service.split(':');
  const value = intOrString(port);
  return { service: { name, port: typeof value === 'number' ? { number: value } : { name: value } } };
}

/** `create ingress NAME --rule=host/path=svc:port[,tls[=secret]] … [--class=…] [--default-backend=svc:port] [--annotation=k=v]` */
export function buildIngress(context: CommandContext, name: string): Json {
  const rules = flagList(context.flags, 'rule');
  const annotations = flagList(context.flags, 'annotation');
  const defaultBackend = flagString(context.flags, 'default-backend');
  const ingressClass = flagString(context.flags, 'class');
  if (!defaultBackend && !rules.length) {
    throw KubectlError.client('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  }
  for (const rule of rules) {
    if (!rulePattern.test(rule)) throw KubectlError.client(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  }
  const annotationMap: Record<string, string> = {};
  for (const annotation of annotations) {
    const eq = annotation.indexOf('=');
    if (eq < 0) throw KubectlError.client(`annotation ${annotation} is invalid and should be in format key=[value]`);
    annotationMap[annotation.slice(0, eq)] = annotation.slice(eq + 1);
  }
  if (defaultBackend && defaultBackend.split(':').length !== 2) throw KubectlError.client('default-backend should be in format servicename:serviceport');
  return {
    kind: 'Ingress', apiVersion: 'networking.k8s.io/v1',
    metadata: meta(context, name, annotations.length ? { annotations: annotationMap } : {}),
    spec: {
      ...(ingressClass ? { ingressClassName: ingressClass } : {}),
      ...(defaultBackend ? { defaultBackend: backend(defaultBackend) } : {}),
      tls: tlsRules(rules),
      rules: ingressRules(rules),
    },
  };
}

/** Ingress TLS entries: one per secret, hosts gathered under it (buildTLSRules). */
function tlsRules(rules: string[]): Json[] {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secret = parts[1].split('=')[1] ?? '';
    if (seen.has(host)) continue;
    seen.add(host);
    const existing = out.find((t) => (t.secretName ?? '') === secret);
    if (existing) {
      (existing.hosts ??= []).push(host);
      continue;
    }
    const tls = { ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) };
    if (tls.hosts || tls.secretName) out.push(tls);
  }
  return out;
}

/** Ingress rules: one per host, paths appended in order; a trailing `*` makes a Prefix path (buildIngressRules). */
function ingressRules(rules: string[]): Json[] {
  const out: { host?: string; http: { paths: Json[] } }[] = [];
  for (const rule of rules) {
    const withoutTls = rule.split(',')[0];
    const slash = withoutTls.indexOf('/');
    const host = withoutTls.slice(0, slash);
    const [pathPart, service] = withoutTls.slice(slash + 1).split('=');
    let path = `/${pathPart}`;
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      pathType = 'Prefix';
      path = path.slice(0, -1);
    }
    const entry = { path, pathType, backend: backend(service) };
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) existing.http.paths.push(entry);
    else out.push({ ...(host ? { host } : {}), http: { paths: [entry] } });
  }
  return out;
}
