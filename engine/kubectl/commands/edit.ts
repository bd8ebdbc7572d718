/**
 * `kubectl edit TYPE NAME`: GET the object, hand its YAML (under kubectl's comment header) to the
 * session's editor callback, and PATCH the two-way strategic merge patch of the change (manager
 * `kubectl-edit`); an unchanged or cancelled edit is `Edit cancelled, no changes made.`
 */
import { createTwoWayMergePatch, patchTypeFor } from '../../api/patch/strategic-diff.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import { parseManifests, stringifyYaml } from '../../yaml/index.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { editHelp } from './help/edit.ts';
import { specFromHelp } from './help/types.ts';
import { findTargets, throwErrors } from './targets.ts';
import {
  fieldManager, nameLine, objectPath, send, serverError,
} from './write-support.ts';

const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The text without kubectl's comment lines (what it compares and parses). */
function withoutComments(text: string): string {
  return text.split('\n').filter((line) => !line.startsWith('#')).join('\n');
}

function runEdit(context: CommandContext): number {
  const { out } = context;
  const editor = context.session.editor;
  if (!editor) throw KubectlError.client('kubelab: no editor is attached to this terminal; use kubectl apply or kubectl patch');
  const found = findTargets(context, 'edit', context.args, true);
  const errors = [...found.errors];
  for (const target of found.targets) {
    if (target.error) {
      errors.push(target.error);
      continue;
    }
    const original = target.object as JsonObject;
    const text = `${header}${stringifyYaml(original)}`;
    const edited = editor(text);
    if (edited === undefined || withoutComments(edited) === withoutComments(text)) {
      out.stderr.push('Edit cancelled, no changes made.\n');
      continue;
    }
    if (!withoutComments(edited).trim()) {
      out.stderr.push('Edit cancelled, saved file was empty.\n');
      continue;
    }
    const parsed = parseManifests(withoutComments(edited));
    if (parsed.errors.length || parsed.objects.length !== 1) {
      throw KubectlError.client(`Edit cancelled, ${parsed.errors[0]?.message ?? 'the edited file holds more than one object'}`);
    }
    const modified = parsed.objects[0] as JsonObject;
    const gvk = { group: target.mapping.group, version: target.mapping.version, kind: target.mapping.kind };
    const patch = createTwoWayMergePatch(original, modified, gvk);
    if (!Object.keys(patch).length) {
      out.stderr.push('Edit cancelled, no changes made.\n');
      continue;
    }
    const response = send(context, 'PATCH', objectPath(target.mapping, target.namespace, target.name), {
      query: { fieldManager: fieldManager(context, 'kubectl-edit'), fieldValidation: 'Strict' }, body: patch, contentType: patchTypeFor(gvk),
    });
    if (response.status >= 300) throw serverError(response);
    out.stdout.push(nameLine(target.mapping, target.name, 'edited'));
  }
  throwErrors(errors);
  return 0;
}

/** The `edit` command. */
export const editCommand: CommandSpec = specFromHelp('edit', editHelp, runEdit);
