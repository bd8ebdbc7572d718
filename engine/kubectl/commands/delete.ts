/**
 * `kubectl delete`: TYPE NAME…, TYPE/NAME, -f, -l, --all; DeleteOptions with the cascade policy
 * and grace period; `deployment.apps "web" deleted`. Real kubectl then waits until the objects are
 * gone; the emulator cannot block on virtual time, so it prints as kubectl does and returns.
 */
import { KubectlError } from '../client/api-client.ts';
import { kindPrefix } from '../client/rest-mapper.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagInt, flagString } from '../flags.ts';
import { deleteHelp } from './help/delete.ts';
import { specFromHelp } from './help/types.ts';
import { findTargets, throwErrors } from './targets.ts';
import {
  dryRunOf, objectPath, send, serverError,
} from './write-support.ts';

const forceWarning = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** `--cascade` as kubectl reads it, including the deprecated booleans. */
function propagationPolicy(context: CommandContext): string {
  const value = flagString(context.flags, 'cascade', 'background');
  switch (value) {
    case 'background': case 'true': return 'Background';
    case 'foreground': return 'Foreground';
    case 'orphan': case 'false': return 'Orphan';
    default: throw KubectlError.client(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
  }
}

function runDelete(context: CommandContext): number {
  const { flags, out } = context;
  const dryRun = dryRunOf(context);
  const force = flagBool(flags, 'force');
  let grace = flagInt(flags, 'grace-period', -1);
  if (flagBool(flags, 'now')) grace = 1;
  // --grace-period=0 without --force would be immediate: kubectl turns it into 1 to prevent data loss.
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const policy = propagationPolicy(context);
  // The Builder's SelectAllParam (delete is the one verb that calls it): `--all` with -l or --field-selector.
  if (flagBool(flags, 'all') && (flagString(flags, 'selector') || flagString(flags, 'field-selector'))) {
    throw KubectlError.client("setting 'all' parameter but found a non empty selector. ");
  }
  const found = findTargets(context, 'delete', context.args, false);
  if (grace === 0 && force) out.stderr.push(forceWarning);
  const errors = [...found.errors];
  const ignoreNotFound = flagBool(flags, 'ignore-not-found') || (flagBool(flags, 'all') || flagString(flags, 'selector') !== '');
  let deleted = 0;
  for (const target of found.targets) {
    // kubectl puts the server dry run in the DeleteOptions body, not in the query.
    const body = {
      kind: 'DeleteOptions', apiVersion: 'v1', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy: policy,
      ...(dryRun === 'server' ? { dryRun: ['All'] } : {}),
    };
    if (dryRun !== 'client') {
      const response = send(context, 'DELETE', objectPath(target.mapping, target.namespace, target.name), { body });
      if (response.status >= 300) {
        // Objects read from -f name their file, as cmdutil.AddSourceToErr does.
        const error = serverError(response, target.source ? { verb: 'deleting', file: target.source } : undefined);
        if (!(error.notFound && ignoreNotFound)) errors.push(error);
        continue;
      }
    }
    deleted++;
    const operation = grace === 0 ? 'force deleted' : 'deleted';
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    out.stdout.push(`${kindPrefix(target.mapping)} "${target.name}" ${operation}${suffix}\n`);
  }
  if (!deleted && !errors.length && found.empty) out.stdout.push('No resources found\n');
  throwErrors(errors);
  return 0;
}

/** The `delete` command. */
export const deleteCommand: CommandSpec = specFromHelp('delete', deleteHelp, runDelete);
