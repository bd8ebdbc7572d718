/**
 * managedFields for ordinary writes — create, update (PUT), and JSON, merge and strategic merge
 * patches — as the API server's field manager records them (`FieldManager.UpdateNoErrors`): the
 * writer's entry takes every field it added or changed, other managers lose those fields and the
 * ones it removed, and managers left with nothing disappear.
 */
import { rfc3339 } from '../../clock.ts';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import type { JsonValue, Path } from './fieldpath.ts';
import { FieldSet } from './fieldpath.ts';
import { BoundedCache } from './bounded-cache.ts';
import type { Managed } from './managers.ts';
import { capUpdateManagers, decodeManagedFields, emptyManaged, encodeManagedFields, managerIdentifier } from './managers.ts';
import type { ApplySchema, GroupKind } from './schema.ts';
import { schemaFor, TypedError } from './schema.ts';
import { compare } from './typed.ts';
import type { Comparison } from './typed.ts';
import { zeroObject } from './zero-values.ts';

/** Fields no manager ever owns (`stripMetaManager`): identity and bookkeeping of the object itself. */
const strippedFields = FieldSet.of(
  [{ field: 'apiVersion' }],
  [{ field: 'kind' }],
  [{ field: 'metadata' }],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((name): Path => [{ field: 'metadata' }, { field: name }]),
);

/** Drop the stripped fields from one manager's set, and the manager if nothing is left. */
export function stripMeta(managed: Managed, id: string): void {
  const versioned = managed.fields.get(id);
  if (!versioned) return;
  const set = versioned.set.difference(strippedFields);
  if (set.empty()) managed.fields.delete(id);
  else managed.fields.set(id, { ...versioned, set });
}

/**
 * Fields the registry strategy resets, so nobody owns them through this endpoint
 * (`GetResetFields`): the main resource ignores `status`; `/status` ignores `spec` and, for
 * workloads, `metadata.labels`.
 */
export function defaultResetFields(subresource?: string): string[][] {
  if (subresource === 'status') return [['spec'], ['metadata', 'labels']];
  // CSR /approval (csrApprovalStrategy): the approver owns the conditions, never the spec or the certificate.
  if (subresource === 'approval') return [['spec'], ['status', 'certificate']];
  return [['status']];
}

const resetSets = new Map<string, FieldSet>();

/** The reset-fields set for a list of field-name paths (made once per list). */
export function resetSet(paths: readonly string[][]): FieldSet {
  const key = JSON.stringify(paths);
  let set = resetSets.get(key);
  if (!set) {
    set = FieldSet.of(...paths.map((p) => p.map((field) => ({ field }))));
    if (resetSets.size < 64) resetSets.set(key, set);
  }
  return set;
}

const defaultResetSets = new Map<string | undefined, FieldSet>();

/** `resetSet(defaultResetFields(subresource))`, without building its key on every write. */
function defaultResetSet(subresource: string | undefined): FieldSet {
  let set = defaultResetSets.get(subresource);
  if (!set) {
    set = resetSet(defaultResetFields(subresource));
    if (defaultResetSets.size < 64) defaultResetSets.set(subresource, set);
  }
  return set;
}

/**
 * Compare two objects with the reset fields (and everything below them) taken out; with
 * `skipManagedFields`, also without `metadata.managedFields` (see compare).
 */
export function compareWithout(before: JsonValue, after: JsonValue, schema: ApplySchema, reset: FieldSet, skipManagedFields = false): Comparison {
  return filterComparison(compare(before, after, schema, topLevelOf(reset), skipManagedFields), reset);
}

const topLevels = new WeakMap<FieldSet, ReadonlySet<string>>();

/** The top-level field names of a reset set (made once per set: reset sets are shared). */
function topLevelOf(reset: FieldSet): ReadonlySet<string> {
  let names = topLevels.get(reset);
  if (!names) {
    const made = new Set<string>();
    for (const [, pe] of reset.members) if ('field' in pe) made.add(pe.field);
    topLevels.set(reset, (names = made));
  }
  return names;
}

