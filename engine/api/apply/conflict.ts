/**
 * The 409 an apply gets when it would change fields other managers own, formatted as
 * apimachinery's managedfields/internal/conflict.go formats it: one `FieldManagerConflict` cause
 * per field, and a message that kubectl prints before its "--force-conflicts" advice.
 */
import type { Status } from '../errors.ts';
import type { Path } from './fieldpath.ts';
import { pathString } from './fieldpath.ts';
import type { ManagerInfo } from './managers.ts';
import { managerIdentifier, parseIdentifier, printManager } from './managers.ts';

/** One field an apply would take from another manager. */
export interface ApplyConflict extends ManagerInfo {
  /** The field as Go prints a path: `.spec.replicas`, `.spec.template.spec.containers[name="nginx"].image`. */
  field: string;
}

/** Conflicts from per-manager sets of paths (identifier → paths), managers in identifier order. */
export function conflictsFromManagers(byManager: Map<string, Path[]>): ApplyConflict[] {
  const out: ApplyConflict[] = [];
  for (const id of [...byManager.keys()].sort()) {
    for (const path of byManager.get(id)!) out.push({ ...parseIdentifier(id), field: pathString(path) });
  }
  return out;
}

/**
 * The conflict Status. One conflict:
 * `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`;
 * several: `Apply failed with 2 conflicts: conflicts with "x" using apps/v1:\n- .spec.replicas\n- …`,
 * grouped by manager in the order of their identifiers.
 */
export function conflictStatus(conflicts: readonly ApplyConflict[]): Status {
  const names = conflicts.map((c) => printManager(managerIdentifier(c)));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${names[0]}: ${conflicts[0].field}`;
  } else {
    const groups = new Map<string, string[]>();
    conflicts.forEach((c) => {
      const id = managerIdentifier(c);
      groups.set(id, [...(groups.get(id) ?? []), c.field]);
    });
    const lines: string[] = [];
    for (const id of [...groups.keys()].sort()) {
      lines.push(`conflicts with ${printManager(id)}:`);
      for (const field of groups.get(id)!) lines.push(`- ${field}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: {
      causes: conflicts.map((c, i) => ({ reason: 'FieldManagerConflict', message: `conflict with ${names[i]}`, field: c.field })),
    },
    code: 409,
  };
}
