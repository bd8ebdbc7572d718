/**
 * `kubectl edit TYPE NAME…`: GET the objects, open the editor on them (one object, or several as
 * a `kind: List`), and PATCH what was changed (manager `kubectl-edit`), reopening the editor while
 * the server finds the edit invalid — the loop itself is edit-run.ts. The editor is the session's:
 * a synchronous `editor(text)` (tests, twin labs), or a deferred edit that the lab finishes later
 * with `KubectlSession.finishEdit` (edit-deferred.ts).
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import type { KubectlSessionBase } from '../session-base.ts';
import type { BufferFormat } from './edit-buffer.ts';
import { DeferredEdit } from './edit-deferred.ts';
import { EditRun, type EditTarget } from './edit-run.ts';
import { editHelp } from './help/edit.ts';
import { specFromHelp } from './help/types.ts';
import { withRecordFlag } from './record.ts';
import { findTargets, throwErrors } from './targets.ts';
import { restMapper } from './write-support.ts';

/** How often a synchronous editor may be reopened: kubectl has no limit, but the worker must never spin forever. */
const maxOpenings = 50;

/** The number of each session's last temporary file (kubectl's are random; these are deterministic). */
const tempFiles = new WeakMap<KubectlSessionBase, number>();

/** The session's next temporary file for the editor, `/tmp/kubectl-edit-N.yaml`. */
export function nextTempFile(session: KubectlSessionBase, ext: string): string {
  const n = (tempFiles.get(session) ?? 0) + 1;
  tempFiles.set(session, n);
  return `/tmp/kubectl-edit-${n}${ext}`;
}

/** The editor's format: `-o json` edits JSON; the editor's printer knows only json and yaml. */
function bufferFormat(context: CommandContext): BufferFormat {
  const output = flagString(context.flags, 'output');
  if (output === '' || output === 'yaml') return 'yaml';
  if (output === 'json') return 'json';
  throw KubectlError.client(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
}

function runEdit(context: CommandContext): number {
  const { session } = context;
  const editor = session.editor;
  // ResourceTypeOrNameArgs(true, …): `kubectl edit cm` opens every ConfigMap of the namespace in one List.
  const found = findTargets(context, 'edit', context.args, true, { allowEmptySelector: true });
  // Result.Infos() fails as a whole: one missing object and nothing is edited.
  throwErrors([...found.errors, ...found.targets.flatMap((target) => (target.error ? [target.error] : []))]);
  if (!found.targets.length) throw KubectlError.client('edit cancelled, no objects found');
  // Only once there is something to edit does the missing editor matter (`kubectl edit` alone is a usage error).
  if (!editor && !session.deferEdits) throw KubectlError.client('kubelab: no editor is attached to this terminal; use kubectl apply or kubectl patch');
  const infos: EditTarget[] = found.targets.map((target) => {
    const object = { ...target.object };
    // Items of a list answer carry no apiVersion and kind; the Builder sets them from the list.
    object.apiVersion ??= target.mapping.group ? `${target.mapping.group}/${target.mapping.version}` : target.mapping.version;
    object.kind ??= target.mapping.kind;
    return { mapping: target.mapping, namespace: target.namespace, name: target.name, object };
  });
  const format = bufferFormat(context);
  const run = new EditRun(context, infos, {
    format, outputPatch: flagBool(context.flags, 'output-patch'), saveConfig: flagBool(context.flags, 'save-config'),
    mapper: restMapper(context), tempFile: (ext) => nextTempFile(session, ext),
  });
  return launchEditor(context, run);
}

/**
 * Open the editor on a run and follow it to the end: with a synchronous editor, save and reopen
 * until the run is over; with a deferred one, leave the edit on the session for `finishEdit`.
 */
export function launchEditor(context: CommandContext, run: EditRun): number {
  const { session } = context;
  const editor = session.editor;
  let pending = run.open();
  if (session.deferEdits || !editor) {
    const deferred = new DeferredEdit(session, run, pending, context.stream);
    session.deferredEdit = deferred;
    // Ctrl-C in the terminal abandons the edit, as killing kubectl would.
    context.stream?.hold(() => {
      if (session.deferredEdit === deferred) session.deferredEdit = undefined;
    });
    return 0;
  }
  for (let opening = 1; ; opening++) {
    const exitCode = run.save(editor(pending.text) ?? pending.text);
    if (exitCode !== undefined) return exitCode;
    if (opening >= maxOpenings) throw KubectlError.client(`kubelab: the editor was opened ${maxOpenings} times without a valid save; edit cancelled`);
    pending = run.open();
  }
}

/** The `edit` command. */
export const editCommand: CommandSpec = withRecordFlag(specFromHelp('edit', editHelp, runEdit));
