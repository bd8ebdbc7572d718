/**
 * managedFields after a write through the `scale` subresource (`kubectl scale`, the HPA), as
 * apimachinery's managedfields ScaleHandler maps them back onto the parent: the scaler gets an
 * Update entry with `subresource: scale` owning `.spec.replicas`, in the parent's apiVersion, and
 * every other entry loses `.spec.replicas`.
 *
 * The real handler copies the new entry's time from the parent's entries under the Scale's own
 * identifier (apiVersion autoscaling/v1), which never matches, so scale entries carry no `time`
 * — real clusters show them that way, and with no time they sort first among the Update entries.
 */
import type { KubeObject } from '../types.ts';
import type { Path } from './fieldpath.ts';
import { FieldSet } from './fieldpath.ts';
import { decodeManagedFields, encodeManagedFields, managerIdentifier } from './managers.ts';
import { jsonEqual } from './schema.ts';
import type { JsonValue } from './fieldpath.ts';
import { withManagedFields } from './update.ts';

const replicasPath: Path = [{ field: 'spec' }, { field: 'replicas' }];

/** A write through `/scale`, for `updateScaleManagedFields`. */
export interface ScaleUpdateInput {
  /** The parent object before the write. */
  live: KubeObject;
  /** The parent object with the new replicas. */
  updated: KubeObject;
  /** `fieldManager`, or the user-agent prefix: `kubectl` for `kubectl scale`. */
  manager: string;
  /** The parent's group/version, e.g. `apps/v1`. */
  apiVersion: string;
}

/**
 * The parent to store after a scale, with managedFields moved. A scale that leaves replicas as
 * they were keeps the managedFields unchanged.
 */
export function updateScaleManagedFields(input: ScaleUpdateInput): KubeObject {
  const before = (input.live.spec as { replicas?: JsonValue } | undefined)?.replicas;
  const after = (input.updated.spec as { replicas?: JsonValue } | undefined)?.replicas;
  let managed;
  try {
    managed = decodeManagedFields(input.live.metadata.managedFields ?? []);
  } catch {
    return withManagedFields(input.updated, input.live.metadata.managedFields);
  }
  if (jsonEqual(before, after) || (managed.fields.size === 0 && input.live.metadata.uid)) {
    return withManagedFields(input.updated, input.live.metadata.managedFields);
  }
  const replicas = FieldSet.of(replicasPath);
  for (const [id, versioned] of managed.fields) {
    const set = versioned.set.difference(replicas);
    if (set.empty()) managed.fields.delete(id);
    else managed.fields.set(id, { ...versioned, set });
  }
  const id = managerIdentifier({ manager: input.manager || 'unknown', operation: 'Update', apiVersion: input.apiVersion, subresource: 'scale' });
  managed.fields.set(id, { set: replicas, apiVersion: input.apiVersion, applied: false });
  managed.times.delete(id);
  return withManagedFields(input.updated, encodeManagedFields(managed));
}
