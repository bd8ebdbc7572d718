/**
 * `kubectl taint nodes NAME key=value:Effect | key:Effect- | key-`: kubectl's parseTaints and
 * reorganizeTaints over `spec.taints`, then the two-way strategic merge patch (the list is atomic,
 * so the whole new list is sent) with field manager `kubectl-taint`. Prints `tainted`, `untainted`
 * or `modified` (with `--overwrite`, or adding and removing at once).
 */
import { createTwoWayMergePatch } from '../../api/patch/strategic-diff.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import { isQualifiedName, isValidLabelValue } from '../../api/validation/names.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { taintHelp } from './help/taint.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { specFromHelp } from './help/types.ts';
import {
  bodyOf, dryRunOf, dryRunQuery, fieldManager, objectPath, restMapper, send, serverError, type Json,
} from './write-support.ts';

/** One taint as kubectl builds it (Go field order: key, value, effect). */
export interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** corev1.Taint.ToString: `key=value:effect`, with the empty parts left out. */
export function taintString(taint: Taint): string {
  if (!taint.effect) return taint.value ? `${taint.key}=${taint.value}:` : taint.key;
  return taint.value ? `${taint.key}=${taint.value}:${taint.effect}` : `${taint.key}:${taint.effect}`;
}

/** parseTaint: `key`, `key:Effect`, `key=value:Effect`, with kubectl's validation messages. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key = parts[0];
  let value = '';
  let effect = '';
  if (parts.length === 2) {
    effect = parts[1];
    if (!effects.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const keyValue = parts[0].split('=');
    if (keyValue.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = keyValue[0];
    if (keyValue.length === 2) {
      value = keyValue[1];
      const errors = isValidLabelValue(value);
      if (errors.length) throw new Error(`invalid taint spec: ${spec}, ${errors.join('; ')}`);
    }
  } else if (parts.length > 2) throw new Error(`invalid taint spec: ${spec}`);
  const errors = isQualifiedName(key);
  if (errors.length) throw new Error(`invalid taint spec: ${spec}, ${errors.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

/** parseTaints: the taints to add (each with an effect, no key+effect twice) and the ones to remove (`…-`). */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const taint = parseTaint(spec.slice(0, -1));
      remove.push({ key: taint.key, ...(taint.effect ? { effect: taint.effect } : {}) });
      continue;
    }
    const taint = parseTaint(spec);
    if (!taint.effect) throw new Error(`invalid taint spec: ${spec}`);
    if (add.some((t) => t.key === taint.key && t.effect === taint.effect)) {
      // Go prints the struct with %v: {key value effect <nil>}.
      throw new Error(`duplicated taints with the same key and effect: {${taint.key} ${taint.value ?? ''} ${taint.effect} <nil>}`);
    }
    add.push(taint);
  }
  return { add, remove };
}

/** reorganizeTaints: the new list (added first, then the old ones they do not replace, minus removals) and the operation. */
export function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { operation: string; taints: Taint[]; errors: string[] } {
  let taints = [...add];
  for (const taint of old) if (!taints.some((t) => t.key === taint.key && t.effect === taint.effect)) taints.push(taint);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  // As in kubectl, only the last removal decides whether "something was deleted".
  let removed = false;
  for (const taint of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === taint.key && (!taint.effect || t.effect === taint.effect)));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint ${JSON.stringify(taintString(taint))} not found`);
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

/** Split the arguments into resources and taint changes, as taint.go's Complete does. */
function splitArgs(args: string[]): { resources: string[]; changes: string[] } {
  const resources: string[] = [];
  const changes: string[] = [];
  for (const arg of args) {
    const isTaint = arg.includes('=') || arg.includes(':') || arg.endsWith('-');
    if (isTaint) changes.push(arg);
    else if (changes.length) throw KubectlError.client(`all resources must be specified before taint changes: ${arg}`);
    else resources.push(arg);
  }
  return { resources, changes };
}

function runTaint(context: CommandContext): number {
  const { flags } = context;
  const dryRun = dryRunOf(context);
  const { resources, changes } = splitArgs(context.args);
  if (!resources.length) throw KubectlError.client('one or more resources must be specified as <resource> <name>');
  if (!changes.length) throw KubectlError.client('at least one taint update is required');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(changes);
  } catch (error) {
    throw KubectlError.client(`${(error as Error).message}\nSee 'kubectl taint -h' for help and examples`);
  }
  const mapper = restMapper(context);
  const mapping = mapper.mappingFor(resources[0].toLowerCase());
  if (mapping.kind !== 'Node') throw KubectlError.client(`invalid resource type ${resources[0].toLowerCase()}, only node types are supported`);
  const conflicts = parsed.add.flatMap((a) => parsed.remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `${r.key}=${r.effect ?? ''}`));
  if (conflicts.length) throw KubectlError.client(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = flagBool(flags, 'all');
  const selector = flagString(flags, 'selector');
  if (all && selector) throw KubectlError.client("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) throw KubectlError.client("at least one resource name must be specified since 'all' parameter is not set");
  const nodes = all || selector
    ? ((bodyOf(send(context, 'GET', objectPath(mapping, ''), { query: { ...(selector ? { labelSelector: selector } : {}), limit: '500' } })).items ?? []) as Json[])
    : resources.slice(1).map((name) => bodyOf(send(context, 'GET', objectPath(mapping, '', name))));
  const overwrite = flagBool(flags, 'overwrite');
  for (const node of nodes) {
    const name = String(((node.metadata ?? {}) as Json).name ?? '');
    const old = (((node.spec ?? {}) as Json).taints ?? []) as Taint[];
    if (!overwrite) {
      const existing = parsed.add.flatMap((t) => old.filter((o) => o.key === t.key && o.effect === t.effect).map(() => t.key));
      if (existing.length) throw KubectlError.client(`node ${name} already has ${existing.join(',')} taint(s) with same effect(s) and --overwrite is false`);
    }
    const result = reorganizeTaints(old, overwrite, parsed.add, parsed.remove);
    if (result.errors.length === 1) throw KubectlError.client(result.errors[0]);
    if (result.errors.length) throw KubectlError.client(`[${result.errors.join(', ')}]`);
    const modified = structuredClone(node);
    const spec = (modified.spec ??= {}) as Json;
    if (result.taints.length) spec.taints = result.taints;
    else delete spec.taints;
    // RunTaint builds the printer before the PATCH, so `-o wide` fails without a write.
    printFlagsFormat(context);
    // Printed: for a client dry run the changed Node as an unstructured map (keys sorted), else the
    // server's answer decoded into a typed Node (Go's struct order).
    let printed = modified;
    if (dryRun !== 'client') {
      const patch = createTwoWayMergePatch(node as JsonObject, modified as JsonObject, { group: '', version: 'v1', kind: 'Node' });
      const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-taint'), fieldValidation: 'Strict' };
      const response = send(context, 'PATCH', objectPath(mapping, '', name), { query, body: patch, contentType: 'application/strategic-merge-patch+json' });
      if (response.status >= 300) throw serverError(response);
      printed = bodyOf(response);
    }
    printCreated(context, mapping, printed, result.operation, dryRun !== 'client');
  }
  return 0;
}

/** The `taint` command. */
export const taintCommand: CommandSpec = specFromHelp('taint', taintHelp, runTaint);
