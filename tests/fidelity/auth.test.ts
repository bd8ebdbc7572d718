/**
 * Fidelity of access control end to end: two labs started from the same seed; the real kubectl
 * talks to one through `kubelab serve`, the emulator to the other, with the same commands.
 * stdout, stderr and exit codes must be identical — `auth can-i` (with `--list`), Forbidden
 * errors for an impersonated user before and after a RoleBinding, `auth whoami`, and a token
 * from `create token` sent back as a Bearer token.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { kubectlPath, noKubectlMessage, splitArgs, type RealKubectl } from '../support/kubectl.ts';
import { resetCluster } from '../support/scenario.ts';
import { runReal, useTwinLabs } from './twin-labs.ts';

/** A Role whose rules repeat verbs: `can-i --list` merges them per resource, in the order it meets them. */
const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: web-operator
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [list, get, list]
- apiGroups: [""]
  resources: [pods]
  verbs: [watch, get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: jane
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web-operator}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: jane}]
`;

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n';

const scenarios: { name: string; steps: string[] }[] = [
  {
    name: 'the admin, and jane before and after a RoleBinding to view',
    steps: [
      'auth can-i create deployments', 'auth can-i "*" "*"', 'auth can-i create deployments --as jane', 'auth can-i list pods --as jane -q',
      'apply -f pod.yaml', 'get pods --as jane', 'get pod web --as jane', 'get nodes --as jane', 'create deployment web --image=nginx --as jane',
      'delete pod web --as jane', 'get deployments.apps --as jane -n kube-system', 'logs web --as jane',
      'create rolebinding jane-view --clusterrole=view --user=jane', 'get pods --as jane -o name', 'auth can-i list pods --as jane',
      'auth can-i delete pods --as jane', 'auth can-i get pods --subresource=log --as jane', 'auth can-i list pods --as jane -A',
      'delete pod web --as jane', 'get pods --as jane -n kube-system', 'auth can-i list secrets --as jane',
    ],
  },
  {
    name: 'a service account: --as, can-i --list and whoami',
    steps: [
      'auth can-i --list --as=system:serviceaccount:default:default', 'get pods --as=system:serviceaccount:default:default',
      'auth whoami --as=system:serviceaccount:default:default', 'auth whoami', 'auth whoami --as jane --as-group ops --as-group dev',
      'auth whoami -o yaml --as jane', 'get pods --as-group ops', 'auth can-i --list --as jane -n kube-system',
      'create rolebinding sa-edit --clusterrole=edit --serviceaccount=default:default', 'auth can-i create deployments --as=system:serviceaccount:default:default',
      'auth can-i --list --as=system:serviceaccount:default:default --no-headers', 'apply -f role.yaml', 'auth can-i --list --as jane',
    ],
  },
];

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: access control', () => {
  const labs = useTwinLabs();
  let session: KubectlSession;
  const files = { 'pod.yaml': pod, 'role.yaml': role };
  beforeAll(() => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(labs.real.workdir, name), text);
  });

  /** A fresh pair of labs and an emulator session on the twin. */
  function reset(): { real: RealKubectl; twin: RealKubectl } {
    const { real, twin } = labs;
    resetCluster(real);
    resetCluster(twin);
    const cluster = twin.lab.control.cluster;
    session = new KubectlSession({ handle: cluster.handle.bind(cluster) }, { server: twin.lab.url, now: () => Date.now() });
    return { real, twin };
  }

  it.each(scenarios)('$name', async (scenario) => {
    const { real } = reset();
    const differences: string[] = [];
    for (const line of scenario.steps) {
      const args = splitArgs(line);
      const pending = runReal(dirname(real.workdir), args);
      const actual = session.kubectl(args, { files });
      const expected = await pending;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`kubectl ${line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
    }
    expect(differences.join('\n')).toBe('');
  }, 120_000);

  it('create token: kubectl sends it only over https; as a Bearer token it is that service account until the account goes', async () => {
    const { real } = reset();
    const realToken = await runReal(dirname(real.workdir), ['create', 'token', 'default']);
    const twinToken = session.kubectl(['create', 'token', 'default']);
    for (const token of [realToken, twinToken]) expect(token).toMatchObject({ stdout: expect.stringMatching(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/), exitCode: 0 });
    const differences: string[] = [];
    for (const line of ['auth whoami', 'get pods', 'create token default --duration=5m', 'create token nothere', 'create token default --duration=1.5s',
      'create token default --bound-object-name=x', 'create token default -o jsonpath={.spec}']) {
      const args = splitArgs(line);
      const pending = runReal(dirname(real.workdir), [...args, `--token=${realToken.stdout}`]);
      const actual = session.kubectl([...args, `--token=${twinToken.stdout}`]);
      const expected = await pending;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differences.push(`kubectl ${line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
      }
    }
    expect(differences.join('\n')).toBe('');
    // Sent by hand as a Bearer token, over the lab's HTTP API.
    const whoami = async (token: string): Promise<{ status: number; body: unknown }> => {
      const response = await fetch(`${real.lab.url}/apis/authentication.k8s.io/v1/selfsubjectreviews`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }),
      });
      return { status: response.status, body: await response.json() };
    };
    expect(await whoami(realToken.stdout)).toEqual({ status: 201, body: {
      kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null },
      status: { userInfo: { username: 'system:serviceaccount:default:default', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] } },
    } });
    // The service account controller makes a new `default` (a new UID): the bound token is dead, and the audit log shows the 401.
    const since = real.lab.control.cluster.now();
    await runReal(dirname(real.workdir), ['delete', 'serviceaccount', 'default']);
    expect(await whoami(realToken.stdout)).toEqual({ status: 401, body: {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401,
    } });
    expect(real.lab.control.cluster.audit.query({ since, resource: 'selfsubjectreviews', code: 401 })).toMatchObject([{ user: 'system:anonymous', verb: 'create' }]);
  }, 120_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
