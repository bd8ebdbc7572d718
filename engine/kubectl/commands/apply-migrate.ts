/**
 * What `kubectl apply --server-side` does after its apply patch when the object was managed by
 * client-side apply (apply.go's saveLastApplyAnnotationIfNecessary and migrateToSSAIfNecessary,
 * client-go's csaupgrade): it has the last-applied annotation owned by an apply manager, moves the
 * fields of the client-side managers (`kubectl-client-side-apply`) into the `kubectl` apply entry
 * with a JSON patch, and applies again so that fields the configuration dropped are removed.
 */
import type { ApiResource } from '../client/discovery.ts';
import type { CommandContext } from '../command.ts';
import { objectPath, send, type Json } from './write-support.ts';

const lastAppliedKey = 'kubectl.kubernetes.io/last-applied-configuration';
/** The field path of the annotation, as a fieldsV1 trie walks it. */
const lastAppliedPath = ['f:metadata', 'f:annotations', `f:${lastAppliedKey}`];

type Entry = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a fieldsV1 trie holds a path. */
function hasPath(fields: unknown, path: string[]): boolean {
  let node = fields;
  for (const step of path) {
    if (!isRecord(node) || !(step in node)) return false;
    node = node[step];
  }
  return true;
}

/** Managers whose entry with this operation owns the last-applied annotation (csaupgrade.FindFieldsOwners). */
function ownersOfLastApplied(entries: Entry[], operation: 'Apply' | 'Update'): Entry[] {
  return entries.filter((entry) => entry.operation === operation && hasPath(entry.fieldsV1, lastAppliedPath));
}

/** The union of two fieldsV1 tries; keys in the order the field set encoder writes them (`.` first, then sorted). */
function unionFields(a: unknown, b: unknown): Record<string, unknown> {
  const left = isRecord(a) ? a : {};
  const right = isRecord(b) ? b : {};
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort((x, y) => (x === '.' ? -1 : y === '.' ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = unionFields(left[key], right[key]);
  return out;
}

/** csaupgrade's upgradedManagedFields for one client-side manager. */
function upgraded(entries: Entry[], csaManager: string, ssaManager: string): Entry[] {
  const copy = entries.map((entry) => ({ ...entry }));
  const isCsa = (entry: Entry): boolean => entry.manager === csaManager && entry.operation === 'Update' && !entry.subresource;
  let target = copy.findIndex((entry) => entry.manager === ssaManager && entry.operation === 'Apply' && !entry.subresource);
  if (target < 0) {
    target = copy.findIndex(isCsa);
    if (target < 0) return copy;
    copy[target] = { ...copy[target], operation: 'Apply', manager: ssaManager };
  }
  const csa = copy.find((entry) => isCsa(entry) && entry.apiVersion === copy[target].apiVersion);
  copy[target] = { ...copy[target], fieldsV1: unionFields(copy[target].fieldsV1, csa?.fieldsV1) };
  return copy.filter((entry) => !isCsa(entry));
}

/**
 * After a server-side apply under `manager`: migrate the object from client-side apply when it
 * needs it and return the object as it then is (the second apply's answer, or `applied`).
 */
export function migrateToServerSideApply(
  context: CommandContext, mapping: ApiResource, namespace: string, applied: Json, manager: string,
  query: Record<string, string>, reapply: () => Json,
): Json {
  let object = applied;
  const metadata = (object.metadata ?? {}) as Json;
  const path = objectPath(mapping, namespace, String(metadata.name ?? ''));
  const dryRun: Record<string, string> = query.dryRun ? { dryRun: query.dryRun } : {};
  const annotation = (metadata.annotations as Record<string, string> | undefined)?.[lastAppliedKey];
  let entries = (metadata.managedFields ?? []) as Entry[];
  if (manager === 'kubectl' && annotation !== undefined && !ownersOfLastApplied(entries, 'Apply').length) {
    const justAnnotation = {
      apiVersion: object.apiVersion, kind: object.kind,
      metadata: { annotations: { [lastAppliedKey]: annotation }, name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) },
    };
    const response = send(context, 'PATCH', path, {
      query: { ...dryRun, fieldManager: 'kubectl-last-applied', fieldValidation: query.fieldValidation },
      body: justAnnotation, contentType: 'application/apply-patch+yaml',
    });
    if (response.status >= 300) return object;
    object = response.body as Json;
    entries = (((object.metadata ?? {}) as Json).managedFields ?? []) as Entry[];
  }
  const csaManagers = [...new Set(ownersOfLastApplied(entries, 'Update').map((entry) => String(entry.manager)))];
  let next = entries;
  for (const csaManager of csaManagers) next = upgraded(next, csaManager, manager);
  if (JSON.stringify(next) === JSON.stringify(entries)) return object;
  const patch = [
    { op: 'replace', path: '/metadata/managedFields', value: next },
    { op: 'replace', path: '/metadata/resourceVersion', value: ((object.metadata ?? {}) as Json).resourceVersion },
  ];
  const response = send(context, 'PATCH', path, { query: { ...dryRun, fieldManager: manager, fieldValidation: query.fieldValidation }, body: patch, contentType: 'application/json-patch+json' });
  if (response.status >= 300) return object;
  return reapply();
}
