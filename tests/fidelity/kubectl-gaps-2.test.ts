/**
 * Fidelity of kubectl 1.32 / API gaps the emulator used to have: `kubectl edit TYPE` with no
 * name (every object of the type in one List buffer), the CertificateSigningRequest requestor the
 * API server records (`kubectl get csr` REQUESTOR, `spec.username`/`groups`, `status: {}`),
 * `kubectl auth reconcile`, and `kubectl run --overrides`. Each scenario runs on twin labs from the same seed, the real kubectl
 * 1.32 against one and the emulator against the other; every command's stdout, stderr and exit
 * code, the editor's text, and the objects afterwards must be identical. The last test checks the
 * lab's own answer through the real kubectl: the requestor is the request's user, kind's admin.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubectlSession } from '../../engine/kubectl/index.ts';
import { kubectlPath, noKubectlMessage, splitArgs, type RealKubectl } from '../support/kubectl.ts';
import { resetCluster } from '../support/scenario.ts';
import { compareObjects, realEditor, realEditorTexts, runReal, useTwinLabs } from './twin-labs.ts';

/** One command line; `edit` makes both editors replace the first match of FROM with TO on each line. */
interface Step {
  line: string;
  edit?: [string, string];
}

interface Scenario {
  name: string;
  files?: Record<string, string>;
  steps: (string | Step)[];
  /** `TYPE NAME` whose `-o yaml` must be identical on both labs afterwards. */
  objects: string[];
}

const csr = (name: string, extra = ''): string => `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K
  signerName: kubernetes.io/kube-apiserver-client
  usages:
  - client auth
${extra}`;

