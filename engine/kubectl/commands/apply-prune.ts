/**
 * `kubectl apply --prune` (the legacy, allowlist-based pruner of prune.go): after every object applied
 * cleanly, list each allowlisted kind with the `-l` selector in the namespaces apply visited (and cluster-wide
 * for Namespace and PersistentVolume), and delete what carries the last-applied annotation but was not applied
 * this time: `deployment.apps/old pruned`.
 */
import { lastAppliedAnnotation } from '../../api/apply/index.ts';
import { parseLabelSelector } from '../../api/selectors/labels-parser.ts';
import { matchLabels, type Selector } from '../../api/selectors/labels.ts';
import { KubectlError } from '../client/api-client.ts';
import { kindPrefix, type RestMapper } from '../client/rest-mapper.ts';
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { klogWarning } from './klog.ts';
import { dryRunQuery, objectPath, send, serverError, type DryRun, type Json } from './write-support.ts';

/** kubectl 1.32's default allowlist: namespaced kinds first, in this order, then Namespace and PersistentVolume. */
export const defaultPruneAllowlist = [
  'core/v1/ConfigMap', 'core/v1/Endpoints', 'core/v1/PersistentVolumeClaim', 'core/v1/Pod', 'core/v1/ReplicationController',
  'core/v1/Secret', 'core/v1/Service', 'batch/v1/Job', 'batch/v1/CronJob', 'networking.k8s.io/v1/Ingress', 'apps/v1/DaemonSet',
  'apps/v1/Deployment', 'apps/v1/ReplicaSet', 'apps/v1/StatefulSet', 'core/v1/Namespace', 'core/v1/PersistentVolume',
];

const defaultAllowlistWarning = 'Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.';

/** What `--prune`, `-l`, `--all` and `--prune-allowlist` ask for, checked before anything is applied. */
export interface PrunePlan {
  /** The `-l` selector, when given: it also filters the objects read from files. */
  selector?: Selector;
  selectorText: string;
  /** The kinds to prune (undefined when --prune is off). */
  mappings?: ApiResource[];
  /** Whether the default allowlist is in use (kubectl then logs its deprecation warning). */
  defaulted: boolean;
}

/** Parse `group/version/kind` entries as prune.ParseResources does, each mapped to a served resource. */
function parseAllowlist(mapper: RestMapper, entries: string[]): ApiResource[] {
  return entries.map((entry) => {
    const parts = entry.split('/');
    if (parts.length !== 3) throw KubectlError.client(`invalid GroupVersionKind format: ${entry}, please follow <group/version/kind>`);
    const [group, version, kind] = parts;
    const g = group.toLowerCase() === 'core' ? '' : group;
    const found = mapper.resources.find((r) => r.group === g && r.version === version && r.kind === kind && !r.resource.includes('/'));
    if (!found) throw KubectlError.client(`no matches for kind "${kind}" in version "${g ? `${g}/${version}` : version}"`);
    return found;
  });
}

/** Read and check the prune and selector flags (kubectl's Complete and Validate for apply). */
export function prunePlan(context: CommandContext, mapper: RestMapper): PrunePlan {
  const { flags } = context;
  const selectorText = flagString(flags, 'selector');
  let selector: Selector | undefined;
  if (selectorText) {
    const parsed = parseLabelSelector(selectorText);
    if (!parsed.ok) throw KubectlError.client(parsed.message);
    selector = parsed.value;
  }
  if (!flagBool(flags, 'prune')) return { selector, selectorText, defaulted: false };
  const all = flagBool(flags, 'all');
  if (all && selectorText) throw KubectlError.client('cannot set --all and --selector at the same time');
  if (!all && !selectorText) {
    throw KubectlError.client('all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector');
  }
  const allowlist = [...flagList(flags, 'prune-allowlist'), ...flagList(flags, 'prune-whitelist')];
  const defaulted = allowlist.length === 0;
  return { selector, selectorText, defaulted, mappings: parseAllowlist(mapper, defaulted ? defaultPruneAllowlist : allowlist) };
}

/** Whether an object read from a file passes `-l` (kubectl's builder drops the others silently). */
export function selectedByPlan(plan: PrunePlan, object: Json): boolean {
  if (!plan.selector) return true;
  const labels = ((object.metadata as Json | undefined)?.labels ?? {}) as Record<string, string>;
  return matchLabels(plan.selector, labels);
}

/** The objects apply has touched: their UIDs, and the namespaces of the namespaced ones. */
export interface Visited {
  uids: Set<string>;
  namespaces: Set<string>;
}

/**
 * Delete what the plan selects and this apply did not visit, printing each as `pruned` (or its name with
 * `-o name`). A client dry run prints without deleting; a server dry run deletes with dryRun=All.
 */
export function prune(context: CommandContext, plan: PrunePlan, visited: Visited, dryRun: DryRun, print: (mapping: ApiResource, object: Json) => void): void {
  if (!plan.mappings) return;
  if (plan.defaulted) context.out.stderr.push(klogWarning(context.session.now?.() ?? 0, 'prune.go:71', defaultAllowlistWarning));
  const namespaced = plan.mappings.filter((m) => m.namespaced);
  const clusterScoped = plan.mappings.filter((m) => !m.namespaced);
  const query = plan.selectorText ? { labelSelector: plan.selectorText } : undefined;
  const pruneIn = (mapping: ApiResource, namespace: string): void => {
    const listed = send(context, 'GET', objectPath(mapping, namespace), { query });
    if (listed.status >= 300) throw serverError(listed);
    for (const object of ((listed.body as Json).items ?? []) as Json[]) {
      const metadata = (object.metadata ?? {}) as Json;
      const annotations = (metadata.annotations ?? {}) as Record<string, string>;
      // Only objects once applied are candidates; those applied now are kept.
      if (!(lastAppliedAnnotation in annotations) || visited.uids.has(String(metadata.uid ?? ''))) continue;
      const name = String(metadata.name ?? '');
      if (dryRun !== 'client') {
        const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' };
        const deleted = send(context, 'DELETE', objectPath(mapping, namespace, name), { query: dryRunQuery(dryRun), body });
        if (deleted.status >= 300 && deleted.status !== 404) throw serverError(deleted);
      }
      print(mapping, { apiVersion: mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version, kind: mapping.kind, ...object });
    }
  };
  for (const namespace of visited.namespaces) for (const mapping of namespaced) pruneIn(mapping, namespace);
  for (const mapping of clusterScoped) pruneIn(mapping, '');
}

/** `deployment.apps/old`: the prefix the pruned line starts with. */
export function prunedName(mapping: ApiResource, object: Json): string {
  return `${kindPrefix(mapping)}/${String((object.metadata as Json | undefined)?.name ?? '')}`;
}
