/**
 * `kubectl scale --replicas=N TYPE NAME`: GET the object, then a merge patch of the `scale`
 * subresource (`{"spec":{"replicas":N}}`) — or, with --current-replicas or --resource-version,
 * GET the Scale, check those, and PUT it — printing `deployment.apps/web scaled`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagInt, flagString } from '../flags.ts';
import { scaleHelp } from './help/scale.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { specFromHelp } from './help/types.ts';
import { patchChangeCause, withRecordFlag } from './record.ts';
import { findTargets, throwErrors, type Target } from './targets.ts';
import {
  dryRunOf, dryRunQuery, objectPath, requireFlags, send, serverError, type DryRun, type Json,
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
  const resourceVersion = flagString(flags, 'resource-version');
  for (const target of found.targets) {
    if (target.error) {
      errors.push(target.error);
      continue;
    }
    const spec = ((target.object ?? {}).spec ?? {}) as Json;
    if (dryRun === 'client' && current >= 0 && Number(spec.replicas ?? 1) !== current) {
      errors.push(KubectlError.client(`Expected replicas to be ${current}, was ${String(spec.replicas)}`));
      continue;
    }
    if (dryRun !== 'client') {
      const failure = current >= 0 || resourceVersion
        ? scaleWithPrecondition(context, target, replicas, { size: current, resourceVersion }, dryRun)
        : patchScale(context, target, replicas, dryRun);
      if (failure) {
        errors.push(failure);
        continue;
      }
    }
    // --record: a merge patch of the change cause on the object itself, after the scale; a failure is
    // only logged. kubectl sends it without the dry run, so even `--dry-run=server` stores the cause.
    if (dryRun !== 'client') patchChangeCause(context, objectPath(target.mapping, target.namespace, target.name));
    // kubectl prints the object as the Builder fetched it, before the scale: `-o yaml` shows the old replicas.
    printCreated(context, target.mapping, target.object ?? {}, 'scaled');
  }
  throwErrors(errors);
  return 0;
}

/** ScaleSimple without preconditions: a merge patch of `spec.replicas` on the scale subresource. */
function patchScale(context: CommandContext, target: Target, replicas: number, dryRun: DryRun): KubectlError | undefined {
  const path = `${objectPath(target.mapping, target.namespace, target.name)}/scale`;
  const response = send(context, 'PATCH', path, { query: dryRunQuery(dryRun), body: { spec: { replicas } }, contentType: 'application/merge-patch+json' });
  return response.status >= 300 ? serverError(response) : undefined;
}

/**
 * ScaleSimple with --current-replicas or --resource-version: GET the Scale, check the
 * ScalePrecondition (`Expected resource version to be 1, was 423`), then PUT it back changed.
 */
function scaleWithPrecondition(context: CommandContext, target: Target, replicas: number, precondition: { size: number; resourceVersion: string }, dryRun: DryRun): KubectlError | undefined {
  const path = `${objectPath(target.mapping, target.namespace, target.name)}/scale`;
  const got = send(context, 'GET', path);
  if (got.status >= 300) return serverError(got);
  const scale = got.body as Json;
  const actualSize = Number(((scale.spec ?? {}) as Json).replicas ?? 0);
  const actualVersion = String(((scale.metadata ?? {}) as Json).resourceVersion ?? '');
  if (precondition.size >= 0 && actualSize !== precondition.size) return KubectlError.client(`Expected replicas to be ${precondition.size}, was ${actualSize}`);
  if (precondition.resourceVersion && actualVersion !== precondition.resourceVersion) {
    return KubectlError.client(`Expected resource version to be ${precondition.resourceVersion}, was ${actualVersion}`);
  }
  const body = { ...scale, spec: { ...((scale.spec ?? {}) as Json), replicas } };
  const put = send(context, 'PUT', path, { query: dryRunQuery(dryRun), body });
  return put.status >= 300 ? serverError(put) : undefined;
}

/** The `scale` command. */
export const scaleCommand: CommandSpec = withRecordFlag(specFromHelp('scale', scaleHelp, runScale));