const role = (name: string, rules: string, extra = ''): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${name}
${extra}rules:
${rules}`;

const podReader = `- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
`;

const rbac = `${role('pod-reader', podReader, '  namespace: default\n')}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: default
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
  labels:
    team: blue
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "watch", "list"]
- nonResourceURLs: ["/healthz"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: read-secrets-global
subjects:
- kind: Group
  name: manager
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: robot
  namespace: default
roleRef:
  kind: ClusterRole
  name: secret-reader
  apiGroup: rbac.authorization.k8s.io
`;

/** The same objects, with rules and subjects that differ from what `rbac` created. */
const rbacChanged = `${role('pod-reader', `- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "watch"]
`, '  namespace: default\n')}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: default
subjects:
- kind: User
  name: bob
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: read-secrets-global
subjects:
- kind: Group
  name: manager
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: ClusterRole
  name: secret-reader
  apiGroup: rbac.authorization.k8s.io
`;

/** A RoleBinding of user alice to the ClusterRole `clusterRole`. */
const viewBinding = (clusterRole: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice
  namespace: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${clusterRole}
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: alice
`;

const scenarios: Scenario[] = [
  {
    name: 'edit TYPE without a name opens every object of it',
    steps: [
      'edit', 'edit cm -l app=web', 'edit secrets', 'edit nosuchtype', 'create cm one --from-literal=a=1', 'create cm two --from-literal=a=1',
      'create deploy web --image=nginx',
      { line: 'edit cm', edit: ['a: "1"', 'a: "2"'] },
      { line: 'edit cm,deploy', edit: ['image: nginx', 'image: nginx:1.27'] },
      { line: 'edit configmaps -n kube-public', edit: ['nothing', 'x'] },
      { line: 'edit cm -o json', edit: ['"a": "2"', '"a": "3"'] },
      'edit cm/one deploy', 'edit cm --all',
    ],
    objects: ['configmap one', 'configmap two', 'deployment web'],
  },
  {
    name: 'a CSR records who asked for it',
    files: {
      'jane.yaml': csr('jane'), 'forged.yaml': csr('forged', '  username: system:admin\n  groups:\n  - system:masters\n  uid: abc\n'),
      'bad.yaml': csr('bad').replace(/ {2}request: .*\n/, '  request: aGVsbG8=\n').replace('kubernetes.io/kube-apiserver-client', 'example/My_Signer')
        .replace('- client auth', '- client auth\n  - root\n  - root'),
      'bare.yaml': 'apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata:\n  name: bare\nspec: {}\n',
      'legacy.yaml': csr('legacy').replace('kubernetes.io/kube-apiserver-client', 'kubernetes.io/legacy-unknown'),
    },
    steps: [
      'create -f jane.yaml', 'apply -f forged.yaml', 'get csr', 'get csr jane -o yaml', 'get csr forged -o jsonpath={.spec.username}/{.spec.groups}/{.status}',
      'create -f bad.yaml', 'create -f bare.yaml', 'create -f legacy.yaml',
      { line: 'edit csr forged', edit: ['- client auth', '- server auth'] }, 'get csr forged -o jsonpath={.spec.usages}',
    ],
    objects: ['csr jane', 'csr forged'],
  },
  {
    name: 'auth reconcile: usage errors and help',
    steps: [
      'auth reconcile', 'auth reconcile foo -f rbac.yaml', 'auth reconcile -f rbac.yaml --dry-run=server', 'auth reconcile -f rbac.yaml --dry-run=bogus',
      'auth reconcile -f nosuch.yaml', 'auth reconcile -f rbac.yaml -o wide', 'auth reconcile --help', 'auth --help',
      'auth reconcile -f empty.yaml', 'auth reconcile -f mixed.yaml', 'auth reconcile -f no-namespace.yaml --dry-run=client -o yaml',
      'auth reconcile -f no-namespace.yaml', 'auth reconcile -f no-namespace.yaml -n default',
    ],
    files: {
      'rbac.yaml': rbac, 'empty.yaml': '',
      'no-namespace.yaml': role('pod-reader', podReader),
      'mixed.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\n${role('old', podReader, '  namespace: default\n').replace('/v1', '/v1beta1')}---\n`
        + `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\n${role('fine', podReader, '  namespace: default\n')}`,
    },
    objects: ['role fine', 'configmap cfg'],
  },
  {
    name: 'auth reconcile: objects that opted out, aggregation, wildcards',
    files: {
      'frozen.yaml': role('frozen', podReader, '  namespace: default\n  annotations:\n    rbac.authorization.kubernetes.io/autoupdate: "false"\n'),
      'frozen-more.yaml': role('frozen', `${podReader}- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["*"]\n`, '  namespace: default\n'),
      'aggregate.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\naggregationRule:\n  clusterRoleSelectors:\n'
        + '  - matchLabels:\n      rbac.example.com/aggregate-to-monitoring: "true"\nrules: []\n',
      'aggregate-more.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: monitoring\n  labels:\n    a: b\naggregationRule:\n  clusterRoleSelectors:\n'
        + '  - matchLabels:\n      rbac.example.com/aggregate-to-monitoring: "true"\n  - matchLabels:\n      extra: "yes"\nrules: []\n',
      'star.yaml': role('star', '- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n', '  namespace: default\n'),
      'star-subset.yaml': role('star', `${podReader}- nonResourceURLs: ["/logs/*"]\n  verbs: ["get"]\n`, '  namespace: default\n'),
    },
    steps: [
      'auth reconcile -f frozen.yaml', 'auth reconcile -f frozen-more.yaml', 'auth reconcile -f frozen-more.yaml --remove-extra-permissions',
      'auth reconcile -f aggregate.yaml', 'auth reconcile -f aggregate-more.yaml', 'auth reconcile -f aggregate.yaml --remove-extra-permissions -o json',
      'auth reconcile -f star.yaml', 'auth reconcile -f star-subset.yaml', 'auth reconcile -f star-subset.yaml --remove-extra-permissions',
    ],
    objects: ['role frozen', 'clusterrole monitoring', 'role star'],
  },
  {
    name: 'auth reconcile: create, then nothing to do, then merge',
    files: { 'rbac.yaml': rbac, 'changed.yaml': rbacChanged, 'other-ns.yaml': role('lister', podReader, '  namespace: team-a\n') },
    steps: [
      'auth reconcile -f rbac.yaml --dry-run=client', 'auth reconcile -f rbac.yaml', 'auth reconcile -f rbac.yaml',
      'auth reconcile -f other-ns.yaml -o name', 'get ns team-a -o jsonpath={.metadata.name}',
      'auth reconcile -f changed.yaml --dry-run=client', 'auth reconcile -f changed.yaml',
      'get role pod-reader -o yaml', 'get rolebinding read-pods -o yaml', 'get clusterrolebinding read-secrets-global -o yaml',
      'auth reconcile -f changed.yaml --remove-extra-permissions --remove-extra-subjects', 'auth reconcile -f rbac.yaml -o yaml',
    ],
    objects: ['role pod-reader', 'rolebinding read-pods', 'clusterrole secret-reader', 'clusterrolebinding read-secrets-global', 'role lister -n team-a'],
  },
  {
    // The JSON is a word of its own, without spaces: splitArgs keeps a word's quotes as typed.
    name: 'run --overrides: merge, JSON and strategic patches of the generated Pod',
    steps: [
      `run hog --image=nginx --overrides {"spec":{"containers":[{"name":"hog","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}`,
      `run ns --image=nginx --overrides {"apiVersion":"v1","spec":{"nodeSelector":{"disk":"ssd"}}} --dry-run=client -o yaml`,
      `run s --image=nginx --override-type=strategic --overrides {"spec":{"containers":[{"name":"s","resources":{"limits":{"cpu":"1"}}}]}} -o yaml`,
      `run j --image=nginx --override-type=json --overrides [{"op":"add","path":"/spec/hostname","value":"h"}] --dry-run=server -o yaml`,
      `run k --image=nginx --overrides {"spec":{"replicas":3,"containers":[{"name":"k","image":"nginx","bogus":1}]}} --dry-run=client -o json`,
      `run l --image=nginx --labels=a=b --overrides {"metadata":{"labels":{"a":null,"c":"d"}},"spec":{"tolerations":[{"key":"x","operator":"Exists"}]}}`,
      `run bad --image=nginx --overrides {bad`, `run bad --image=nginx --override-type=json --overrides {bad`,
      `run bad --image=nginx --override-type=strategic --overrides {bad`, `run bad --image=nginx --override-type=foo --overrides {}`,
      `run bad --image=nginx --override-type=json --overrides [{"op":"remove","path":"/spec/nope"}]`,
      `run bad --image=nginx --overrides {"spec":{"containers":"x"}}`,
    ],
    objects: ['pod hog', 'pod s', 'pod l'],
  },
  {
    // A roleRef cannot change: reconcile deletes the binding (the real kubectl's DELETE carries a
    // protobuf DeleteOptions body) and creates it again.
    name: 'auth reconcile: a binding whose roleRef changed is recreated',
    files: { 'view.yaml': viewBinding('view'), 'edit.yaml': viewBinding('edit') },
    steps: ['auth reconcile -f view.yaml', 'auth reconcile -f edit.yaml --dry-run=client', 'auth reconcile -f edit.yaml', 'get rolebinding alice -o yaml'],
    objects: ['rolebinding alice'],
  },
];

/** Reset both labs, run every step on both sides (the real editor a script, the emulator's a function), and list the differences. */
async function compare(real: RealKubectl, twin: RealKubectl, scenario: Scenario): Promise<string[]> {
  resetCluster(real);
  resetCluster(twin);
  const files = scenario.files ?? {};
  const home = dirname(real.workdir);
  mkdirSync(real.workdir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(real.workdir, name), content);
  let edit: [string, string] = ['', ''];
  let buffers: string[] = [];
  const editor = (text: string): string => {
    buffers.push(text);
    return text.split('\n').map((line) => line.replace(edit[0], edit[1])).join('\n');
  };
  const session = new KubectlSession(twin.lab.control.cluster, { server: twin.lab.url, now: () => Date.now(), editor });
  const differences: string[] = [];
  for (const raw of scenario.steps) {
    const step = typeof raw === 'string' ? { line: raw } : raw;
    const args = splitArgs(step.line);
    const env: Record<string, string> = {};
    if (step.edit) {
      edit = step.edit;
      buffers = [];
      Object.assign(env, realEditor(real.workdir, step.edit));
    }
    const expected = await runReal(home, args, env);
    const actual = session.kubectl(args, { files });
    // kubectl edit's temporary files have random names (the emulator numbers them).
    for (const result of [expected, actual]) result.stderr = result.stderr.replace(/\S*\/kubectl-edit-\d+\.(yaml|json)/g, '<tmp>/kubectl-edit-N.$1');
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      differences.push(`kubectl ${step.line}\n  real:     ${JSON.stringify(expected)}\n  emulator: ${JSON.stringify(actual)}`);
    }
    if (step.edit) {
      const realBuffers = realEditorTexts(real.workdir);
      if (JSON.stringify(realBuffers) !== JSON.stringify(buffers)) {
        differences.push(`kubectl ${step.line}: the editor's text\n  real:     ${JSON.stringify(realBuffers)}\n  emulator: ${JSON.stringify(buffers)}`);
      }
    }
  }
  differences.push(...(await compareObjects(real, twin, scenario.objects)));
  return differences;
}

