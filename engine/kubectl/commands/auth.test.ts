/**
 * The emulator's `kubectl auth`: its output pinned for an isolated cluster with authorization
 * installed (the real kubectl's output for the same questions is compared in tests/kubectl/rbac.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { installAuthorization } from '../../api/authz/index.ts';
import { KubectlSession } from '../session.ts';
import { registerCommand } from './index.ts';
import { authCommand } from './auth.ts';

let session: KubectlSession;

beforeAll(() => {
  const cluster = new Cluster({ addons: false });
  installAuthorization(cluster);
  registerCommand(authCommand);
  session = new KubectlSession(cluster);
  const rbac = '/apis/rbac.authorization.k8s.io/v1/namespaces/default';
  for (const [path, body] of [
    [`${rbac}/roles`, { metadata: { name: 'web-operator' }, rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'get', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], resourceNames: ['web'], verbs: ['get', 'update'] },
    ] }],
    [`${rbac}/rolebindings`, { metadata: { name: 'jane' }, roleRef: { kind: 'Role', name: 'web-operator' }, subjects: [{ kind: 'User', name: 'jane' }] }],
  ] as const) {
    expect(cluster.handle({ method: 'POST', path, body: structuredClone(body) }).status).toBe(201);
  }
}, 60_000);

const discoveryRows = ['/api/*', '/api', '/apis/*', '/apis', '/healthz', '/healthz', '/livez', '/livez', '/openapi/*', '/openapi',
  '/readyz', '/readyz', '/version/', '/version/', '/version', '/version']
  .map((url) => `${' '.repeat(48)}${`[${url}]`.padEnd(20)}[]               [get]\n`).join('');

describe('kubectl auth (emulator)', () => {
  it.each([
    ['auth can-i get deployments/web --as jane', 'yes\n', '', 0],
    ['auth can-i get deployments/db --as jane', 'no\n', '', 1],
    ['auth can-i update deployments.apps/web --subresource=scale --as jane', 'yes\n', '', 0],
    ['auth can-i list pods -n kube-system --as jane', 'no\n', '', 1],
    ['auth can-i list pods -A --as jane', 'no\n', '', 1],
    ['auth can-i create pods -q --as jane', '', '', 1],
    ['auth can-i frobnicate pods', 'yes\n', "Warning: verb 'frobnicate' is not a known verb\n\n", 0],
    ['auth can-i get widgets --as jane', 'no\n', "Warning: the server doesn't have a resource type 'widgets'\n\n", 1],
    ['auth can-i impersonate users', 'yes\n', '', 0],
    ['auth can-i get /version --as jane', 'yes\n', '', 0],
    ['auth can-i get', '', "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n", 1],
    ['auth can-i --list pods', '', 'error: list option must be specified with no arguments\n', 1],
    ['auth can-i get pods --no-headers', '', 'error: --no-headers cannot be set without --list specified\n', 1],
  ])('%s', (line, stdout, stderr, exitCode) => {
    expect(session.run(`kubectl ${line}`)).toEqual({ stdout, stderr, exitCode });
  });

  it("lists jane's rules: verbs merged per resource in first-seen order, sorted as kubectl sorts PolicyRules", () => {
    expect(session.run('kubectl auth can-i --list --as jane').stdout).toBe(
      'Resources                                       Non-Resource URLs   Resource Names   Verbs\n' +
      'selfsubjectreviews.authentication.k8s.io        []                  []               [create]\n' +
      'selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]\n' +
      'selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]\n' +
      'deployments.apps/scale                          []                  [web]            [get update]\n' +
      'deployments.apps                                []                  [web]            [get update]\n' +
      discoveryRows +
      // Verbs stay in the order kubectl met them (list, get), and rules sort by their verbs.
      'pods                                            []                  []               [list get]\n');
  });

  it('prints who you are', () => {
    expect(session.run('kubectl auth whoami').stdout).toBe(
      'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n');
    expect(session.run('kubectl auth whoami --as system:serviceaccount:default:app').stdout).toBe(
      'ATTRIBUTE   VALUE\n' +
      'Username    system:serviceaccount:default:app\n' +
      'Groups      [system:serviceaccounts system:serviceaccounts:default system:authenticated]\n');
    expect(JSON.parse(session.run('kubectl auth whoami -o json --as jane --as-group devs').stdout)).toEqual({
      kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null },
      status: { userInfo: { username: 'jane', groups: ['devs', 'system:authenticated'] } },
    });
  });

  it('prints its help on stderr without a subcommand', () => {
    const result = session.run('kubectl auth');
    expect([result.stdout, result.stderr.split('\n')[0], result.exitCode]).toEqual(['', 'Inspect authorization.', 1]);
  });
});
