import { describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { serverSideApply } from './apply.ts';
import { findFieldsOwners, lastAppliedFieldSet, lastAppliedManager, upgradeManagedFieldsPatch } from './csa-upgrade.ts';
import { lastAppliedAnnotation } from './last-applied.ts';
import { apps, at, webConfig } from './testdata.ts';
import type { WebConfig } from './testdata.ts';
import { updateManagedFields } from './update.ts';

function ok(result: ReturnType<typeof serverSideApply>): KubeObject {
  if ('conflicts' in result) throw new Error(result.status.message);
  return result.object;
}

const entries = (o: KubeObject): [string | undefined, string | undefined][] =>
  (o.metadata.managedFields ?? []).map((e: ManagedFieldsEntry) => [e.manager, e.operation]);

/** A Deployment created by `kubectl apply` (client-side), stored with a default the server added. */
function createdClientSide(): KubeObject {
  const config = webConfig();
  const stored = {
    ...config,
    metadata: { ...config.metadata, annotations: { [lastAppliedAnnotation]: `${JSON.stringify(config)}\n` } },
    spec: { ...config.spec, revisionHistoryLimit: 10 },
  };
  return updateManagedFields({ updated: stored, manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', time: at(0) });
}

describe('kubectl apply --server-side on an object made by client-side apply', () => {
  it('runs the three requests kubectl sends and ends with kubectl owning only what it applies', () => {
    const config = webConfig((d) => { d.spec.replicas = 4; });
    // 1. The apply PATCH: conflicts on fields the annotation vouches for are forgiven.
    const first = ok(serverSideApply({ live: createdClientSide(), applied: config, manager: 'kubectl', force: false, gvk: apps, time: at(10) }));
    expect(entries(first)).toEqual([['kubectl', 'Apply'], ['kubectl-client-side-apply', 'Update']]);
    // 2. No Apply entry owns the annotation yet: kubectl applies it alone as kubectl-last-applied.
    expect(findFieldsOwners(first.metadata.managedFields ?? [], 'Apply', lastAppliedFieldSet)).toEqual([]);
    const annotationOnly = {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', annotations: { [lastAppliedAnnotation]: first.metadata.annotations![lastAppliedAnnotation] } },
    };
    const second = ok(serverSideApply({ live: first, applied: annotationOnly, manager: lastAppliedManager, force: false, gvk: apps, time: at(10) }));
    // Same value as stored: a no-op apply, so the new entry has no time.
    const lastAppliedEntry = second.metadata.managedFields?.find((e) => e.manager === lastAppliedManager);
    expect([lastAppliedEntry?.operation, lastAppliedEntry?.time]).toEqual(['Apply', undefined]);
    // 3. The JSON patch that folds kubectl-client-side-apply into kubectl.
    const owners = findFieldsOwners(second.metadata.managedFields ?? [], 'Update', lastAppliedFieldSet).map((e) => e.manager ?? '');
    expect(owners).toEqual(['kubectl-client-side-apply']);
    const patch = upgradeManagedFieldsPatch({ ...second, metadata: { ...second.metadata, resourceVersion: '42' } }, owners, 'kubectl') as { value: unknown }[];
    expect(patch.map((op) => ({ ...op, value: undefined }))).toEqual([
      { op: 'replace', path: '/metadata/managedFields', value: undefined },
      { op: 'replace', path: '/metadata/resourceVersion', value: undefined },
    ]);
    expect(patch[1].value).toBe('42');
    const migratedEntries = patch[0].value as ManagedFieldsEntry[];
    // kubectl-last-applied has no time, so it sorts before kubectl.
    expect(migratedEntries.map((e) => [e.manager, e.operation])).toEqual([[lastAppliedManager, 'Apply'], ['kubectl', 'Apply']]);
    const migrated = updateManagedFields({ live: second, updated: { ...second, metadata: { ...second.metadata, managedFields: migratedEntries } }, manager: 'kubectl', apiVersion: 'apps/v1', time: at(10) });
    const kubectlFields = (o: KubeObject): string => JSON.stringify(o.metadata.managedFields?.find((e) => e.manager === 'kubectl')?.fieldsV1);
    expect(kubectlFields(migrated)).toContain('f:revisionHistoryLimit');
    // 4. The apply again: what only client-side apply had set is pruned (the server defaults it back).
    const last = ok(serverSideApply({ live: migrated, applied: config, manager: 'kubectl', force: false, gvk: apps, time: at(10) })) as WebConfig & { spec: { revisionHistoryLimit?: number } };
    expect(last.spec.revisionHistoryLimit).toBeUndefined();
    expect(last.metadata.annotations?.[lastAppliedAnnotation]).toBeDefined();
    expect(kubectlFields(last)).not.toContain('f:revisionHistoryLimit');
    expect(entries(last)).toEqual([[lastAppliedManager, 'Apply'], ['kubectl', 'Apply']]);
  });

  it('has nothing to migrate once no client-side entry is left', () => {
    const object = ok(serverSideApply({ applied: webConfig(), manager: 'kubectl', force: false, gvk: apps, time: at(0) }));
    expect(upgradeManagedFieldsPatch(object, ['kubectl-client-side-apply'], 'kubectl')).toBeUndefined();
  });
});
