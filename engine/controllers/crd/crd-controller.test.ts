import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { crdCleanupFinalizer } from '../../api/custom-resources.ts';
import { corpusFolder, createCrd, crdCluster, deleteCrdAsApiServer, getCrd, listNames, manifestObjects, shirtsPath } from './test-helpers.ts';
import { crdCollection } from './status.ts';

const start = '2026-01-01T00:00:00Z';

const readCorpus = (file: string): KubeObject[] => manifestObjects(readFileSync(`${corpusFolder}/${file}`, 'utf8'));
/** The corpus Shirt CRD, with selectable fields and printer columns. */
const shirtCrd = (): KubeObject => readCorpus('shirt-resource-definition.yaml')[0];


describe('establishing a CRD', () => {
  it('accepts the names, establishes it and serves its version, as a real cluster shows it', () => {
    const cluster = crdCluster();
    expect(createCrd(cluster, shirtCrd()).status).toBe(201);
    expect(getCrd(cluster, 'shirts.stable.example.com')?.status).toEqual({
      conditions: [
        { type: 'NamesAccepted', status: 'True', lastTransitionTime: start, reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', lastTransitionTime: start, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      acceptedNames: { plural: 'shirts', singular: 'shirt', kind: 'Shirt', listKind: 'ShirtList' },
      storedVersions: ['v1'],
    });
    const discovery = cluster.handle({ method: 'GET', path: '/apis/stable.example.com/v1' });
    expect(discovery.body).toMatchObject({
      groupVersion: 'stable.example.com/v1',
      resources: [{ name: 'shirts', singularName: 'shirt', namespaced: true, kind: 'Shirt', verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'] }],
    });
    for (const shirt of readCorpus('shirt-resources.yaml')) {
      expect(cluster.handle({ method: 'POST', path: shirtsPath(), body: shirt }).status).toBe(201);
    }
    expect(listNames(cluster, shirtsPath())).toEqual(['example1', 'example2', 'example3']);
  });

  it('registers short names, categories and the status and scale subresources of each served version', () => {
    const cluster = crdCluster();
    const crd = shirtCrd();
    const spec = crd.spec as { names: Record<string, unknown>; versions: Record<string, unknown>[] };
    spec.names.shortNames = ['sh'];
    spec.names.categories = ['all'];
    spec.versions[0].subresources = { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } };
    spec.versions.push({ ...spec.versions[0], name: 'v1beta1', storage: false, served: false });
    createCrd(cluster, crd);
    expect(cluster.api.context.registry.all().filter((r) => r.custom && r.group === 'stable.example.com')).toEqual([{
      group: 'stable.example.com', version: 'v1', resource: 'shirts', kind: 'Shirt', singular: 'shirt', namespaced: true,
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'], custom: true,
      shortNames: ['sh'], categories: ['all'], subresources: ['status', 'scale'],
    }]);
  });

  it('refuses a kind another CRD of the group holds, and does not serve the newcomer', () => {
    const cluster = crdCluster();
    createCrd(cluster, shirtCrd());
    const rival = shirtCrd();
    rival.metadata.name = 'tshirts.stable.example.com';
    (rival.spec as { names: Record<string, unknown> }).names = { plural: 'tshirts', singular: 'tshirt', kind: 'Shirt', listKind: 'TShirtList' };
    expect(createCrd(cluster, rival).status).toBe(201);
    expect(getCrd(cluster, 'tshirts.stable.example.com')?.status).toEqual({
      conditions: [
        { type: 'NamesAccepted', status: 'False', lastTransitionTime: start, reason: 'KindConflict', message: '"Shirt" is already in use' },
        { type: 'Established', status: 'False', lastTransitionTime: start, reason: 'NotAccepted', message: 'not all names are accepted' },
      ],
      acceptedNames: { plural: 'tshirts', singular: 'tshirt', kind: '', listKind: 'TShirtList' },
      storedVersions: ['v1'],
    });
    expect(cluster.handle({ method: 'GET', path: '/apis/stable.example.com/v1/namespaces/default/tshirts' }).status).toBe(404);
  });
});

describe('deleting a CRD', () => {
  function withShirts(): ReturnType<typeof crdCluster> {
    const cluster = crdCluster();
    createCrd(cluster, shirtCrd());
    cluster.handle({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } });
    for (const shirt of readCorpus('shirt-resources.yaml')) cluster.handle({ method: 'POST', path: shirtsPath(), body: shirt });
    cluster.handle({ method: 'POST', path: shirtsPath('shop'), body: { apiVersion: 'stable.example.com/v1', kind: 'Shirt', metadata: { name: 'red' }, spec: { color: 'red' } } });
    return cluster;
  }

  it('deletes its custom resources and stops serving them', () => {
    const cluster = withShirts();
    const deleted = cluster.handle({ method: 'DELETE', path: `${crdCollection}/shirts.stable.example.com` });
    expect(deleted.status).toBe(200);
    expect(getCrd(cluster, 'shirts.stable.example.com')).toBeUndefined();
    expect(cluster.api.context.store.count('stable.example.com/shirts')).toBe(0);
    expect(cluster.handle({ method: 'GET', path: shirtsPath() }).status).toBe(404);
    expect(cluster.handle({ method: 'GET', path: '/apis/stable.example.com/v1' }).status).toBe(404);
  });

  it('holds the CRD with the cleanup finalizer until its custom resources are gone', () => {
    const cluster = withShirts();
    // A custom resource with a finalizer of its own keeps the CRD Terminating.
    cluster.handle({
      method: 'PATCH', path: `${shirtsPath()}/example1`, headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { finalizers: ['example.com/hold'] } },
    });
    deleteCrdAsApiServer(cluster, 'shirts.stable.example.com');
    const terminating = getCrd(cluster, 'shirts.stable.example.com') as KubeObject;
    expect(terminating.metadata.finalizers).toEqual([crdCleanupFinalizer]);
    expect((terminating.status as { conditions: unknown[] }).conditions).toContainEqual({
      type: 'Terminating', status: 'True', lastTransitionTime: start, reason: 'InstanceDeletionInProgress', message: 'CustomResource deletion is in progress',
    });
    expect(listNames(cluster, '/apis/stable.example.com/v1/shirts')).toEqual(['example1']);

    cluster.handle({
      method: 'PATCH', path: `${shirtsPath()}/example1`, headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { finalizers: null } },
    });
    cluster.advance(5_000);
    expect(getCrd(cluster, 'shirts.stable.example.com')).toBeUndefined();
    expect(cluster.api.context.registry.all().some((r) => r.custom && r.group === 'stable.example.com')).toBe(false);
  });

  it('lets a CRD that was never established go without touching anything', () => {
    const cluster = crdCluster();
    createCrd(cluster, shirtCrd());
    const rival = shirtCrd();
    rival.metadata = { name: 'tshirts.stable.example.com' };
    (rival.spec as { names: Record<string, unknown> }).names = { plural: 'tshirts', kind: 'Shirt' };
    createCrd(cluster, rival);
    deleteCrdAsApiServer(cluster, 'tshirts.stable.example.com');
    expect(getCrd(cluster, 'tshirts.stable.example.com')).toBeUndefined();
    expect(getCrd(cluster, 'shirts.stable.example.com')).toBeDefined();
  });
});
