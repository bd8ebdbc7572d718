/**
 * `kubectl diff -f FILE`: for each object, GET the live one and ask the server what applying the
 * file would make of it — a dry-run create when absent, the client-side apply three-way patch
 * with `dryRun=All` (or an apply patch with `--server-side`) — then print both as YAML and compare
 * them the way kubectl's `diff -u -N LIVE-dir MERGED-dir` does (unified-diff.ts).
 *
 * Real kubectl writes the two versions to random temporary directories (`/tmp/LIVE-3452119207`,
 * `/tmp/MERGED-657183509`) and GNU diff prints their modification times: the emulator names them
 * from the virtual clock, so a harness that compares with the real kubectl must normalise the
 * directory numbers and the two timestamps. Exit code 0: no differences; 1: differences; 2: error.
 */
import { lastAppliedAnnotation } from '../../api/apply/index.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import { createThreeWayMergePatch, patchTypeFor } from '../../api/patch/strategic-diff.ts';
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { omitManagedFields, printGeneric } from '../printers/generic.ts';
import { diffHelp } from './help/diff.ts';
import { specFromHelp } from './help/types.ts';
import { unifiedHunks } from './unified-diff.ts';
import {
  clockOf, mappingForObject, nameOfObject, objectPath, readFileObjects, resolveNamespace, restMapper, send, serverError, type FileObject, type Json,
} from './write-support.ts';

/** `apps.v1.Deployment.default.web`: the file name kubectl gives an object in the LIVE and MERGED directories. */
export function diffFileName(mapping: Pick<ApiResource, 'group' | 'version' | 'kind'>, namespace: string, name: string): string {
  return `${mapping.group ? `${mapping.group}.` : ''}${mapping.version}.${mapping.kind}.${namespace}.${name}`;
}

/** The file's modification time as GNU diff prints it: `2026-11-27 16:16:58.196510638 +0000`. */
export function diffTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

/** `Secret` data is masked before printing, as kubectl's Masker does: changed values differ only in the mask. */
function maskSecretData(from: Json | undefined, to: Json | undefined): void {
  const fromData = from?.data as Record<string, unknown> | undefined;
  const toData = to?.data as Record<string, unknown> | undefined;
  for (const key of Object.keys(fromData ?? {})) {
    if (toData && key in toData) {
      if (fromData![key] !== toData[key]) {
        fromData![key] = '*** (before)';
        toData[key] = '*** (after)';
        continue;
      }
      toData[key] = '***';
    }
    fromData![key] = '***';
  }
  for (const key of Object.keys(toData ?? {})) if (!(fromData && key in fromData)) toData![key] = '***';
}

/** What the server says applying the file would produce (kubectl's InfoObject.Merged). */
function merged(context: CommandContext, item: FileObject, mapping: ApiResource, namespace: string, live: Json | undefined): Json {
  const name = nameOfObject(item.object);
  const serverSide = flagBool(context.flags, 'server-side');
  const manager = flagString(context.flags, 'field-manager') || (serverSide ? 'kubectl' : 'kubectl-client-side-apply');
  const path = objectPath(mapping, namespace, name);
  const answer = (response: ReturnType<typeof send>): Json => {
    if (response.status >= 300) throw serverError(response);
    return response.body as Json;
  };
  if (serverSide) {
    const query = { dryRun: 'All', fieldManager: manager, force: String(flagBool(context.flags, 'force-conflicts')) };
    return answer(send(context, 'PATCH', path, { query, body: item.object, contentType: 'application/apply-patch+yaml' }));
  }
  if (!live) return answer(send(context, 'POST', objectPath(mapping, namespace), { query: { dryRun: 'All', fieldManager: manager }, body: item.object }));
  // GetModifiedConfiguration without the annotation: the file as it is, less any last-applied it carries.
  const modified = structuredClone(item.object);
  // kubectl sets the annotations back without the last-applied one, so they become `{}` even when absent.
  const metadata = (modified.metadata ??= {}) as Json;
  const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>) };
  delete annotations[lastAppliedAnnotation];
  metadata.annotations = annotations;
  const liveAnnotations = (((live.metadata ?? {}) as Json).annotations ?? {}) as Record<string, string>;
  const original = (liveAnnotations[lastAppliedAnnotation] ? JSON.parse(liveAnnotations[lastAppliedAnnotation]) : {}) as JsonObject;
  const gvk = { group: mapping.group, version: mapping.version, kind: mapping.kind };
  const patch = createThreeWayMergePatch(original, modified as JsonObject, live as JsonObject, gvk);
  if (!Object.keys(patch).length) return live;
  const resourceVersion = ((live.metadata ?? {}) as Json).resourceVersion;
  const body = { ...patch, metadata: { ...((patch.metadata ?? {}) as Json), resourceVersion } };
  return answer(send(context, 'PATCH', path, { query: { dryRun: 'All', fieldManager: manager }, body, contentType: patchTypeFor(gvk) }));
}

