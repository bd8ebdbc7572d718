/**
 * `kubectl apply -f`: client-side apply (the last-applied annotation, create when absent, a
 * three-way strategic merge patch when present, `unchanged` when the patch is empty) and
 * `--server-side` (an apply patch under manager `kubectl`), with kubectl's requests and messages.
 */
import { lastAppliedAnnotation } from '../../api/apply/index.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import type { ApiResponse } from '../../api/types.ts';
import { createThreeWayMergePatch, patchTypeFor } from '../../api/patch/strategic-diff.ts';
import { KubectlError } from '../client/api-client.ts';
import { kindPrefix } from '../client/rest-mapper.ts';
import { printGeneric, shownByPrinter } from '../printers/generic.ts';
import { PartialOutputError } from '../printers/go-template.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString, parseGoBool } from '../flags.ts';
import { migrateToServerSideApply } from './apply-migrate.ts';
import { prune, prunedName, prunePlan, selectedByPlan, type Visited } from './apply-prune.ts';
import { applyHelp } from './help/apply.ts';
import { buildLastAppliedFor } from './last-applied.ts';
import { printFlagsFormat, type ObjectFormat } from './print-flags.ts';
import { specFromHelp } from './help/types.ts';
import { applyEditLastAppliedCommand } from './apply-edit-last-applied.ts';
import { applySetLastAppliedCommand } from './apply-set-last-applied.ts';
import { applyViewLastAppliedCommand } from './apply-view-last-applied.ts';
import { recordChangeCause, withRecordFlag } from './record.ts';
import {
  dryRunOf, dryRunQuery, fieldManager, mappingForObject, nameLine, nameOfObject, objectPath, readFileObjects, resolveNamespace, restMapper, send, serverError, throwErrors, type DryRun, type FileObject, type Json,
} from './write-support.ts';

const conflictHelp = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;


/** The validation query: `Strict` unless `--validate=false|ignore` or `warn`. */
export function fieldValidation(context: CommandContext): string {
  // cmdutil.GetValidationDirective: a Go boolean first (strconv.ParseBool's spellings), then the three words.
  const value = flagString(context.flags, 'validate', 'strict');
  const bool = parseGoBool(value);
  if (bool !== undefined) return bool ? 'Strict' : 'Ignore';
  if (value === 'ignore') return 'Ignore';
  if (value === 'warn') return 'Warn';
  if (value === 'strict') return 'Strict';
  throw KubectlError.client(`invalid - validate option ${JSON.stringify(value)}; must be one of: strict (or true), warn, ignore (or false)`);
}

/** What one object's apply did, and the object kubectl holds afterwards (printed by `-o`). */
interface Applied {
  mapping: ApiResource;
  name: string;
  operation: string;
  object: Json;
}

/** The file's object, with `--record`'s change cause: recorded before the last-applied annotation is built, so that holds it too. */
function recorded(context: CommandContext, item: FileObject): Json {
  const object = structuredClone(item.object);
  recordChangeCause(context, object);
  return object;
}

