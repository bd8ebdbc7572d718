/**
 * The authorizer wired into a cluster: Forbidden messages as kube-apiserver writes them,
 * impersonation, service accounts, and the review resources' answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { ApiRequest } from '../types.ts';
import { authorizeRequest } from './filter.ts';
import { installAuthorization } from './install.ts';

let cluster: Cluster;

function post(path: string, body: unknown): void {
  const response = cluster.handle({ method: 'POST', path, body });
  if (response.status >= 300) throw new Error(JSON.stringify(response.body));
}

beforeAll(() => {
  cluster = new Cluster({ addons: false });
  installAuthorization(cluster);
  post('/api/v1/namespaces', { metadata: { name: 'dev' } });
  const rbac = '/apis/rbac.authorization.k8s.io/v1/namespaces/dev';
  post(`${rbac}/roles`, { metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] });
  post(`${rbac}/rolebindings`, { metadata: { name: 'jane-reads-pods' }, roleRef: { kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'User', name: 'jane' }] });
  post(`${rbac}/rolebindings`, { metadata: { name: 'app-view' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'app' }] });
  post(`${rbac}/rolebindings`, { metadata: { name: 'stale' }, roleRef: { kind: 'Role', name: 'ghost' }, subjects: [{ kind: 'User', name: 'jane' }] });
}, 60_000);

const as = (user: string) => ({ 'impersonate-user': user });

describe('authorization filter', () => {
  it.each<[string, ApiRequest, number, string?]>([
    ['the admin lists pods', { method: 'GET', path: '/api/v1/namespaces/default/pods' }, 200],
    ['jane lists pods in dev', { method: 'GET', path: '/api/v1/namespaces/dev/pods', headers: as('jane') }, 200],
    ['jane lists pods in default', { method: 'GET', path: '/api/v1/namespaces/default/pods', headers: as('jane') }, 403,
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"'],
    ['jane watches pods in dev', { method: 'GET', path: '/api/v1/namespaces/dev/pods', query: { watch: 'true' }, headers: as('jane') }, 403,
      'pods is forbidden: User "jane" cannot watch resource "pods" in API group "" in the namespace "dev": RBAC: role.rbac.authorization.k8s.io "ghost" not found'],
    ['jane reads logs', { method: 'GET', path: '/api/v1/namespaces/dev/pods/web/log', headers: as('jane') }, 403,
      'pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "dev": RBAC: role.rbac.authorization.k8s.io "ghost" not found'],
    ['jane lists nodes', { method: 'GET', path: '/api/v1/nodes', headers: as('jane') }, 403,
      'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope'],
    ['jane lists deployments', { method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments', headers: as('jane') }, 403,
      'deployments.apps is forbidden: User "jane" cannot list resource "deployments" in API group "apps" in the namespace "default"'],
    ['jane reads discovery', { method: 'GET', path: '/apis/apps/v1', headers: as('jane') }, 200],
    ['jane reads /metrics', { method: 'GET', path: '/metrics', headers: as('jane') }, 403, 'forbidden: User "jane" cannot get path "/metrics"'],
    ['a service account reads deployments through view', { method: 'GET', path: '/apis/apps/v1/namespaces/dev/deployments', headers: as('system:serviceaccount:dev:app') }, 200],
    ['the service account may not exec', { method: 'POST', path: '/api/v1/namespaces/dev/pods/web/exec', headers: as('system:serviceaccount:dev:app') }, 403,
      'pods "web" is forbidden: User "system:serviceaccount:dev:app" cannot create resource "pods/exec" in API group "" in the namespace "dev"'],
  ])('%s', (_name, request, code, message) => {
    const response = cluster.handle(request);
    expect(response.status).toBe(code);
    if (message) expect(response.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details: expect.any(Object), code: 403 });
  });

  it('refuses impersonation to a user without the impersonate verb', () => {
    const bob = { username: 'bob', groups: ['system:authenticated'] };
    const result = authorizeRequest(cluster.api.context, { method: 'GET', path: '/api/v1/pods', headers: as('jane') }, bob);
    expect(result).toEqual({ allowed: false, response: expect.objectContaining({ status: 403 }) });
    expect(!result.allowed && result.response.body).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403,
      message: 'users "jane" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
      details: { name: 'jane', kind: 'users' },
    });
  });
});

describe('reviews', () => {
  const review = (path: string, body: unknown, user?: string) =>
    cluster.handle({ method: 'POST', path, body, headers: user ? as(user) : {} });

  it('answers a SelfSubjectAccessReview with the binding that allowed it', () => {
    const response = review('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { spec: { resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'nodes' } } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'nodes' } },
      status: { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"' },
    });
  });

  it('names a RoleBinding to a service account by name/namespace', () => {
    const response = review('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { spec: { resourceAttributes: { namespace: 'dev', verb: 'get', resource: 'pods', subresource: 'log' } } }, 'system:serviceaccount:dev:app');
    expect((response.body as { status: unknown }).status).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "app-view/dev" of ClusterRole "view" to ServiceAccount "app/dev"' });
  });

  it('tells who the request ran as (SelfSubjectReview)', () => {
    const response = review('/apis/authentication.k8s.io/v1/selfsubjectreviews', {}, 'system:serviceaccount:dev:app');
    expect(response.body).toEqual({
      kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null },
      status: { userInfo: { username: 'system:serviceaccount:dev:app', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] } },
    });
  });

  it("lists jane's rules in dev, the missing role making the list incomplete", () => {
    const response = review('/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { spec: { namespace: 'dev' } }, 'jane');
    const status = (response.body as { status: { resourceRules: unknown[]; incomplete: boolean; evaluationError: string } }).status;
    expect(status.resourceRules).toContainEqual({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] });
    expect(status.resourceRules).toContainEqual({ verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] });
    expect([status.incomplete, status.evaluationError]).toEqual([true, 'role.rbac.authorization.k8s.io "ghost" not found']);
  });

  it('refuses a review with neither attributes', () => {
    const response = review('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { spec: {} });
    expect(response.status).toBe(422);
  });
});
