/**
 * `kubectl rollout history TYPE NAME [--revision=N] [-o FORMAT]`: a Deployment's ReplicaSets by
 * revision (`deployment.kubernetes.io/revision`), or a StatefulSet's or DaemonSet's
 * ControllerRevisions, with their `kubernetes.io/change-cause`, as a REVISION / CHANGE-CAUSE table,
 * one revision's pod template, or (with `-o`) the history objects themselves. The text rides on the name printer's
 * operation, which is why the first line ends in a space and the output in a blank line.
 */
import { canonicalize } from '../../api/defaulting/canonical-order.ts';
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../client/api-client.ts';
import { kindPrefix } from '../client/rest-mapper.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { layoutTabs } from '../describe/writer.ts';
import { flagInt, flagString } from '../flags.ts';
import { omitManagedFields, parseOutputFormat, printFlagsFormats, printGeneric } from '../printers/generic.ts';
import { rolloutHistoryHelp } from './help/rollout-history.ts';
import { specFromHelp } from './help/types.ts';
import { deploymentRevisions, isControlledBy, podTemplateText, rolloutTargets, selectorString } from './rollout-support.ts';
import { bodyOf, objectPath, restMapper, send, throwErrors, type Json } from './write-support.ts';

const changeCauseAnnotation = 'kubernetes.io/change-cause';

/** The DeploymentHistoryViewer's ViewHistory: the table, one template, or "No rollout history found.". */
export function viewDeploymentHistory(revisions: Map<number, Json>, revision: number): string {
  const templates = new Map<number, Json>();
  for (const [number, rs] of revisions) {
    const template = structuredClone((((rs.spec ?? {}) as Json).template ?? {}) as Json);
    const metadata = (template.metadata ??= {}) as Json;
    const cause = (((rs.metadata ?? {}) as Json).annotations as Record<string, string> | undefined)?.[changeCauseAnnotation];
    metadata.annotations ??= {};
    if (cause) (metadata.annotations as Json)[changeCauseAnnotation] = cause;
    templates.set(number, template);
  }
  if (!templates.size) return 'No rollout history found.';
  if (revision > 0) {
    const template = templates.get(revision);
    if (!template) throw KubectlError.client('unable to find the specified revision');
    return podTemplateText(template);
  }
  const rows = [...templates.keys()].sort((a, b) => a - b).map((number) => {
    const cause = ((templates.get(number)?.metadata as Json).annotations as Record<string, string>)[changeCauseAnnotation];
    return `${number}\t${cause || '<none>'}\n`;
  });
  return layoutTabs(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`);
}

/**
 * The ControllerRevisions a StatefulSet or DaemonSet controls, by revision (history.go's
 * controlledHistory: listed by the owner's selector, kept when the owner is their controller).
 */
function controllerRevisions(context: CommandContext, owner: Json): Map<number, Json> {
  const namespace = String(((owner.metadata ?? {}) as Json).namespace ?? context.namespace);
  const mapping = restMapper(context).mappingFor('controllerrevisions.apps');
  const labelSelector = selectorString(((owner.spec ?? {}) as Json).selector as Json | undefined);
  const list = bodyOf(send(context, 'GET', objectPath(mapping, namespace), { query: { labelSelector } }));
  const out = new Map<number, Json>();
  for (const revision of ((list.items ?? []) as Json[]).filter((item) => isControlledBy(item, owner))) out.set(Number(revision.revision ?? 0), revision);
  return out;
}

/**
 * printHistory for ControllerRevisions: the REVISION / CHANGE-CAUSE table (the cause is the
 * revision's own annotation), or one revision's pod template (the template its patch replaces).
 */
function viewControllerHistory(revisions: Map<number, Json>, revision: number, owner: Json): string {
  if (!revisions.size) return 'No rollout history found.';
  if (revision > 0) {
    const history = revisions.get(revision);
    if (!history) throw KubectlError.client('unable to find the specified revision');
    return podTemplateText(revisionTemplate(history, owner));
  }
  const rows = [...revisions.keys()].sort((a, b) => a - b).map((number) => {
    const cause = (((revisions.get(number)!.metadata ?? {}) as Json).annotations as Record<string, string> | undefined)?.[changeCauseAnnotation];
    return `${number}\t${cause || '<none>'}\n`;
  });
  return layoutTabs(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`);
}

/** The pod template a ControllerRevision's patch replaces, or the owner's own. */
function revisionTemplate(history: Json, owner: Json): Json {
  const patched = (((history.data ?? {}) as Json).spec ?? {}) as Json;
  const template = structuredClone((patched.template ?? ((owner.spec ?? {}) as Json).template ?? {}) as Json);
  delete template.$patch;
  return template;
}

/** The owner as it was at a revision: its spec's template replaced by the revision's. */
function withTemplate(owner: Json, history: Json): Json {
  return { ...owner, spec: { ...((owner.spec ?? {}) as Json), template: revisionTemplate(history, owner) } };
}

/** With `-o`: the history objects themselves (ReplicaSets or ControllerRevisions), one revision or all in order. */
function printHistoryObjects(context: CommandContext, revisions: Map<number, Json>, revision: number, owner: Json, controllerKind: boolean): void {
  const format = parseOutputFormat(flagString(context.flags, 'output'), printFlagsFormats);
  if (format.kind === 'human') return;
  const numbers = revision > 0 ? [revision] : [...revisions.keys()].sort((a, b) => a - b);
  for (const number of numbers) {
    const history = revisions.get(number);
    if (!history) throw KubectlError.client('unable to find the specified revision');
    // A Deployment's history is its ReplicaSets; a StatefulSet's or DaemonSet's is the owner with
    // each revision's template applied (the viewers' GetHistory).
    const object = controllerKind ? withTemplate(owner, history) : { apiVersion: 'apps/v1', kind: 'ReplicaSet', ...history };
    // The history viewer reads typed objects, so they print as Go's encoder writes them.
    context.out.stdout.push(printGeneric(format, omitManagedFields(canonicalize(object as KubeObject)), { noHeaders: false, files: context.files }));
  }
}

function runHistory(context: CommandContext): number {
  const revision = flagInt(context.flags, 'revision', 0);
  if (revision < 0) throw KubectlError.client(`revision must be a positive integer: ${revision}`);
  const found = rolloutTargets(context, 'rollout history');
  throwErrors(found.errors);
  for (const target of found.targets) {
    if (target.error) throw target.error;
    const { kind, group } = target.mapping;
    const controllerKind = group === 'apps' && (kind === 'DaemonSet' || kind === 'StatefulSet');
    if (!controllerKind && (group !== 'apps' || kind !== 'Deployment')) {
      throw KubectlError.client(`no history viewer has been implemented for "${group ? `${kind}.${group}` : kind}"`);
    }
    const owner: Json = { apiVersion: `${group}/${target.mapping.version}`, ...(target.object as Json), kind };
    const revisions = controllerKind ? controllerRevisions(context, owner) : deploymentRevisions(context, owner);
    if (flagString(context.flags, 'output')) {
      printHistoryObjects(context, revisions, revision, owner, controllerKind);
      continue;
    }
    const text = controllerKind ? viewControllerHistory(revisions, revision, owner) : viewDeploymentHistory(revisions, revision);
    const heading = revision > 0 ? `with revision #${revision}` : '';
    context.out.stdout.push(`${kindPrefix(target.mapping)}/${target.name} ${heading}\n${text}\n`);
  }
  return 0;
}

/** The `rollout history` subcommand. */
export const rolloutHistoryCommand: CommandSpec = specFromHelp('history', rolloutHistoryHelp, runHistory);
