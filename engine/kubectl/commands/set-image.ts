/**
 * `kubectl set image TYPE NAME CONTAINER=IMAGE…`: GET the object, change the images of its pod
 * template, PATCH the two-way strategic merge patch (manager `kubectl-set`), print `image updated`
 * — or nothing when the patch is empty, as kubectl does.
 */
import { createTwoWayMergePatch, patchTypeFor } from '../../api/patch/strategic-diff.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagList } from '../flags.ts';
import { setImageHelp } from './help/set-image.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { specFromHelp } from './help/types.ts';
import { recordChangeCause, withRecordFlag } from './record.ts';
import { findTargets, throwErrors } from './targets.ts';
import {
  bodyOf, dryRunOf, dryRunQuery, fieldManager, objectPath, send, serverError, type Json,
} from './write-support.ts';

/** The pod spec inside an object: a Pod's own, a CronJob's job template's, else `spec.template.spec`. */
function podSpecOf(kind: string, object: Json): Json | undefined {
  const spec = object.spec as Json | undefined;
  if (!spec) return undefined;
  if (kind === 'Pod') return spec;
  if (kind === 'CronJob') return ((((spec.jobTemplate as Json | undefined)?.spec as Json | undefined)?.template as Json | undefined)?.spec) as Json | undefined;
  return (spec.template as Json | undefined)?.spec as Json | undefined;
}

function runSetImage(context: CommandContext): number {
  const resources = context.args.filter((arg) => !arg.includes('='));
  const images = context.args.filter((arg) => arg.includes('=')).map((arg) => [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] as const);
  // Complete: the dry-run strategy, then the printer, before Validate's checks.
  const dryRun = dryRunOf(context);
  printFlagsFormat(context);
  if (!resources.length && !flagList(context.flags, 'filename').length) {
    throw new KubectlError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  }
  // Complete visits the Builder's infos (a word without `=` is a resource argument, so `set image
  // deploy/web nginx` fails there); any error ends the command before Validate and before any patch.
  const found = findTargets(context, 'set image', resources, true);
  throwErrors([...found.errors, ...found.targets.flatMap((target) => (target.error ? [target.error] : []))]);
  if (!images.length) throw KubectlError.client('at least one image update is required');
  const errors: KubectlError[] = [];
  for (const target of found.targets) {
    const original = target.object as JsonObject;
    const modified = structuredClone(original) as Json;
    const podSpec = podSpecOf(target.mapping.kind, modified);
    if (!podSpec) {
      errors.push(KubectlError.client(`${target.mapping.resource}/${target.name} does not have a pod template`));
      continue;
    }
    const containers = [...((podSpec.initContainers ?? []) as Json[]), ...((podSpec.containers ?? []) as Json[])];
    let missing = '';
    for (const [name, image] of images) {
      const matched = containers.filter((c) => name === '*' || c.name === name);
      if (!matched.length) missing ||= name;
      for (const container of matched) container.image = image;
    }
    if (missing) {
      errors.push(KubectlError.client(`unable to find container named "${missing}"`));
      continue;
    }
    // A changed template is recorded (for rollout history) before the patch is worked out.
    recordChangeCause(context, modified);
    const gvk = { group: target.mapping.group, version: target.mapping.version, kind: target.mapping.kind };
    const patch = createTwoWayMergePatch(original, modified as JsonObject, gvk);
    if (!Object.keys(patch).length) continue;
    // A client dry run prints the object changed locally; otherwise the server's answer to the PATCH.
    let result = modified;
    if (dryRun !== 'client') {
      const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-set') };
      const response = send(context, 'PATCH', objectPath(target.mapping, target.namespace, target.name), { query, body: patch, contentType: patchTypeFor(gvk) });
      if (response.status >= 300) {
        errors.push(serverError(response));
        continue;
      }
      result = bodyOf(response);
    }
    // The builder decodes typed objects, so `-o json` writes Go's struct order.
    printCreated(context, target.mapping, result, 'image updated', true);
  }
  throwErrors(errors);
  return 0;
}

/** `set image`: update the image of a pod template's containers. */
export const setImageCommand: CommandSpec = withRecordFlag(specFromHelp('image', setImageHelp, runSetImage));
