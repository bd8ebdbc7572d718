/**
 * One `kubectl edit` run, as the loop of kubectl's EditOptions.Run: open the editor on the
 * objects, read what was saved, patch what changed, and open the editor again — with the reasons
 * in the header — while the server calls an edit invalid or the file does not parse. The run is a
 * small state machine (`open` → `save` → `open` …) so that the editor may answer at once (tests)
 * or much later (the lab's editor, see edit-deferred.ts). The objects shown first stay the
 * originals of every pass: a fresh GET would silently undo changes made by others meanwhile.
 */
import { createTwoWayMergePatch, patchTypeFor } from '../../api/patch/strategic-diff.ts';
import { createMergePatch, jsonEqual, type JsonObject } from '../../api/patch/merge-patch.ts';
import { parseManifests } from '../../yaml/index.ts';
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { RestMapper } from '../client/rest-mapper.ts';
import type { CommandContext, Output } from '../command.ts';
import { fieldValidation } from './apply.ts';
import { printCreated } from './create.ts';
import {
  bufferObject, editHeader, goMarshal, hasLines, manualStrip, printBuffer, stripComments, validationProblem, type BufferFormat, type EditMode, type EditReason,
} from './edit-buffer.ts';
import { jsonStreamError, looksLikeJson } from './json-sniff.ts';
import { buildLastAppliedFor } from './last-applied.ts';
import { recordChangeCause } from './record.ts';
import { fieldManager, mappingForObject, objectPath, send, type Json } from './write-support.ts';

/** An object as it was when the edit began. */
export interface EditTarget {
  mapping: ApiResource;
  namespace: string;
  name: string;
  object: Json;
}

/** The text waiting in the editor: kubectl's temporary file, its name and extension. */
export interface PendingEdit {
  text: string;
  /** `/tmp/kubectl-edit-N.yaml`: kubectl's temp file, numbered per session instead of at random. */
  fileName: string;
  ext: '.yaml' | '.json';
}

/** How the run prints and names its files. */
export interface EditRunOptions {
  format: BufferFormat;
  /** `--output-patch`: print `Patch: {…}` before each PATCH. */
  outputPatch: boolean;
  /** `--save-config`: write the saved object into its last-applied annotation. */
  saveConfig: boolean;
  mapper: RestMapper;
  /** The next temporary file's name for this extension. */
  tempFile(ext: PendingEdit['ext']): string;
  /**
   * `apply edit-last-applied` (ApplyEditMode): the header of that mode, and each changed object
   * written by this function (into its annotation) instead of patched (visitToApplyEditPatch).
   */
  applyEdit?: (context: CommandContext, mapping: ApiResource, edited: Json) => void;
}

/** One object read back from the editor, with the resource it maps to. */
interface Updated {
  mapping: ApiResource;
  object: Json;
}

const metadataOf = (object: Json): Json => (object.metadata ?? {}) as Json;
const uidOf = (object: Json): string => String(metadataOf(object).uid ?? '');

/** The state of one edit, between openings of the editor. */
export class EditRun {
  private reasons: EditReason[] = [];
  private containsError = false;
  private original = '';
  private edited = '';
  private file = '';

  constructor(private context: CommandContext, private readonly infos: EditTarget[], private readonly options: EditRunOptions) {}

  /** Where the next part of the run writes (a deferred edit continues into a new command result). */
  useOutput(out: Output): void {
    this.context = { ...this.context, out };
  }

  /** Prepare the editor's text: the objects (first time) or the learner's last text (after an error), under the header. */
  open(): PendingEdit {
    const ext = this.options.format === 'json' ? '.json' : '.yaml';
    let text: string;
    if (!this.containsError) {
      text = printBuffer(bufferObject(this.infos.map((info) => info.object)), this.options.format, this.reasons, this.mode());
      this.original = text;
    } else {
      // The learner's text again, its old header replaced by the one listing the new reasons (JSON has none).
      text = (this.options.format === 'json' ? '' : editHeader(this.reasons, this.mode())) + manualStrip(this.edited);
    }
    this.file = this.options.tempFile(ext);
    return { text, fileName: this.file, ext };
  }

