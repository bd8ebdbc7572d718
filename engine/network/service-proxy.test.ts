import { describe, expect, it } from 'vitest';
import { Random } from '../clock.ts';
import type { KubeObject } from '../api/types.ts';
import { listersOf } from './listers.ts';
import { ServiceProxy } from './service-proxy.ts';
import { makeService, makeSlice } from './test-helpers.ts';

const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.3' }] } };

function proxy(objects: KubeObject[], now = { t: 0 }): ServiceProxy {
  return new ServiceProxy(listersOf([node, ...objects]), new Random(3), () => now.t);
}

const web = makeService('web', { type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] });
const webSlice = makeSlice('web', [{ ip: '10.244.1.2' }, { ip: '10.244.2.2' }, { ip: '10.244.3.2' }, { ip: '10.244.3.9', ready: false }], [{ name: 'http', port: 8080 }]);

describe('kube-proxy', () => {
  it.each([
    ['ClusterIP to a ready endpoint on the slice\'s port', '10.96.0.50', 80, 'endpoint 8080'],
    ['NodePort on a node address', '172.18.0.3', 30080, 'endpoint 8080'],
    ['ClusterIP on an undeclared port: no rule, dropped', '10.96.0.50', 81, 'drop'],
    ['a pod IP goes straight through', '10.244.1.2', 8080, 'direct'],
  ])('%s', (_name, ip, port, expected) => {
    const decision = proxy([web, webSlice]).route('10.244.9.9', ip, port);
    expect(decision.kind === 'endpoint' ? `endpoint ${decision.port}` : decision.kind).toBe(expected);
  });

  it('spreads connections over ready endpoints only', () => {
    const p = proxy([web, webSlice]);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const d = p.route('10.244.9.9', '10.96.0.50', 80);
      if (d.kind === 'endpoint') seen.add(d.ip);
    }
    expect([...seen].sort()).toEqual(['10.244.1.2', '10.244.2.2', '10.244.3.2']);
  });

  it('rejects when no endpoint is ready, and falls back to serving terminating endpoints', () => {
    expect(proxy([web, makeSlice('web', [{ ip: '10.244.1.2', ready: false }], [{ name: 'http', port: 8080 }])]).route('c', '10.96.0.50', 80).kind).toBe('reject');
    const terminating = makeSlice('web', [{ ip: '10.244.1.2', ready: false, serving: true, terminating: true }], [{ name: 'http', port: 8080 }]);
    expect(proxy([web, terminating]).route('c', '10.96.0.50', 80)).toMatchObject({ kind: 'endpoint', ip: '10.244.1.2' });
  });

  it('keeps a client on one endpoint with ClientIP affinity until the timeout passes', () => {
    const sticky = makeService('web', { clusterIP: '10.96.0.50', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, ports: [{ name: 'http', port: 80 }] });
    const now = { t: 0 };
    const p = proxy([sticky, webSlice], now);
    const first = p.route('10.244.9.9', '10.96.0.50', 80);
    const picks = new Set<string>();
    for (let i = 0; i < 20; i++) {
      now.t += 30_000;
      const d = p.route('10.244.9.9', '10.96.0.50', 80);
      if (d.kind === 'endpoint') picks.add(d.ip);
    }
    expect(first.kind === 'endpoint' && [...picks]).toEqual([first.kind === 'endpoint' ? first.ip : '']);
    const others = new Set<string>();
    for (let i = 0; i < 20; i++) {
      now.t += 61_000;
      const d = p.route('10.244.9.9', '10.96.0.50', 80);
      if (d.kind === 'endpoint') others.add(d.ip);
    }
    expect(others.size).toBeGreaterThan(1);
  });
});
