/**
 * `kubectl run NAME --image=…`: the Pod kubectl's run generator builds (label `run=NAME`, one
 * container named NAME, `--port`, `--labels`, `--env`, `--restart`, `--command -- …` or args),
 * POSTed as JSON.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { fieldValidation } from './apply.ts';
import { runHelp } from './help/run.ts';
import { withTypedLastApplied } from './last-applied.ts';
import { specFromHelp } from './help/types.ts';
import { requireFlags, bodyOf, dryRunOf, dryRunQuery, fieldManager, objectPath, restMapper, send, type Json } from './write-support.ts';

/** `a=b,c=d` as a label map, with kubectl's error for a bad pair. */
function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw KubectlError.client(`invalid label spec: ${pair}`);
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}

/** The Pod of `kubectl run`, in Go field order. */
export function buildRunPod(context: CommandContext, name: string): Json {
  const { flags } = context;
  const image = flagString(flags, 'image');
  const labelText = flagString(flags, 'labels');
  const labels = labelText ? parseLabels(labelText) : { run: name };
  const rest = context.args.slice(1);
  const port = flagString(flags, 'port');
  const env = flagList(flags, 'env').map((pair) => {
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
  const container: Json = {
    name, image,
    ...(rest.length ? (flagBool(flags, 'command') ? { command: rest } : { args: rest }) : {}),
    ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
    ...(env.length ? { env } : {}),
    resources: {},
    ...(flagString(flags, 'image-pull-policy') ? { imagePullPolicy: flagString(flags, 'image-pull-policy') } : {}),
    ...(flagBool(flags, 'stdin') ? { stdin: true } : {}),
    ...(flagBool(flags, 'tty') ? { tty: true } : {}),
  };
  return {
    kind: 'Pod', apiVersion: 'v1',
    metadata: { name, ...(context.explicitNamespace ? { namespace: context.namespace } : {}), creationTimestamp: null, labels },
    spec: { containers: [container], restartPolicy: flagString(flags, 'restart') || 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

function runRun(context: CommandContext): number {
  const { args, flags } = context;
  if (!args.length) throw new KubectlError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
  requireFlags(context, ['image']);
  // Complete builds the printer, so `-o wide` fails before anything else is checked.
  printFlagsFormat(context);
  const restart = flagString(flags, 'restart') || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`error: invalid restart policy: ${restart}\nSee 'kubectl run -h' for help and examples`);
  if (flagBool(flags, 'attach') || flagBool(flags, 'rm') || (flagBool(flags, 'stdin') && flagBool(flags, 'tty'))) {
    throw KubectlError.client('kubelab: attaching to a pod (-i, -t, --attach, --rm) is not supported in this lab');
  }
  const dryRun = dryRunOf(context);
  const built = buildRunPod(context, args[0]);
  // Only a request that reaches the server carries the annotation; a client dry run prints the bare Pod.
  const pod = flagBool(flags, 'save-config') && dryRun !== 'client' ? withTypedLastApplied(built) : built;
  const mapping = restMapper(context).mappingFor('pods');
  let created = pod;
  if (dryRun !== 'client') {
    const query = { ...dryRunQuery(dryRun), fieldManager: fieldManager(context, 'kubectl-run'), fieldValidation: fieldValidation(context) };
    created = bodyOf(send(context, 'POST', objectPath(mapping, context.namespace), { query, body: pod }));
  }
  // Run decodes the answer into a typed Pod: `-o json` writes Go's struct order.
  printCreated(context, mapping, created, 'created', true);
  return 0;
}

/** The `run` command. */
export const runCommand: CommandSpec = specFromHelp('run', runHelp, runRun);
