import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { EndpointSliceController } from './endpointslice.ts';
import { EndpointSliceMirroringController } from './mirroring.ts';
import { kubernetesEndpointObjects } from './apiserver-endpoints.ts';
import { eventsFor, get, makeService, ok, slicesOf, withoutManagedFields, zonedCluster } from './test-helpers.ts';

const endpointsPath = '/api/v1/namespaces/default/endpoints';

function cluster(): Cluster {
  const c = zonedCluster();
  c.controllers.add(new EndpointSliceController());
  c.controllers.add(new EndpointSliceMirroringController());
  return c;
}

function userEndpoints(subsets: unknown[], labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', labels }, subsets };
}

describe('EndpointSlice mirroring', () => {
  it('mirrors the Endpoints a user writes for a Service without a selector', () => {
    const c = cluster();
    makeService(c, 'db', { ports: [{ name: 'pg', port: 5432 }] });
    const ep = ok(c, { method: 'POST', path: endpointsPath, body: userEndpoints([
      { addresses: [{ ip: '192.168.1.10' }, { ip: '192.168.1.11', hostname: 'db-b' }], notReadyAddresses: [{ ip: '192.168.1.12' }], ports: [{ name: 'pg', port: 5432 }] },
    ], { team: 'data' }) });
    const slices = slicesOf(c, 'db').map((s) => withoutManagedFields(get(c, `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/${s.metadata.name}`)!));
    expect(slices).toHaveLength(1);
    const { name, uid: _uid, resourceVersion: _rv, generation: _g, creationTimestamp: _t, ...metadata } = slices[0]!.metadata;
    expect(name).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect({ ...slices[0], metadata }).toEqual({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: {
        generateName: 'db-', namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io', 'kubernetes.io/service-name': 'db', team: 'data' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: 'db', uid: ep.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['192.168.1.10'], conditions: { ready: true } },
        { addresses: ['192.168.1.11'], conditions: { ready: true }, hostname: 'db-b' },
        { addresses: ['192.168.1.12'], conditions: { ready: false } },
      ],
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    });
  });

  it.each([
    ['the Endpoints change', (c: Cluster) => ok(c, { method: 'PUT', path: `${endpointsPath}/db`, body: userEndpoints([{ addresses: [{ ip: '192.168.1.20' }], ports: [{ port: 5432 }] }]) }), [['192.168.1.20']]],
    ['the Endpoints go', (c: Cluster) => ok(c, { method: 'DELETE', path: `${endpointsPath}/db` }), []],
    ['the Service gets a selector', (c: Cluster) => ok(c, { method: 'PATCH', path: '/api/v1/namespaces/default/services/db', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { selector: { app: 'db' } } } }), [[]]],
  ])('follows when %s', (_name, change, expected) => {
    const c = cluster();
    makeService(c, 'db', { ports: [{ port: 5432 }] });
    ok(c, { method: 'POST', path: endpointsPath, body: userEndpoints([{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 5432 }] }]) });
    const before = slicesOf(c, 'db').map((s) => s.metadata.name);
    change(c);
    const after = slicesOf(c, 'db');
    expect(after.map((s) => ((s.endpoints ?? []) as { addresses: string[] }[]).flatMap((e) => e.addresses))).toEqual(expected);
    if (expected.length && expected[0]!.length) expect(after.map((s) => s.metadata.name)).toEqual(before);
    // With a selector the EndpointSlice controller takes over: its placeholder replaces the mirrored slice.
    if (expected.length && !expected[0]!.length) expect(after[0]!.metadata.labels!['endpointslice.kubernetes.io/managed-by']).toBe('endpointslice-controller.k8s.io');
  });

  it('mirrors at most 1000 addresses of a subset and says how many it skipped', () => {
    const c = cluster();
    makeService(c, 'db', { ports: [{ port: 5432 }] });
    const addresses = Array.from({ length: 1002 }, (_, i) => ({ ip: `192.168.${Math.floor(i / 250)}.${(i % 250) + 1}` }));
    ok(c, { method: 'POST', path: endpointsPath, body: userEndpoints([{ addresses, ports: [{ port: 5432 }] }]) });
    expect(slicesOf(c, 'db').map((s) => (s.endpoints as unknown[]).length)).toEqual([1000]);
    expect(eventsFor(c, 'db')).toEqual(['Warning TooManyAddressesToMirror A max of 1000 addresses can be mirrored to EndpointSlices per Endpoints subset. 2 addresses were skipped']);
  });

  it('does not mirror the API server\'s own kubernetes Endpoints (skip-mirror)', () => {
    // The cluster's bootstrap creates both objects, as kube-apiserver does.
    const c = cluster();
    expect(kubernetesEndpointObjects('172.18.0.2').map((o) => get(c, o.kind === 'Endpoints' ? `${endpointsPath}/kubernetes` : '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes')?.metadata.name)).toEqual(['kubernetes', 'kubernetes']);
    expect(slicesOf(c, 'kubernetes').map((s) => [s.metadata.name, s.metadata.labels, s.endpoints, s.ports])).toEqual([
      ['kubernetes', { 'kubernetes.io/service-name': 'kubernetes' }, [{ addresses: ['172.18.0.2'], conditions: { ready: true } }], [{ name: 'https', port: 6443, protocol: 'TCP' }]],
    ]);
  });
});