describe.skipIf(!kubectlPath)('kubectl emulator fidelity: edit TYPE, the CSR requestor, auth reconcile', () => {
  const labs = useTwinLabs();

  it.each(scenarios)('$name', async (scenario) => {
    expect((await compare(labs.real, labs.twin, scenario)).join('\n')).toBe('');
  }, 180_000);

  it('the real kubectl sees the lab record its user as the requestor of a CSR, whatever the manifest claims', async () => {
    const { real } = labs;
    resetCluster(real);
    const home = dirname(real.workdir);
    writeFileSync(join(real.workdir, 'forged.yaml'), csr('forged', '  username: system:admin\n  groups:\n  - system:masters\n'));
    expect((await runReal(home, ['create', '-f', 'forged.yaml'])).exitCode).toBe(0);
    const table = await runReal(home, ['get', 'csr', '-o', 'custom-columns=NAME:.metadata.name,REQUESTOR:.spec.username']);
    expect(table.stdout).toBe('NAME     REQUESTOR\nforged   kubernetes-admin\n');
    const fields = await runReal(home, ['get', 'csr', 'forged', '-o', 'jsonpath={.spec.groups}|{.status}|{.spec.uid}']);
    expect(fields.stdout).toBe('["kubeadm:cluster-admins","system:authenticated"]|{}|');
  }, 60_000);
});

if (!kubectlPath) console.warn(noKubectlMessage);
