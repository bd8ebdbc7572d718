/**
 * `kubectl drain NODE`: cordon, then list the node's pods (`fieldSelector=spec.nodeName=NODE`), run
 * the filters (drain-filters.ts), warn, and evict each pod through `POST pods/NAME/eviction` when
 * discovery lists `pods/eviction` (else, or with `--disable-eviction`, DELETE it), then wait in
 * virtual time until each is gone: `evicting pod ns/name`, `pod/name evicted`, `node/NODE drained`.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagInt, flagString } from '../flags.ts';
import { cordonNodes, findNodes, type NodeInfo } from './cordon.ts';
import { errorsOf, filterPod, warningsOf, type DaemonSetLookup, type DrainOptions, type PodDelete } from './drain-filters.ts';
import { drainHelp } from './help/drain.ts';
import { specFromHelp } from './help/types.ts';
import { durationFlag, pollVirtual } from './watch-support.ts';
import { clockOf, dryRunOf, send, type DryRun, type Json } from './write-support.ts';

const meta = (object: Json): Json => (object.metadata ?? {}) as Json;
const messageOf = (response: { body?: unknown }): string => String(((response.body ?? {}) as Json).message ?? '');

/** An error of the drain: `lines` as kubectl finally prints them, `text` as it reads inside other messages. */
class DrainError {
  constructor(readonly errors: string[]) {}

  get text(): string {
    return this.errors.length === 1 ? this.errors[0] : `[${this.errors.join(', ')}]`;
  }
}

/** GetPodsForDeletion: the node's pods with the filters' decisions. */
function podsForDeletion(context: CommandContext, node: string, options: DrainOptions): PodDelete[] {
  const selector = flagString(context.flags, 'pod-selector');
  const query: Record<string, string> = { fieldSelector: `spec.nodeName=${node}`, limit: String(flagInt(context.flags, 'chunk-size', 500)) };
  if (selector) query.labelSelector = selector;
  const response = send(context, 'GET', '/api/v1/pods', { query });
  if (response.status >= 300) throw new DrainError([messageOf(response)]);
  const daemonSet: DaemonSetLookup = (namespace, name) => {
    const found = send(context, 'GET', `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`);
    return found.status < 300 ? { found: true } : { found: false, notFound: found.status === 404, message: messageOf(found) };
  };
  const now = clockOf(context);
  return (((response.body ?? {}) as Json).items as Json[] ?? []).map((pod) => ({ pod, status: filterPod(pod, options, daemonSet, now) }));
}

/** CheckEvictionSupport: whether the core/v1 discovery document lists `pods/eviction` (policy/v1 Eviction). */
function evictionSupported(context: CommandContext): boolean {
  const response = send(context, 'GET', '/api/v1');
  const resources = (((response.body ?? {}) as Json).resources ?? []) as Json[];
  return resources.some((r) => r.name === 'pods/eviction' && r.kind === 'Eviction' && r.group && r.version);
}

