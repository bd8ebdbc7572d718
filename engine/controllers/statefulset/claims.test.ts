import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../api/types.ts';
import { eventsFor, get, ok } from '../replicaset/test-helpers.ts';
import { claimOwnerReferences, isClaimOwnerUpToDate } from './claims.ts';
import { claimsPath, createSet, names, patchSet, podSummary, setPhase, setsPath, statefulCluster, statefulSet, withClaims } from './test-helpers.ts';

function setWith(whenScaled: string, whenDeleted: string): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default', uid: 'set-uid' }, spec: { replicas: 2, persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted } } };
}
const pod = (ordinal: number): KubeObject => ({ metadata: { name: `web-${ordinal}`, namespace: 'default', uid: `pod-${ordinal}-uid` } });
const setRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true, blockOwnerDeletion: true };
const podRef = (ordinal: number): OwnerReference => ({ apiVersion: 'v1', kind: 'Pod', name: `web-${ordinal}`, uid: `pod-${ordinal}-uid`, controller: true, blockOwnerDeletion: true });
const claim = (refs?: OwnerReference[]): KubeObject => ({ metadata: { name: 'www-web-0', ownerReferences: refs } });

describe('claim ownership per persistentVolumeClaimRetentionPolicy (replicas 2: web-1 in range, web-3 scaled down)', () => {
  it.each([
    ['Retain', 'Retain', 1, []],
    ['Retain', 'Retain', 3, []],
    ['Retain', 'Delete', 1, [setRef]],
    ['Retain', 'Delete', 3, [setRef]],
    ['Delete', 'Retain', 1, []],
    ['Delete', 'Retain', 3, [podRef(3)]],
    ['Delete', 'Delete', 1, [setRef]],
    ['Delete', 'Delete', 3, [podRef(3)]],
  ])('whenScaled %s, whenDeleted %s, web-%i → %j', (whenScaled, whenDeleted, ordinal, wanted) => {
    const set = setWith(whenScaled, whenDeleted);
    const bare = claim();
    expect(claimOwnerReferences(bare, set, pod(ordinal))).toEqual(wanted);
    expect(isClaimOwnerUpToDate(bare, set, pod(ordinal))).toBe(wanted.length === 0);
    expect(isClaimOwnerUpToDate(claim(wanted), set, pod(ordinal))).toBe(true);
  });

  it('leaves a claim owned by an earlier set of the same name alone (a stale UID)', () => {
    const stale = claim([{ ...setRef, uid: 'old-set-uid' }]);
    expect(isClaimOwnerUpToDate(stale, setWith('Retain', 'Delete'), pod(0))).toBe(true);
  });

  it('does not add itself next to another controller, but keeps non-controller owners', () => {
    const other: OwnerReference = { apiVersion: 'example.com/v1', kind: 'Backup', name: 'b', uid: 'b-uid', controller: true };
    const keeper: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'c-uid' };
    expect(claimOwnerReferences(claim([other, setRef]), setWith('Retain', 'Delete'), pod(0))).toEqual([other]);
    expect(claimOwnerReferences(claim([keeper]), setWith('Retain', 'Delete'), pod(0))).toEqual([keeper, setRef]);
  });
});

describe('PersistentVolumeClaims in a cluster', () => {
  it('keeps claims on scale-down (Retain) and gives them back to the same ordinals on scale-up', () => {
    const c = statefulCluster();
    createSet(c, withClaims(statefulSet(3, { podManagementPolicy: 'Parallel' })));
    const before = get(c, `${claimsPath}/www-web-2`)!.metadata.uid;
    patchSet(c, { spec: { replicas: 1 } });
    expect(podSummary(c)).toEqual(['web-0 web-7d6d54cbf']);
    expect(names(c, claimsPath)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    patchSet(c, { spec: { replicas: 3 } });
    expect(get(c, `${claimsPath}/www-web-2`)!.metadata.uid).toBe(before);
    expect((get(c, '/api/v1/namespaces/default/pods/web-2')!.spec as { volumes: unknown[] }).volumes[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } });
  });

  it('whenScaled Delete: a scaled-down pod\'s claim gets the pod as owner and is collected with it', () => {
    const c = statefulCluster();
    createSet(c, withClaims(statefulSet(2, { podManagementPolicy: 'Parallel', persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } })));
    for (const name of ['web-0', 'web-1']) setPhase(c, name, 'Running');
    expect(get(c, `${claimsPath}/www-web-1`)!.metadata.ownerReferences).toBeUndefined();
    patchSet(c, { spec: { replicas: 1 } });
    c.advance(1_000);
    expect(podSummary(c)).toEqual(['web-0 web-7d6d54cbf']);
    expect(names(c, claimsPath)).toEqual(['www-web-0']);
  });

  it('whenDeleted Delete: claims are owned by the set and go when the set is deleted', () => {
    const c = statefulCluster();
    const set = createSet(c, withClaims(statefulSet(1, { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } })));
    expect(get(c, `${claimsPath}/www-web-0`)!.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    ok(c, { method: 'DELETE', path: `${setsPath}/web` });
    c.advance(1_000);
    expect(names(c, claimsPath)).toEqual([]);
  });

  it('recreates a claim someone deleted while its pod is Pending', () => {
    const c = statefulCluster();
    createSet(c, withClaims(statefulSet(1)));
    ok(c, { method: 'DELETE', path: `${claimsPath}/www-web-0` });
    // Deleting the claim does not touch the pod; the next sync of the set notices.
    patchSet(c, { metadata: { labels: { touched: 'yes' } } });
    expect(names(c, claimsPath)).toEqual(['www-web-0']);
  });

  it('refuses to create a pod whose claim is being deleted, with FailedCreate', () => {
    const c = statefulCluster();
    ok(c, { method: 'POST', path: claimsPath, body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www-web-0', finalizers: ['example.com/hold'] }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } });
    ok(c, { method: 'DELETE', path: `${claimsPath}/www-web-0` });
    createSet(c, withClaims(statefulSet(1)));
    expect(podSummary(c)).toEqual([]);
    // The status write after the failed pass triggers one more sync, which fails the same way.
    expect(eventsFor(c, 'web')).toEqual(['Warning FailedCreate create Pod web-0 in StatefulSet web failed error: pvc www-web-0 is being deleted (x2)']);
    expect(c.controllers.errors.at(-1)).toMatchObject({ controller: 'statefulset-controller', key: 'default/web', message: 'pvc www-web-0 is being deleted' });
  });
});
