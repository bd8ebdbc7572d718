/**
 * `kubectl rollout undo TYPE NAME [--to-revision=N]`: kubectl's DeploymentRollbacker. It picks the
 * ReplicaSet of the wanted revision (by default the newest but one), refuses a paused Deployment,
 * skips when the template already matches, and otherwise sends a JSON patch that replaces
 * `spec.template` (the ReplicaSet's, without `pod-template-hash`) and `metadata.annotations`.
 * The deployment controller then finds the old ReplicaSet again and gives it the next revision.
 * With `-o` kubectl prints the Deployment as it read it, before the rollback.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagInt } from '../flags.ts';
import { printCreated } from './create.ts';
import { rolloutUndoHelp } from './help/rollout-undo.ts';
import { specFromHelp } from './help/types.ts';
import { revisionOf } from './rollout-status-viewers.ts';
import { deploymentReplicaSets, equalIgnoreHash, podTemplateHashLabel, podTemplateText, rolloutTargets } from './rollout-support.ts';
import { bodyOf, dryRunOf, dryRunQuery, objectPath, send, throwErrors, type Json } from './write-support.ts';

/** Annotations the Deployment keeps as they are; all others come from the ReplicaSet (annotationsToSkip). */
const annotationsToSkip = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to',
]);

const revisionNotFound = (revision: number): KubectlError => KubectlError.client(`unable to find specified revision ${revision} in history`);

/**
 * deploymentRevision: the ReplicaSet of `toRevision`, or for 0 the one before the newest. Example:
 * revisions 1, 2, 3 (3 current) → 0 means 2; `--to-revision=1` means 1; `--to-revision=7` is an error.
 */
export function replicaSetForRevision(name: string, replicaSets: Json[], toRevision: number): Json {
  let latest: { revision: number; rs?: Json } = { revision: -1 };
  let previous: { revision: number; rs?: Json } = { revision: -1 };
  for (const rs of replicaSets) {
    const revision = revisionOf(rs);
    if (Number.isNaN(revision)) continue;
    if (toRevision > 0) {
      if (revision === toRevision) return rs;
      continue;
    }
    if (latest.revision < revision) {
      previous = latest;
      latest = { revision, rs };
    } else if (previous.revision < revision) previous = { revision, rs };
  }
  if (toRevision > 0) throw revisionNotFound(toRevision);
  if (!previous.rs) throw KubectlError.client(`no rollout history found for deployment "${name}"`);
  return previous.rs;
}

/** The template as Go marshals a PodTemplateSpec: `creationTimestamp: null` first in its metadata, no hash label. */
function templateForPatch(rs: Json): Json {
  const template = structuredClone((((rs.spec ?? {}) as Json).template ?? {}) as Json);
  const { creationTimestamp: _, ...metadata } = (template.metadata ?? {}) as Json;
  const labels = metadata.labels as Json | undefined;
  if (labels) delete labels[podTemplateHashLabel];
  return { metadata: { creationTimestamp: null, ...metadata }, ...(template.spec !== undefined ? { spec: template.spec } : {}) };
}

/** The Deployment's annotations after the rollback: its own kept ones, then the ReplicaSet's others, sorted as Go does. */
function annotationsAfter(deployment: Json, rs: Json): Record<string, string> {
  const own = (((deployment.metadata ?? {}) as Json).annotations ?? {}) as Record<string, string>;
  const fromRs = (((rs.metadata ?? {}) as Json).annotations ?? {}) as Record<string, string>;
  const merged: Record<string, string> = {};
  for (const key of Object.keys(own)) if (annotationsToSkip.has(key)) merged[key] = own[key];
  for (const key of Object.keys(fromRs)) if (!annotationsToSkip.has(key)) merged[key] = fromRs[key];
  return Object.fromEntries(Object.keys(merged).sort().map((key) => [key, merged[key]]));
}

function runUndo(context: CommandContext): number {
  const toRevision = flagInt(context.flags, 'to-revision', 0);
  const dryRun = dryRunOf(context);
  const found = rolloutTargets(context, 'rollout undo');
  throwErrors(found.errors);
  for (const target of found.targets) {
    if (target.error) throw target.error;
    const { kind, group } = target.mapping;
    if (group !== 'apps' || kind !== 'Deployment') {
      if (group === 'apps' && (kind === 'DaemonSet' || kind === 'StatefulSet')) throw KubectlError.client(`kubelab: rollout undo of a ${kind} is not available in this lab yet`);
      throw KubectlError.client(`no rollbacker has been implemented for "${group ? `${kind}.${group}` : kind}"`);
    }
    if (toRevision < 0) throw revisionNotFound(toRevision);
    const path = objectPath(target.mapping, target.namespace, target.name);
    const deployment = bodyOf(send(context, 'GET', path));
    const rs = replicaSetForRevision(target.name, deploymentReplicaSets(context, deployment), toRevision);
    // RunUndo prints the Deployment as the builder read it (typed, before the rollback) with the
    // rollbacker's result as the operation; the printer is built only then, after the PATCH.
    const print = (result: string): void => printCreated(context, target.mapping, deployment, result, true);
    if (dryRun === 'client') {
      print(podTemplateText(((rs.spec ?? {}) as Json).template as Json));
      continue;
    }
    const spec = (deployment.spec ?? {}) as Json;
    if (spec.paused === true) throw KubectlError.client("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    if (equalIgnoreHash(((rs.spec ?? {}) as Json).template as Json, spec.template as Json)) {
      print(`skipped rollback (current template already matches revision ${toRevision})`);
      continue;
    }
    const patch = [
      { op: 'replace', path: '/spec/template', value: templateForPatch(rs) },
      { op: 'replace', path: '/metadata/annotations', value: annotationsAfter(deployment, rs) },
    ];
    const response = send(context, 'PATCH', path, { query: dryRunQuery(dryRun), body: patch, contentType: 'application/json-patch+json' });
    if (response.status >= 300) {
      const message = String(((response.body ?? {}) as Json).message ?? '');
      throw KubectlError.client(`failed restoring revision ${toRevision}: ${message}`);
    }
    print('rolled back');
  }
  return 0;
}

/** The `rollout undo` subcommand. */
export const rolloutUndoCommand: CommandSpec = specFromHelp('undo', rolloutUndoHelp, runUndo);
