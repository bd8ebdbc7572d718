/**
 * `kubectl run NAME --image=…`: the Pod kubectl's run generator builds (label `run=NAME`, one
 * container named NAME, `--port`, `--labels`, `--env`, `--restart`, `--command -- …` or args),
 * patched by `--overrides` (run-overrides.ts), POSTed as JSON.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { isEnvVarName } from '../../api/validation/names.ts';
import { flagBool, flagList, flagString, parseGoAtoi } from '../flags.ts';
import { printCreated } from './create.ts';
import { printFlagsFormat } from './print-flags.ts';
import { fieldValidation } from './apply.ts';
import { runHelp } from './help/run.ts';
import { withTypedLastApplied } from './last-applied.ts';
import { specFromHelp } from './help/types.ts';
import { recordChangeCause, withRecordFlag } from './record.ts';
import { applyRunOverrides } from './run-overrides.ts';
import { requireFlags, bodyOf, dryRunOf, dryRunQuery, fieldManager, objectPath, restMapper, send, type Json } from './write-support.ts';

/** `a=b,c=d` as a label map: the generators' ParseLabels, where a pair must split on `=` into exactly two. */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2) throw KubectlError.client(`unexpected label spec: ${pair}`);
    if (!parts[0]) throw KubectlError.client('unexpected empty label key');
    labels[parts[0]] = parts[1];
  }
  return labels;
}

/** `--env NAME=value` pairs as the run generator's parseEnvs reads them: `=` required, NAME a valid variable name. */
function parseEnvs(pairs: string[]): Json[] {
  return pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0 || isEnvVarName(pair.slice(0, eq)).length) throw KubectlError.client(`invalid env: ${pair}`);
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}

/** The Pod of `kubectl run`, in Go field order. */
export function buildRunPod(context: CommandContext, name: string): Json {
  const { flags } = context;
  const image = flagString(flags, 'image');
  // BasicPod.Generate's order: env, then labels, then the port.
  const env = parseEnvs(flagList(flags, 'env'));
  const labelText = flagString(flags, 'labels');
  const labels = labelText ? parseLabels(labelText) : { run: name };
  const rest = context.args.slice(1);
  const portText = flagString(flags, 'port');
  const port = portText ? parseGoAtoi(portText) : undefined;
  if (port && 'error' in port) throw KubectlError.client(port.error);
  const container: Json = {
    name, image,
    ...(rest.length ? (flagBool(flags, 'command') ? { command: rest } : { args: rest }) : {}),
    ...(port ? { ports: [{ containerPort: port.value }] } : {}),
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
  const pullPolicy = flagString(flags, 'image-pull-policy');
  if (!['Always', 'IfNotPresent', 'Never', ''].includes(pullPolicy)) throw new KubectlError(`error: invalid image pull policy: ${pullPolicy}\nSee 'kubectl run -h' for help and examples`);
  if (flagBool(flags, 'attach') || flagBool(flags, 'rm') || (flagBool(flags, 'stdin') && flagBool(flags, 'tty'))) {
    throw KubectlError.client('kubelab: attaching to a pod (-i, -t, --attach, --rm) is not supported in this lab');
  }
  const dryRun = dryRunOf(context);
  const built = applyRunOverrides(context, buildRunPod(context, args[0]));
  // The Recorder runs after the overrides, before the dry-run split (and before --save-config's annotation).
  recordChangeCause(context, built);
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
export const runCommand: CommandSpec = withRecordFlag(specFromHelp('run', runHelp, runRun));
