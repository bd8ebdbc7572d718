import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { EndpointsController } from './endpoints.ts';
import { eventsFor, get, makePod, makeService, ok, setPodStatus, tableCells, withoutManagedFields, zonedCluster } from '../endpointslice/test-helpers.ts';

const endpointsPath = '/api/v1/namespaces/default/endpoints';

function cluster(): Cluster {
  const c = zonedCluster();
  c.controllers.add(new EndpointsController());
  return c;
}

function endpointsOf(c: Cluster, name: string): Record<string, unknown> | undefined {
  const ep = get(c, `${endpointsPath}/${name}`);
  if (!ep) return undefined;
  const { uid: _uid, resourceVersion: _rv, creationTimestamp: _t, ...metadata } = withoutManagedFields(ep).metadata;
  return { ...ep, metadata };
}

function ref(c: Cluster, name: string): Record<string, string> {
  return { kind: 'Pod', namespace: 'default', name, uid: get(c, `/api/v1/namespaces/default/pods/${name}`)!.metadata.uid! };
}

/** ENDPOINTS column of `kubectl get endpoints NAME`. */
function printed(c: Cluster, name: string): unknown {
  return tableCells(c, endpointsPath).find((cells) => cells[0] === name)?.[1];
}

describe('Endpoints controller', () => {
  it('lists ready pods by IP, not-ready ones apart, with the Service labels and the trigger time', () => {
    const c = cluster();
    makeService(c, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] }, { app: 'web' });
    c.advance(2_000);
    makePod(c, 'web-b', { node: 'node-2', ip: '10.244.2.3' });
    makePod(c, 'web-a', { node: 'node-1', ip: '10.244.1.3' });
    makePod(c, 'web-c', { node: 'node-3', ip: '10.244.3.3', ready: false });
    expect(endpointsOf(c, 'web')).toEqual({
      apiVersion: 'v1', kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:02Z' } },
      subsets: [{
        addresses: [{ ip: '10.244.1.3', nodeName: 'node-1', targetRef: ref(c, 'web-a') }, { ip: '10.244.2.3', nodeName: 'node-2', targetRef: ref(c, 'web-b') }],
        notReadyAddresses: [{ ip: '10.244.3.3', nodeName: 'node-3', targetRef: ref(c, 'web-c') }],
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      }],
    });
    expect(printed(c, 'web')).toBe('10.244.1.3:80,10.244.2.3:80');
  });

  it.each([
    ['a pod going unready moves to notReadyAddresses', (c: Cluster) => setPodStatus(c, 'web-2', '10.244.2.3', false), ['10.244.1.3', '10.244.3.3'], ['10.244.2.3']],
    ['a terminating pod is dropped', (c: Cluster) => ok(c, { method: 'DELETE', path: '/api/v1/namespaces/default/pods/web-2' }), ['10.244.1.3', '10.244.3.3'], []],
  ])('%s', (_name, change, ready, notReady) => {
    const c = cluster();
    makeService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    for (const n of [1, 2, 3]) makePod(c, `web-${n}`, { node: `node-${n}`, ip: `10.244.${n}.3` });
    expect(printed(c, 'web')).toBe('10.244.1.3:80,10.244.2.3:80,10.244.3.3:80');
    change(c);
    const [subset] = (get(c, `${endpointsPath}/web`)!.subsets as { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[] }[]);
    expect([subset!.addresses?.map((a) => a.ip), subset!.notReadyAddresses?.map((a) => a.ip) ?? []]).toEqual([ready, notReady]);
  });

  it('orders several ports as the real controller does (by hash): https before http; dns-tcp, dns, then metrics', () => {
    const c = cluster();
    makeService(c, 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] });
    makeService(c, 'dns', { selector: { app: 'web' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153 }] });
    for (const n of [1, 2]) makePod(c, `web-${n}`, { node: `node-${n}`, ip: `10.244.${n}.3` });
    expect(printed(c, 'web')).toBe('10.244.1.3:443,10.244.2.3:443,10.244.1.3:80 + 1 more...');
    expect((get(c, `${endpointsPath}/dns`)!.subsets as { ports: { name: string }[] }[])[0]!.ports.map((p) => p.name)).toEqual(['dns-tcp', 'dns', 'metrics']);
  });

  it('labels Endpoints of a headless Service and names pods whose subdomain is the Service', () => {
    const c = cluster();
    makeService(c, 'db', { clusterIP: 'None', selector: { app: 'db' } });
    makePod(c, 'db-0', { node: 'node-1', ip: '10.244.1.5', labels: { app: 'db' }, hostname: 'db-0', subdomain: 'db' });
    const ep = endpointsOf(c, 'db')!;
    expect([(ep.metadata as { labels: unknown }).labels, ep.subsets]).toEqual([
      { 'service.kubernetes.io/headless': '' },
      [{ addresses: [{ ip: '10.244.1.5', hostname: 'db-0', nodeName: 'node-1', targetRef: ref(c, 'db-0') }] }],
    ]);
    expect(printed(c, 'db')).toBe('10.244.1.5');
  });

  it('deletes the Endpoints with its Service and leaves Endpoints of Services without a selector to their users', () => {
    const c = cluster();
    makeService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    makeService(c, 'external', { ports: [{ port: 5432 }] });
    ok(c, { method: 'POST', path: endpointsPath, body: { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external' }, subsets: [{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 5432 }] }] } });
    expect([printed(c, 'web'), printed(c, 'external')]).toEqual(['<none>', '192.168.1.10:5432']);
    ok(c, { method: 'DELETE', path: '/api/v1/namespaces/default/services/web' });
    expect(get(c, `${endpointsPath}/web`)).toBeUndefined();
    expect(printed(c, 'external')).toBe('192.168.1.10:5432');
    expect(eventsFor(c, 'web')).toEqual([]);
  });

  it('makes deleted Endpoints again', () => {
    const c = cluster();
    makeService(c, 'web', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    makePod(c, 'web-1', { node: 'node-1', ip: '10.244.1.3' });
    ok(c, { method: 'DELETE', path: `${endpointsPath}/web` });
    expect(printed(c, 'web')).toBe('10.244.1.3:80');
  });
});
