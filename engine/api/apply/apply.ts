/**
 * Server-side apply (`PATCH` with `application/apply-patch+yaml`), as the API server's field
 * manager chain does it in v1.32: check the applied object, attribute an untracked object's fields
 * to `before-first-apply`, merge the configuration into the live object, prune what this manager
 * stopped applying, and either report conflicts with other managers or take ownership.
 */
import { rfc3339 } from '../../clock.ts';
import { StatusError, statusErrors } from '../errors.ts';
import type { Status } from '../errors.ts';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import type { ApplyConflict } from './conflict.ts';
import { conflictsFromManagers, conflictStatus } from './conflict.ts';
import type { JsonValue, Path } from './fieldpath.ts';
import { FieldSet } from './fieldpath.ts';
import { allowedConflictsFromLastApplied, buildLastApplied, kubectlApplyManager, lastAppliedAnnotation, lastAppliedOf } from './last-applied.ts';
import type { Managed } from './managers.ts';
import { decodeManagedFields, encodeManagedFields, managerIdentifier } from './managers.ts';
import type { ApplySchema, GroupKind } from './schema.ts';
import { isObject, jsonEqual, schemaFor, TypedError } from './schema.ts';
import { merge, removeItems, toFieldSet } from './typed.ts';
import { compareWithout, defaultResetFields, recordUpdate, resetSet, stripMeta, withManagedFields, withoutManagedFields } from './update.ts';
import { zeroObject } from './zero-values.ts';

/** The manager an object's existing fields are given to when it is first applied without managedFields. */
export const beforeFirstApplyManager = 'before-first-apply';

/** An apply request, for `serverSideApply`. */
export interface ApplyInput {
  /** The stored object; undefined when the apply creates it. */
  live?: KubeObject;
  /** The applied configuration, as decoded from the request body. */
  applied: KubeObject;
  /** `fieldManager` (required for apply; the handler rejects a request without it). */
  manager: string;
  force: boolean;
  /** The kind and version the request addresses. */
  gvk: GroupKind & { version: string };
  /** Virtual time in milliseconds. */
  time: number;
  /** The request's group/version; by default from gvk. */
  apiVersion?: string;
  subresource?: string;
  /** Paths the strategy resets (default: defaultResetFields(subresource)). */
  resetFields?: string[][];
}

/** The outcome: the object to store (to be defaulted and validated next), or the conflicts. */
export type ApplyResult =
  | { object: KubeObject; managedFields: ManagedFieldsEntry[]; changed: boolean }
  | { conflicts: ApplyConflict[]; status: Status };

/** `GroupVersionKind.String()`: `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap`. */
function gvkString(apiVersion: string, kind: string): string {
  return `${apiVersion.includes('/') ? '' : '/'}${apiVersion}, Kind=${kind}`;
}

/** A failure that is not an API status in Go: 500 with no reason, the error text as message. */
function unknownError(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });
}

