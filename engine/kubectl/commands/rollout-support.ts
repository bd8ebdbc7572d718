/**
 * What the rollout subcommands share: finding their objects as kubectl's Builder does
 * (`ResourceTypeOrNameArgs(true, …)`: a bare type means every object of it), a Deployment's
 * ReplicaSets with their revisions (deploymentutil.GetAllReplicaSets), the semantic template
 * comparison that ignores `pod-template-hash`, and the pod template printed without tabwriter.
 */
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext } from '../command.ts';
import { PrefixWriter } from '../describe/writer.ts';
import { describePodTemplate } from '../describe/pod.ts';
import { flagList, flagString } from '../flags.ts';
import { revisionOf } from './rollout-status-viewers.ts';
import { findTargets, type Targets } from './targets.ts';
import { bodyOf, restMapper, objectPath, send, type Json } from './write-support.ts';

/** The label the deployment controller adds to a ReplicaSet's template and selector. */
export const podTemplateHashLabel = 'pod-template-hash';

/** The targets of a rollout subcommand, with kubectl's "required resource not specified" check first. */
export function rolloutTargets(context: CommandContext, verb: string): Targets {
  if (!context.args.length && !flagList(context.flags, 'filename').length) throw KubectlError.client('required resource not specified');
  const bareType = context.args.length === 1 && !context.args[0].includes('/') && !flagString(context.flags, 'selector');
  if (!bareType) return findTargets(context, verb, context.args, true);
  // A type alone selects every object of it (allowEmptySelector), as `--all` does.
  const values = new Map(context.flags.values);
  values.set('all', true);
  return findTargets({ ...context, flags: { ...context.flags, values } }, verb, context.args, true);
}

/** metav1.LabelSelectorAsSelector(…).String(): requirements sorted by key. */
export function selectorString(selector: Json | undefined): string {
  const parts: [string, string][] = [];
  for (const [key, value] of Object.entries((selector?.matchLabels ?? {}) as Record<string, string>)) parts.push([key, `${key}=${value}`]);
  for (const expression of (selector?.matchExpressions ?? []) as Json[]) {
    const key = String(expression.key ?? '');
    const values = [...((expression.values ?? []) as string[])].sort().join(',');
    switch (expression.operator) {
      case 'In': parts.push([key, `${key} in (${values})`]); break;
      case 'NotIn': parts.push([key, `${key} notin (${values})`]); break;
      case 'Exists': parts.push([key, key]); break;
      case 'DoesNotExist': parts.push([key, `!${key}`]); break;
    }
  }
  return parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, text]) => text).join(',');
}

/** Whether `object` names `owner` as its controller (metav1.IsControlledBy). */
export function isControlledBy(object: Json, owner: Json): boolean {
  const uid = ((owner.metadata ?? {}) as Json).uid;
  return (((object.metadata ?? {}) as Json).ownerReferences as Json[] | undefined ?? []).some((ref) => ref.controller === true && ref.uid === uid);
}

/** The ReplicaSets a Deployment controls, oldest first (replicaSetsByCreationTimestamp), listed by its selector. */
export function deploymentReplicaSets(context: CommandContext, deployment: Json): Json[] {
  const namespace = String(((deployment.metadata ?? {}) as Json).namespace ?? context.namespace);
  const mapping = restMapper(context).mappingFor('replicasets.apps');
  const labelSelector = selectorString(((deployment.spec ?? {}) as Json).selector as Json | undefined);
  const list = bodyOf(send(context, 'GET', objectPath(mapping, namespace), { query: { labelSelector } }));
  const created = (rs: Json): string => String(((rs.metadata ?? {}) as Json).creationTimestamp ?? '');
  const name = (rs: Json): string => String(((rs.metadata ?? {}) as Json).name ?? '');
  return ((list.items ?? []) as Json[]).filter((rs) => isControlledBy(rs, deployment))
    .sort((a, b) => (created(a) === created(b) ? (name(a) < name(b) ? -1 : 1) : created(a) < created(b) ? -1 : 1));
}

/**
 * apiequality.Semantic.DeepEqual over JSON as Go would decode it into a PodTemplateSpec: null,
 * empty strings, empty lists and empty maps are what a Go zero value looks like, so they match absence.
 */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(normalized) : undefined;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = normalized((value as Json)[key]);
      if (inner !== undefined) out[key] = inner;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === null || value === '' ? undefined : value;
}

/** deploymentutil's EqualIgnoreHash: two pod templates equal once `pod-template-hash` is dropped. */
export function equalIgnoreHash(a: Json | undefined, b: Json | undefined): boolean {
  const strip = (template: Json | undefined): unknown => {
    const copy = structuredClone(template ?? {});
    const labels = ((copy.metadata ?? {}) as Json).labels as Json | undefined;
    if (labels) delete labels[podTemplateHashLabel];
    return normalized(copy);
  };
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** One revision of a Deployment: its ReplicaSet and template. */
export interface Revision {
  revision: number;
  replicaSet: Json;
}

/** The revisions of a Deployment's ReplicaSets (a later ReplicaSet with the same revision replaces an earlier one). */
export function deploymentRevisions(context: CommandContext, deployment: Json): Map<number, Json> {
  const out = new Map<number, Json>();
  for (const rs of deploymentReplicaSets(context, deployment)) {
    const revision = revisionOf(rs);
    if (Number.isNaN(revision)) continue;
    out.set(revision, rs);
  }
  return out;
}

/** describe's PrefixWriter writing straight into a buffer, as history's printTemplate does: tabs stay tabs. */
class RawPrefixWriter extends PrefixWriter {
  private raw = '';

  override write(level: number, text: string): void {
    this.raw += escapeTerminal('  '.repeat(level) + text);
  }

  override writeLine(text: string): void {
    this.raw += escapeTerminal(`${text}\n`);
  }

  override flush(): void {
    // Nothing is buffered for alignment.
  }

  override text(): string {
    return this.raw;
  }
}

/** printers.WriteEscaped: ESC becomes `^[` and CR `\r`. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** `rollout history --revision=N`'s body: the pod template as describe writes it, tabs kept. */
export function podTemplateText(template: Json): string {
  const w = new RawPrefixWriter();
  describePodTemplate(template, w);
  return w.text();
}
