/**
 * `kubectl auth reconcile -f FILE`: create or merge RBAC objects as kubectl 1.32 does
 * (pkg/cmd/auth/reconcile.go over component-helpers' reconciliation). For each Role, ClusterRole,
 * RoleBinding and ClusterRoleBinding of the files: GET the stored one; create it when missing (and
 * its namespace first), else add the missing rules or subjects — or, with --remove-extra-*, set
 * them to exactly the file's — and recreate a binding whose roleRef changed. Every object is
 * printed (`… reconciled`, or `-o`), and what was needed goes to stderr in Go's `%+v`.
 *
 * Pitfall, faithful to kubectl: the Builder reads the files locally, without a REST mapping, so a
 * namespaced object without `metadata.namespace` is not given the default namespace; its GET goes to
 * the cluster-wide path and its create fails with `resource name may not be empty`.
 */
import { builtinResources } from '../../api/registry.ts';
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import {
  bindingToCreate, computeReconciledBinding, computeReconciledRole, formatRule, formatSubject, roleToCreate,
  type BindingReconcile, type Json, type RoleReconcile,
} from './auth-reconcile-compute.ts';
import { printCreated } from './create.ts';
import { authReconcileHelp } from './help/auth-reconcile.ts';
import { specFromHelp } from './help/types.ts';
import { printFlagsFormat } from './print-flags.ts';
import { dryRunOf, mappingForObject, objectPath, readFileObjects, restMapper, send, serverError, ServerError } from './write-support.ts';

const rbacGroup = 'rbac.authorization.k8s.io';
const rbacKinds = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** The run's settings and its printer's state. */
interface Run {
  context: CommandContext;
  dryRun: boolean;
  removeExtraPermissions: boolean;
  removeExtraSubjects: boolean;
  /** Objects printed so far (the YAML printer separates them with `---`). */
  printed: number;
}

/**
 * The object as the API server receives it from kubectl's typed clientset, which speaks protobuf:
 * an empty list or map is not encoded and arrives as nil (`rules: []` is stored as `rules: null`).
 * The maps of the RBAC kinds are labels, annotations and matchLabels; every other object is a struct.
 */
function overProtobuf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(overProtobuf);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [name, inner] of Object.entries(value as Json)) {
    if (Array.isArray(inner) && !inner.length) continue;
    const emptyMap = typeof inner === 'object' && inner !== null && !Object.keys(inner).length;
    if (emptyMap && ['labels', 'annotations', 'matchLabels'].includes(name)) continue;
    out[name] = overProtobuf(inner);
  }
  return out;
}

/** Whether kubectl's scheme (client-go's built-in types) knows a kind: others cannot be decoded from a file. */
function inKubectlScheme(group: string, kind: string): boolean {
  return builtinResources.some((info) => info.group === group && info.kind === kind);
}

/** A reconcile attempt that must start over (the object appeared or vanished meanwhile). */
class Retry extends Error {}

