/**
 * The audit log read as the API server's log file: each request's line is the `audit.k8s.io/v1`
 * Event kube-apiserver writes at level Metadata, byte for byte but for the audit ID and the times.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { auditIdOf, auditLine, toAuditEvent } from './audit-event.ts';
import { statusFields } from './audit-record.ts';
import type { ApiRequest } from './types.ts';

let cluster: Cluster;
beforeAll(() => {
  cluster = new Cluster({ addons: false });
  const create = (path: string, body: object): void => {
    expect(cluster.handle({ method: 'POST', path, body }).status).toBe(201);
  };
  create('/api/v1/namespaces', { metadata: { name: 'dev' } });
  create('/api/v1/namespaces/dev/serviceaccounts', { metadata: { name: 'app' } });
  create('/apis/rbac.authorization.k8s.io/v1/namespaces/dev/roles', {
    metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
  });
  create('/apis/rbac.authorization.k8s.io/v1/namespaces/dev/rolebindings', {
    metadata: { name: 'read-pods' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
    subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'app' }],
  });
}, 60_000);

const kubectl = 'kubectl/v1.32.2 (linux/amd64) kubernetes/67a30c0';
const admin = '"user":{"username":"kubernetes-admin","groups":["kubeadm:cluster-admins","system:authenticated"]}';
const adminAllowed = '"annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding \\"kubeadm:cluster-admins\\" of ClusterRole \\"cluster-admin\\" to Group \\"kubeadm:cluster-admins\\""}';

/** Send one request and read its line of the log, with the audit ID and times as placeholders. */
function lineOf(request: ApiRequest): string {
  const since = cluster.now();
  cluster.handle({ ...request, headers: { 'user-agent': kubectl, ...request.headers } });
  const lines = cluster.audit.lines({ since });
  const time = new Date(since).toISOString().replace('Z', '000Z');
  return lines[lines.length - 1].replace(/"auditID":"[0-9a-f-]{36}"/, '"auditID":"ID"').replaceAll(time, 'T');
}

/** The start and end every line has, around the request's own fields. */
const event = (uri: string, verb: string, middle: string, status: string, annotations?: string): string =>
  `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"ID","stage":"ResponseComplete","requestURI":${JSON.stringify(uri).replaceAll('&', '\\u0026')},` +
  `"verb":"${verb}",${middle},"responseStatus":{"metadata":{},${status}},"requestReceivedTimestamp":"T","stageTimestamp":"T"${annotations ? `,${annotations}` : ''}}`;