/** A comparison with the reset fields (and everything below them) taken out. */
export function filterComparison(c: Comparison, reset: FieldSet): Comparison {
  return { added: c.added.recursiveDifference(reset), modified: c.modified.recursiveDifference(reset), removed: c.removed.recursiveDifference(reset) };
}

/** The object without managedFields, as the field manager compares and merges it. */
export function withoutManagedFields(object: KubeObject): KubeObject {
  // A loop, not `{ managedFields, ...rest }`: V8's rest-with-exclusions is several times slower on every write.
  const metadata: KubeObject['metadata'] = {};
  const source = (object.metadata ?? {}) as Record<string, unknown>;
  for (const key in source) if (key !== 'managedFields') (metadata as Record<string, unknown>)[key] = source[key];
  return { ...object, metadata };
}

/**
 * Record an Update by the manager `id` on `managed` (`Updater.Update` then `managedFieldsUpdater`):
 * mutates `managed`; returns whether the manager changed anything.
 */
export function recordUpdate(
  managed: Managed, before: JsonValue, after: JsonValue, id: string, apiVersion: string, time: string, schema: ApplySchema, reset: FieldSet,
  skipManagedFields = false,
): boolean {
  const change = compareWithout(before, after, schema, reset, skipManagedFields);
  const taken = change.modified.union(change.added);
  for (const [other, versioned] of managed.fields) {
    const set = versioned.set.difference(taken).difference(change.removed);
    if (set.empty()) managed.fields.delete(other);
    else managed.fields.set(other, { ...versioned, set });
  }
  const current = '{"manager":"current-operation"}';
  managed.fields.set(current, { set: taken, apiVersion, applied: false });
  stripMeta(managed, current);
  const mine = managed.fields.get(current);
  managed.fields.delete(current);
  if (!mine) return false;
  const previous = managed.fields.get(id);
  managed.fields.set(id, { set: previous ? mine.set.union(previous.set) : mine.set, apiVersion, applied: false });
  managed.times.set(id, time);
  return true;
}

/** The last entry time written: writes in one virtual second then share one string. */
let lastTime = { ms: Number.NaN, text: '' };

/** `time` of a managedFields entry, in whole seconds. */
function entryTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds !== lastTime.ms) lastTime = { ms: seconds, text: rfc3339(ms) };
  return lastTime.text;
}

/** An ordinary write, for `updateManagedFields`. */
export interface UpdateInput {
  /** The stored object before the write; undefined for a create. */
  live?: KubeObject;
  /** The object about to be stored (defaulted, as the handler has it before storage). */
  updated: KubeObject;
  /** `fieldManager`, or the user-agent prefix (see managerOrUserAgent). */
  manager: string;
  operation?: 'Update';
  subresource?: string;
  /** The request's group/version, e.g. `apps/v1`. */
  apiVersion: string;
  /** Virtual time in milliseconds; written with whole seconds. */
  time: number;
  /** Kind of the object; by default taken from `apiVersion` and `updated.kind`. */
  gvk?: GroupKind;
  /** Paths the strategy resets (default: defaultResetFields(subresource)). */
  resetFields?: string[][];
}

function isResetRequest(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  return entries.length === 1 && entries[0] !== null && typeof entries[0] === 'object' && Object.keys(entries[0] as object).length === 0;
}

function tryDecode(entries: ManagedFieldsEntry[] | undefined): Managed | undefined {
  try {
    return decodeManagedFields(entries ?? []);
  } catch {
    return undefined;
  }
}

/**
 * Which managedFields an update starts from (`decodeLiveOrNew`): the live ones for a subresource;
 * for the main resource the request's own when it sends valid ones (`[]` or `[{}]` resets them),
 * else the live ones.
 */
