import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { EndpointSliceController } from './endpointslice.ts';
import { eventsFor, get, makePod, makeService, ok, setPodStatus, slicesOf, tableCells, zonedCluster, nodeZones } from './test-helpers.ts';
import type { Endpoint } from './pod-endpoint.ts';

function cluster(maxEndpointsPerSlice?: number): Cluster {
  const c = zonedCluster();
  c.controllers.add(new EndpointSliceController({ maxEndpointsPerSlice }));
  return c;
}

function endpoints(slice: KubeObject): Endpoint[] {
  return (slice.endpoints as Endpoint[] | null) ?? [];
}

/** `name ready/serving/terminating` of each endpoint, in slice order. */
function conditions(slice: KubeObject): string[] {
  return endpoints(slice).map((e) => `${e.targetRef!.name} ${e.conditions.ready}/${e.conditions.serving}/${e.conditions.terminating}`);
}

/** Delete a pod and finish the deletion as its kubelet would (a second DELETE with grace 0). */
function removePod(c: Cluster, name: string): void {
  for (let i = 0; i < 2; i++) ok(c, { method: 'DELETE', path: `/api/v1/namespaces/default/pods/${name}`, body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 } });
}

const webService = { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] };

describe('EndpointSlice controller', () => {
  it('keeps an empty placeholder slice for a Service without pods, then fills that same slice', () => {
    const c = cluster();
    const svc = makeService(c, 'web', webService, { app: 'web' });
    const [placeholder] = slicesOf(c, 'web');
    expect(placeholder).toMatchObject({
      addressType: 'IPv4', endpoints: null, ports: null,
      metadata: {
        generateName: 'web-',
        labels: { app: 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
    });
    expect(placeholder!.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    c.advance(5_000);
    const pod = makePod(c, 'web-1', { node: 'node-2', ip: '10.244.2.7' });
    const [slice] = slicesOf(c, 'web');
    expect(slice!.metadata.name).toBe(placeholder!.metadata.name);
    expect(slice!.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(slice!.endpoints).toEqual([{
      addresses: ['10.244.2.7'],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: pod.metadata.uid },
      nodeName: 'node-2',
      zone: 'zone-b',
    }]);
    // The pod turned Ready 5 s after the Service was made: that is the trigger of this change.
    expect(slice!.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:05Z' });
  });

  it.each([
    ['a pod going unready', (c: Cluster) => setPodStatus(c, 'web-2', '10.244.2.3', false), ['web-1 true/true/false', 'web-2 false/false/false', 'web-3 true/true/false']],
    ['a terminating pod: still serving, not ready', (c: Cluster) => ok(c, { method: 'DELETE', path: '/api/v1/namespaces/default/pods/web-2' }), ['web-1 true/true/false', 'web-2 false/true/true', 'web-3 true/true/false']],
    ['a pod gone', (c: Cluster) => removePod(c, 'web-2'), ['web-1 true/true/false', 'web-3 true/true/false']],
    ['a pod whose labels no longer match', (c: Cluster) => ok(c, { method: 'PATCH', path: '/api/v1/namespaces/default/pods/web-2', headers: { 'content-type': 'application/merge-patch+json' }, body: { metadata: { labels: { app: 'debug' } } } }), ['web-1 true/true/false', 'web-3 true/true/false']],
  ])('updates the slice in place for %s', (_name, change, expected) => {
    const c = cluster();
    makeService(c, 'web', webService);
    makePod(c, 'web-1', { node: 'node-1', ip: '10.244.1.3' });
    makePod(c, 'web-2', { node: 'node-2', ip: '10.244.2.3' });
    makePod(c, 'web-3', { node: 'node-3', ip: '10.244.3.3' });
    const [before] = slicesOf(c, 'web');
    expect(conditions(before!)).toEqual(['web-1 true/true/false', 'web-2 true/true/false', 'web-3 true/true/false']);
    expect(endpoints(before!).map((e) => e.zone)).toEqual(['zone-a', 'zone-b', 'zone-c']);
    change(c);
    const after = slicesOf(c, 'web');
    expect(after.map((s) => s.metadata.name)).toEqual([before!.metadata.name]);
    expect(conditions(after[0]!)).toEqual(expected);
  });

  it('publishNotReadyAddresses marks every endpoint ready', () => {
    const c = cluster();
    makeService(c, 'web', { ...webService, publishNotReadyAddresses: true });
    makePod(c, 'web-1', { node: 'node-1', ip: '10.244.1.3', ready: false });
    expect(conditions(slicesOf(c, 'web')[0]!)).toEqual(['web-1 true/false/false']);
  });

  it('resolves a named targetPort in each pod: pods with different numbers get different slices', () => {
    const c = cluster();
    makeService(c, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    makePod(c, 'old', { node: 'node-1', ip: '10.244.1.4', ports: [{ name: 'web', containerPort: 8080 }] });
    makePod(c, 'new', { node: 'node-2', ip: '10.244.2.4', ports: [{ name: 'web', containerPort: 9090 }] });
    makePod(c, 'none', { node: 'node-3', ip: '10.244.3.4', ports: [{ name: 'metrics', containerPort: 9100 }] });
    const byPort = Object.fromEntries(slicesOf(c, 'web').map((s) => [JSON.stringify(s.ports), endpoints(s).map((e) => e.targetRef!.name)]));
    // A pod without the named port is still an endpoint, with no ports (upstream skips only the port).
    expect(byPort).toEqual({
      '[{"name":"http","protocol":"TCP","port":8080}]': ['old'],
      '[{"name":"http","protocol":"TCP","port":9090}]': ['new'],
      'null': ['none'],
    });
  });

  it('gives pods of a headless Service their hostname when their subdomain is the Service', () => {
    const c = cluster();
    makeService(c, 'db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] });
    makePod(c, 'db-0', { node: 'node-1', ip: '10.244.1.5', labels: { app: 'db' }, hostname: 'db-0', subdomain: 'db' });
    makePod(c, 'db-x', { node: 'node-2', ip: '10.244.2.5', labels: { app: 'db' }, hostname: 'db-x', subdomain: 'other' });
    const [slice] = slicesOf(c, 'db');
    expect(slice!.metadata.labels).toEqual({
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'db', 'service.kubernetes.io/headless': '',
    });
    expect(endpoints(slice!).map((e) => [e.targetRef!.name, e.hostname])).toEqual([['db-0', 'db-0'], ['db-x', undefined]]);
  });

  it('splits endpoints into slices of at most maxEndpointsPerSlice and fills the fullest first', () => {
    const c = cluster(2);
    makeService(c, 'web', webService);
    for (let i = 1; i <= 5; i++) makePod(c, `web-${i}`, { node: 'node-1', ip: `10.244.1.${10 + i}` });
    expect(slicesOf(c, 'web').map((s) => endpoints(s).length).sort()).toEqual([1, 2, 2]);
    const before = slicesOf(c, 'web').map((s) => s.metadata.name);
    removePod(c, 'web-1');
    expect(slicesOf(c, 'web').map((s) => endpoints(s).length).sort()).toEqual([1, 1, 2]);
    makePod(c, 'web-6', { node: 'node-1', ip: '10.244.1.16' });
    // web-6 goes into an existing slice that it fills exactly: no slice is created or deleted.
    expect(slicesOf(c, 'web').map((s) => endpoints(s).length).sort()).toEqual([1, 2, 2]);
    expect(slicesOf(c, 'web').map((s) => s.metadata.name)).toEqual(before);
  });

  it('gives ExternalName Services and Services without a selector no slices', () => {
    const c = cluster();
    makeService(c, 'ext', { type: 'ExternalName', externalName: 'example.com' });
    makeService(c, 'manual', { ports: [{ port: 80 }] });
    expect([slicesOf(c, 'ext'), slicesOf(c, 'manual')]).toEqual([[], []]);
  });

  it('leaves out a pod whose node does not exist and records FailedToUpdateEndpointSlices', () => {
    const c = cluster();
    makeService(c, 'web', webService);
    makePod(c, 'ghost', { node: 'node-9', ip: '10.244.9.2' });
    expect(slicesOf(c, 'web').map((s) => s.endpoints)).toEqual([null]);
    expect(eventsFor(c, 'web')).toEqual([
      'Warning FailedToUpdateEndpointSlices Error updating Endpoint Slices for Service default/web: skipping Pod ghost for Service default/web: Node node-9 Not Found',
    ]);
  });

  it('recreates a slice a user deleted, one second later', () => {
    const c = cluster();
    makeService(c, 'web', webService);
    makePod(c, 'web-1', { node: 'node-1', ip: '10.244.1.3' });
    const [slice] = slicesOf(c, 'web');
    ok(c, { method: 'DELETE', path: `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/${slice!.metadata.name}` });
    expect(slicesOf(c, 'web')).toEqual([]);
    c.advance(1_000);
    expect(slicesOf(c, 'web').map(conditions)).toEqual([['web-1 true/true/false']]);
  });

  it('prints the slice as kubectl get endpointslices does', () => {
    const c = cluster();
    makeService(c, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] });
    for (let i = 1; i <= 4; i++) makePod(c, `web-${i}`, { node: `node-${((i - 1) % 3) + 1}`, ip: `10.244.${((i - 1) % 3) + 1}.${i + 2}` });
    const [slice] = slicesOf(c, 'web');
    const row = tableCells(c, '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices').find((cells) => cells[0] === slice!.metadata.name);
    expect(row).toEqual([slice!.metadata.name, 'IPv4', '443,80', '10.244.1.3,10.244.2.4,10.244.3.5 + 1 more...', '0s']);
  });
});

describe('EndpointSlice controller with kubelets and the scheduler', () => {
  it('lists the 3 ready nginx pods of a Deployment in one slice, each in its node\'s zone', () => {
    const c = new Cluster({ seed: 11, omitControllers: ['endpoint-controller', 'endpointslice-controller', 'endpointslicemirroring-controller'] });
    c.controllers.add(new EndpointSliceController());
    ok(c, { method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } } },
    } });
    makeService(c, 'nginx', { selector: { app: 'nginx' }, ports: [{ port: 80 }] });
    c.advance(60_000);
    const pods = (ok(c, { method: 'GET', path: '/api/v1/namespaces/default/pods', query: { labelSelector: 'app=nginx' } }) as unknown as { items: KubeObject[] }).items;
    const slices = slicesOf(c, 'nginx');
    expect(slices).toHaveLength(1);
    const expected = pods.map((pod) => {
      const node = (pod.spec as { nodeName: string }).nodeName;
      return { addresses: [(pod.status as { podIP: string }).podIP], conditions: { ready: true, serving: true, terminating: false }, nodeName: node, zone: nodeZones[node], targetRef: { kind: 'Pod', namespace: 'default', name: pod.metadata.name, uid: pod.metadata.uid } };
    });
    expect(new Set(endpoints(slices[0]!).map((e) => JSON.stringify(e, Object.keys(e).sort())))).toEqual(new Set(expected.map((e) => JSON.stringify(e, Object.keys(e).sort()))));
    expect(expected.every((e) => e.zone && /^10\.244\.\d+\.\d+$/.test(e.addresses[0]!))).toBe(true);
    expect(get(c, `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/${slices[0]!.metadata.name}`)!.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  });
});