describe('audit log lines', () => {
  it.each<[string, ApiRequest, string]>([
    ['the admin lists pods (allowed by its ClusterRoleBinding)',
      { method: 'GET', path: '/api/v1/namespaces/default/pods', query: { limit: '500' } },
      event('/api/v1/namespaces/default/pods?limit=500', 'list',
        `${admin},"sourceIPs":["172.18.0.1"],"userAgent":"${kubectl}","objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"}`,
        '"code":200', adminAllowed)],
    ['a watch: Go escapes & in the URI',
      { method: 'GET', path: '/apis/apps/v1/namespaces/dev/deployments', query: { allowWatchBookmarks: 'true', watch: 'true' } },
      event('/apis/apps/v1/namespaces/dev/deployments?allowWatchBookmarks=true&watch=true', 'watch',
        `${admin},"sourceIPs":["172.18.0.1"],"userAgent":"${kubectl}","objectRef":{"resource":"deployments","namespace":"dev","apiGroup":"apps","apiVersion":"v1"}`,
        '"code":200', adminAllowed)],
    ['a create names the object it sent',
      { method: 'POST', path: '/api/v1/namespaces/dev/configmaps', body: { metadata: { name: 'settings' }, data: { a: '1' } } },
      event('/api/v1/namespaces/dev/configmaps', 'create',
        `${admin},"sourceIPs":["172.18.0.1"],"userAgent":"${kubectl}","objectRef":{"resource":"configmaps","namespace":"dev","name":"settings","apiVersion":"v1"}`,
        '"code":201', adminAllowed)],
    ['a namespace is in itself',
      { method: 'GET', path: '/api/v1/namespaces/dev' },
      event('/api/v1/namespaces/dev', 'get',
        `${admin},"sourceIPs":["172.18.0.1"],"userAgent":"${kubectl}","objectRef":{"resource":"namespaces","namespace":"dev","name":"dev","apiVersion":"v1"}`,
        '"code":200', adminAllowed)],
    ['a NotFound keeps the Status',
      { method: 'GET', path: '/api/v1/namespaces/dev/pods/nope' },
      event('/api/v1/namespaces/dev/pods/nope', 'get',
        `${admin},"sourceIPs":["172.18.0.1"],"userAgent":"${kubectl}","objectRef":{"resource":"pods","namespace":"dev","name":"nope","apiVersion":"v1"}`,
        '"status":"Failure","message":"pods \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404', adminAllowed)],
    ['jane, impersonated, is refused: forbid with no reason',
      { method: 'GET', path: '/api/v1/namespaces/default/pods/web', headers: { 'impersonate-user': 'jane' } },
      event('/api/v1/namespaces/default/pods/web', 'get',
        `${admin},"impersonatedUser":{"username":"jane","groups":["system:authenticated"]},"sourceIPs":["172.18.0.1"],"userAgent":"${kubectl}",` +
        '"objectRef":{"resource":"pods","namespace":"default","name":"web","apiVersion":"v1"}',
        '"status":"Failure","message":"pods \\"web\\" is forbidden: User \\"jane\\" cannot get resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",' +
        '"reason":"Forbidden","details":{"name":"web","kind":"pods"},"code":403',
        '"annotations":{"authorization.k8s.io/decision":"forbid","authorization.k8s.io/reason":""}')],
    ['jane is allowed in dev by a RoleBinding',
      { method: 'GET', path: '/api/v1/namespaces/dev/pods', headers: { 'impersonate-user': 'jane' } },
      event('/api/v1/namespaces/dev/pods', 'list',
        `${admin},"impersonatedUser":{"username":"jane","groups":["system:authenticated"]},"sourceIPs":["172.18.0.1"],"userAgent":"${kubectl}",` +
        '"objectRef":{"resource":"pods","namespace":"dev","apiVersion":"v1"}',
        '"code":200',
        '"annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by RoleBinding \\"read-pods/dev\\" of Role \\"pod-reader\\" to User \\"jane\\""}')],
    ['an impersonation that is refused never reaches the authorization filter',
      { method: 'GET', path: '/api/v1/namespaces/dev/pods', headers: { 'impersonate-user': 'bob', authorization: 'Bearer TOKEN' } },
      event('/api/v1/namespaces/dev/pods', 'list',
        `"user":{"username":"system:serviceaccount:dev:app","groups":["system:serviceaccounts","system:serviceaccounts:dev","system:authenticated"]},"sourceIPs":["172.18.0.2"],"userAgent":"${kubectl}",` +
        '"objectRef":{"resource":"pods","namespace":"dev","apiVersion":"v1"}',
        '"status":"Failure","message":"users \\"bob\\" is forbidden: User \\"system:serviceaccount:dev:app\\" cannot impersonate resource \\"users\\" in API group \\"\\" at the cluster scope",' +
        '"reason":"Forbidden","details":{"name":"bob","kind":"users"},"code":403')],
    ['a bad token: no user, no decision',
      { method: 'GET', path: '/api/v1/namespaces/dev/pods', headers: { authorization: 'Bearer bogus' } },
      event('/api/v1/namespaces/dev/pods', 'list',
        `"user":{},"sourceIPs":["172.18.0.1"],"userAgent":"${kubectl}","objectRef":{"resource":"pods","namespace":"dev","apiVersion":"v1"}`,
        '"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401')],
  ])('%s', (_name, request, expected) => {
    const authorization = request.headers?.authorization?.replace('TOKEN', token('dev', 'app'));
    expect(lineOf({ ...request, headers: { ...request.headers, ...(authorization ? { authorization } : {}) } })).toBe(expected);
  });

  it('names a service account subject as name/namespace', () => {
    cluster.handle({ method: 'GET', path: '/api/v1/namespaces/dev/pods', headers: { authorization: `Bearer ${token('dev', 'app')}` } });
    // The clock stands still here: the newest record is this request's.
    expect(cluster.audit.events({ user: 'system:serviceaccount:dev:app', resource: 'pods' }).slice(-1).map((e) => e.annotations)).toEqual([{
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': 'RBAC: allowed by RoleBinding "read-pods/dev" of Role "pod-reader" to ServiceAccount "app/dev"',
    }]);
  });

  it('gives a component, let through unchecked, the reason RBAC would give it', () => {
    const user = { username: 'system:kube-scheduler', groups: ['system:authenticated'] };
    cluster.handle({ method: 'GET', path: '/api/v1/nodes', user });
    expect(cluster.audit.events({ user: user.username, resource: 'nodes' }).slice(-1)).toMatchObject([{
      user: { username: 'system:kube-scheduler' }, sourceIPs: ['172.18.0.2'],
      annotations: {
        'authorization.k8s.io/decision': 'allow',
        'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole "system:kube-scheduler" to User "system:kube-scheduler"',
      },
    }]);
  });

  it('sees a kubelet\'s requests come from its node\'s InternalIP', () => {
    const [event] = cluster.audit.events({ user: 'system:node:node-1' }).slice(-1);
    expect(event).toMatchObject({ user: { username: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] }, sourceIPs: ['172.18.0.3'] });
  });

  it.each<[string, unknown, unknown]>([
    ['an object answer keeps only its code', { kind: 'Pod', metadata: { name: 'web' } }, undefined],
    ['a failure keeps its Status fields, in the struct\'s order',
      { kind: 'Status', apiVersion: 'v1', metadata: {}, code: 409, details: { kind: 'pods', name: 'web' }, reason: 'AlreadyExists', message: 'pods "web" already exists', status: 'Failure' },
      { status: 'Failure', message: 'pods "web" already exists', reason: 'AlreadyExists', details: { name: 'web', kind: 'pods' } }],
    ['a Success Status (a delete answered with one) keeps status and details',
      { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'web', group: 'apps', kind: 'deployments', uid: 'u-1' }, code: 200 },
      { status: 'Success', details: { name: 'web', group: 'apps', kind: 'deployments', uid: 'u-1' } }],
  ])('responseStatus: %s', (_name, body, expected) => {
    const fields = statusFields(body);
    expect(fields).toEqual(expected);
    expect(JSON.stringify(fields ?? null)).toBe(JSON.stringify(expected ?? null));
  });

  it('gives every request its own version-4 audit ID, the same on every run', () => {
    const ids = cluster.audit.events().slice(-20).map((e) => e.auditID);
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(auditIdOf(0)).toBe(auditIdOf(0));
    expect(auditIdOf(0)).not.toBe(auditIdOf(1));
  });

  it('writes microsecond times and escapes <, > and & as encoding/json does', () => {
    const [record] = cluster.audit.query().slice(-1);
    const line = auditLine({ ...toAuditEvent(record), requestURI: '/api/v1/pods?labelSelector=a<b&x>y' });
    expect(line).toContain('"requestURI":"/api/v1/pods?labelSelector=a\\u003cb\\u0026x\\u003ey"');
    expect(toAuditEvent(record).requestReceivedTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });
});

/** A service account token from the TokenRequest API. */
function token(namespace: string, name: string): string {
  const response = cluster.handle({ method: 'POST', path: `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, body: { spec: {} } });
  return (response.body as { status: { token: string } }).status.token;
}
