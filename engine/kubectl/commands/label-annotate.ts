/**
 * `kubectl label` and `kubectl annotate`: `key=value` and `key-` arguments after the objects,
 * a JSON merge patch of `metadata.labels|annotations` (created as kubectl's CreateMergePatch does),
 * and the messages `labeled`, `not labeled`, `unlabeled`, `annotated`, with the --overwrite errors.
 */
import { createMergePatch, type JsonObject } from '../../api/patch/merge-patch.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { annotateHelp } from './help/annotate.ts';
import { labelHelp } from './help/label.ts';
import { specFromHelp } from './help/types.ts';
import { changeCauseAnnotation, changeCauseToRecord, recordChangeCause, withRecordFlag } from './record.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { findTargets, throwErrors } from './targets.ts';
import {
  dryRunOf, dryRunQuery, fieldManager, nameLine, objectPath, send, serverError, type Json,
} from './write-support.ts';

type Field = 'labels' | 'annotations';

/** Split the arguments into resource arguments and `key=value` / `key-` changes (kubectl's parseLabels). */
function splitChanges(args: string[], field: Field, filenames: boolean, conflict = ''): { resources: string[]; set: [string, string][]; remove: string[] } {
  const resources: string[] = [];
  const set: [string, string][] = [];
  const remove: string[] = [];
  for (const arg of args) {
    if (arg.includes('=')) {
      const eq = arg.indexOf('=');
      set.push([arg.slice(0, eq), arg.slice(eq + 1)]);
    } else if (arg.endsWith('-') && (set.length || remove.length || resources.length >= 1)) {
      remove.push(arg.slice(0, -1));
    } else resources.push(arg);
  }
  // Validate's first check: --all with a selector (label and annotate word it their own way, not the Builder's).
  if (conflict) throw KubectlError.client(conflict);
  if (!resources.length && !filenames) throw KubectlError.client('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!set.length && !remove.length) {
    throw KubectlError.client(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  }
  for (const key of remove) {
    if (set.some(([k]) => k === key)) throw KubectlError.client(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  }
  return { resources, set, remove };
}

function run(context: CommandContext, field: Field): number {
  const { flags, out } = context;
  const overwrite = flagBool(flags, 'overwrite');
  const dryRun = dryRunOf(context);
  // annotate builds its printer up front (`-o wide` fails before any request); label only when it prints.
  if (field === 'annotations') printFlagsFormat(context);
  const all = flagBool(flags, 'all');
  const conflict = all && flagString(flags, 'selector') ? 'cannot set --all and --selector at the same time'
    : all && flagString(flags, 'field-selector') ? 'cannot set --all and --field-selector at the same time' : '';
  const { resources, set, remove } = splitChanges(context.args, field, flagList(flags, 'filename').length > 0, conflict);
  const found = findTargets(context, field === 'labels' ? 'label' : 'annotate', resources, true);
  const errors = [...found.errors];
  for (const target of found.targets) {
    if (target.error) {
      errors.push(target.error);
      continue;
    }
    const original = target.object as JsonObject;
    const modified = structuredClone(original);
    const metadata = (modified.metadata ??= {}) as Json;
    const current = { ...((metadata[field] ?? {}) as Record<string, string>) };
    if (field === 'labels') {
      for (const key of remove) if (!(key in current)) out.stdout.push(`label "${key}" not found.\n`);
    }
    try {
      if (!overwrite) {
        // validateNoAnnotationOverwrites: the change cause may always be overwritten.
        const conflicts = set.filter(([key, value]) => key in current && current[key] !== value && !(field === 'annotations' && key === changeCauseAnnotation));
        if (conflicts.length && field === 'labels') {
          const [key] = conflicts[0];
          throw KubectlError.client(`'${key}' already has a value (${current[key]}), and --overwrite is false`);
        }
        if (conflicts.length) {
          throw KubectlError.client(`--overwrite is false but found the following declared annotation(s): ${conflicts.map(([key]) => `'${key}' already has a value (${current[key]})`).join('; ')}`);
        }
      }
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      errors.push(error);
      continue;
    }
    // --record: annotate records before its changes (an explicit change cause wins), label after
    // them; neither on a client dry run.
    const cause = dryRun === 'client' ? undefined : changeCauseToRecord(context);
    if (cause !== undefined && field === 'annotations') current[changeCauseAnnotation] = cause;
    for (const [key, value] of set) current[key] = value;
    for (const key of remove) delete current[key];
    if (Object.keys(current).length) metadata[field] = current;
    else delete metadata[field];
    if (cause !== undefined && field === 'labels') recordChangeCause(context, modified as Json);
    const before = JSON.stringify(original);
    const after = JSON.stringify(modified);
    let message = field === 'annotations' ? 'annotated' : 'not labeled';
    if (field === 'labels' && before !== after) message = !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
    let result: Json = modified;
    if (dryRun !== 'client') {
      const patch = createMergePatch(original, modified);
      const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, field === 'labels' ? 'kubectl-label' : 'kubectl-annotate') };
      const response = send(context, 'PATCH', objectPath(target.mapping, target.namespace, target.name), { query, body: patch, contentType: 'application/merge-patch+json' });
      if (response.status >= 300) {
        errors.push(serverError(response));
        continue;
      }
      // `label` prints the object it changed locally (info.Object, so the resourceVersion from
      // before the patch); `annotate` prints the server's answer.
      if (field === 'annotations') result = response.body as Json;
    }
    if (flagString(flags, 'output') || flagString(flags, 'template')) printCreated(context, target.mapping, result, message);
    else out.stdout.push(nameLine(target.mapping, target.name, message, dryRun));
  }
  throwErrors(errors);
  return 0;
}

/** The `label` command. */
export const labelCommand: CommandSpec = withRecordFlag(specFromHelp('label', labelHelp, (context) => run(context, 'labels')));

/** The `annotate` command. */
export const annotateCommand: CommandSpec = withRecordFlag(specFromHelp('annotate', annotateHelp, (context) => run(context, 'annotations')));
