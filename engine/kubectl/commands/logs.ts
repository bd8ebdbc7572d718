/**
 * `kubectl logs POD|TYPE/NAME [-c CONTAINER] [--tail N] [-p] [--timestamps]`: GET the pod (or the
 * controller, then its pods by selector, choosing one as kubectl's ByLogging order does), then
 * GET `pods/NAME/log` and print the text.
 */
import { KubectlError, responseError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagInt, flagString } from '../flags.ts';
import { logsHelp } from './help/logs.ts';
import { specFromHelp } from './help/types.ts';
import { durationFlag } from './watch-support.ts';
import { parseRFC3339 } from './go-time.ts';
import { rfc3339 } from '../../clock.ts';
import { bodyOf, objectPath, restMapper, send, type Json } from './write-support.ts';

const phaseRank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

function isReady(pod: Json): boolean {
  const conditions = (((pod.status ?? {}) as Json).conditions ?? []) as Json[];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function restarts(pod: Json): number {
  const statuses = (((pod.status ?? {}) as Json).containerStatuses ?? []) as Json[];
  return Math.max(0, ...statuses.map((s) => Number(s.restartCount ?? 0)));
}

/** kubectl's controller.ByLogging: assigned, running, ready, more restarts, older first. */
export function byLogging(a: Json, b: Json): number {
  const node = (p: Json): string => String(((p.spec ?? {}) as Json).nodeName ?? '');
  if (node(a) !== node(b) && (!node(a) || !node(b))) return node(a) ? -1 : 1;
  const phase = (p: Json): number => phaseRank[String(((p.status ?? {}) as Json).phase ?? '')] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: Json): string => String(((p.metadata ?? {}) as Json).creationTimestamp ?? '');
  return created(a) < created(b) ? -1 : created(a) > created(b) ? 1 : 0;
}