  /**
   * Read what the editor saved: the exit code when the run is over, or undefined when the editor
   * must open again (`open`). Errors that end the run are thrown, after `A copy of your changes…`.
   */
  save(edited: string): number | undefined {
    const { out } = this.context;
    const previous = this.edited;
    this.edited = edited;
    if (this.containsError && stripComments(previous) === stripComments(edited)) {
      this.preserve();
      throw KubectlError.client('Edit cancelled, no valid changes were saved.');
    }
    // `--validate` (strict by default) checks the text before anything else, an empty save included.
    const problem = fieldValidation(this.context) === 'Ignore' ? undefined : validationProblem(stripComments(edited));
    if (problem !== undefined) {
      this.reasons = [];
      this.containsError = true;
      const [first] = this.infos;
      // apierrors.NewInvalid with one field.Invalid(nil, …): a path of nil prints as `<nil>`.
      const status = { reason: 'Invalid', details: { causes: [{ field: '<nil>', message: `Invalid value: "The edited file failed validation": ${problem}` }] } };
      out.stderr.push(`${this.addError(status, first.mapping, first.name, { retryable: 0, notfound: 0, invalid: 0 })}\n`);
      return undefined;
    }
    if (stripComments(this.original) === stripComments(edited)) {
      out.stderr.push('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      out.stderr.push('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    this.reasons = [];
    const read = this.readEdited(edited);
    if (typeof read === 'string') {
      this.containsError = true;
      this.reasons.push({ head: `The edited file had a syntax error: ${read}`, other: [] });
      return undefined;
    }
    this.containsError = false;
    for (const updated of read) this.requireNamespace(updated);
    const results = { retryable: 0, notfound: 0, invalid: 0 };
    for (const updated of read) this.patch(updated, results);
    if (results.retryable > 0) {
      out.stderr.push(`You can run \`kubectl replace -f ${this.file}\` to try this update again.\n`);
      return 1;
    }
    if (results.notfound > 0) {
      out.stderr.push(`The edits you made on deleted resources have been saved to "${this.file}"\n`);
      return 1;
    }
    if (results.invalid === 0) return 0;
    this.containsError = true;
    return undefined;
  }

  private mode(): EditMode {
    return this.options.applyEdit ? 'apply' : 'normal';
  }

  /** preservedFile: name the temporary file that keeps the learner's text. */
  private preserve(): void {
    this.context.out.stderr.push(`A copy of your changes has been stored to "${this.file}"\n`);
  }

  /** The objects of the saved text (Lists flattened, as the Builder's Flatten does), or the parse error's message. */
  private readEdited(text: string): Updated[] | string {
    const source = 'edited-file';
    if (looksLikeJson(text)) {
      const problem = jsonStreamError(text);
      if (problem) return `error parsing ${source}: ${problem}`;
    }
    const parsed = parseManifests(text, { filename: source });
    const updated: Updated[] = [];
    for (const object of parsed.kubectlObjects) {
      if (!object.kind) return `unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(object)}'`;
      try {
        updated.push({ mapping: mappingForObject(this.options.mapper, { source, object }), object });
      } catch (error) {
        if (!(error instanceof KubectlError)) throw error;
        return error.text.replace(/^error: /, '');
      }
    }
    if (parsed.errors.length) return parsed.errors[0].kubectlMessage;
    return updated;
  }

  /** resource.RequireNamespace: an object without a namespace gets the command's; another namespace is an error. */
  private requireNamespace(updated: Updated): void {
    if (!updated.mapping.namespaced) return;
    const metadata = (updated.object.metadata ??= {}) as Json;
    const own = typeof metadata.namespace === 'string' ? metadata.namespace : '';
    const expected = this.context.namespace;
    if (!own) {
      metadata.namespace = expected;
      return;
    }
    if (own === expected) return;
    this.preserve();
    throw KubectlError.client(`the namespace from the provided object "${own}" does not match the namespace "${expected}". You must pass '--namespace=${own}' to perform this operation.`);
  }

  /** visitToPatch for one object: skip it if unchanged, else PATCH the difference and print the result. */
  private patch(updated: Updated, results: { retryable: number; notfound: number; invalid: number }): void {
    const { out } = this.context;
    const original = this.infos.find((info) => uidOf(info.object) === uidOf(updated.object));
    if (!original) {
      this.preserve();
      throw KubectlError.client(`no original object found for ${JSON.stringify(updated.object)}`);
    }
    // managedFields were never shown: the edited object gets the original's back before the comparison.
    const metadata = { ...metadataOf(updated.object) };
    const managedFields = metadataOf(original.object).managedFields;
    if (managedFields === undefined) delete metadata.managedFields;
    else metadata.managedFields = managedFields;
    let edited = { ...updated.object, metadata } as JsonObject;
    // `--save-config` (visitAnnotation): the object as saved, managedFields and all, becomes its last-applied annotation.
    if (this.options.saveConfig) edited = buildLastAppliedFor(edited) as JsonObject;
    // `--record` (visitAnnotation, after --save-config): the command line becomes the change cause,
    // so even an object left unchanged in a List is patched to carry it.
    const recorded: Json = { ...edited, metadata: { ...metadataOf(edited as Json) } };
    recordChangeCause(this.context, recorded);
    edited = recorded as JsonObject;
    if (jsonEqual(original.object as JsonObject, edited)) {
      printCreated(this.context, updated.mapping, edited, 'skipped');
      return;
    }
    if (this.options.applyEdit) {
      try {
        this.options.applyEdit(this.context, updated.mapping, edited);
      } catch (error) {
        this.preserve();
        throw error;
      }
      return;
    }
    const gvk = { group: updated.mapping.group, version: updated.mapping.version, kind: updated.mapping.kind };
    const strategic = patchTypeFor(gvk) === 'application/strategic-merge-patch+json';
    const patch = strategic ? createTwoWayMergePatch(original.object as JsonObject, edited, gvk) : createMergePatch(original.object as JsonObject, edited);
    // The preconditions kubectl checks on the patch: these keys must not change.
    const patchMetadata = (patch.metadata ?? {}) as Json;
    if ('apiVersion' in patch || 'kind' in patch || 'name' in patchMetadata || 'managedFields' in patch) {
      this.preserve();
      throw KubectlError.client('At least one of apiVersion, kind and name was changed');
    }
    if (this.options.outputPatch) out.stdout.push(`Patch: ${goMarshal(patch)}\n`);
    const name = String(metadataOf(edited).name ?? '');
    const namespace = String(metadataOf(edited).namespace ?? '');
    const response = send(this.context, 'PATCH', objectPath(updated.mapping, namespace, name), {
      query: { fieldManager: fieldManager(this.context, 'kubectl-edit'), fieldValidation: fieldValidation(this.context) },
      body: patch,
      contentType: patchTypeFor(gvk),
    });
    if (response.status >= 300) {
      const status = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Json;
      out.stderr.push(`${this.addError(status, updated.mapping, name, results)}\n`);
      return;
    }
    printCreated(this.context, updated.mapping, response.body as Json, 'edited');
  }

  /** editResults.addError: an Invalid answer becomes a reason to reopen; NotFound and the rest end the run. */
  private addError(status: Json, mapping: ApiResource, name: string, results: { retryable: number; notfound: number; invalid: number }): string {
    const resource = mapping.group ? `${mapping.resource}.${mapping.group}` : mapping.resource;
    if (status.reason === 'Invalid') {
      results.invalid++;
      const causes = (((status.details ?? {}) as Json).causes ?? []) as Json[];
      this.reasons.push({
        head: `${resource} "${name}" was not valid`,
        other: causes.map((cause) => `${String(cause.field ?? '')}: ${String(cause.message ?? '')}`),
      });
      return `error: ${resource} "${name}" is invalid`;
    }
    if (status.reason === 'NotFound') {
      results.notfound++;
      return `error: ${resource} "${name}" could not be found on the server`;
    }
    results.retryable++;
    // Go's %v of a StatusError is its message alone.
    const message = typeof status.message === 'string' ? status.message : 'an error on the server ("unknown") has prevented the request from succeeding';
    return `error: ${resource} "${name}" could not be patched: ${message}`;
  }
}