function startingManaged(input: UpdateInput): Managed {
  const liveManaged = (): Managed => tryDecode(input.live?.metadata.managedFields) ?? emptyManaged();
  if (input.subresource) return liveManaged();
  const sent = input.updated.metadata?.managedFields;
  if (isResetRequest(sent)) return emptyManaged();
  const decoded = tryDecode(sent);
  return decoded && decoded.fields.size > 0 ? decoded : liveManaged();
}

/** Group and kind from an apiVersion and kind. */
export function groupKindOf(apiVersion: string, kind: string | undefined): GroupKind {
  const slash = apiVersion.indexOf('/');
  return { group: slash < 0 ? '' : apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind: kind ?? '' };
}

/**
 * The object to store after an ordinary write, with its managedFields brought up to date. An
 * object already stored without managedFields stays without them (tracking starts at the next
 * apply); an object the field manager cannot read keeps the live managedFields, as
 * `UpdateNoErrors` does.
 */
export function updateManagedFields(input: UpdateInput): KubeObject {
  const gk = input.gvk ?? groupKindOf(input.apiVersion, input.updated.kind);
  const schema = schemaFor(gk);
  const reset = input.resetFields ? resetSet(input.resetFields) : defaultResetSet(input.subresource);
  const managed = startingManaged(input);
  const updated = input.updated;
  if (managed.fields.size === 0 && input.live?.metadata.uid) return withManagedFields(updated, undefined);
  // Both sides keep their managedFields: the comparison leaves them out (no copies to make).
  const before = input.live ?? zeroObject(gk);
  const id = managerIdentifier({ manager: input.manager || 'unknown', operation: 'Update', apiVersion: input.apiVersion, subresource: input.subresource });
  const time = entryTime(input.time);
  // A create that sends no managedFields: the writer's set depends only on the object's shape (see createShape).
  const creator = !input.live && managed.fields.size === 0 && zeroHasNoScalars(gk) ? `${gk.group}/${gk.version}/${gk.kind}\n${id}` : undefined;
  const createKey = creator !== undefined && worthLookingUp(creator)
    ? `${creator}\n${JSON.stringify(input.resetFields ?? input.subresource ?? '')}\n${createShape(updated.metadata?.managedFields === undefined ? updated : withoutManagedFields(updated))}` : undefined;
  const known = createKey === undefined ? undefined : createSets.get(createKey);
  if (createKey !== undefined) countLookup(creator!, known !== undefined);
  if (known !== undefined) {
    if (known === noFields) return withManagedFields(updated, undefined);
    managed.fields.set(id, { set: known, apiVersion: input.apiVersion, applied: false });
    managed.times.set(id, time);
    return withManagedFields(updated, encodeManagedFields(managed));
  }
  try {
    recordUpdate(managed, before as JsonValue, updated as JsonValue, id, input.apiVersion, time, schema, reset, true);
    if (createKey !== undefined) createSets.set(createKey, managed.fields.get(id)?.set ?? noFields);
  } catch (error) {
    if (!(error instanceof TypedError)) throw error;
    return withManagedFields(updated, input.live?.metadata.managedFields);
  }
  capUpdateManagers(managed);
  return withManagedFields(updated, encodeManagedFields(managed));
}

/**
 * The creator's field sets by kind, manager and object shape: a ReplicaSet's pods, a kubelet's
 * events and every node's Lease differ only in values, and compute the same set.
 */
const createSets = new BoundedCache<string, FieldSet>(512);
/**
 * Creators whose lookups keep missing, and how many creates since the last lookup. A
 * ReplicaSet's pods never share a set: admission names each one's token volume
 * (`kube-api-access-x7k2p`), a list key. For such a creator the shape and the lookup are
 * only cost, so after `missesBeforeSkipping` misses in a row only every `lookupEvery`-th
 * create looks (a hit starts over). The sets are the same either way: this only skips work.
 */
const missStreaks = new Map<string, { misses: number; skipped: number }>();
const missesBeforeSkipping = 32;
const lookupEvery = 64;

