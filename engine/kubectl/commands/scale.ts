/**
 * `kubectl scale --replicas=N TYPE NAME`: GET the object, then a merge patch of the `scale`
 * subresource (`{"spec":{"replicas":N}}`), printing `deployment.apps/web scaled`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagInt, flagString } from '../flags.ts';
import { scaleHelp } from './help/scale.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { specFromHelp } from './help/types.ts';
import { findTargets, throwErrors } from './targets.ts';
import {
  dryRunOf, dryRunQuery, objectPath, requireFlags, send, serverError, type Json,
} from './write-support.ts';

function runScale(context: CommandContext): number {
  const { flags } = context;
  const replicas = flagInt(flags, 'replicas', -1);
  requireFlags(context, ['replicas']);
  const dryRun = dryRunOf(context);
  // Complete builds the printer before Validate checks --replicas.
  printFlagsFormat(context);
  if (replicas < 0) throw KubectlError.client('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const found = findTargets(context, 'scale', context.args, true);
  const fetchErrors = [...found.errors, ...found.targets.flatMap((t) => (t.error ? [t.error] : []))];
  if (found.targets.every((t) => t.error) && fetchErrors.length) {
    throw KubectlError.client(`no objects passed to scale ${fetchErrors.map((e) => e.text.replace(/^Error from server \(\w+\): /, '')).join(', ')}`);
  }
  const errors = [...found.errors];
  const current = flagInt(flags, 'current-replicas', -1);
  for (const target of found.targets) {
    if (target.error) {
      errors.push(target.error);
      continue;
    }
    const spec = ((target.object ?? {}).spec ?? {}) as Json;
    if (current >= 0 && Number(spec.replicas ?? 1) !== current) {
      errors.push(KubectlError.client(`Expected replicas to be ${current}, was ${String(spec.replicas)}`));
      continue;
    }
    if (dryRun !== 'client') {
      const resourceVersion = flagString(flags, 'resource-version');
      const patch = { spec: { replicas }, ...(resourceVersion ? { metadata: { resourceVersion } } : {}) };
      const response = send(context, 'PATCH', `${objectPath(target.mapping, target.namespace, target.name)}/scale`, { query: dryRunQuery(dryRun), body: patch, contentType: 'application/merge-patch+json' });
      if (response.status >= 300) {
        errors.push(serverError(response));
        continue;
      }
    }
    // kubectl prints the object as the Builder fetched it, before the scale: `-o yaml` shows the old replicas.
    printCreated(context, target.mapping, target.object ?? {}, 'scaled');
  }
  throwErrors(errors);
  return 0;
}

/** The `scale` command. */
export const scaleCommand: CommandSpec = specFromHelp('scale', scaleHelp, runScale);
