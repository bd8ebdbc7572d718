/**
 * `kubectl rollout pause|resume|restart`: kubectl's ObjectPauser, ObjectResumer and ObjectRestarter.
 * Each changes the object in memory (`spec.paused`, or the template annotation
 * `kubectl.kubernetes.io/restartedAt` with the session clock's time), sends the two-way strategic
 * merge patch with field manager `kubectl-rollout`, and prints `paused`, `resumed` or `restarted`.
 */
import { createTwoWayMergePatch, patchTypeFor } from '../../api/patch/strategic-diff.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { rolloutPauseHelp } from './help/rollout-pause.ts';
import { rolloutRestartHelp } from './help/rollout-restart.ts';
import { rolloutResumeHelp } from './help/rollout-resume.ts';
import { specFromHelp } from './help/types.ts';
import { rolloutTargets } from './rollout-support.ts';
import { printCreated } from './create.ts';
import { bodyOf, clockOf, fieldManager, objectPath, send, serverError, throwErrors, type Json } from './write-support.ts';

/** A mutation of one object: changes `object` in place, or returns kubectl's reason why it cannot. */
type Mutator = (kind: string, object: Json, now: number) => string | undefined;

/** Go's time.Format(time.RFC3339) in UTC: seconds, `Z`. */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const pause: Mutator = (kind, object) => {
  if (kind !== 'Deployment') return 'pausing is not supported';
  const spec = (object.spec ??= {}) as Json;
  if (spec.paused === true) return 'is already paused';
  spec.paused = true;
  return undefined;
};

const resume: Mutator = (kind, object) => {
  if (kind !== 'Deployment') return 'resuming is not supported';
  const spec = (object.spec ??= {}) as Json;
  if (spec.paused !== true) return 'is not paused';
  delete spec.paused;
  return undefined;
};

const restart: Mutator = (kind, object, now) => {
  if (kind !== 'Deployment' && kind !== 'DaemonSet' && kind !== 'StatefulSet') return 'restarting is not supported';
  const spec = (object.spec ??= {}) as Json;
  if (kind === 'Deployment' && spec.paused === true) return "can't restart paused deployment (run rollout resume first)";
  const template = (spec.template ??= {}) as Json;
  const metadata = (template.metadata ??= {}) as Json;
  metadata.annotations = { ...((metadata.annotations ?? {}) as Json), 'kubectl.kubernetes.io/restartedAt': rfc3339Seconds(now) };
  return undefined;
};

function run(context: CommandContext, verb: 'pause' | 'resume' | 'restart'): number {
  const found = rolloutTargets(context, `rollout ${verb}`);
  const errors: KubectlError[] = [...found.errors, ...found.targets.flatMap((t) => (t.error ? [t.error] : []))];
  const targets = found.targets.filter((t) => !t.error);
  if (!targets.length && !errors.length) {
    context.out.stderr.push(`No resources found in ${context.namespace} namespace.\n`);
    return 0;
  }
  const mutate = verb === 'pause' ? pause : verb === 'resume' ? resume : restart;
  for (const target of targets) {
    const { mapping } = target;
    const original = target.object as JsonObject;
    const modified = structuredClone(original) as Json;
    const problem = mutate(mapping.kind, modified, clockOf(context));
    if (problem) {
      const resource = mapping.group ? `${mapping.resource}.${mapping.group}` : mapping.resource;
      errors.push(new KubectlError(`error: ${resource} "${target.name}" ${problem}`));
      continue;
    }
    const gvk = { group: mapping.group, version: mapping.version, kind: mapping.kind };
    const patch = createTwoWayMergePatch(original, modified as JsonObject, gvk);
    if (!Object.keys(patch).length) {
      if (verb === 'restart') {
        errors.push(KubectlError.client(`failed to create patch for ${target.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`));
      } else printCreated(context, mapping, original, verb === 'pause' ? 'already paused' : 'already resumed', true);
      continue;
    }
    const response = send(context, 'PATCH', objectPath(mapping, target.namespace, target.name), {
      query: { fieldManager: fieldManager(context, 'kubectl-rollout') }, body: patch, contentType: patchTypeFor(gvk),
    });
    if (response.status >= 300) {
      errors.push(KubectlError.client(`failed to patch: ${String(((response.body ?? {}) as Json).message ?? serverError(response).text)}`));
      continue;
    }
    // The Builder decoded typed objects (WithScheme), so `-o json` keeps Go's struct order.
    printCreated(context, mapping, bodyOf(response), verb === 'pause' ? 'paused' : verb === 'resume' ? 'resumed' : 'restarted', true);
  }
  throwErrors(errors);
  return 0;
}

/** The `rollout pause` subcommand. */
export const rolloutPauseCommand: CommandSpec = specFromHelp('pause', rolloutPauseHelp, (context) => run(context, 'pause'));

/** The `rollout resume` subcommand. */
export const rolloutResumeCommand: CommandSpec = specFromHelp('resume', rolloutResumeHelp, (context) => run(context, 'resume'));

/** The `rollout restart` subcommand. */
export const rolloutRestartCommand: CommandSpec = specFromHelp('restart', rolloutRestartHelp, (context) => run(context, 'restart'));