function worthLookingUp(creator: string): boolean {
  const streak = missStreaks.get(creator);
  if (!streak || streak.misses < missesBeforeSkipping) return true;
  if (++streak.skipped < lookupEvery) return false;
  streak.skipped = 0;
  return true;
}

function countLookup(creator: string, hit: boolean): void {
  if (hit) {
    missStreaks.delete(creator);
    return;
  }
  let streak = missStreaks.get(creator);
  if (!streak) {
    if (missStreaks.size >= 256) missStreaks.clear();
    missStreaks.set(creator, (streak = { misses: 0, skipped: 0 }));
  }
  streak.misses++;
}

/** A create that leaves the writer owning nothing (e.g. only stripped fields were sent). */
const noFields = new FieldSet();

const scalarFreeZero = new Map<string, boolean>();

/**
 * Whether the kind's zero object (the left side of a create's comparison) holds only nulls and
 * empty structs: then any value a create sends differs from it, and the comparison depends only on
 * the created object's shape. (A zero like `replicas: 0` makes `0` unchanged but `3` modified.)
 */
function zeroHasNoScalars(gk: GroupKind): boolean {
  const key = `${gk.group}/${gk.kind}`;
  let answer = scalarFreeZero.get(key);
  if (answer === undefined) {
    const scalars = (value: unknown): boolean => value !== null && (typeof value !== 'object' || Object.values(value).some(scalars));
    answer = !scalars(zeroObject(gk));
    scalarFreeZero.set(key, answer);
  }
  return answer;
}

/**
 * What `compare(zero, object)` depends on: the keys of every map, the type (or absence) of every
 * scalar, and lists exactly (their items name paths by key or value). Two objects with the same
 * shape get the same field set when the zero object has no scalars (zeroHasNoScalars).
 */
export function createShape(value: unknown): string {
  // Parts joined once: a string grown by `+=` is a rope that the cache's Map must flatten to hash.
  const parts: string[] = [];
  shapeInto(value, parts);
  return parts.join('');
}

function shapeInto(value: unknown, parts: string[]): void {
  if (value === null) parts.push('N');
  else if (value === undefined) parts.push('U');
  else if (typeof value !== 'object') parts.push(typeof value === 'string' ? 'S' : typeof value === 'number' ? 'D' : typeof value === 'boolean' ? 'B' : 'X');
  else if (Array.isArray(value)) exactJsonInto(value, parts);
  else {
    parts.push('{');
    for (const key in value) {
      parts.push(JSON.stringify(key), ':');
      shapeInto((value as Record<string, unknown>)[key], parts);
      parts.push(',');
    }
    parts.push('}');
  }
}

/** JSON text that also tells `undefined` from `null` (JSON.stringify writes both as null in lists). */
function exactJsonInto(value: unknown, parts: string[]): void {
  if (value === undefined) parts.push('U');
  else if (value === null || typeof value !== 'object') parts.push(JSON.stringify(value));
  else if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i) parts.push(',');
      if (i in value) exactJsonInto(value[i], parts);
    }
    parts.push(']');
  } else {
    parts.push('{');
    for (const key in value) {
      parts.push(JSON.stringify(key), ':');
      exactJsonInto((value as Record<string, unknown>)[key], parts);
      parts.push(',');
    }
    parts.push('}');
  }
}

/** The object with these managedFields (none: the field is left out), last among its metadata's keys. */
export function withManagedFields(object: KubeObject, entries: ManagedFieldsEntry[] | undefined): KubeObject {
  // One copy of metadata, in one loop (see withoutManagedFields).
  const metadata: KubeObject['metadata'] = {};
  const source = (object.metadata ?? {}) as Record<string, unknown>;
  for (const key in source) if (key !== 'managedFields') (metadata as Record<string, unknown>)[key] = source[key];
  if (entries) metadata.managedFields = entries;
  return { ...object, metadata };
}
