/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: GET the object, PATCH it with
 * the given body (YAML or JSON), and print `patched` or `patched (no change)`.
 */
import { parseManifests, resolvePlain } from '../../yaml/index.ts';
import { patchTypeFor } from '../../api/patch/strategic-diff.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { patchHelp } from './help/patch.ts';
import { specFromHelp } from './help/types.ts';
import { patchChangeCause, withRecordFlag } from './record.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { findTargets, throwErrors } from './targets.ts';
import {
  dryRunOf, dryRunQuery, fieldManager, nameLine, objectPath, send, serverError, type ContentType, type Json,
} from './write-support.ts';

/** The patch text as JSON: kubectl converts YAML to JSON first (yaml.ToJSON). */
function patchBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const parsed = parseManifests(text);
    // A one-line plain scalar (`-p 'not json'`) becomes a JSON scalar and goes to the server,
    // which refuses it: `json: cannot unmarshal string into Go value of type map[string]interface {}`.
    const only = parsed.documents.length === 1 ? parsed.documents[0] : undefined;
    if (only?.error?.reason === 'not-an-object' && !/[\n[{]/.test(text) && !text.trimStart().startsWith('- ')) return resolvePlain(text.trim()).value;
    if (parsed.errors.length || parsed.objects.length !== 1) throw KubectlError.client(`unable to parse "${text}": yaml: did not find expected node content`);
    return parsed.objects[0];
  }
}

function runPatch(context: CommandContext): number {
  const { flags, out } = context;
  const text = flagString(flags, 'patch') || (flagString(flags, 'patch-file') ? context.files[flagString(flags, 'patch-file')] ?? '' : '');
  if (!text) throw KubectlError.client('must specify --patch or --patch-file containing the contents of the patch');
  const type = flagString(flags, 'type', 'strategic');
  const types: Record<string, ContentType> = { json: 'application/json-patch+json', merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json' };
  if (!(type in types)) throw KubectlError.client(`--type must be one of [json merge strategic], not "${type}"`);
  const dryRun = dryRunOf(context);
  const body = patchBody(text);
  const found = findTargets(context, 'patch', context.args, true);
  const errors = [...found.errors];
  for (const target of found.targets) {
    if (target.error) {
      errors.push(target.error);
      continue;
    }
    const gvk = { group: target.mapping.group, version: target.mapping.version, kind: target.mapping.kind };
    if (type === 'strategic' && patchTypeFor(gvk) !== 'application/strategic-merge-patch+json') {
      errors.push(KubectlError.client(`strategic merge patch is not supported for ${target.mapping.kind}.${target.mapping.version}.${target.mapping.group}`));
      continue;
    }
    // A client dry run patches locally in kubectl; here the server works the result out without storing it.
    const query = { ...dryRunQuery(dryRun === 'client' ? 'server' : dryRun), fieldManager: fieldManager(context, 'kubectl-patch') };
    const subresource = flagString(flags, 'subresource');
    const path = objectPath(target.mapping, target.namespace, target.name) + (subresource ? `/${subresource}` : '');
    const response = send(context, 'PATCH', path, { query, body, contentType: types[type] });
    if (response.status >= 300) {
      errors.push(serverError(response));
      continue;
    }
    let patched = response.body as Json;
    const changed = JSON.stringify(patched) !== JSON.stringify(target.object);
    // --record: a second (merge) patch with the change cause, through the same helper; its answer is printed.
    const recorded = patchChangeCause(context, path, query);
    if (recorded && recorded.status < 300) patched = recorded.body as Json;
    const message = changed ? 'patched' : 'patched (no change)';
    if (printFlagsFormat(context)) printCreated(context, target.mapping, patched, message);
    // kubectl patch prints no "(dry run)" for a client dry run (it patches locally and says `patched`).
    else out.stdout.push(nameLine(target.mapping, target.name, message, dryRun === 'client' ? 'none' : dryRun));
  }
  throwErrors(errors);
  return 0;
}

/** The `patch` command. */
export const patchCommand: CommandSpec = withRecordFlag(specFromHelp('patch', patchHelp, runPatch));
