/**
 * Bad input catalogue §8.3 (research/api-semantics.md): names, labels, annotations, namespaces,
 * resourceVersion, ownerReferences.
 *
 * Findings against the research note: #33 through kubectl is accepted — cli-runtime's
 * Helper.Create clears metadata.resourceVersion before POSTing (helper.go, v0.32.4); the
 * apiserver's `resourceVersion should not be set on objects to be created` (storage/errors.go,
 * a plain error, so a 500 with no reason) is only reachable with a raw request.
 * #38 prints the owner references with Go's %#v (field/errors.go ErrorBody fallback at v0.32.4),
 * which includes pointer addresses, so that stderr is matched with a pattern.
 * Skipped: #39's garbage collection (needs the garbage-collector controller); only the API's
 * acceptance of dangling owner references is tested.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { kubectlPath, labPool } from '../support/kubectl.ts';
import { checkBadInput, deployment, nginxSpec, type BadInputCase } from './bad-input-case.ts';

const failed = (stderr: string): BadInputCase['expected'] => ({ stdout: '', stderr, exitCode: 1 });
const configMap = (name: string, meta = ''): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${meta}data:\n  mode: fast\n`;
const service = (name: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n`;
const subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character " +
  "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const labelValue = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const qualifiedName = "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const long64 = 'a'.repeat(64);
const long254 = 'web-' + 'x'.repeat(250);
const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  namespace: default\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get", "list"]\n';
const ownerRef = (name: string, uid: string, controller: boolean): string =>
  `  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: ${name}\n    uid: ${uid}\n` + (controller ? '    controller: true\n' : '');
const uid1 = '6f1c1f9e-2a7b-4c1e-9d53-1b2f3c4d5e6f';
const uid2 = '0b9d8c7a-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

const cases: BadInputCase[] = [
  {
    name: '#26 no name (create)',
    files: { 'role.yaml': role },
    args: 'create -f role.yaml',
    expected: failed('The Role "" is invalid: metadata.name: Required value: name or generateName is required\n'),
  },
  {
    name: '#26 no name (apply: kubectl cannot look the object up)',
    files: { 'role.yaml': role },
    args: 'apply -f role.yaml',
    expected: failed('error: error when retrieving current configuration of:\nResource: "rbac.authorization.k8s.io/v1, Resource=roles", ' +
      'GroupVersionKind: "rbac.authorization.k8s.io/v1, Kind=Role"\nName: "", Namespace: "default"\nfrom server for: "role.yaml": resource name may not be empty\n'),
  },
  {
    name: '#27 Deployment name My_App',
    files: { 'web.yaml': deployment('My_App', nginxSpec) },
    args: 'apply -f web.yaml',
    expected: failed(`The Deployment "My_App" is invalid: metadata.name: Invalid value: "My_App": ${subdomain}\n`),
  },
  {
    name: '#28 Service name starting with a digit',
    files: { 'svc.yaml': service('1web') },
    args: 'apply -f svc.yaml',
    expected: failed(`The Service "1web" is invalid: metadata.name: Invalid value: "1web": ${dns1035}\n`),
  },
  {
    name: '#28 Service name with a dot',
    files: { 'svc.yaml': service('web.v1') },
    args: 'create -f svc.yaml',
    expected: failed(`The Service "web.v1" is invalid: metadata.name: Invalid value: "web.v1": ${dns1035}\n`),
  },
  {
    name: '#29 64-character Namespace name',
    files: { 'ns.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${long64}\n` },
    args: 'apply -f ns.yaml',
    // Defaulting copies the name into the kubernetes.io/metadata.name label (core/v1 SetDefaults_Namespace),
    // so the label value is too long as well.
    expected: failed(`The Namespace "${long64}" is invalid: \n* metadata.name: Invalid value: "${long64}": must be no more than 63 characters\n` +
      `* metadata.labels: Invalid value: "${long64}": must be no more than 63 characters\n`),
  },
  {
    name: '#29 254-character Deployment name',
    files: { 'web.yaml': deployment(long254, nginxSpec) },
    args: 'create -f web.yaml',
    expected: failed(`The Deployment "${long254}" is invalid: metadata.name: Invalid value: "${long254}": must be no more than 253 characters\n`),
  },
  {
    name: '#30 accented name café',
    files: { 'cm.yaml': configMap('café') },
    args: 'create -f cm.yaml',
    expected: failed(`The ConfigMap "café" is invalid: metadata.name: Invalid value: "café": ${subdomain}\n`),
  },
  {
    // Go's %q escapes the invisible U+200B, so the learner can see it.
    name: '#30 zero-width space in a name',
    files: { 'cm.yaml': configMap('web\u200b') },
    args: 'create -f cm.yaml',
    expected: failed(`The ConfigMap "web\\u200b" is invalid: metadata.name: Invalid value: "web\\u200b": ${subdomain}\n`),
  },
  {
    name: '#30 Cyrillic look-alike letter in a name',
    files: { 'cm.yaml': configMap('w\u0435b') },
    args: 'create -f cm.yaml',
    expected: failed(`The ConfigMap "w\u0435b" is invalid: metadata.name: Invalid value: "w\u0435b": ${subdomain}\n`),
  },
  {
    name: '#31 label value with a space and !',
    files: { 'cm.yaml': configMap('settings', '  labels:\n    app: "my app!"\n') },
    args: 'apply -f cm.yaml',
    expected: failed(`The ConfigMap "settings" is invalid: metadata.labels: Invalid value: "my app!": ${labelValue}\n`),
  },
  {
    name: '#31 64-character label value',
    files: { 'cm.yaml': configMap('settings', `  labels:\n    app: ${long64}\n`) },
    args: 'create -f cm.yaml',
    expected: failed(`The ConfigMap "settings" is invalid: metadata.labels: Invalid value: "${long64}": must be no more than 63 characters\n`),
  },
  {
    name: '#31 label key with two slashes',
    files: { 'cm.yaml': configMap('settings', '  labels:\n    app/name/x: web\n') },
    args: 'create -f cm.yaml',
    expected: failed(`The ConfigMap "settings" is invalid: metadata.labels: Invalid value: "app/name/x": ${qualifiedName}\n`),
  },
  {
    name: '#32 annotations over 256 KiB',
    files: { 'cm.yaml': configMap('settings', `  annotations:\n    notes: "${'n'.repeat(262_200)}"\n`) },
    args: 'create -f cm.yaml',
    expected: failed('The ConfigMap "settings" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes\n'),
  },
  {
    name: '#33 `get -o yaml` output (uid, resourceVersion, status) created again',
    files: {
      'cm.yaml': configMap('settings', `  namespace: default\n  uid: ${uid1}\n  resourceVersion: "4711"\n  creationTimestamp: "2024-05-01T10:00:00Z"\n`),
    },
    args: 'create -f cm.yaml',
    expected: { stdout: 'configmap/settings created\n', stderr: '', exitCode: 0 },
    then: [{ args: ['get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}'], stdout: 'fast' }],
  },
  {
    // [V] kubectl's rendering of a reason-less 500 from --raw (rest client Result.Error → StatusError).
    name: '#33 raw POST with resourceVersion set',
    files: { 'cm.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', resourceVersion: '4711' }, data: { mode: 'fast' } }) },
    args: 'create --raw /api/v1/namespaces/default/configmaps -f cm.json',
    expected: failed('Error from server: resourceVersion should not be set on objects to be created\n'),
  },
  {
    name: '#34 namespace in the file differs from -n',
    files: { 'cm.yaml': configMap('settings', '  namespace: team-a\n') },
    args: 'apply -f cm.yaml -n team-b',
    expected: failed('error: the namespace from the provided object "team-a" does not match the namespace "team-b". You must pass \'--namespace=team-a\' to perform this operation.\n'),
  },
  {
    name: '#35 namespace does not exist',
    files: { 'cm.yaml': configMap('settings', '  namespace: shop\n') },
    args: 'apply -f cm.yaml',
    expected: failed('Error from server (NotFound): error when creating "cm.yaml": namespaces "shop" not found\n'),
  },
  {
    name: '#36 create twice',
    setup: [{ args: 'create -f web.yaml', files: { 'web.yaml': deployment('web', nginxSpec) } }],
    args: 'create -f web.yaml',
    expected: failed('Error from server (AlreadyExists): error when creating "web.yaml": deployments.apps "web" already exists\n'),
  },
  {
    name: '#37 replace with a stale resourceVersion',
    setup: [{ args: 'create -f cm.yaml', files: { 'cm.yaml': configMap('settings') } }],
    files: { 'stale.yaml': configMap('settings', '  resourceVersion: "1"\n') },
    args: 'replace -f stale.yaml',
    expected: failed('Error from server (Conflict): error when replacing "stale.yaml": Operation cannot be fulfilled on configmaps "settings": ' +
      'the object has been modified; please apply your changes to the latest version and try again\n'),
  },
  {
    name: '#38 two owner references with controller: true',
    files: { 'cm.yaml': configMap('settings', '  ownerReferences:\n' + ownerRef('web-1', uid1, true) + ownerRef('web-2', uid2, true)) },
    args: 'create -f cm.yaml',
    expected: {
      stdout: '',
      stderr: new RegExp('^' + escape('The ConfigMap "settings" is invalid: metadata.ownerReferences: Invalid value: []v1.OwnerReference{') +
        [['web-1', uid1], ['web-2', uid2]].map(([name, uid]) => escape(`v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"${name}", UID:"${uid}", Controller:(*bool)(`) +
          '0x[0-9a-f]+' + escape('), BlockOwnerDeletion:(*bool)(nil)}')).join(', ') +
        escape('}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/web-1 and ReplicaSet/web-2') + '\\n$'),
      exitCode: 1,
    },
  },
  {
    name: '#39 owner reference to an object that does not exist is accepted',
    files: { 'cm.yaml': configMap('settings', '  ownerReferences:\n' + ownerRef('gone', uid1, false)) },
    args: 'create -f cm.yaml',
    expected: { stdout: 'configmap/settings created\n', stderr: '', exitCode: 0 },
  },
  {
    // The kubernetes EFK addon's ClusterRoleBinding carries a namespace and an empty roleRef.apiGroup.
    name: '#40 cluster-scoped object with a namespace, roleRef.apiGroup empty',
    files: {
      'crb.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: fluentd\n  namespace: kube-system\n' +
        'subjects:\n- kind: ServiceAccount\n  name: fluentd\n  namespace: kube-system\n  apiGroup: ""\nroleRef:\n  kind: ClusterRole\n  name: view\n  apiGroup: ""\n',
    },
    args: 'apply -f crb.yaml',
    expected: { stdout: 'clusterrolebinding.rbac.authorization.k8s.io/fluentd created\n', stderr: '', exitCode: 0 },
    then: [{ args: ['get', 'clusterrolebinding', 'fluentd', '-o', 'jsonpath=[{.metadata.namespace}] [{.roleRef.apiGroup}]'], stdout: '[] [rbac.authorization.k8s.io]' }],
  },
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.skipIf(!kubectlPath)('bad input §8.3: metadata', () => {
  // Two labs: one case's kubectl runs while the other lab resets for the next case.
  const pool = labPool(2);
  beforeAll(() => pool.start());
  afterAll(() => pool.stop());

  it.concurrent.for(cases.map((c) => [c.name, c] as const))('%s', async ([, c], { expect }) => {
    await pool.use((k) => checkBadInput(k, c, expect));
  });
});
