/**
 * The emulator's `kubectl auth reconcile` on an isolated cluster. What the real kubectl 1.32 prints
 * for the same files is compared on twin labs in tests/fidelity/kubectl-gaps-2.test.ts; this file
 * covers what the twin labs cannot (a changed roleRef: the real kubectl's DELETE body is protobuf).
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const binding = (role: string, user: string, namespace = 'default'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: ${namespace}
subjects:
- kind: User
  name: ${user}
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: ClusterRole
  name: ${role}
  apiGroup: rbac.authorization.k8s.io
`;

function lab(): KubectlSession {
  return new KubectlSession(new Cluster({ seed: 3, addons: false }));
}

const reconcile = (session: KubectlSession, yaml: string, flags = ''): ReturnType<KubectlSession['run']> =>
  session.run(`kubectl auth reconcile -f rbac.yaml ${flags}`.trim(), { files: { 'rbac.yaml': yaml } });

describe('kubectl auth reconcile (emulator)', () => {
  it('creates a binding and its namespace, then recreates it when the roleRef changes', () => {
    const session = lab();
    expect(reconcile(session, binding('view', 'jane', 'team-a'))).toEqual({
      stdout: 'rolebinding.rbac.authorization.k8s.io/read-pods reconciled\n',
      stderr: '\treconciliation required create\n\tmissing subjects added:\n\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}\n',
      exitCode: 0,
    });
    expect(session.run('kubectl get ns team-a -o name').stdout).toBe('namespace/team-a\n');
    const uid = session.run('kubectl get rolebinding read-pods -n team-a -o jsonpath={.metadata.uid}').stdout;
    expect(reconcile(session, binding('edit', 'jane', 'team-a'), '-o name')).toEqual({
      stdout: 'rolebinding.rbac.authorization.k8s.io/read-pods\n', stderr: '\treconciliation required recreate\n', exitCode: 0,
    });
    const after = session.run('kubectl get rolebinding read-pods -n team-a -o jsonpath={.metadata.uid}/{.roleRef.name}').stdout;
    expect([after.startsWith(`${uid}/`), after.split('/')[1]]).toEqual([false, 'edit']);
  });

  it('changes nothing in a dry run, and prints the file object as Go would (typed)', () => {
    const session = lab();
    expect(reconcile(session, binding('view', 'jane'), '--dry-run=client -o yaml')).toEqual({
      stdout: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  creationTimestamp: null\n  name: read-pods\n  namespace: default\n'
        + 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: jane\n',
      stderr: '\treconciliation required create\n\tmissing subjects added:\n\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}\n',
      exitCode: 0,
    });
    expect(session.run('kubectl get rolebindings')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('leaves an object that opted out alone, saying what it would need', () => {
    const session = lab();
    reconcile(session, binding('view', 'jane'));
    session.run('kubectl annotate rolebinding read-pods rbac.authorization.kubernetes.io/autoupdate=false');
    expect(reconcile(session, binding('view', 'bob'))).toEqual({
      stdout: 'rolebinding.rbac.authorization.k8s.io/read-pods reconciled\n',
      stderr: '\treconciliation required update, but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)\n'
        + '\tmissing subjects added:\n\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:bob Namespace:}\n',
      exitCode: 0,
    });
    expect(session.run('kubectl get rolebinding read-pods -o jsonpath={.subjects[*].name}').stdout).toBe('jane');
  });

  it.each([
    // The file's namespace is all there is: the Builder reads it locally, without defaulting it.
    ['a namespaced object without a namespace', binding('view', 'jane').replace('  namespace: default\n', ''), '', 'error: resource name may not be empty\n'],
    ['two failures, one message a line', `${binding('view', 'jane').replace('/v1', '/v1beta1')}---\napiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n`, '',
      'only rbac.authorization.k8s.io/v1 is supported: not *v1beta1.RoleBinding\nunable to decode "rbac.yaml": no kind "Gadget" is registered for version "v1" in scheme "pkg/scheme/scheme.go:28"\n'],
    ['arguments', binding('view', 'jane'), 'extra', 'error: no arguments are allowed\n'],
  ])('refuses %s', (_name, yaml, flags, stderr) => {
    expect(reconcile(lab(), yaml, flags)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
