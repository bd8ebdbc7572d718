/**
 * What the `set` subcommands share (kubectl's pkg/cmd/set/helper.go): find the objects, change a
 * copy, send the two-way strategic merge patch between the two (skipping empty patches), and
 * print `deployment.apps/web env updated` — or the object for `-o`, or nothing for an empty patch.
 */
import { createTwoWayMergePatch, patchTypeFor } from '../../api/patch/strategic-diff.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { findTargets, throwErrors } from './targets.ts';
import { recordChangeCause } from './record.ts';
import { dryRunOf, dryRunQuery, fieldManager, objectPath, send, serverError, type Json } from './write-support.ts';

/** The pod spec inside an object: a Pod's own, a CronJob's job template's, else `spec.template.spec`. */
export function podSpecIn(kind: string, object: Json): Json | undefined {
  const spec = object.spec as Json | undefined;
  if (!spec) return undefined;
  if (kind === 'Pod') return spec;
  if (kind === 'CronJob') return ((((spec.jobTemplate as Json | undefined)?.spec as Json | undefined)?.template as Json | undefined)?.spec) as Json | undefined;
  return (spec.template as Json | undefined)?.spec as Json | undefined;
}

/** kubectl's selectString: `*` matches all, `web*` and `*-sidecar` match by wildcard. */
export function containerMatches(name: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return name === pattern;
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(name);
}

/** The containers (then init containers) of a pod spec whose names match `--containers`. */
export function selectContainers(podSpec: Json, pattern: string): Json[] {
  const pick = (list: unknown): Json[] => ((list ?? []) as Json[]).filter((c) => containerMatches(String(c.name ?? ''), pattern));
  return [...pick(podSpec.containers), ...pick(podSpec.initContainers)];
}

/** What a mutation of one object says: changed (send the patch), or an error for this object. */
export type Mutation = { error?: KubectlError } | undefined;

/** How a `set` subcommand patches: its verb (for messages), the printed operation and the patch error prefix. */
export interface PatchPlan {
  verb: string;
  /** `env updated`, `resource requirements updated`. */
  operation: string;
  /** kubectl's wrapper of a failed PATCH: `failed to patch env update to pod template: `. */
  failurePrefix: string;
  /** Send even an empty patch and print the result (set serviceaccount does; the others skip it). */
  sendEmpty?: boolean;
  /** Change `copy` (a clone of the live object) in place. */
  mutate(copy: Json, mapping: ApiResource): Mutation;
}

/**
 * Run a `set` subcommand over its targets: GET each, mutate a clone, PATCH the two-way strategic
 * merge patch (manager `kubectl-set`), print each result; errors are aggregated as kubectl does.
 * `readOnly` (set env --list) only runs the mutations.
 */
export function patchTargets(context: CommandContext, resources: string[], plan: PatchPlan, readOnly = false): number {
  const { flags } = context;
  const dryRun = dryRunOf(context);
  // Complete builds the printer: `-o wide` fails before any request.
  printFlagsFormat(context);
  if (flagBool(flags, 'all') && flagString(flags, 'selector')) throw KubectlError.client('cannot set --all and --selector at the same time');
  const found = findTargets(context, plan.verb, resources, true);
  const errors = [...found.errors];
  // The set builders decode typed objects, so `-o json` writes Go's struct order.
  const print = (mapping: ApiResource, object: Json): void => printCreated(context, mapping, object, plan.operation, true);
  for (const target of found.targets) {
    if (target.error || !target.object) {
      if (target.error) errors.push(target.error);
      continue;
    }
    const original = target.object as JsonObject;
    const modified = structuredClone(original) as Json;
    const result = plan.mutate(modified, target.mapping);
    if (result?.error) {
      errors.push(result.error);
      continue;
    }
    if (readOnly) continue;
    // CalculatePatches records a changed object (set resources, selector, serviceaccount take --record).
    recordChangeCause(context, modified);
    const gvk = { group: target.mapping.group, version: target.mapping.version, kind: target.mapping.kind };
    const patch = createTwoWayMergePatch(original, modified as JsonObject, gvk);
    if (!Object.keys(patch).length && !plan.sendEmpty) continue;
    if (dryRun === 'client') {
      print(target.mapping, modified);
      continue;
    }
    const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-set') };
    const response = send(context, 'PATCH', objectPath(target.mapping, target.namespace, target.name), { query, body: patch, contentType: patchTypeFor(gvk) });
    if (response.status >= 300) {
      errors.push(KubectlError.client(`${plan.failurePrefix}${String((response.body as Json | undefined)?.message ?? serverError(response).text)}`));
      continue;
    }
    print(target.mapping, response.body as Json);
  }
  throwErrors(errors);
  return 0;
}