/** The pod whose logs `TYPE/NAME` means. */
function podFor(context: CommandContext, arg: string): Json {
  const mapper = restMapper(context);
  const slash = arg.indexOf('/');
  const mapping = mapper.mappingFor(slash < 0 ? 'pods' : arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const response = send(context, 'GET', objectPath(mapping, context.namespace, name));
  if (response.status === 404) {
    const resource = mapping.group ? `${mapping.resource}.${mapping.group}` : mapping.resource;
    throw KubectlError.client(`error from server (NotFound): ${resource} "${name}" not found in namespace "${context.namespace}"`);
  }
  const object = bodyOf(response);
  if (mapping.kind === 'Pod') return object;
  const spec = (object.spec ?? {}) as Json;
  const selector = (mapping.kind === 'Service' || mapping.kind === 'ReplicationController' ? spec.selector : (spec.selector as Json | undefined)?.matchLabels) as Record<string, string> | undefined;
  if (!selector || !Object.keys(selector).length) throw KubectlError.client(`cannot get the logs from ${mapping.kind === 'Service' ? 'a Service without a selector' : mapping.resource}`);
  const labelSelector = Object.keys(selector).sort().map((key) => `${key}=${selector[key]}`).join(',');
  const pods = (bodyOf(send(context, 'GET', objectPath(mapper.mappingFor('pods'), context.namespace), { query: { labelSelector } })).items ?? []) as Json[];
  if (!pods.length) throw KubectlError.client(`timed out waiting for the condition`);
  const sorted = [...pods].sort(byLogging);
  const pod = sorted[0];
  const podName = String(((pod.metadata ?? {}) as Json).name ?? '');
  if (pods.length > 1) context.out.stderr.push(`Found ${pods.length} pods, using pod/${podName}\n`);
  return { apiVersion: 'v1', kind: 'Pod', ...pod };
}

/** The containers whose logs one pod gives: all of them with --all-containers, else the chosen or default one. */
function containersOf(context: CommandContext, pod: Json): string[] {
  const { args, flags, out } = context;
  const metadata = (pod.metadata ?? {}) as Json;
  const spec = (pod.spec ?? {}) as Json;
  const names = (key: string): string[] => ((spec[key] ?? []) as Json[]).map((c) => String(c.name));
  if (flagBool(flags, 'all-containers')) return [...names('initContainers'), ...names('containers'), ...names('ephemeralContainers')];
  const containers = names('containers');
  let container = flagString(flags, 'container') || (args.length > 1 ? args[1] : '');
  if (!container) {
    const annotated = ((metadata.annotations ?? {}) as Record<string, string>)['kubectl.kubernetes.io/default-container'];
    container = annotated && containers.includes(annotated) ? annotated : containers[0] ?? '';
    if (containers.length > 1 && !annotated) out.stderr.push(`Defaulted container "${container}" out of: ${containers.join(', ')}\n`);
  }
  // podcmd.FindContainerByName: kubectl checks the name before asking for the log.
  if (![...names('initContainers'), ...containers, ...names('ephemeralContainers')].includes(container)) {
    throw KubectlError.client(`container ${container} is not valid for pod ${String(metadata.name ?? '')}`);
  }
  return [container];
}

/** `--prefix`: every line starts with `[pod/NAME/CONTAINER] `. */
function withPrefix(text: string, prefix: string): string {
  return text.split(/(?<=\n)/).filter(Boolean).map((line) => `${prefix}${line}`).join('');
}

/**
 * `--since-time` as kubectl sends it: Go's time.Parse(RFC3339) (its error text on a bad value),
 * then metav1.Time's query form, UTC to the second. Empty when the flag is not given.
 */
export function sinceTimeOf(context: CommandContext): string {
  const text = flagString(context.flags, 'since-time');
  if (!text) return '';
  const parsed = parseRFC3339(text);
  if (!parsed.ok) throw KubectlError.client(parsed.error);
  return rfc3339(Math.floor(parsed.ms / 1000) * 1000);
}

const usageError = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

/**
 * LogsOptions' Complete and Validate, in their order: the arguments (POD, or POD CONTAINER, or a
 * selector alone), then the checks across flags. `--since` is a pflag Duration, so a bad value
 * fails while the flags are parsed, before anything else. Returns `sinceSeconds` (0: not given).
 */
function validateLogs(context: CommandContext): number {
  const { args, flags } = context;
  const since = durationFlag(context, 'logs', 'since', 0);
  const selector = flagString(flags, 'selector');
  if ((!args.length && !selector) || args.length > 2) throw new KubectlError(usageError);
  if (args.length === 1 && selector) throw new KubectlError("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
  // ToLogOptions (end of Complete) parses --since-time as RFC 3339, before Validate's checks.
  const sinceTime = sinceTimeOf(context);
  if (sinceTime && since !== 0) throw KubectlError.client('at most one of `sinceTime` or `sinceSeconds` may be specified');
  const container = flagString(flags, 'container') || args[1] || '';
  if (flagBool(flags, 'all-containers') && container) throw KubectlError.client(`--all-containers=true should not be specified with container name ${container}`);
  if (flags.values.has('container') && args.length === 2) throw KubectlError.client('only one of -c or an inline [CONTAINER] arg is allowed');
  if (flagInt(flags, 'limit-bytes', 0) < 0) throw KubectlError.client('--limit-bytes must be greater than 0');
  // Duration.Round(time.Second): halves away from zero.
  const seconds = Math.sign(since) * Math.round(Math.abs(since) / 1000);
  if (seconds < 0) throw KubectlError.client('--since must be greater than 0');
  if (flagInt(flags, 'tail', -1) < -1) throw KubectlError.client('--tail must be greater than or equal to -1');
  return seconds;
}

function runLogs(context: CommandContext): number {
  const { args, flags, out } = context;
  const selector = flagString(flags, 'selector');
  const sinceSeconds = validateLogs(context);
  const follow = flagBool(flags, 'follow');
  if (follow && !context.stream) throw KubectlError.client('kubelab: logs -f is not supported in this terminal; run logs again to see new lines');
  let pods: Json[];
  let tail = flagInt(flags, 'tail', -1);
  if (selector && !args.length) {
    const list = bodyOf(send(context, 'GET', objectPath(restMapper(context).mappingFor('pods'), context.namespace), { query: { labelSelector: selector } }));
    pods = (list.items ?? []) as Json[];
    if (!pods.length) {
      out.stderr.push(`No resources found in ${context.namespace} namespace.\n`);
      return 0;
    }
    // With a selector kubectl shows the last 10 lines of each container unless --tail says otherwise.
    if (tail < 0) tail = 10;
  } else {
    pods = [podFor(context, args[0])];
  }
  const requests = pods.flatMap((pod) => containersOf(context, pod).map((container) => ({ pod, container })));
  for (const { pod, container } of requests) {
    const metadata = (pod.metadata ?? {}) as Json;
    const podName = String(metadata.name ?? '');
    const query: Record<string, string> = { container };
    if (flagBool(flags, 'previous')) query.previous = 'true';
    if (tail >= 0) query.tailLines = String(tail);
    if (sinceSeconds) query.sinceSeconds = String(sinceSeconds);
    const sinceTime = sinceTimeOf(context);
    if (sinceTime) query.sinceTime = sinceTime;
    if (flagBool(flags, 'timestamps')) query.timestamps = 'true';
    if (follow) query.follow = 'true';
    const response = context.api.handle({
      method: 'GET', path: `${objectPath(restMapper(context).mappingFor('pods'), String(metadata.namespace ?? context.namespace), podName)}/log`, query,
      headers: { accept: 'application/json, */*' },
    });
    // The rest client decodes the Status of a failed log request: `Error from server (BadRequest): …`.
    if (response.status >= 300) throw new KubectlError(responseError(response).text);
    const text = typeof response.body === 'string' ? response.body : '';
    out.stdout.push(flagBool(flags, 'prefix') ? withPrefix(text, `[pod/${podName}/${container}] `) : text);
    // -f: the kubelet's stream writes as the container logs in virtual time, until it stops or Ctrl-C.
    const stream = response.stream;
    if (follow && stream && context.stream && requests.length === 1) {
      const control = context.stream;
      control.hold(() => stream.close());
      stream.start((chunk) => control.write('stdout', chunk), () => control.end(0));
    }
  }
  return 0;
}

/** The `logs` command. */
export const logsCommand: CommandSpec = specFromHelp('logs', logsHelp, runLogs);
