/**
 * `kubectl top node|pod` (kubectl 1.32 pkg/cmd/top and pkg/metricsutil): check discovery for
 * metrics.k8s.io/v1beta1, list NodeMetrics or PodMetrics, and print usage — CPU in millicores,
 * memory in MiB, nodes with their share of allocatable (or capacity). Every cell ends in a tab, so
 * every column, the last included, is padded.
 */
import { parseLabelSelector } from '../../api/selectors/labels-parser.ts';
import { selectorString } from '../../api/selectors/labels.ts';
import { milliValue, parseQuantity, quantityValue } from '../../api/validation/quantity.ts';
import { KubectlError } from '../client/api-client.ts';
import { discoverResources } from '../client/discovery.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { defaultSubCommandRun } from './sub-command-run.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString } from '../flags.ts';
import { formatTabs } from '../printers/tabwriter.ts';
import { goSort } from './go-sort.ts';
import { bodyOf, clockOf, send, type Json } from './write-support.ts';

/** metricsCreationDelay: younger pods without metrics are "not available yet". */
const metricsCreationDelayMs = 2 * 60_000;

const selectorFlag: FlagSpec = {
  name: 'selector', shorthand: 'l', type: 'string', default: "''",
  usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};
const protobufFlag: FlagSpec = { name: 'use-protocol-buffers', type: 'bool', default: 'true', usage: 'Enables using protocol-buffers to access Metrics API.' };

interface Usage {
  cpu: number;
  memory: number;
}

/** Quantity text → millicores and bytes, as MilliValue() and Value() read them. */
function usageOf(resources: Json | undefined): Usage {
  const cpu = resources?.cpu;
  const memory = resources?.memory;
  return { cpu: cpu === undefined ? 0 : milliValue(parseQuantity(String(cpu))), memory: memory === undefined ? 0 : quantityValue(parseQuantity(String(memory))) };
}

function podUsage(metrics: Json): Usage {
  const total = { cpu: 0, memory: 0 };
  for (const c of (metrics.containers ?? []) as Json[]) {
    const u = usageOf(c.usage as Json);
    total.cpu += u.cpu;
    total.memory += u.memory;
  }
  return total;
}

/** `3m\t12Mi\t`: printSingleResourceUsage for cpu and memory, with the percentages for nodes. */
function usageCells(usage: Usage, available?: { cpu: number; memory: number }): string {
  const mebibytes = Math.trunc(usage.memory / (1024 * 1024));
  if (!available) return `${usage.cpu}m\t${mebibytes}Mi\t`;
  // fraction = MilliValue / MilliValue × 100, truncated to an integer.
  const percent = (used: number, total: number): number => (total ? Math.trunc((used / total) * 100) : 0);
  return `${usage.cpu}m\t${percent(usage.cpu, available.cpu)}%\t${mebibytes}Mi\t${percent(usage.memory, available.memory)}%\t`;
}

/** Go's Duration.String for a whole number of milliseconds: `2m30.5s`, `1h0m0s`. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = `${Math.floor(rest / 1000)}${rest % 1000 ? `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  return `${sign}${hours ? `${hours}h${minutes}m` : minutes ? `${minutes}m` : ''}${seconds}`;
}

function checkSortBy(context: CommandContext): string {
  const sortBy = flagString(context.flags, 'sort-by');
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw KubectlError.client('--sort-by accepts only cpu or memory');
  return sortBy;
}

function parseSelector(text: string): string {
  if (!text) return '';
  const parsed = parseLabelSelector(text);
  if (!parsed.ok) throw KubectlError.client(parsed.message);
  return selectorString(parsed.value);
}

/** SupportedMetricsAPIVersionAvailable over the server's groups. */
function requireMetricsAPI(context: CommandContext): void {
  if (!discoverResources(context.api).groupVersions.includes('metrics.k8s.io/v1beta1')) throw KubectlError.client('Metrics API not available');
}

function usageError(context: CommandContext, use: string, path: string): never {
  throw new KubectlError(`error: ${use}\nSee 'kubectl ${path} -h' for help and examples`);
}

/** Sort as the metrics sorters do: by name (namespace first with -A), or highest cpu/memory first. */
function sortRows<T>(rows: T[], sortBy: string, usage: (row: T) => Usage, name: (row: T) => string): T[] {
  const key = sortBy === 'cpu' || sortBy === 'memory' ? sortBy : undefined;
  return goSort(rows, (a, b) => (key ? usage(a)[key] > usage(b)[key] : name(a) < name(b)));
}