function applyClientSide(context: CommandContext, item: FileObject, mapping: ApiResource, namespace: string, dryRun: DryRun): Applied {
  const name = nameOfObject(item.object);
  const path = objectPath(mapping, namespace, name);
  const modified = buildLastAppliedFor(recorded(context, item));
  const manager = fieldManager(context, 'kubectl-client-side-apply');
  const query = { ...dryRunQuery(dryRun), fieldManager: manager, fieldValidation: fieldValidation(context) };
  if (!name) {
    // client-go refuses a GET without a name before sending it; apply wraps that as a failed read.
    const gv = `${mapping.group}/${mapping.version}`;
    throw KubectlError.client(`error when retrieving current configuration of:\nResource: "${gv}, Resource=${mapping.resource}", GroupVersionKind: "${gv}, Kind=${mapping.kind}"\nName: "", Namespace: "${namespace}"\nfrom server for: "${item.source}": resource name may not be empty`);
  }
  const live = send(context, 'GET', path);
  if (live.status === 404) {
    if (dryRun === 'client') return { mapping, name, operation: 'created', object: modified };
    const created = send(context, 'POST', objectPath(mapping, namespace), { query, body: modified });
    if (created.status >= 300) throw serverError(created, { verb: 'creating', file: item.source });
    return { mapping, name, operation: 'created', object: created.body as Json };
  }
  if (live.status >= 300) throw serverError(live, { verb: 'retrieving current configuration of:\nResource', file: item.source });
  const current = live.body as JsonObject;
  const annotations = ((current.metadata as Json | undefined)?.annotations ?? {}) as Record<string, string>;
  const lastApplied = annotations[lastAppliedAnnotation];
  if (lastApplied === undefined) {
    context.out.stderr.push(`Warning: resource ${mapping.resource}/${name} is missing the ${lastAppliedAnnotation} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
  }
  // A client dry run sends no patch and says `configured` whatever the difference.
  if (dryRun === 'client') return { mapping, name, operation: 'configured', object: current };
  const original = (lastApplied ? JSON.parse(lastApplied) : {}) as JsonObject;
  const gvk = { group: mapping.group, version: mapping.version, kind: mapping.kind };
  const patch = createThreeWayMergePatch(original, modified as JsonObject, current, gvk);
  if (!Object.keys(patch).length) return { mapping, name, operation: 'unchanged', object: current };
  const patched = send(context, 'PATCH', path, { query, body: patch, contentType: patchTypeFor(gvk) });
  if (patched.status >= 300) throw serverError(patched, { verb: 'patching', file: item.source });
  return { mapping, name, operation: 'configured', object: patched.body as Json };
}

function applyServerSide(context: CommandContext, item: FileObject, mapping: ApiResource, namespace: string, dryRun: DryRun): Applied {
  const name = nameOfObject(item.object);
  if (dryRun === 'client') throw KubectlError.client('--dry-run=client doesn\'t work with --server-side (did you mean --dry-run=server instead?)');
  const query = {
    ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl'), fieldValidation: fieldValidation(context),
    force: String(flagBool(context.flags, 'force-conflicts')),
  };
  const body = recorded(context, item);
  const apply = (): ApiResponse => send(context, 'PATCH', objectPath(mapping, namespace, name), { query, body, contentType: 'application/apply-patch+yaml' });
  const response = apply();
  if (response.status === 409 && String((response.body as Json).message ?? '').startsWith('Apply failed')) {
    throw KubectlError.client(`${String((response.body as Json).message)}\n${conflictHelp}`);
  }
  if (response.status >= 300) throw serverError(response, { verb: 'patching', file: item.source });
  const object = migrateToServerSideApply(context, mapping, namespace, response.body as Json, query.fieldManager, query, () => {
    const again = apply();
    if (again.status >= 300) throw serverError(again, { verb: 'patching', file: item.source });
    return again.body as Json;
  });
  return { mapping, name, operation: 'serverside-applied', object };
}

function runApply(context: CommandContext): number {
  const { flags, out } = context;
  if (!flagList(flags, 'filename').length && !flagString(flags, 'kustomize')) {
    throw KubectlError.client('must specify one of -f and -k');
  }
  if (flagString(flags, 'kustomize')) throw KubectlError.client('kubelab: apply -k is not supported in this lab yet');
  fieldValidation(context);
  const dryRun = dryRunOf(context);
  const serverSide = flagBool(flags, 'server-side');
  if (flagBool(flags, 'force-conflicts') && !serverSide) throw KubectlError.client('--force-conflicts only works with --server-side');
  const mapper = restMapper(context);
  const plan = prunePlan(context, mapper);
  // apply builds its printer per object after the write (o.ToPrinter("configured")), so a format
  // outside PrintFlags (`-o wide`) fails each object once it has been applied.
  let format: ObjectFormat | undefined;
  let formatError: KubectlError | undefined;
  try {
    format = printFlagsFormat(context);
  } catch (error) {
    if (!(error instanceof KubectlError)) throw error;
    formatError = error;
  }
  const items = readFileObjects(context, 'apply').filter((item) => selectedByPlan(plan, item.object));
  const errors: KubectlError[] = [];
  const visited: Visited = { uids: new Set(), namespaces: new Set() };
  let printed = 0;
  // kubectl prints template and jsonpath output once at the end: the object, or a List of all of them.
  const printedAtEnd: Json[] = [];
  const printsAtEnd = format?.kind === 'go-template' || format?.kind === 'jsonpath';
  for (const item of items) {
    try {
      const mapping = mappingForObject(mapper, item);
      const namespace = resolveNamespace(context, mapping, item.object);
      const applied = serverSide ? applyServerSide(context, item, mapping, namespace, dryRun) : applyClientSide(context, item, mapping, namespace, dryRun);
      const uid = (applied.object.metadata as Json | undefined)?.uid;
      if (typeof uid === 'string') visited.uids.add(uid);
      if (mapping.namespaced) visited.namespaces.add(namespace);
      if (formatError) throw formatError;
      if (!format) {
        out.stdout.push(nameLine(applied.mapping, applied.name, applied.operation, dryRun));
      } else if (printsAtEnd) {
        printedAtEnd.push(applied.object);
      } else if (format.kind === 'name') {
        // `-o name` is the name printer without an operation: `deployment.apps/web`.
        out.stdout.push(`${kindPrefix(applied.mapping)}/${applied.name}\n`);
      } else {
        // The YAML printer separates the second and later objects with `---`.
        if (format.kind === 'yaml' && printed++ > 0) out.stdout.push('---\n');
        out.stdout.push(printGeneric(format, shownByPrinter(format, applied.object, flagBool(context.flags, 'show-managed-fields')), { noHeaders: false, files: context.files }));
      }
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      // A Go template that failed has already written its debugging help to stdout.
      if (error instanceof PartialOutputError) out.stdout.push(error.stdout);
      errors.push(error);
    }
  }
  if (format && printedAtEnd.length) {
    const object = printedAtEnd.length === 1 ? printedAtEnd[0] : { kind: 'List', apiVersion: 'v1', metadata: {}, items: printedAtEnd };
    try {
      out.stdout.push(printGeneric(format, object, { noHeaders: false, files: context.files }));
    } catch (error) {
      if (error instanceof PartialOutputError) out.stdout.push(error.stdout);
      throw error;
    }
  }
  throwErrors(errors);
  // kubectl prunes only after every object applied cleanly, through the same printer with operation `pruned`.
  prune(context, plan, visited, dryRun, (mapping, object) => {
    if (!format) out.stdout.push(nameLine(mapping, nameOfObject(object), 'pruned', dryRun));
    else if (format.kind === 'name') out.stdout.push(`${prunedName(mapping, object)}\n`);
    else out.stdout.push(printGeneric(format, shownByPrinter(format, object, flagBool(context.flags, 'show-managed-fields')), { noHeaders: false, files: context.files }));
  });
  return 0;
}

/** The `apply` command, with its subcommands edit-last-applied, set-last-applied and view-last-applied. */
export const applyCommand: CommandSpec = withRecordFlag(specFromHelp('apply', applyHelp, runApply, [
  applyEditLastAppliedCommand, applySetLastAppliedCommand, applyViewLastAppliedCommand,
]));
