import { describe, expect, it } from 'vitest';
import { LabService } from './lab-service.ts';

describe('auditLog', () => {
  it.each([
    ['kubectl --as=jane get pods', 'list', undefined, 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"'],
    ['kubectl --as=jane get pod web -n dev', 'get', 'web', 'pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "dev"'],
    ['kubectl --as=jane get nodes', 'list', undefined, 'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope'],
    ['kubectl --as=jane create deployment web --image=nginx', 'create', 'web', 'deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "default"'],
    // kubectl scale reads the object first: that GET is what is refused.
    ['kubectl --as=jane scale deployment coredns -n kube-system --replicas=3', 'get', 'coredns', 'deployments.apps "coredns" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "kube-system"'],
  ])('%s: the 403 with the message the server answered', async (command, verb, name, message) => {
    const lab = new LabService();
    const answer = await lab.kubectl(command);
    // kubectl prints the server's message after its own prefix (`Error from server (Forbidden): `, `error: no objects passed to scale `).
    expect(answer.ok && answer.value.stderr.endsWith(` ${message}\n`)).toBe(true);
    const page = await lab.auditLog({ user: 'jane', limit: 5 });
    // The message is the one the record kept of the answer; RBAC denies with no reason of its own.
    expect(page.ok && page.value.entries.map((e) => ({
      user: e.user, as: e.impersonatedUser, verb: e.verb, name: e.name, code: e.code, reason: e.reason, decision: e.decision, why: e.authorizationReason,
    }))).toEqual([{ user: 'kubernetes-admin', as: 'jane', verb, name, code: 403, reason: message, decision: 'forbid', why: '' }]);
  });

  it('shows what allowed a request, any failure\'s message, and the line the audit log file has', async () => {
    const lab = new LabService();
    await lab.kubectl('kubectl delete pod nope');
    const page = await lab.auditLog({ verb: 'delete', hideSystem: true, limit: 1 });
    const [entry] = page.ok ? page.value.entries : [];
    expect(entry).toMatchObject({
      user: 'kubernetes-admin', verb: 'delete', name: 'nope', code: 404, reason: 'pods "nope" not found', decision: 'allow',
      authorizationReason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    });
    expect(JSON.parse(entry.line)).toMatchObject({
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', stage: 'ResponseComplete', verb: 'delete',
      requestURI: '/api/v1/namespaces/default/pods/nope', requestReceivedTimestamp: entry.time,
      objectRef: { resource: 'pods', namespace: 'default', name: 'nope', apiVersion: 'v1' },
      responseStatus: { metadata: {}, status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404 },
      annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': entry.authorizationReason },
    });
  });

  it('pages newest first, bounded, filtered by verb, user and the system components', async () => {
    const lab = new LabService();
    await lab.kubectl('kubectl create deployment web --image=nginx');
    await lab.kubectl('kubectl --as=jane get pods');
    await lab.kubectl('kubectl --as=jane delete pod nope');
    await lab.step(5);
    const page = await lab.auditLog({ user: 'jane', limit: 1 });
    expect(page.ok && page.value).toMatchObject({
      matched: 2,
      entries: [{
        time: expect.stringMatching(/^2026-01-01T00:00:00\.\d{6}Z$/), user: 'kubernetes-admin', impersonatedUser: 'jane', verb: 'delete', group: '',
        resource: 'pods', namespace: 'default', name: 'nope', requestURI: '/api/v1/namespaces/default/pods/nope', code: 403,
        reason: 'pods "nope" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"',
      }],
    });
    expect(page.ok && page.value.users).toEqual(expect.arrayContaining(['jane', 'kubernetes-admin', 'system:node:node-1']));
    const creates = await lab.auditLog({ verb: 'create', hideSystem: true });
    // The newest create by a person; the add-ons were installed by the admin too, at boot.
    expect(creates.ok && creates.value.entries.slice(0, 2).map((e) => `${e.user} ${e.verb} ${e.resource} ${e.namespace}/${e.name} ${e.code}`))
      .toEqual(['kubernetes-admin create deployments default/web 201', 'kubernetes-admin create apiservices undefined/v1beta1.metrics.k8s.io 201']);
    expect(creates.ok && creates.value.entries.every((e) => !e.user.startsWith('system:'))).toBe(true);
    // The controllers created the ReplicaSet and its pod; the scheduler bound it.
    const system = await lab.auditLog({ verb: 'create' });
    expect(system.ok && system.value.entries.filter((e) => e.user.startsWith('system:')).length).toBeGreaterThan(0);
    const all = await lab.auditLog({ limit: 100_000 });
    expect(all.ok && all.value.entries.length).toBe(500);
  });
});
