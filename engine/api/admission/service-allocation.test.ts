import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../types.ts';

const path = '/api/v1/namespaces/default/services';

function service(name: string, type: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type, selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } };
}

/** Create a Service, then merge-patch its spec the way `kubectl patch svc NAME -p '{"spec":…}'` does. */
function changeType(type: string, patch: Record<string, unknown>): { status: number; body: KubeObject & { message?: string } } {
  const cluster = new Cluster({ seed: 1, addons: false });
  expect(cluster.handle({ method: 'POST', path, body: service('web', type) }).status).toBe(201);
  cluster.advance(2_000);
  const response = cluster.handle({ method: 'PATCH', path: `${path}/web`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: patch } });
  return response as { status: number; body: KubeObject & { message?: string } };
}

describe('changing a Service type (the strategy’s dropTypeDependentFields)', () => {
  it.each([
    ['LoadBalancer', { type: 'ClusterIP' }, { type: 'ClusterIP', ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None' }],
    ['NodePort', { type: 'ClusterIP' }, { type: 'ClusterIP', ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None' }],
    ['NodePort', { type: 'ExternalName', externalName: 'example.com' }, { type: 'ExternalName', externalName: 'example.com', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None' }],
  ])('%s → %j wipes the node ports, traffic policy and load balancer it no longer needs', (from, patch, expected) => {
    const { status, body } = changeType(from, patch);
    expect(status).toBe(200);
    const spec = body.spec as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(spec).filter(([k]) => k in expected));
    expect(kept).toEqual(expected);
    expect(spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 8080 }]);
    expect(Object.keys(spec).filter((k) => ['allocateLoadBalancerNodePorts', 'externalTrafficPolicy', 'healthCheckNodePort'].includes(k))).toEqual([]);
    expect('clusterIP' in spec).toBe(patch.type !== 'ExternalName');
    expect(body.status).toEqual({ loadBalancer: {} });
  });

  it('keeps a nodePort the user adds in the same change, and validation refuses it', () => {
    const { status, body } = changeType('NodePort', { type: 'ClusterIP', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] });
    expect(status).toBe(422);
    expect(body.message).toBe("Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  });
});
