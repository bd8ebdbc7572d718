/**
 * `kubectl rollout history TYPE NAME [--revision=N]`: a Deployment's ReplicaSets by revision
 * (`deployment.kubernetes.io/revision`) with their `kubernetes.io/change-cause`, as a REVISION /
 * CHANGE-CAUSE table, or one revision's pod template. The text rides on the name printer's
 * operation, which is why the first line ends in a space and the output in a blank line.
 */
import { KubectlError } from '../client/api-client.ts';
import { kindPrefix } from '../client/rest-mapper.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { layoutTabs } from '../describe/writer.ts';
import { flagInt, flagString } from '../flags.ts';
import { rolloutHistoryHelp } from './help/rollout-history.ts';
import { specFromHelp } from './help/types.ts';
import { deploymentRevisions, podTemplateText, rolloutTargets } from './rollout-support.ts';
import { throwErrors, type Json } from './write-support.ts';

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

function runHistory(context: CommandContext): number {
  const revision = flagInt(context.flags, 'revision', 0);
  if (revision < 0) throw KubectlError.client(`revision must be a positive integer: ${revision}`);
  if (flagString(context.flags, 'output')) throw KubectlError.client('kubelab: rollout history -o is not available in this lab yet');
  const found = rolloutTargets(context, 'rollout history');
  throwErrors(found.errors);
  for (const target of found.targets) {
    if (target.error) throw target.error;
    const { kind, group } = target.mapping;
    if (group !== 'apps' || kind !== 'Deployment') {
      // DaemonSets and StatefulSets keep their history in ControllerRevisions, which this lab's controllers do not write yet.
      if (group === 'apps' && (kind === 'DaemonSet' || kind === 'StatefulSet')) throw KubectlError.client(`kubelab: rollout history of a ${kind} is not available in this lab yet`);
      throw KubectlError.client(`no history viewer has been implemented for "${group ? `${kind}.${group}` : kind}"`);
    }
    const text = viewDeploymentHistory(deploymentRevisions(context, target.object as Json), revision);
    const heading = revision > 0 ? `with revision #${revision}` : '';
    context.out.stdout.push(`${kindPrefix(target.mapping)}/${target.name} ${heading}\n${text}\n`);
  }
  return 0;
}

/** The `rollout history` subcommand. */
export const rolloutHistoryCommand: CommandSpec = specFromHelp('history', rolloutHistoryHelp, runHistory);
