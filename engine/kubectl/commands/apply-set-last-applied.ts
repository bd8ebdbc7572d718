/**
 * `kubectl apply set-last-applied -f FILENAME`: make each file object's last-applied annotation the
 * object as written, as though `kubectl apply -f` had run, without changing anything else. Every
 * object is checked first (it must exist, and carry the annotation unless `--create-annotation`);
 * one that already matches prints `set-last-applied NAME: no changes required.`; only when all pass
 * are the JSON merge patches sent, and the results printed with the operation `configured`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList } from '../flags.ts';
import { printCreated } from './create.ts';
import { stripComments } from './edit-buffer.ts';
import { applySetLastAppliedHelp } from './help/apply-set-last-applied.ts';
import { specFromHelp } from './help/types.ts';
import { applyAnnotationPatch, fileObjects, originalConfiguration } from './last-applied.ts';
import { printFlagsFormat } from './print-flags.ts';
import {
  dryRunOf, dryRunQuery, mappingForObject, nameOfObject, objectPath, resolveNamespace, restMapper, send, serverError, type Json,
} from './write-support.ts';

/** The Builder's error when neither arguments nor `-f` name anything (set-last-applied reads only `-f`). */
const noResources = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** One object whose annotation must change. */
interface Pending {
  mapping: ApiResource;
  name: string;
  namespace: string;
  live: Json;
  patch: Json;
}

/** Info.String(): the mapping, then the name and namespace. */
function infoString(mapping: ApiResource, namespace: string, name: string): string {
  const gv = mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version;
  return `Resource: "${gv}, Resource=${mapping.resource}", GroupVersionKind: "${gv}, Kind=${mapping.kind}"\nName: "${name}", Namespace: "${namespace}"`;
}

/** Validate: every object exists and may be annotated; what already matches is reported, the rest returned. */
function checkObjects(context: CommandContext): Pending[] {
  const createAnnotation = flagBool(context.flags, 'create-annotation');
  const mapper = restMapper(context);
  const pending: Pending[] = [];
  for (const item of fileObjects(context, 'set-last-applied')) {
    const mapping = mappingForObject(mapper, item);
    const namespace = resolveNamespace(context, mapping, item.object);
    const name = nameOfObject(item.object);
    // The patch is computed from the file's object (its namespace filled in) before the GET.
    const { encoded, patch } = applyAnnotationPatch(item.object);
    const live = send(context, 'GET', objectPath(mapping, namespace, name));
    if (live.status === 404) throw serverError(live);
    if (live.status >= 300) {
      throw serverError(live, { verb: `retrieving current configuration of:\n${infoString(mapping, namespace, name)}\nfrom server for:`, file: item.source });
    }
    const original = originalConfiguration(live.body as Json);
    if (original === undefined && !createAnnotation) {
      throw KubectlError.client(`no last-applied-configuration annotation found on resource: ${name}, to create the annotation, run the command with --create-annotation`);
    }
    if (original !== undefined && stripComments(original) === stripComments(encoded)) {
      context.out.stdout.push(`set-last-applied ${name}: no changes required.\n`);
      continue;
    }
    pending.push({ mapping, namespace, name, live: live.body as Json, patch });
  }
  return pending;
}

function runSetLastApplied(context: CommandContext): number {
  // Complete: the dry-run strategy, then the printer; Validate: the objects; Run: the patches.
  const dryRun = dryRunOf(context);
  printFlagsFormat(context);
  if (!flagList(context.flags, 'filename').length) throw new KubectlError(noResources);
  for (const { mapping, namespace, name, live, patch } of checkObjects(context)) {
    let result = live;
    if (dryRun !== 'client') {
      // No field manager is set, so the server names the manager after kubectl's User-Agent.
      const response = send(context, 'PATCH', objectPath(mapping, namespace, name), {
        query: dryRunQuery(dryRun), body: patch, contentType: 'application/merge-patch+json',
      });
      if (response.status >= 300) throw serverError(response);
      result = response.body as Json;
    }
    printCreated(context, mapping, result, 'configured');
  }
  return 0;
}

/** The `apply set-last-applied` subcommand. */
export const applySetLastAppliedCommand: CommandSpec = specFromHelp('set-last-applied', applySetLastAppliedHelp, runSetLastApplied);
