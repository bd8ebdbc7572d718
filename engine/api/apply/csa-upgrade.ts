/**
 * kubectl's side of moving from client-side to server-side apply (client-go util/csaupgrade, used
 * by `kubectl apply --server-side` in kubectl/pkg/cmd/apply/apply.go). After its apply PATCH,
 * kubectl with the default manager `kubectl`:
 * 1. if the object has a last-applied annotation that no Apply entry owns, applies just that
 *    annotation as manager `kubectl-last-applied` (so later SSA applies do not drop it);
 * 2. finds the Update entries that own the annotation (`kubectl-client-side-apply`) and sends a
 *    JSON patch that folds their fields into the `kubectl` Apply entry and deletes them, with a
 *    `replace` of resourceVersion so a concurrent change makes it fail with 409;
 * 3. when it migrated something, sends the original apply again, so that fields only the old
 *    client-side manager had set and the configuration no longer has are finally pruned.
 * The emulator calls these helpers; the server needs nothing special for them.
 */
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { FieldSet } from './fieldpath.ts';
import { lastAppliedAnnotation } from './last-applied.ts';

/** The manager kubectl uses to keep the last-applied annotation owned once an object is applied server-side. */
export const lastAppliedManager = 'kubectl-last-applied';

/** The field path of the last-applied annotation. */
export const lastAppliedFieldSet = FieldSet.of([{ field: 'metadata' }, { field: 'annotations' }, { field: lastAppliedAnnotation }]);

function entrySet(entry: ManagedFieldsEntry): FieldSet | undefined {
  try {
    return FieldSet.fromFieldsV1(entry.fieldsV1 ?? {});
  } catch {
    return undefined;
  }
}

/** Entries of this operation that own every field of `fields` (`csaupgrade.FindFieldsOwners`). */
export function findFieldsOwners(entries: readonly ManagedFieldsEntry[], operation: 'Apply' | 'Update', fields: FieldSet): ManagedFieldsEntry[] {
  return entries.filter((entry) => {
    if (entry.operation !== operation) return false;
    const set = entrySet(entry);
    return set !== undefined && fields.difference(set).empty();
  });
}

const sameSubresource = (entry: ManagedFieldsEntry, subresource: string): boolean => (entry.subresource ?? '') === subresource;

/** The entries with one client-side manager folded into the server-side one (`upgradedManagedFields`). */
function upgraded(entries: ManagedFieldsEntry[], csaManager: string, ssaManager: string, subresource: string): ManagedFieldsEntry[] {
  const out = entries.map((e) => ({ ...e }));
  const isCsa = (e: ManagedFieldsEntry): boolean => e.manager === csaManager && e.operation === 'Update' && sameSubresource(e, subresource);
  let target = out.findIndex((e) => e.manager === ssaManager && e.operation === 'Apply' && sameSubresource(e, subresource));
  if (target < 0) {
    // No Apply entry yet: the most recent client-side entry becomes it.
    target = out.findIndex(isCsa);
    if (target < 0) return out;
    out[target] = { ...out[target], operation: 'Apply', manager: ssaManager };
  }
  const csa = out.find((e) => isCsa(e) && e.apiVersion === out[target].apiVersion);
  let fields = entrySet(out[target]) ?? new FieldSet();
  const csaFields = csa ? entrySet(csa) : undefined;
  if (csaFields) fields = fields.union(csaFields);
  out[target] = { ...out[target], fieldsV1: fields.toFieldsV1() };
  return out.filter((e) => !isCsa(e));
}

/**
 * The JSON patch kubectl sends to migrate managedFields (`csaupgrade.UpgradeManagedFieldsPatch`),
 * or undefined when there is nothing to migrate.
 */
export function upgradeManagedFieldsPatch(object: KubeObject, csaManagers: Iterable<string>, ssaManager: string, subresource = ''): unknown[] | undefined {
  const original = object.metadata.managedFields ?? [];
  let entries = original;
  for (const csa of csaManagers) entries = upgraded(entries, csa, ssaManager, subresource);
  if (JSON.stringify(entries) === JSON.stringify(original)) return undefined;
  return [
    { op: 'replace', path: '/metadata/managedFields', value: entries },
    { op: 'replace', path: '/metadata/resourceVersion', value: object.metadata.resourceVersion ?? '' },
  ];
}