function runTopPod(context: CommandContext): number {
  const { flags, out } = context;
  if (context.args.length > 1) usageError(context, 'pod [NAME | -l label]', 'top pod');
  const name = context.args[0] ?? '';
  const sortBy = checkSortBy(context);
  const labelText = flagString(flags, 'selector');
  const fieldText = flagString(flags, 'field-selector');
  if (name && (labelText || fieldText)) throw KubectlError.client('only one of NAME or selector can be provided');
  const labelSelector = parseSelector(labelText);
  requireMetricsAPI(context);
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const namespace = context.namespace;
  const base = allNamespaces ? '/apis/metrics.k8s.io/v1beta1/pods' : `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`;
  const query: Record<string, string> = {};
  if (labelSelector) query.labelSelector = labelSelector;
  if (fieldText) query.fieldSelector = fieldText;
  const items = name ? [bodyOf(send(context, 'GET', `${base}/${name}`))] : ((bodyOf(send(context, 'GET', base, { query })).items ?? []) as Json[]);
  if (!items.length) {
    verifyEmptyMetrics(context, name, query);
    out.stderr.push(allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    return 0;
  }
  const containers = flagBool(flags, 'containers');
  const noHeaders = flagBool(flags, 'no-headers');
  const sum = flagBool(flags, 'sum');
  const lines: string[] = [];
  let width = 3;
  if (!noHeaders) {
    const header = `${allNamespaces ? 'NAMESPACE\t' : ''}${containers ? 'POD\t' : ''}NAME\tCPU(cores)\tMEMORY(bytes)\t\n`;
    width += (allNamespaces ? 1 : 0) + (containers ? 1 : 0);
    lines.push(header);
  }
  const meta = (m: Json): Json => (m.metadata ?? {}) as Json;
  const nameOf = (m: Json): string => String(meta(m).name ?? '');
  const sorted = sortRows(items, sortBy, podUsage, (m) => (allNamespaces ? `${String(meta(m).namespace)}\u0000${nameOf(m)}` : nameOf(m)));
  const total = { cpu: 0, memory: 0 };
  for (const m of sorted) {
    const ns = allNamespaces ? `${String(meta(m).namespace ?? '')}\t` : '';
    if (containers) {
      const list = sortRows([...((m.containers ?? []) as Json[])], sortBy, (c) => usageOf(c.usage as Json), (c) => String(c.name));
      for (const c of list) lines.push(`${ns}${nameOf(m)}\t${String(c.name)}\t${usageCells(usageOf(c.usage as Json))}\n`);
    } else {
      lines.push(`${ns}${nameOf(m)}\t${usageCells(podUsage(m))}\n`);
    }
    const u = podUsage(m);
    total.cpu += u.cpu;
    total.memory += u.memory;
  }
  if (sum) {
    lines.push(`${'\t'.repeat(Math.max(0, width - 2))}________\t________\t\n`);
    lines.push(`${'\t'.repeat(Math.max(0, width - 3))}\t${usageCells(total)}\n`);
  }
  out.stdout.push(formatTabs(lines.join('')));
  return 0;
}

/** Why there are no metrics: the pods are young (not yet), old (an error naming the first), or absent. */
function verifyEmptyMetrics(context: CommandContext, name: string, query: Record<string, string>): void {
  const now = clockOf(context);
  // kubectl looks in the current namespace, even with -A.
  const base = `/api/v1/namespaces/${context.namespace}/pods`;
  const pods = name ? [bodyOf(send(context, 'GET', `${base}/${name}`))] : ((bodyOf(send(context, 'GET', base, { query })).items ?? []) as Json[]);
  if (!pods.length) return;
  for (const pod of pods) {
    const meta = (pod.metadata ?? {}) as Json;
    const age = now - Date.parse(String(meta.creationTimestamp));
    if (age > metricsCreationDelayMs) throw KubectlError.client(`Metrics not available for pod ${String(meta.namespace)}/${String(meta.name)}, age: ${goDurationString(age)}`);
  }
  throw KubectlError.client('metrics not available yet');
}

function runTopNode(context: CommandContext): number {
  const { flags, out } = context;
  if (context.args.length > 1) usageError(context, 'node [NAME | -l label]', 'top node');
  const name = context.args[0] ?? '';
  const sortBy = checkSortBy(context);
  const selectorText = flagString(flags, 'selector');
  if (name && selectorText) throw KubectlError.client('only one of NAME or --selector can be provided');
  const selector = parseSelector(selectorText);
  requireMetricsAPI(context);
  const query: Record<string, string> = selector ? { labelSelector: selector } : {};
  const metricsBase = '/apis/metrics.k8s.io/v1beta1/nodes';
  const metrics = name ? [bodyOf(send(context, 'GET', `${metricsBase}/${name}`))] : ((bodyOf(send(context, 'GET', metricsBase, { query })).items ?? []) as Json[]);
  if (!metrics.length) throw KubectlError.client('metrics not available yet');
  const nodes = name ? [bodyOf(send(context, 'GET', `/api/v1/nodes/${name}`))] : ((bodyOf(send(context, 'GET', '/api/v1/nodes', { query })).items ?? []) as Json[]);
  const field = flagBool(flags, 'show-capacity') ? 'capacity' : 'allocatable';
  const available = new Map<string, Usage>();
  for (const node of nodes) {
    const status = (node.status ?? {}) as Json;
    available.set(String((node.metadata as Json).name), usageOf(status[field] as Json));
  }
  const lines: string[] = flagBool(flags, 'no-headers') ? [] : ['NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n'];
  const nameOf = (m: Json): string => String((m.metadata as Json).name);
  for (const m of sortRows(metrics, sortBy, (x) => usageOf(x.usage as Json), nameOf)) {
    const capacity = available.get(nameOf(m));
    // A node the metrics name but the node list lacks prints usage without percentages.
    lines.push(`${nameOf(m)}\t${usageCells(usageOf(m.usage as Json), capacity)}\n`);
    available.delete(nameOf(m));
  }
  for (const missing of available.keys()) lines.push(`${missing}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`);
  out.stdout.push(formatTabs(lines.join('')));
  return 0;
}

/** `kubectl top pod`. */
export const topPodCommand: CommandSpec = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  long: "Display resource (CPU/memory) usage of pods.\n\n The 'top pod' command allows you to see the resource consumption of pods.\n\n Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.",
  examples: '  # Show metrics for all pods in the default namespace\n  kubectl top pod\n  \n  # Show metrics for all pods in the given namespace\n  kubectl top pod --namespace=NAMESPACE\n  \n  # Show metrics for a given pod and its containers\n  kubectl top pod POD_NAME --containers\n  \n  # Show metrics for the pods defined by label name=myLabel\n  kubectl top pod -l name=myLabel',
  usage: 'kubectl top pod [NAME | -l label] [options]',
  flags: [
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: 'false', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'containers', type: 'bool', default: 'false', usage: 'If present, print usage of containers within a pod.' },
    { name: 'field-selector', type: 'string', default: "''", usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'no-headers', type: 'bool', default: 'false', usage: 'If present, print output without headers.' },
    selectorFlag,
    { name: 'sort-by', type: 'string', default: "''", usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
    { name: 'sum', type: 'bool', default: 'false', usage: 'Print the sum of the resource usage' },
    protobufFlag,
  ],
  run: runTopPod,
};

/** `kubectl top node`. */
export const topNodeCommand: CommandSpec = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  long: 'Display resource (CPU/memory) usage of nodes.\n\n The top-node command allows you to see the resource consumption of nodes.',
  examples: '  # Show metrics for all nodes\n  kubectl top node\n  \n  # Show metrics for a given node\n  kubectl top node NODE_NAME',
  usage: 'kubectl top node [NAME | -l label] [options]',
  flags: [
    { name: 'no-headers', type: 'bool', default: 'false', usage: 'If present, print output without headers' },
    selectorFlag,
    { name: 'show-capacity', type: 'bool', default: 'false', usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
    { name: 'sort-by', type: 'string', default: "''", usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
    protobufFlag,
  ],
  run: runTopNode,
};

/** `kubectl top`: without a subcommand, DefaultSubCommandRun writes the help to stderr and exits 1. */
export const topCommand: CommandSpec = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  long: 'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.',
  usage: 'kubectl top [flags] [options]',
  flags: [],
  subcommands: [topNodeCommand, topPodCommand],
  run: defaultSubCommandRun('top', () => topCommand),
};
