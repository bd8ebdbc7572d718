/**
 * ControllerRevisions of a StatefulSet (stateful_set_utils.go and pkg/controller/history).
 *
 * A revision stores a patch that restores the pod template: `{"spec":{"template":{…,
 * "$patch":"replace"}}}`, the JSON Go's encoding/json writes for a map (keys sorted, compact,
 * `<>&` escaped). Its name is `<set>-<hash>`, the hash being FNV-1 (32 bit, not 1a) over those
 * bytes followed by the collision count in decimal, printed in decimal and passed through
 * `rand.SafeEncodeString`. Upstream's compatibility fixture (a template with image `test`)
 * hashes to `c77f6d978` this way, so names here are the names a real v1.32 cluster gives.
 */
import type { KubeObject } from '../../api/types.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import { newControllerRef } from '../replicaset/types.ts';
import { safeEncodeString } from '../deployment/template-hash.ts';
import { setSpec, sortedMap } from './types.ts';

/** `history.ControllerRevisionHashLabel`. */
export const revisionHashLabel = 'controller.kubernetes.io/hash';

/** Go's encoding/json of an unmarshalled value: sorted keys, compact, HTML-safe escapes. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/** `getPatch`: the revision data for the set's current template (keys sorted, as stored upstream). */
export function revisionData(set: KubeObject): Record<string, unknown> {
  const template = structuredClone(setSpec(set).template ?? {}) as Record<string, unknown>;
  template.$patch = 'replace';
  return sortKeys({ spec: { template } }) as Record<string, unknown>;
}

/** FNV-1 (multiply, then xor), 32 bits: Go's `fnv.New32`. */
export function fnv1(bytes: Uint8Array, hash = 0x811c9dc5): number {
  for (const byte of bytes) hash = (Math.imul(hash, 0x01000193) ^ byte) >>> 0;
  return hash >>> 0;
}

/** `HashControllerRevision(revision, &collisionCount)`. */
export function hashRevision(data: unknown, collisionCount: number): string {
  const bytes = new TextEncoder().encode(goJson(data) + String(collisionCount));
  return safeEncodeString(String(fnv1(bytes)));
}

/** `ControllerRevisionName`: `<set>-<hash>`, the prefix cut to 223 characters. */
export function revisionName(setName: string, hash: string): string {
  return `${setName.slice(0, 223)}-${hash}`;
}

/**
 * `newRevision`: the ControllerRevision for the set's template — labels of the template plus
 * `controller.kubernetes.io/hash`, the set's annotations (so `kubernetes.io/change-cause` shows
 * in `kubectl rollout history`), a controllerRef, the data and the revision number.
 */
export function newRevision(set: KubeObject, revision: number, collisionCount: number): KubeObject {
  const data = revisionData(set);
  const hash = hashRevision(data, collisionCount);
  const metadata: KubeObject['metadata'] = {
    name: revisionName(set.metadata.name!, hash),
    namespace: set.metadata.namespace,
    labels: sortedMap({ ...setSpec(set).template?.metadata?.labels, [revisionHashLabel]: hash }),
  };
  if (set.metadata.annotations && Object.keys(set.metadata.annotations).length) metadata.annotations = sortedMap(set.metadata.annotations);
  metadata.ownerReferences = [newControllerRef(set, 'apps/v1', 'StatefulSet')];
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data, revision };
}

/** The revision number of a ControllerRevision. */
export function revisionNumber(revision: KubeObject): number {
  return (revision.revision as number | undefined) ?? 0;
}

/** `EqualRevision`: the same data bytes. */
export function equalRevision(a: KubeObject, b: KubeObject): boolean {
  return goJson(a.data) === goJson(b.data);
}

/** `SortControllerRevisions`: by revision, then creation time, then name. */
export function sortRevisions(revisions: KubeObject[]): KubeObject[] {
  return revisions.sort((a, b) => revisionNumber(a) - revisionNumber(b)
    || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '')
    || (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
}

/** `nextRevision`: one more than the highest revision, 1 for the first. */
export function nextRevision(sorted: KubeObject[]): number {
  return sorted.length ? revisionNumber(sorted[sorted.length - 1]) + 1 : 1;
}

/**
 * `ApplyRevision`: the template the revision restores. The patch replaces `spec.template`
 * wholesale, so the result is the stored template without its `$patch` directive.
 */
export function revisionTemplate(set: KubeObject, revision: KubeObject): PodTemplate {
  const stored = (revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!stored) return setSpec(set).template ?? {};
  const { $patch: _replace, ...template } = stored;
  return template as PodTemplate;
}
