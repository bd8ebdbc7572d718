/**
 * `kubectl set selector TYPE NAME k=v[,k=v]`: replace a Service's `spec.selector` (the only kind
 * kubectl 1.32 supports) and patch it, printing `service/web selector updated` even when nothing
 * changed, as kubectl does.
 */
import { createTwoWayMergePatch, patchTypeFor } from '../../api/patch/strategic-diff.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { setSelectorHelp } from './help/set-selector.ts';
import { specFromHelp } from './help/types.ts';
import { withRecordFlag } from './record.ts';
import { findTargets } from './targets.ts';
import { dryRunOf, dryRunQuery, fieldManager, nameLine, objectPath, send, serverError, type Json } from './write-support.ts';

/** `app=web,tier==fe` → match labels; set-based requirements are refused as kubectl refuses them for Services. */
export function parseSelectorLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const term of text.split(',').map((t) => t.trim()).filter(Boolean)) {
    const match = /^([^=!\s]+)\s*==?\s*([^=!\s]*)$/.exec(term);
    if (!match) throw KubectlError.client(`kubelab: set selector supports only key=value selectors in this lab (got "${term}")`);
    labels[match[1]] = match[2];
  }
  return labels;
}

function runSetSelector(context: CommandContext): number {
  const { out } = context;
  if (!context.args.length) throw KubectlError.client('one selector is required');
  const labels = parseSelectorLabels(context.args[context.args.length - 1]);
  const dryRun = dryRunOf(context);
  const found = findTargets(context, 'set selector', context.args.slice(0, -1), true);
  if (found.errors.length) throw found.errors[0];
  for (const target of found.targets) {
    if (target.error || !target.object) throw target.error ?? KubectlError.client('object not found');
    if (target.mapping.kind !== 'Service' || target.mapping.group !== '') throw KubectlError.client('setting a selector is only supported for Services');
    const modified = structuredClone(target.object);
    (modified.spec as Json).selector = labels;
    if (dryRun !== 'client') {
      const gvk = { group: '', version: 'v1', kind: 'Service' };
      const patch = createTwoWayMergePatch(target.object as JsonObject, modified as JsonObject, gvk);
      const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-set') };
      const response = send(context, 'PATCH', objectPath(target.mapping, target.namespace, target.name), { query, body: patch, contentType: patchTypeFor(gvk) });
      if (response.status >= 300) throw serverError(response);
    }
    out.stdout.push(nameLine(target.mapping, target.name, 'selector updated', dryRun));
  }
  return 0;
}

/** `kubectl set selector`. */
export const setSelectorCommand: CommandSpec = withRecordFlag(specFromHelp('selector', setSelectorHelp, runSetSelector));
