/**
 * The API server's access chain on a real Cluster: Forbidden messages for every kind of request,
 * service account tokens as Bearer credentials, and what the audit log keeps of it all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { ApiRequest } from '../types.ts';

let cluster: Cluster;
beforeAll(() => {
  cluster = new Cluster({ addons: false });
}, 60_000);

const asJane = { 'impersonate-user': 'jane' };
const message = (request: ApiRequest): unknown => {
  const response = cluster.handle(request);
  return [response.status, (response.body as { message?: string }).message];
};

describe('Forbidden', () => {
  it.each<[string, ApiRequest, string]>([
    ['a list', { method: 'GET', path: '/api/v1/namespaces/default/pods', headers: asJane },
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"'],
    ['a named object', { method: 'DELETE', path: '/apis/apps/v1/namespaces/dev/deployments/web', headers: asJane },
      'deployments.apps "web" is forbidden: User "jane" cannot delete resource "deployments" in API group "apps" in the namespace "dev"'],
    ['a cluster-scoped list', { method: 'GET', path: '/api/v1/nodes', headers: asJane },
      'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope'],
    ['a subresource', { method: 'GET', path: '/api/v1/namespaces/default/pods/web/log', headers: asJane },
      'pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"'],
    ['a create', { method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: asJane, body: { metadata: { name: 'x' } } },
      'configmaps is forbidden: User "jane" cannot create resource "configmaps" in API group "" in the namespace "default"'],
  ])('%s', (_name, request, expected) => {
    expect(message(request)).toEqual([403, expected]);
  });

  it('checks each impersonation: a service account may not impersonate', () => {
    cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/serviceaccounts', body: { metadata: { name: 'app' } } });
    const headers = { 'impersonate-user': 'system:serviceaccount:default:app' };
    expect(message({ method: 'GET', path: '/api/v1/namespaces/default/pods', headers: { ...headers, 'impersonate-group': 'ops' } })).toEqual([403,
      'pods is forbidden: User "system:serviceaccount:default:app" cannot list resource "pods" in API group "" in the namespace "default"']);
    expect(message({ method: 'GET', path: '/api/v1/namespaces/default/pods', headers: { 'impersonate-group': 'ops' } })).toEqual([400,
      'requested [{Group  ops  authentication.k8s.io/v1  }] without impersonating a user']);
  });
});

describe('service account tokens', () => {
  const tokenFor = (name: string, body: unknown = { spec: {} }): { status: number; body: { status?: { token: string; expirationTimestamp: string }; message?: string } } =>
    cluster.handle({ method: 'POST', path: `/api/v1/namespaces/default/serviceaccounts/${name}/token`, body }) as never;
  const whoami = (token: string): unknown => {
    const response = cluster.handle({ method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', headers: { authorization: `Bearer ${token}` }, body: {} });
    return response.status === 201 ? (response.body as { status: { userInfo: unknown } }).status.userInfo : response.status;
  };

  it('authenticates a TokenRequest token until it expires', () => {
    const answer = tokenFor('default', { spec: { expirationSeconds: 600 } });
    expect(answer.status).toBe(201);
    const token = answer.body.status!.token;
    expect(JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))).toMatchObject({
      sub: 'system:serviceaccount:default:default', iss: 'https://kubernetes.default.svc.cluster.local', aud: ['https://kubernetes.default.svc.cluster.local'],
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'default' } },
    });
    expect(whoami(token)).toEqual({ username: 'system:serviceaccount:default:default', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] });
    expect(message({ method: 'GET', path: '/api/v1/namespaces/default/pods', headers: { authorization: `Bearer ${token}` } })).toEqual([403,
      'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"']);
    cluster.advance(600_000);
    expect(whoami(token)).toBe(401);
  });

  it.each([
    [300, 'TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes'],
    [2 ** 33, `TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: ${2 ** 33}: may not specify a duration larger than 2^32 seconds`],
  ])('refuses expirationSeconds %d', (seconds, expected) => {
    expect(tokenFor('default', { spec: { expirationSeconds: seconds } }).body.message).toBe(expected);
  });

  it('accepts a legacy token Secret of an existing service account, and nothing else', () => {
    cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/secrets', body: {
      metadata: { name: 'legacy', annotations: { 'kubernetes.io/service-account.name': 'default' } }, type: 'kubernetes.io/service-account-token', data: { token: btoa('legacy-token') },
    } });
    expect(whoami('legacy-token')).toMatchObject({ username: 'system:serviceaccount:default:default' });
    expect(whoami('bogus')).toBe(401);
  });
});

describe('the audit log', () => {
  it('keeps the requester, whom it impersonated, and the answer', () => {
    const since = cluster.now();
    cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/secrets', headers: { 'impersonate-user': 'eve', 'user-agent': 'test' } });
    expect(cluster.audit.query({ since, user: 'eve' })).toMatchObject([{
      user: 'kubernetes-admin', impersonatedUser: 'eve', impersonatedGroups: ['system:authenticated'], verb: 'list', resource: 'secrets', namespace: 'default', code: 403,
    }]);
    expect(cluster.audit.query({ since, user: 'eve', code: 200 })).toEqual([]);
    expect(cluster.audit.query({ since: since + 1 })).toEqual([]);
  });
});