const metadataOf = (object: Json): Json => (typeof object.metadata === 'object' && object.metadata !== null ? object.metadata as Json : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** getClientSideDryRun: client or none; the server strategy is refused. */
function clientSideDryRun(context: CommandContext): boolean {
  let strategy: string;
  try {
    strategy = dryRunOf(context);
  } catch (error) {
    if (!(error instanceof KubectlError)) throw error;
    throw KubectlError.client(`error accessing --dry-run flag for command reconcile: ${error.text.replace(/^error: /, '')}`);
  }
  if (strategy === 'server') throw KubectlError.client('--dry-run=server for command reconcile is not supported yet');
  return strategy === 'client';
}

/** The response body, or the error kubectl returns for it. */
function answer(response: { status: number; body?: unknown }): Json {
  if (response.status >= 300) throw serverError(response as Parameters<typeof serverError>[0]);
  return response.body as Json;
}

/** tryEnsureNamespace: GET the namespace, create it if missing; Forbidden and AlreadyExists are no errors. */
function ensureNamespace(run: Run, namespace: string): void {
  // client-go refuses a GET by an empty name before sending it.
  if (!namespace) throw KubectlError.client('resource name may not be empty');
  const got = send(run.context, 'GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}`);
  if (got.status < 300) return;
  if (got.status !== 404 && got.status !== 403) throw serverError(got);
  const created = send(run.context, 'POST', '/api/v1/namespaces', { body: { kind: 'Namespace', apiVersion: 'v1', metadata: { name: namespace } } });
  if (created.status >= 300 && created.status !== 409 && created.status !== 403) throw serverError(created);
}

/** The stored object, or undefined when the API answers NotFound. */
function getStored(run: Run, mapping: ApiResource, namespace: string, name: string): Json | undefined {
  const response = send(run.context, 'GET', objectPath(mapping, namespace, name));
  if (response.status === 404) return undefined;
  return answer(response);
}

/** Create the object (its namespace first, for namespaced kinds); AlreadyExists starts over. */
function createObject(run: Run, mapping: ApiResource, object: Json): Json {
  const namespace = text(metadataOf(object).namespace);
  if (mapping.namespaced) ensureNamespace(run, namespace);
  const response = send(run.context, 'POST', objectPath(mapping, namespace), { body: overProtobuf(object) });
  if (response.status === 409 && (response.body as Json | undefined)?.reason === 'AlreadyExists') throw new Retry();
  return answer(response);
}

/** Update the object; NotFound starts over. */
function updateObject(run: Run, mapping: ApiResource, object: Json): Json {
  const response = send(run.context, 'PUT', objectPath(mapping, text(metadataOf(object).namespace), text(metadataOf(object).name)), { body: overProtobuf(object) });
  if (response.status === 404) throw new Retry();
  return answer(response);
}

/** ReconcileRoleOptions.Run for a Role or ClusterRole. */
function reconcileRole(run: Run, mapping: ApiResource, expected: Json): RoleReconcile {
  for (let attempt = 0; attempt <= 2; attempt++) {
    const metadata = metadataOf(expected);
    const stored = getStored(run, mapping, text(metadata.namespace), text(metadata.name));
    const result = stored === undefined
      ? roleToCreate(expected)
      : computeReconciledRole(stored, expected, run.removeExtraPermissions, mapping.kind === 'ClusterRole');
    if (result.protected || run.dryRun) return result;
    try {
      if (result.operation === 'create') result.object = createObject(run, mapping, result.object);
      if (result.operation === 'update') result.object = updateObject(run, mapping, result.object);
      return result;
    } catch (error) {
      if (!(error instanceof Retry)) throw error;
    }
  }
  throw KubectlError.client('exceeded maximum attempts');
}

/** ReconcileRoleBindingOptions.Run for a RoleBinding or ClusterRoleBinding. */
function reconcileBinding(run: Run, mapping: ApiResource, expected: Json): BindingReconcile {
  for (let attempt = 0; attempt <= 3; attempt++) {
    const metadata = metadataOf(expected);
    const stored = getStored(run, mapping, text(metadata.namespace), text(metadata.name));
    const result = stored === undefined ? bindingToCreate(expected) : computeReconciledBinding(stored, expected, run.removeExtraSubjects);
    if (result.protected || run.dryRun) return result;
    try {
      if (result.operation === 'recreate' && stored) {
        // The roleRef cannot change: delete the stored binding (if it is still the same one), then create.
        const storedMeta = metadataOf(stored);
        const deleted = send(run.context, 'DELETE', objectPath(mapping, text(storedMeta.namespace), text(storedMeta.name)), {
          body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: text(storedMeta.uid) } },
        });
        if (deleted.status === 409) throw new Retry();
        if (deleted.status >= 300 && deleted.status !== 404) throw serverError(deleted);
      }
      if (result.operation === 'create' || result.operation === 'recreate') result.object = createObject(run, mapping, result.object);
      if (result.operation === 'update') result.object = updateObject(run, mapping, result.object);
      return result;
    } catch (error) {
      if (!(error instanceof Retry)) throw error;
    }
  }
  throw KubectlError.client('exceeded maximum attempts');
}