/** Evict (or delete) the pods, then wait until each is gone, printing as the drain command's callbacks do. */
function deleteOrEvict(context: CommandContext, pods: Json[], dryRun: DryRun, timeoutMs: number): void {
  if (!pods.length) return;
  const { out } = context;
  const grace = flagInt(context.flags, 'grace-period', -1);
  const deleteOptions: Json = { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), ...(dryRun === 'server' ? { dryRun: ['All'] } : {}) };
  const evict = !flagBool(context.flags, 'disable-eviction') && evictionSupported(context);
  const errors: string[] = [];
  const waiting: Json[] = [];
  // kubectl evicts in one goroutine per pod; Go runs the last one started first, then the others in order.
  const order = evict && pods.length > 1 ? [pods[pods.length - 1], ...pods.slice(0, -1)] : pods;
  for (const pod of order) {
    const name = String(meta(pod).name ?? '');
    const namespace = String(meta(pod).namespace ?? '');
    const path = `/api/v1/namespaces/${namespace}/pods/${name}`;
    if (evict) {
      out.stdout.push(`evicting pod ${namespace}/${name}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      const body = { kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name, namespace }, deleteOptions };
      const response = send(context, 'POST', `${path}/eviction`, { body });
      // A pod already gone counts as evicted without a word (apierrors.IsNotFound).
      if (response.status === 404) continue;
      if (response.status >= 300) {
        errors.push(`error when evicting pods/"${name}" -n "${namespace}": ${messageOf(response)}`);
        continue;
      }
      if (dryRun !== 'server') waiting.push(pod);
    } else {
      const response = send(context, 'DELETE', path, { body: deleteOptions });
      if (response.status >= 300 && response.status !== 404) throw new DrainError([messageOf(response)]);
      waiting.push(pod);
    }
  }
  const operation = evict ? 'evicted' : 'deleted';
  let pending = waiting;
  const end = pollVirtual(context, timeoutMs, () => {
    pending = pending.filter((pod) => {
      const response = send(context, 'GET', `/api/v1/namespaces/${String(meta(pod).namespace ?? '')}/pods/${String(meta(pod).name ?? '')}`);
      const gone = response.status === 404 || (response.status < 300 && meta(response.body as Json).uid !== meta(pod).uid);
      if (gone) out.stdout.push(`pod/${String(meta(pod).name ?? '')} ${operation}\n`);
      return !gone;
    });
    return pending.length ? 'continue' : 'stop';
  });
  if (end !== 'stopped') {
    for (const pod of pending) {
      errors.push(evict
        ? `error when waiting for pod "${String(meta(pod).name ?? '')}" in namespace "${String(meta(pod).namespace ?? '')}" to terminate: context deadline exceeded`
        : 'context deadline exceeded');
    }
  }
  if (errors.length) throw new DrainError(errors);
}

/** deleteOrEvictPodsSimple for one node. */
function drainNode(context: CommandContext, node: NodeInfo, options: DrainOptions, dryRun: DryRun, timeoutMs: number): void {
  const list = podsForDeletion(context, node.name, options);
  const errors = errorsOf(list);
  if (errors.length) throw new DrainError(errors);
  const warnings = warningsOf(list);
  if (warnings) context.out.stderr.push(`Warning: ${warnings}\n`);
  const pods = list.filter((item) => item.status.delete).map((item) => item.pod);
  if (dryRun === 'client') {
    for (const pod of pods) context.out.stdout.push(`evicting pod ${String(meta(pod).namespace ?? '')}/${String(meta(pod).name ?? '')} (dry run)\n`);
    return;
  }
  try {
    deleteOrEvict(context, pods, dryRun, timeoutMs);
  } catch (error) {
    if (!(error instanceof DrainError)) throw error;
    const remaining = podsForDeletion(context, node.name, options).filter((item) => item.status.delete);
    if (remaining.length) {
      context.out.stderr.push(`There are pending pods in node "${node.name}" when an error occurred: ${error.text}\n`);
      for (const { pod } of remaining) context.out.stderr.push(`pod/${String(meta(pod).name ?? '')}\n`);
    }
    throw error;
  }
}

function runDrain(context: CommandContext): number {
  const { flags, out } = context;
  const nodes = findNodes(context, 'drain NODE', 'drain');
  const dryRun = dryRunOf(context);
  const timeoutMs = durationFlag(context, 'drain', 'timeout', 0);
  const options: DrainOptions = {
    force: flagBool(flags, 'force'), ignoreDaemonSets: flagBool(flags, 'ignore-daemonsets'),
    deleteEmptyDirData: flagBool(flags, 'delete-emptydir-data'), skipWaitForDeleteTimeout: flagInt(flags, 'skip-wait-for-delete-timeout', 0),
  };
  cordonNodes(context, nodes, true, dryRun);
  const fatal: DrainError[] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    try {
      drainNode(context, node, options, dryRun, timeoutMs);
      out.stdout.push(`node/${node.name} drained${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    } catch (error) {
      if (!(error instanceof DrainError)) throw error;
      out.stderr.push(`error: unable to drain node "${node.name}" due to error: ${error.text}, continuing command...\n`);
      fatal.push(error);
      remaining.push(node.name);
    }
  }
  if (remaining.length) out.stderr.push(`There are pending nodes to be drained:\n${remaining.map((name) => ` ${name}\n`).join('')}`);
  if (!fatal.length) return 0;
  // checkErr unwraps one aggregate: one failed node prints its errors one per line, unprefixed.
  const lines = fatal.length === 1 ? fatal[0].errors : fatal.map((error) => error.text);
  throw new KubectlError(lines.join('\n'));
}

/** The `drain` command. */
export const drainCommand: CommandSpec = specFromHelp('drain', drainHelp, runDrain);