/** `namespace/name; apps/v1, Kind=Deployment`, as the field manager names an object in errors. */
function objectName(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}; ${gvkString(object.apiVersion ?? '', object.kind ?? '')}`;
}

/** Remove what the applier applied last time and not now, unless someone still owns it (`Updater.prune`). */
function prune(merged: JsonValue, managed: Managed, last: FieldSet | undefined, schema: ApplySchema): JsonValue {
  if (!last || last.empty()) return merged;
  const lastNamed = last.withNamedParents();
  const pruned = removeItems(merged, lastNamed, schema);
  let owned = new FieldSet();
  for (const versioned of managed.fields.values()) owned = owned.union(versioned.set);
  const mergedSet = toFieldSet(merged, schema).withNamedParents();
  const prunedSet = toFieldSet(pruned, schema).withNamedParents();
  // Add back what anyone owns, then remove only what this applier had owned.
  const ownedBack = removeItems(merged, mergedSet.difference(prunedSet.union(owned.withNamedParents())), schema);
  const keptSet = toFieldSet(ownedBack, schema).withNamedParents();
  return removeItems(merged, mergedSet.difference(keptSet).intersection(lastNamed), schema);
}

/** Other managers' fields this change takes or removes; with force they lose them (`Updater.update`). */
function takeFromOthers(
  live: JsonValue, next: JsonValue, managed: Managed, self: string, force: boolean, schema: ApplySchema, reset: FieldSet,
): Map<string, Path[]> | undefined {
  const change = compareWithout(live, next, schema, reset);
  const changed = change.modified.union(change.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [id, versioned] of managed.fields) {
    if (id === self) continue;
    const clash = versioned.set.intersection(changed);
    if (!clash.empty()) conflicts.set(id, clash);
  }
  if (!force && conflicts.size > 0) return new Map([...conflicts].map(([id, set]) => [id, set.paths()]));
  for (const [id, versioned] of managed.fields) {
    if (id === self) continue;
    const set = versioned.set.difference(conflicts.get(id) ?? new FieldSet()).difference(change.removed);
    if (set.empty()) managed.fields.delete(id);
    else managed.fields.set(id, { ...versioned, set });
  }
  return undefined;
}

/** Drop null members of maps, as decoding into Go types does (`replicas: null` is no replicas). */
function dropNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObject(value)) return value;
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
  return out;
}

/** Give the reset paths the live object's values (the strategy's PrepareForCreate/PrepareForUpdate). */
function restoreReset(object: KubeObject, live: KubeObject | undefined, paths: string[][]): KubeObject {
  const out = JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
  for (const path of paths) {
    let target: Record<string, unknown> | undefined = out;
    let source = live as Record<string, unknown> | undefined;
    for (const name of path.slice(0, -1)) {
      target = isObject(target?.[name] as JsonValue) ? (target![name] as Record<string, unknown>) : undefined;
      source = isObject(source?.[name] as JsonValue) ? (source![name] as Record<string, unknown>) : undefined;
    }
    const last = path[path.length - 1];
    if (!target) continue;
    if (source && last in source) target[last] = JSON.parse(JSON.stringify(source[last]));
    else delete target[last];
  }
  return out as KubeObject;
}

/** Merge, prune and settle ownership once; conflicts come back as paths per manager identifier. */
function applyOnce(input: ApplyInput, managed: Managed, base: KubeObject, schema: ApplySchema, reset: FieldSet, force: boolean) {
  const id = managerIdentifier({ manager: input.manager, operation: 'Apply', subresource: input.subresource });
  const config = input.applied as unknown as JsonValue;
  const set = toFieldSet(config, schema, false).recursiveDifference(reset);
  const last = managed.fields.get(id)?.set;
  managed.fields.set(id, { set, apiVersion: input.apiVersion ?? apiVersionOf(input.gvk), applied: true });
  const merged = prune(merge(base as unknown as JsonValue, config, schema), managed, last, schema);
  const conflicts = takeFromOthers(base as unknown as JsonValue, merged, managed, id, force, schema, reset);
  return { id, merged, conflicts };
}

const apiVersionOf = (gvk: ApplyInput['gvk']): string => (gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version);

/**
 * Apply a configuration. Throws a StatusError for a request the API server rejects outright
 * (wrong kind, `metadata.managedFields` set, an invalid list); returns the 409 conflicts as data.
 */
export function serverSideApply(input: ApplyInput): ApplyResult {
  const apiVersion = input.apiVersion ?? apiVersionOf(input.gvk);
  const { applied, live } = input;
  if (applied.apiVersion !== apiVersion || applied.kind !== input.gvk.kind) {
    throw new StatusError(statusErrors.badRequest(`invalid object type: ${gvkString(applied.apiVersion ?? '', applied.kind ?? '')}`));
  }
  if (Array.isArray(applied.metadata?.managedFields)) throw new StatusError(statusErrors.badRequest('metadata.managedFields must be nil'));
  const schema = schemaFor(input.gvk);
  const resetPaths = input.resetFields ?? defaultResetFields(input.subresource);
  const reset = resetSet(resetPaths);
  const time = rfc3339(input.time);
  let managed: Managed;
  try {
    managed = decodeManagedFields(live?.metadata.managedFields ?? []);
  } catch (error) {
    throw unknownError(`failed to decode managed fields: ${(error as Error).message}`);
  }
  // A create merges into nothing, so the object keeps the configuration's field order.
  const base = live ? withoutManagedFields(live) : ({} as KubeObject);
  try {
    toFieldSet(applied as unknown as JsonValue, schema, false);
  } catch (error) {
    if (error instanceof TypedError) throw unknownError(`failed to create typed patch object (${objectName(applied)}): ${error.message}`);
    throw error;
  }
  try {
    if (live && managed.fields.size === 0) {
      // An object stored without managedFields: what it holds so far belongs to `before-first-apply`.
      const id = managerIdentifier({ manager: beforeFirstApplyManager, operation: 'Update', apiVersion, subresource: input.subresource });
      recordUpdate(managed, zeroObject(input.gvk), base as unknown as JsonValue, id, apiVersion, time, schema, reset);
    }
    const snapshot = cloneManaged(managed);
    let outcome = applyOnce(input, managed, base, schema, reset, input.force);
    if (outcome.conflicts && input.manager === kubectlApplyManager && live) {
      const allowed = allowedConflictsFromLastApplied(live, apiVersion, schema);
      if (allowed) {
        const remaining = new Map([...outcome.conflicts].map(([id, paths]) => [id, paths.filter((p) => !allowed.has(p))] as const).filter(([, p]) => p.length > 0));
        if (remaining.size === 0) {
          managed = snapshot;
          outcome = applyOnce(input, managed, base, schema, reset, true);
        } else outcome = { ...outcome, conflicts: remaining };
      }
    }
    if (outcome.conflicts) {
      const conflicts = conflictsFromManagers(outcome.conflicts);
      return { conflicts, status: conflictStatus(conflicts) };
    }
    const changed = !jsonEqual(base as unknown as JsonValue, outcome.merged);
    // A no-op apply leaves the object as it was and does not move the manager's time.
    if (changed) managed.times.set(outcome.id, time);
    stripMeta(managed, outcome.id);
    let object = changed ? restoreReset(dropNulls(outcome.merged) as unknown as KubeObject, live, resetPaths) : base;
    if (input.manager === kubectlApplyManager && lastAppliedOf(live)) {
      object = { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [lastAppliedAnnotation]: buildLastApplied(applied) } } };
    }
    const managedFields = encodeManagedFields(managed) ?? [];
    return { object: withManagedFields(object, managedFields.length ? managedFields : undefined), managedFields, changed: !jsonEqual(base as unknown as JsonValue, object as unknown as JsonValue) };
  } catch (error) {
    if (error instanceof TypedError) throw unknownError(`failed to create typed live object (${objectName(live ?? applied)}): ${error.message}`);
    throw error;
  }
}

function cloneManaged(managed: Managed): Managed {
  return { fields: new Map(managed.fields), times: new Map(managed.times) };
}
