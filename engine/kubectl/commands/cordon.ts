/**
 * `kubectl cordon NODE` and `kubectl uncordon NODE` (drain.go's RunCordonOrUncordon, shared with
 * drain): find the nodes by name or `--selector`, and for each one whose `spec.unschedulable`
 * differs from the wish, send the two-way strategic merge patch (`{"spec":{"unschedulable":true}}`,
 * or `null` to uncordon). Messages: `node/n cordoned`, `already cordoned`, `uncordoned`, `already uncordoned`.
 */
import { createTwoWayMergePatch } from '../../api/patch/strategic-diff.ts';
import type { JsonObject } from '../../api/patch/merge-patch.ts';
import { KubectlError } from '../client/api-client.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { cordonHelp } from './help/cordon.ts';
import { uncordonHelp } from './help/uncordon.ts';
import { specFromHelp } from './help/types.ts';
import {
  bodyOf, dryRunOf, dryRunQuery, nameLine, objectPath, restMapper, send, serverError, type DryRun, type Json,
} from './write-support.ts';

/** A node to cordon or drain, as the Builder fetched it. */
export interface NodeInfo {
  mapping: ApiResource;
  name: string;
  object: Json;
}

/**
 * drain.go's Complete: `NODE…` or `--selector`, never both; none is a usage error naming the
 * command's `Use` line. Nodes are fetched (a missing one is the server's NotFound).
 */
export function findNodes(context: CommandContext, use: string, path: string): NodeInfo[] {
  const selector = flagString(context.flags, 'selector');
  if (!context.args.length && !context.flags.values.has('selector')) {
    throw KubectlError.client(`USAGE: ${use} [flags]\nSee 'kubectl ${path} -h' for help and examples`);
  }
  if (context.args.length && selector) {
    throw new KubectlError(`error: cannot specify both a node name and a --selector option\nSee 'kubectl ${path} -h' for help and examples`);
  }
  const mapping = restMapper(context).mappingFor('nodes');
  if (!context.args.length) {
    const list = bodyOf(send(context, 'GET', objectPath(mapping, ''), { query: { labelSelector: selector, limit: '500' } }));
    return ((list.items ?? []) as Json[]).map((object) => ({ mapping, name: String(((object.metadata ?? {}) as Json).name ?? ''), object }));
  }
  return context.args.map((name) => ({ mapping, name, object: bodyOf(send(context, 'GET', objectPath(mapping, '', name))) }));
}

/** Cordon (`desired` true) or uncordon each node, printing as kubectl does; patch failures go to stderr and do not fail the command. */
export function cordonNodes(context: CommandContext, nodes: NodeInfo[], desired: boolean, dryRun: DryRun): void {
  const verb = desired ? 'cordon' : 'uncordon';
  for (const node of nodes) {
    const spec = (node.object.spec ?? {}) as Json;
    if ((spec.unschedulable === true) === desired) {
      context.out.stdout.push(nameLine(node.mapping, node.name, `already ${verb}ed`, dryRun));
      continue;
    }
    if (dryRun !== 'client') {
      const modified = structuredClone(node.object);
      const modifiedSpec = (modified.spec ??= {}) as Json;
      // Go's `unschedulable,omitempty`: false is written as nothing, so uncordoning patches it to null.
      if (desired) modifiedSpec.unschedulable = true;
      else delete modifiedSpec.unschedulable;
      const patch = createTwoWayMergePatch(node.object as JsonObject, modified as JsonObject, { group: '', version: 'v1', kind: 'Node' });
      const response = send(context, 'PATCH', objectPath(node.mapping, '', node.name), {
        query: dryRunQuery(dryRun), body: patch, contentType: 'application/strategic-merge-patch+json',
      });
      if (response.status >= 300) {
        const message = String(((response.body ?? {}) as Json).message ?? serverError(response).text);
        context.out.stderr.push(`error: unable to ${verb} node "${node.name}": ${message}\n`);
        continue;
      }
    }
    context.out.stdout.push(nameLine(node.mapping, node.name, `${verb}ed`, dryRun));
  }
}

function run(context: CommandContext, desired: boolean): number {
  const verb = desired ? 'cordon' : 'uncordon';
  const dryRun = dryRunOf(context);
  cordonNodes(context, findNodes(context, `${verb} NODE`, verb), desired, dryRun);
  return 0;
}

/** The `cordon` command. */
export const cordonCommand: CommandSpec = specFromHelp('cordon', cordonHelp, (context) => run(context, true));

/** The `uncordon` command. */
export const uncordonCommand: CommandSpec = specFromHelp('uncordon', uncordonHelp, (context) => run(context, false));
