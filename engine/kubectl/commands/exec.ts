/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: find the pod
 * (a controller's most active pod, as AttachablePodForObject picks it), default the container
 * (podcmd.FindOrDefaultContainerByName), then open `pods/NAME/exec` as an upgrade and run the
 * command. The emulator has no terminal to hold open: it drives virtual time itself while the
 * command sleeps (a `sleep 5` moves the cluster 5 s on), up to a limit.
 */
import type { ExecStatus, ExecStream } from '../../api/handlers/exec.ts';
import { execStreamOf } from '../../api/handlers/exec.ts';
import { KubectlError, kubectlUserAgent, responseError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import type { ParsedFlags } from '../flags.ts';
import { flagBool, flagString } from '../flags.ts';
import { execHelp } from './help/exec.ts';
import { specFromHelp } from './help/types.ts';
import { bodyOf, objectPath, restMapper, send, type Json } from './write-support.ts';

/** The longest a command may run in the emulator's terminal, in virtual ms, before it is stopped. */
export const emulatorExecLimitMs = 5 * 60_000;

/** What the client needs to move virtual time on: a Cluster has both. */
interface TimeDriver {
  advance(ms: number): void;
  now(): number;
}

/** cobra's ArgsLenAtDash, when the flag parser records it (-1: no `--`). */
export function argsLenAtDash(flags: ParsedFlags): number | undefined {
  return (flags as ParsedFlags & { argsLenAtDash?: number }).argsLenAtDash;
}

const phaseRank: Record<string, number> = { Unknown: 1, Running: 2 };

function ready(pod: Json): boolean {
  const conditions = (((pod.status ?? {}) as Json).conditions ?? []) as Json[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function readySince(pod: Json): string {
  const conditions = (((pod.status ?? {}) as Json).conditions ?? []) as Json[];
  return String(conditions.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime ?? '');
}

function maxRestarts(pod: Json): number {
  const statuses = (((pod.status ?? {}) as Json).containerStatuses ?? []) as Json[];
  return Math.max(0, ...statuses.map((s) => Number(s.restartCount ?? 0)));
}

/**
 * podutils.ActivePods reversed: the most active pod first — assigned, Running, ready, ready
 * longest, fewest restarts, oldest.
 */
export function moreActive(a: Json, b: Json): number {
  const node = (p: Json): string => String(((p.spec ?? {}) as Json).nodeName ?? '');
  if (node(a) !== node(b) && (!node(a) || !node(b))) return node(a) ? -1 : 1;
  const phase = (p: Json): number => phaseRank[String(((p.status ?? {}) as Json).phase ?? '')] ?? 0;
  if (phase(a) !== phase(b)) return phase(b) - phase(a);
  if (ready(a) !== ready(b)) return ready(a) ? -1 : 1;
  if (ready(a) && readySince(a) !== readySince(b)) return readySince(a) < readySince(b) ? -1 : 1;
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) - maxRestarts(b);
  const created = (p: Json): string => String(((p.metadata ?? {}) as Json).creationTimestamp ?? '');
  return created(a) < created(b) ? -1 : created(a) > created(b) ? 1 : 0;
}

/** The pod `POD` or `TYPE/NAME` means for exec, attach and port-forward (AttachablePodForObject). */
export function attachablePod(context: CommandContext, arg: string): Json {
  const mapper = restMapper(context);
  const slash = arg.indexOf('/');
  const mapping = mapper.mappingFor(slash < 0 ? 'pods' : arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const object = bodyOf(send(context, 'GET', objectPath(mapping, context.namespace, name)));
  if (mapping.kind === 'Pod') return object;
  const spec = (object.spec ?? {}) as Json;
  const plain = mapping.kind === 'Service' || mapping.kind === 'ReplicationController';
  const selector = (plain ? spec.selector : (spec.selector as Json | undefined)?.matchLabels) as Record<string, string> | undefined;
  if (!selector || !Object.keys(selector).length) throw KubectlError.client(`cannot attach to *v1.${mapping.kind}: selector for *v1.${mapping.kind} not implemented`);
  const labelSelector = Object.keys(selector).sort().map((key) => `${key}=${selector[key]}`).join(',');
  const pods = (bodyOf(send(context, 'GET', objectPath(mapper.mappingFor('pods'), context.namespace), { query: { labelSelector } })).items ?? []) as Json[];
  // GetFirstPod waits for a pod to appear; the emulator cannot wait, and real kubectl gives up this way.
  if (!pods.length) throw KubectlError.client('timed out waiting for the condition');
  return { apiVersion: 'v1', kind: 'Pod', ...[...pods].sort(moreActive)[0] };
}

/** `a, b, c (init)`: podcmd.AllContainerNames. */
function allContainerNames(spec: Json): string {
  const names = (key: string, suffix: string): string[] => ((spec[key] ?? []) as Json[]).map((c) => `${String(c.name)}${suffix}`);
  return [...names('containers', ''), ...names('ephemeralContainers', ' (ephem)'), ...names('initContainers', ' (init)')].join(', ');
}

/** The container to exec in: `-c`, else the default-container annotation, else the first (with kubectl's notice). */
export function defaultContainer(context: CommandContext, pod: Json, quiet: boolean): string {
  const requested = flagString(context.flags, 'container');
  if (requested) return requested;
  const metadata = (pod.metadata ?? {}) as Json;
  const spec = (pod.spec ?? {}) as Json;
  const containers = (spec.containers ?? []) as Json[];
  if (!containers.length) throw KubectlError.client(`pod ${String(metadata.namespace)}/${String(metadata.name)} does not have any containers`);
  const annotated = ((metadata.annotations ?? {}) as Record<string, string>)['kubectl.kubernetes.io/default-container'];
  if (annotated) {
    const all = ['containers', 'initContainers', 'ephemeralContainers'].flatMap((key) => ((spec[key] ?? []) as Json[]).map((c) => String(c.name)));
    if (!all.includes(annotated)) throw KubectlError.client(`container ${annotated} is not valid for pod ${String(metadata.name)} out of: ${allContainerNames(spec)}`);
    return annotated;
  }
  const first = String(containers[0].name);
  const others = containers.length > 1 || ((spec.initContainers ?? []) as Json[]).length > 0 || ((spec.ephemeralContainers ?? []) as Json[]).length > 0;
  if (!quiet && others) context.out.stderr.push(`Defaulted container "${first}" out of: ${allContainerNames(spec)}\n`);
  return first;
}

/** Run the stream to its end, moving virtual time while it sleeps; false if the limit stopped it. */
function drive(context: CommandContext, stream: ExecStream): boolean {
  const driver = context.api as Partial<TimeDriver>;
  if (typeof driver.advance !== 'function' || typeof driver.now !== 'function') return stream.ended;
  const deadline = driver.now() + emulatorExecLimitMs;
  while (!stream.ended && stream.wakeAt !== undefined) {
    if (stream.wakeAt > deadline) {
      driver.advance(deadline - driver.now());
      return false;
    }
    driver.advance(Math.max(0, stream.wakeAt - driver.now()));
  }
  return stream.ended;
}

/** How kubectl ends on the error channel's Status: exit codes pass through, other failures are errors. */
function finish(context: CommandContext, status: ExecStatus): number {
  if (status.status === 'Success') return 0;
  if (status.reason === 'NonZeroExitCode') {
    const code = Number(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message ?? 1);
    context.out.stderr.push(`command terminated with exit code ${code}\n`);
    return code;
  }
  throw KubectlError.client(status.message ?? 'error stream protocol error: unknown error');
}

function runExec(context: CommandContext): number {
  const { args, flags, out } = context;
  const dash = argsLenAtDash(flags) ?? -1;
  const resource = args.length > 0 && dash !== 0 ? args[0] : '';
  let command: string[] = [];
  if (dash > -1) command = args.slice(dash);
  else if (args.length > 1) throw new KubectlError("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
  if (!resource && !flagString(flags, 'filename')) throw KubectlError.client('pod, type/name or --filename must be specified');
  if (!command.length) throw KubectlError.client('you must specify at least one command for the container');
  const quiet = flagBool(flags, 'quiet');
  const pod = attachablePod(context, resource);
  const metadata = (pod.metadata ?? {}) as Json;
  const phase = String(((pod.status ?? {}) as Json).phase ?? '');
  if (phase === 'Succeeded' || phase === 'Failed') throw KubectlError.client(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = defaultContainer(context, pod, quiet);
  const stdin = flagBool(flags, 'stdin');
  // The emulator's input is never a terminal: kubectl says so and runs without a TTY.
  if (stdin && flagBool(flags, 'tty') && !quiet) out.stderr.push('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const query: Record<string, string> = { command: command.join('\0'), container, stderr: 'true', stdout: 'true' };
  if (stdin) query.stdin = 'true';
  const response = context.api.handle({
    method: 'GET',
    path: `${objectPath(restMapper(context).mappingFor('pods'), String(metadata.namespace ?? context.namespace), String(metadata.name))}/exec`,
    query,
    headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-protocol': 'v5.channel.k8s.io', 'user-agent': kubectlUserAgent },
  });
  const stream = execStreamOf(response);
  if (!stream) throw responseError(response);
  let status: ExecStatus | undefined;
  stream.start({ output: (which, text) => out[which].push(text), end: (s) => { status = s; } });
  if (stdin) {
    if (context.stdin) stream.stdin(context.stdin);
    stream.closeStdin();
  }
  if (!drive(context, stream) || !status) {
    stream.close();
    out.stderr.push(`kubelab: the command was still running after ${emulatorExecLimitMs / 60_000}m of cluster time; this terminal stops it there (as Ctrl-C would)\n`);
    return 130;
  }
  return finish(context, status);
}

/** The `exec` command. */
export const execCommand: CommandSpec = specFromHelp('exec', execHelp, runExec);
