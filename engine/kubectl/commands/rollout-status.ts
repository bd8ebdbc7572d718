/**
 * `kubectl rollout status TYPE NAME [--watch=false] [--revision=N] [--timeout=D]`: for each object,
 * UntilWithSync over it (see watch-support.ts) and print its status viewer's line on every ADDED or
 * MODIFIED event — repeats included, as kubectl does — until the rollout is done, `--watch=false`
 * has printed one line, the object is deleted, or the timeout passes in virtual time.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagInt } from '../flags.ts';
import { rolloutStatusHelp } from './help/rollout-status.ts';
import { specFromHelp } from './help/types.ts';
import { statusViewerFor } from './rollout-status-viewers.ts';
import { rolloutTargets } from './rollout-support.ts';
import { durationFlag, foreverError, untilWithSync } from './watch-support.ts';
import { throwErrors, type Json } from './write-support.ts';

function runStatus(context: CommandContext): number {
  const revision = flagInt(context.flags, 'revision', 0);
  const watch = flagBool(context.flags, 'watch', true);
  const timeoutMs = durationFlag(context, 'rollout status', 'timeout', 0);
  if (!context.args.length && !context.flags.values.has('filename')) throw KubectlError.client('required resource not specified');
  if (revision < 0) throw KubectlError.client(`revision must be a positive integer: ${revision}`);
  const found = rolloutTargets(context, 'rollout status');
  throwErrors(found.errors);
  if (!found.targets.length) {
    context.out.stderr.push(`No resources found in ${context.namespace} namespace.\n`);
    return 0;
  }
  for (const target of found.targets) {
    if (target.error) throw target.error;
    const viewer = statusViewerFor(target.mapping.group, target.mapping.kind);
    const end = untilWithSync(context, target.mapping, target.namespace, target.name, timeoutMs, (event) => {
      if (event.type === 'DELETED') throw KubectlError.client('object has been deleted');
      if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return 'continue';
      const status = viewer(event.object as Json, revision);
      context.out.stdout.push(status.message);
      return status.done || !watch ? 'stop' : 'continue';
    });
    if (end === 'timeout') throw KubectlError.client('timed out waiting for the condition');
    if (end === 'forever') throw foreverError(`the rollout of ${target.mapping.resource}/${target.name}`);
  }
  return 0;
}

/** The `rollout status` subcommand. */
export const rolloutStatusCommand: CommandSpec = specFromHelp('status', rolloutStatusHelp, runStatus);
