/**
 * `kubectl apply edit-last-applied (RESOURCE/NAME | -f FILENAME)`: kubectl edit in ApplyEditMode.
 * The objects are fetched, their last-applied annotations decoded into objects (those without one
 * are left out), and the editor opened on those — one object, or several as a `kind: List`, under
 * the header of this mode. What was changed goes back as a JSON merge patch of the annotation alone
 * (manager `kubectl-client-side-apply`), and the edited configuration is printed as `edited`.
 * The editor loop, its reopening on errors and the deferred lab editor are kubectl edit's (edit-run.ts).
 */
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { fieldValidation } from './apply.ts';
import { printCreated } from './create.ts';
import { launchEditor, nextTempFile } from './edit.ts';
import { EditRun, type EditTarget } from './edit-run.ts';
import { applyEditLastAppliedHelp } from './help/apply-edit-last-applied.ts';
import { specFromHelp } from './help/types.ts';
import { applyAnnotationPatch, findTargetsOrNone, originalConfiguration } from './last-applied.ts';
import { withRecordFlag } from './record.ts';
import { throwErrors } from './targets.ts';
import {
  fieldManager, mappingForObject, nameOfObject, objectPath, restMapper, send, serverError, type Json,
} from './write-support.ts';

const noAnnotations = 'no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`';

/** The annotations of the objects, decoded as the editor's stream would decode them. */
function annotationTargets(context: CommandContext): EditTarget[] {
  // The Builder's ResourceTypeOrNameArgs(allowEmptySelector=true): a type alone selects every object of it.
  const found = findTargetsOrNone(context, 'edit-last-applied', context.args, { allowEmptySelector: true });
  // Result.Infos() fails as a whole: one missing object and nothing is edited.
  throwErrors([...found.errors, ...found.targets.flatMap((target) => (target.error ? [target.error] : []))]);
  const mapper = restMapper(context);
  const targets: EditTarget[] = [];
  for (const target of found.targets) {
    const configuration = originalConfiguration(target.object ?? {});
    if (configuration === undefined) continue;
    let object: Json;
    try {
      object = JSON.parse(configuration) as Json;
    } catch {
      throw KubectlError.client(`error parsing edited-file: ${configuration}`);
    }
    const mapping: ApiResource = mappingForObject(mapper, { source: 'edited-file', object });
    const metadata = (object.metadata ?? {}) as Json;
    targets.push({ mapping, namespace: String(metadata.namespace ?? ''), name: nameOfObject(object), object });
  }
  if (!targets.length) throw KubectlError.client(noAnnotations);
  return targets;
}

/** visitToApplyEditPatch's write: the edited object becomes the annotation, in the command's namespace. */
function writeAnnotation(context: CommandContext, mapping: ApiResource, edited: Json): void {
  const { patch } = applyAnnotationPatch(edited);
  const name = nameOfObject(edited);
  const response = send(context, 'PATCH', objectPath(mapping, context.namespace, name), {
    query: { fieldManager: fieldManager(context, 'kubectl-client-side-apply'), fieldValidation: fieldValidation(context) },
    body: patch,
    contentType: 'application/merge-patch+json',
  });
  if (response.status >= 300) throw serverError(response);
  // kubectl prints the edited configuration, not the object the server answered with.
  printCreated(context, mapping, edited, 'edited');
}

function runEditLastApplied(context: CommandContext): number {
  const { session } = context;
  // Complete reads the validation directive; Run then fetches the objects (Result.Infos).
  fieldValidation(context);
  const targets = annotationTargets(context);
  if (!session.editor && !session.deferEdits) throw KubectlError.client('kubelab: no editor is attached to this terminal; use kubectl apply set-last-applied');
  // The editor's printer takes the command's `-o`, and knows only json and yaml (YAML when none is given).
  const output = flagString(context.flags, 'output') || 'yaml';
  if (output !== 'json' && output !== 'yaml') {
    throw KubectlError.client(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
  }
  const format = output;
  const run = new EditRun(context, targets, {
    format, outputPatch: false, saveConfig: false, mapper: restMapper(context),
    tempFile: (ext) => nextTempFile(session, ext), applyEdit: writeAnnotation,
  });
  return launchEditor(context, run);
}

/** The `apply edit-last-applied` subcommand. */
export const applyEditLastAppliedCommand: CommandSpec = withRecordFlag(specFromHelp('edit-last-applied', applyEditLastAppliedHelp, runEditLastApplied));
