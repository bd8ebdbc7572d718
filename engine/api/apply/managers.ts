/**
 * managedFields on the wire and in memory, as apimachinery's managedfields/internal handles them:
 * each entry is keyed by a manager identifier (the entry's JSON without time and fields; appliers
 * without apiVersion, so one applier keeps one entry across versions), entries are written back
 * sorted, and Update entries are capped at ten by folding the oldest into `ancient-changes`.
 */
import type { ManagedFieldsEntry } from '../types.ts';
import { FieldSet } from './fieldpath.ts';

/** One manager's fields: which version they were set in and whether by apply (`VersionedSet`). */
export interface VersionedSet {
  set: FieldSet;
  apiVersion: string;
  applied: boolean;
}

/** Every manager's fields and the time of its last change, keyed by manager identifier. */
export interface Managed {
  fields: Map<string, VersionedSet>;
  times: Map<string, string | undefined>;
}

/** Who a manager is: name, operation, and for updates the version and subresource. */
export interface ManagerInfo {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion?: string;
  subresource?: string;
}

/**
 * The identifier of a manager (`BuildManagerIdentifier`): the entry's JSON in Go field order
 * (manager, operation, apiVersion, subresource), with apiVersion left out for Apply.
 */
export function managerIdentifier(info: ManagerInfo): string {
  const key: Record<string, string> = {};
  if (info.manager) key.manager = info.manager;
  key.operation = info.operation;
  if (info.operation === 'Update' && info.apiVersion) key.apiVersion = info.apiVersion;
  if (info.subresource) key.subresource = info.subresource;
  return JSON.stringify(key);
}

/** The parts of an identifier. */
export function parseIdentifier(identifier: string): ManagerInfo {
  let info = parsedIdentifiers.get(identifier);
  if (!info) {
    info = Object.freeze(JSON.parse(identifier) as ManagerInfo);
    // A cluster has a few dozen managers; the bound only guards against a flood of made-up ones.
    if (parsedIdentifiers.size >= 1024) parsedIdentifiers.clear();
    parsedIdentifiers.set(identifier, info);
  }
  return info;
}

/** Identifiers already parsed: every write encodes its object's managers again. Frozen, as callers share them. */
const parsedIdentifiers = new Map<string, ManagerInfo>();

/** An empty set of managers. */
export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

/** Read managedFields (`DecodeManagedFields`); throws with apimachinery's messages on a bad entry. */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[]): Managed {
  const managed = emptyManaged();
  entries.forEach((entry, i) => {
    if (entry.operation !== 'Apply' && entry.operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    if (!entry.apiVersion) throw new Error('apiVersion must not be empty');
    if (!entry.fieldsType) throw new Error(`missing fieldsType in managed fields entry ${i}`);
    if (entry.fieldsType !== 'FieldsV1') throw new Error(`invalid fieldsType "${String(entry.fieldsType)}" in managed fields entry ${i}`);
    const id = managerIdentifier({ manager: entry.manager ?? '', operation: entry.operation, apiVersion: entry.apiVersion, subresource: entry.subresource });
    managed.fields.set(id, { set: FieldSet.fromFieldsV1(entry.fieldsV1 ?? {}), apiVersion: entry.apiVersion, applied: entry.operation === 'Apply' });
    managed.times.set(id, entry.time);
  });
  return managed;
}

/** Parsed entry times: entries are sorted on every write, and their times repeat (whole seconds). */
const parsedSeconds = new Map<string, number>();

function seconds(time: string | undefined): number {
  if (!time) return 0;
  let value = parsedSeconds.get(time);
  if (value === undefined) {
    value = Math.floor(Date.parse(time) / 1000);
    if (parsedSeconds.size >= 1024) parsedSeconds.clear();
    parsedSeconds.set(time, value);
  }
  return value;
}

/**
 * Write managedFields back (`encodeManagedFields`), sorted as the API server sorts them: Apply
 * before Update, then oldest first (no time counts as the epoch), then by manager, apiVersion and
 * subresource. Undefined when no manager is left.
 */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, versioned] of managed.fields) {
    const info = parseIdentifier(id);
    const entry: ManagedFieldsEntry = {};
    if (info.manager) entry.manager = info.manager;
    entry.operation = versioned.applied ? 'Apply' : info.operation;
    entry.apiVersion = versioned.apiVersion;
    const time = managed.times.get(id);
    if (time) entry.time = time;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = versioned.set.toFieldsV1();
    if (info.subresource) entry.subresource = info.subresource;
    entries.push(entry);
  }
  const byString = (a = '', b = ''): number => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort((p, q) =>
    byString(p.operation, q.operation) ||
    seconds(p.time) - seconds(q.time) ||
    byString(p.manager, q.manager) ||
    byString(p.apiVersion, q.apiVersion) ||
    byString(p.subresource, q.subresource));
}

/** Most Update entries kept; older ones are folded into one `ancient-changes` entry per version. */
export const maxUpdateManagers = 10;

/** Fold the oldest Update entries into `ancient-changes` buckets until at most ten remain (`capManagersManager`). */
export function capUpdateManagers(managed: Managed): void {
  const updaters = [...managed.fields].filter(([, v]) => !v.applied).map(([id]) => id);
  if (updaters.length <= maxUpdateManagers) return;
  updaters.sort((a, b) => seconds(managed.times.get(a)) - seconds(managed.times.get(b)) || (a < b ? -1 : a > b ? 1 : 0));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > maxUpdateManagers; i++) {
    const id = updaters[i];
    const versioned = managed.fields.get(id)!;
    const time = managed.times.get(id);
    const bucket = managerIdentifier({ manager: 'ancient-changes', operation: 'Update', apiVersion: versioned.apiVersion });
    const first = firstOfVersion.get(versioned.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(versioned.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      managed.fields.set(bucket, managed.fields.get(first)!);
      managed.fields.delete(first);
    }
    const merged = versioned.set.union(managed.fields.get(bucket)!.set);
    managed.fields.set(bucket, { set: merged, apiVersion: versioned.apiVersion, applied: false });
    managed.fields.delete(id);
    length--;
    // The bucket takes the time of the newest update folded into it.
    managed.times.set(bucket, time);
  }
}

/**
 * How a conflict names a manager (`printManager` in fieldmanager/internal/conflict.go):
 * `"kubectl"` for an applier, `"kubectl-edit" using apps/v1` for an updater, with
 * ` with subresource "scale"` after the name when the entry belongs to a subresource.
 */
export function printManager(identifier: string): string {
  let info: ManagerInfo;
  try {
    info = parseIdentifier(identifier);
  } catch {
    return JSON.stringify(identifier);
  }
  let text = JSON.stringify(info.manager ?? '');
  if (info.subresource) text += ` with subresource ${JSON.stringify(info.subresource)}`;
  if (info.operation === 'Update') text += ` using ${info.apiVersion ?? ''}`;
  return text;
}