/** The YAML kubectl's diff printer writes for one version ('' for an object that does not exist). */
function yamlOf(context: CommandContext, object: Json | undefined): string {
  if (!object) return '';
  const shown = flagBool(context.flags, 'show-managed-fields') ? object : omitManagedFields(object);
  return printGeneric({ kind: 'yaml' }, shown, { noHeaders: false, files: context.files });
}

function runDiff(context: CommandContext): number {
  const { flags, out } = context;
  if (!flagList(flags, 'filename').length && !flagString(flags, 'kustomize')) {
    throw KubectlError.client('must specify one of -f and -k');
  }
  if (flagString(flags, 'kustomize') || flagBool(flags, 'prune')) throw KubectlError.client('kubelab: diff -k and --prune are not supported in this lab yet');
  const items = readFileObjects(context, 'diff');
  const mapper = restMapper(context);
  const files: { name: string; live: string; merged: string }[] = [];
  for (const item of items) {
    const mapping = mappingForObject(mapper, item);
    const namespace = resolveNamespace(context, mapping, item.object);
    const name = nameOfObject(item.object);
    const response = send(context, 'GET', objectPath(mapping, namespace, name));
    if (response.status >= 300 && response.status !== 404) throw serverError(response);
    const live = response.status === 404 ? undefined : (response.body as Json);
    const result = structuredClone(merged(context, item, mapping, namespace, live));
    const before = live ? structuredClone(live) : undefined;
    if (mapping.kind === 'Secret' && mapping.group === '') maskSecretData(before, result);
    files.push({ name: diffFileName(mapping, namespace, name), live: yamlOf(context, before), merged: yamlOf(context, result) });
  }
  const now = clockOf(context);
  const liveDir = `/tmp/LIVE-${String(now % 4294967296)}`;
  const mergedDir = `/tmp/MERGED-${String((now * 7 + 1) % 4294967296)}`;
  const stamp = diffTimestamp(now);
  let differs = false;
  // GNU diff walks the two directories in name order.
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const hunks = unifiedHunks(file.live, file.merged);
    if (!hunks) continue;
    differs = true;
    const from = `${liveDir}/${file.name}`;
    const to = `${mergedDir}/${file.name}`;
    out.stdout.push(`diff -u -N ${from} ${to}\n--- ${from}\t${stamp}\n+++ ${to}\t${stamp}\n${hunks}`);
  }
  return differs ? 1 : 0;
}

/**
 * The `diff` command. kubectl's CheckDiffErr adds one to every error's exit code (errors exit 2, so
 * that 1 keeps meaning "differences found"): the session's error path returns 1, so errors are
 * caught here and printed with exit code 2.
 */
export const diffCommand: CommandSpec = specFromHelp('diff', diffHelp, (context) => {
  try {
    return runDiff(context);
  } catch (error) {
    if (!(error instanceof KubectlError)) throw error;
    context.out.stderr.push(`${error.text}\n`);
    return 2;
  }
});
