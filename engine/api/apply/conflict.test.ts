import { describe, expect, it } from 'vitest';
import type { ApplyConflict } from './conflict.ts';
import { conflictStatus } from './conflict.ts';

const csa = { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1' } as const;
const hpa = { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', subresource: 'scale' } as const;
const ssa = { manager: 'kubectl', operation: 'Apply' } as const;

describe('conflictStatus', () => {
  it.each<[string, ApplyConflict[], string, string[]]>([
    ['one conflict with an updater', [{ ...csa, field: '.spec.replicas' }],
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      ['conflict with "kubectl-client-side-apply" using apps/v1']],
    ['one conflict with an applier', [{ ...ssa, field: '.spec.replicas' }],
      'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas', ['conflict with "kubectl"']],
    ['one conflict through a subresource', [{ ...hpa, field: '.spec.replicas' }],
      'Apply failed with 1 conflict: conflict with "kube-controller-manager" with subresource "scale" using apps/v1: .spec.replicas',
      ['conflict with "kube-controller-manager" with subresource "scale" using apps/v1']],
    ['two conflicts with one manager', [{ ...csa, field: '.spec.replicas' }, { ...csa, field: '.spec.foo' }],
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.foo',
      ['conflict with "kubectl-client-side-apply" using apps/v1', 'conflict with "kubectl-client-side-apply" using apps/v1']],
    // Groups sort by identifier JSON: `{"manager":"kubectl","…` before `{"manager":"kubectl-client…` ('"' < '-').
    ['conflicts with two managers, grouped by identifier', [{ ...ssa, field: '.spec.paused' }, { ...csa, field: '.spec.replicas' }, { ...ssa, field: '.metadata.labels.app' }],
      'Apply failed with 3 conflicts: conflicts with "kubectl":\n- .spec.paused\n- .metadata.labels.app\n' +
      'conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas',
      ['conflict with "kubectl"', 'conflict with "kubectl-client-side-apply" using apps/v1', 'conflict with "kubectl"']],
  ])('%s', (_name, conflicts, message, causeMessages) => {
    const status = conflictStatus(conflicts);
    expect(status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Conflict', code: 409, message });
    expect(status.details?.causes).toEqual(conflicts.map((c, i) => ({ reason: 'FieldManagerConflict', message: causeMessages[i], field: c.field })));
  });
});