/** printResults: the object on stdout, then what reconciling needed on stderr. */
function printResult(run: Run, mapping: ApiResource, result: RoleReconcile | BindingReconcile): void {
  const { context } = run;
  const format = printFlagsFormat(context);
  if (format?.kind === 'yaml' && run.printed > 0) context.out.stdout.push('---\n');
  run.printed++;
  // The typed clientset's answer (or the decoded file) is a Go struct: printed in struct order.
  printCreated(context, mapping, result.object, 'reconciled', true);
  if (result.operation === 'none') return;
  const lines: string[] = [];
  const caveat = result.protected ? ', but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)' : '';
  lines.push(`\treconciliation required ${result.operation}${caveat}`);
  const section = (title: string, items: string[]): void => {
    if (items.length) lines.push(`\t${title}:`, ...items.map((item) => `\t\t${item}`));
  };
  if ('missingSubjects' in result) {
    section('missing subjects added', result.missingSubjects.map(formatSubject));
    if (run.removeExtraSubjects) section('extra subjects removed', result.extraSubjects.map(formatSubject));
  } else {
    section('missing rules added', result.missingRules.map(formatRule));
    if (run.removeExtraPermissions) section('extra rules removed', result.extraRules.map(formatRule));
  }
  context.out.stderr.push(`${lines.join('\n')}\n`);
}

/** CheckErr of the visitor's aggregate: one error as itself, several one message a line. */
function throwAggregate(errors: KubectlError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length) {
    throw new KubectlError(errors.map((e) => (e instanceof ServerError ? e.aggregateText : e.text.replace(/^error: /, ''))).join('\n'));
  }
}

/** The files' objects; files with none are no error here (the visitor simply visits nothing). */
function readFiles(context: CommandContext): ReturnType<typeof readFileObjects> {
  try {
    return readFileObjects(context, 'reconcile');
  } catch (error) {
    if (error instanceof KubectlError && error.text === 'error: no objects passed to reconcile') return [];
    throw error;
  }
}

function runReconcile(context: CommandContext): number {
  const { flags } = context;
  // Complete, in its order: the files, the arguments, the dry run, the Builder, then the printer.
  if (!flagList(flags, 'filename').length && !flagString(flags, 'kustomize')) throw KubectlError.client('must specify one of -f and -k');
  if (context.args.length) throw KubectlError.client('no arguments are allowed');
  const dryRun = clientSideDryRun(context);
  if (flagString(flags, 'kustomize')) throw KubectlError.client('kubelab: auth reconcile -k is not supported in this lab yet');
  const items = readFiles(context);
  printFlagsFormat(context);
  const run: Run = {
    context, dryRun, removeExtraPermissions: flagBool(flags, 'remove-extra-permissions'), removeExtraSubjects: flagBool(flags, 'remove-extra-subjects'), printed: 0,
  };
  const mapper = restMapper(context);
  const errors: KubectlError[] = [];
  // ContinueOnError: an object that fails does not stop the others; the errors come at the end.
  for (const item of items) {
    const apiVersion = String(item.object.apiVersion ?? '');
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const kind = String(item.object.kind ?? '');
    if (!inKubectlScheme(group, kind)) {
      errors.push(KubectlError.client(`unable to decode "${item.source}": no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/scheme/scheme.go:28"`));
      continue;
    }
    if (group !== rbacGroup || !rbacKinds.has(kind)) continue; // skipping: not an RBAC object
    if (version !== 'v1') {
      errors.push(KubectlError.client(`only rbac.authorization.k8s.io/v1 is supported: not *${version}.${kind}`));
      continue;
    }
    try {
      const mapping = mappingForObject(mapper, item);
      const result = kind.endsWith('Binding') ? reconcileBinding(run, mapping, item.object) : reconcileRole(run, mapping, item.object);
      printResult(run, mapping, result);
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      errors.push(error);
    }
  }
  throwAggregate(errors);
  return 0;
}

/** The `auth reconcile` subcommand. */
export const authReconcileCommand: CommandSpec = specFromHelp('reconcile', authReconcileHelp, runReconcile);
