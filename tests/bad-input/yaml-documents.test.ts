/**
 * Bad input catalogue §8.1 (research/api-semantics.md): broken YAML and whole-document mistakes.
 *
 * Items 1–5, 9 and 10 are answered by kubectl itself while it turns YAML into JSON, before any
 * request; they are frozen here from real kubectl 1.32 (go-yaml v2 via sigs.k8s.io/yaml) so the
 * kubectl emulator can be held to the same text. Items 6–8 and 11–15 reach the API server.
 *
 * Findings against the research note: #4 `"it\'s"` is NOT an error in kubectl (go-yaml v2 accepts
 * `\'`, the value becomes `it's`); #8 a duplicate key never reaches the server (kubectl's
 * YAML→JSON step keeps the last value, so there is no `strict decoding error: duplicate field`).
 * Not confirmed in source: #14's etcd text is the observed one (apiserver passes etcd's error
 * through as a 500 with no reason; handlers/rest.go isTooLargeError only retries without managedFields).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { kubectlPath, labPool } from '../support/kubectl.ts';
import { cannotBeHandled, checkBadInput, deployment, nginxSpec, type BadInputCase } from './bad-input-case.ts';

const configMap = (name: string, body: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${body}`;
const parseError = (file: string, detail: string): string =>
  `error: error parsing ${file}: error converting YAML to JSON: yaml: ${detail}\n`;
const failed = (stderr: string): BadInputCase['expected'] => ({ stdout: '', stderr, exitCode: 1 });

// 9 levels of 9 aliases: the CVE-2019-11253 "billion laughs" payload.
const aliasBomb = configMap('bomb', 'data:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
  'bcdefghi'.split('').map((letter, i) => `  ${letter}: &${letter} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]\n`).join(''));

const manyKeys = configMap('many-keys', 'data:\n' + Array.from({ length: 20_000 }, (_, i) => `  k${String(i).padStart(5, '0')}: "v"\n`).join(''));

const cases: BadInputCase[] = [
  {
    name: '#1 tab indentation',
    files: { 'settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: settings\n' },
    args: 'apply -f settings.yaml',
    expected: failed(parseError('settings.yaml', 'line 4: found character that cannot start any token')),
  },
  {
    name: '#2 compact nested map `labels: app: web`',
    files: { 'settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels: app: web\n' },
    args: 'apply -f settings.yaml',
    expected: failed(parseError('settings.yaml', 'line 5: mapping values are not allowed in this context')),
  },
  {
    name: '#3 unclosed flow mapping',
    files: { 'settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings\ndata:\n  mode: fast\n' },
    args: 'apply -f settings.yaml',
    expected: failed(parseError('settings.yaml', "line 3: did not find expected ',' or '}'")),
  },
  {
    name: '#3 unclosed double quote',
    files: { 'settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast\n' },
    args: 'apply -f settings.yaml',
    expected: failed(parseError('settings.yaml', 'line 7: found unexpected end of stream')),
  },
  {
    // Upstream envars-file-container.yaml style. go-yaml v2 accepts \' (libyaml does not).
    name: '#4 `\\\'` escape in a double-quoted scalar is accepted',
    files: {
      'envars.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: envars\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n' +
        '    env:\n    - name: MESSAGE\n      value: "it\\\'s a greeting"\n',
    },
    args: 'apply -f envars.yaml',
    expected: { stdout: 'pod/envars created\n', stderr: '', exitCode: 0 },
    then: [{ args: ['get', 'pod', 'envars', '-o', 'jsonpath={.spec.containers[0].env[0].value}'], stdout: "it's a greeting" }],
  },
  {
    name: '#5 alias bomb (CVE-2019-11253)',
    files: { 'bomb.yaml': aliasBomb },
    args: 'apply -f bomb.yaml',
    expected: failed(parseError('bomb.yaml', 'document contains excessive aliasing')),
  },
  {
    // 2 KB of nesting: kubectl converts it; the API server must answer, not fall over.
    name: '#6 1000 levels of nested lists',
    files: { 'deep.yaml': configMap('deep', `data:\n  x: ${'['.repeat(1000)}${']'.repeat(1000)}\n`) },
    args: 'apply -f deep.yaml',
    expected: failed(cannotBeHandled('creating', 'deep.yaml', 'ConfigMap', 'json: cannot unmarshal array into Go struct field ConfigMap.data of type string')),
  },
  {
    // `create`, not `apply`: apply's last-applied annotation would pass the 256 KiB annotation limit.
    name: '#7 20 000 keys in one map',
    files: { 'many-keys.yaml': manyKeys },
    args: 'create -f many-keys.yaml',
    expected: { stdout: 'configmap/many-keys created\n', stderr: '', exitCode: 0 },
    then: [{ args: ['get', 'configmap', 'many-keys', '-o', 'jsonpath={.data.k19999}'], stdout: 'v' }],
  },
  {
    name: '#8 duplicate key: the last value wins, no error',
    files: { 'web.yaml': deployment('web', '  replicas: 1\n' + nginxSpec) },
    args: 'apply -f web.yaml',
    expected: { stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 },
    then: [{ args: ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}'], stdout: '2' }],
  },
  {
    name: '#9 document is plain text',
    files: { 'notes.yaml': 'just some text\n' },
    args: 'apply -f notes.yaml',
    expected: failed('error: error validating "notes.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n'),
  },
  {
    name: '#9 document is a list',
    files: { 'list.yaml': '- name: web\n- name: db\n' },
    args: 'apply -f list.yaml',
    expected: failed('error: error validating "list.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n'),
  },
  {
    name: '#10 only comments (apply)',
    files: { 'empty.yaml': '# TODO: write the deployment\n' },
    args: 'apply -f empty.yaml',
    expected: failed('error: no objects passed to apply\n'),
  },
  {
    name: '#10 empty file (create)',
    files: { 'empty.yaml': '' },
    args: 'create -f empty.yaml',
    expected: failed('error: no objects passed to create\n'),
  },
  {
    name: '#11 multi-document file with one bad document',
    files: {
      'app.yaml': configMap('web-config', 'data:\n  mode: fast\n') +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 70000\n' +
        '---\n' + deployment('web', nginxSpec),
    },
    args: 'apply -f app.yaml',
    expected: {
      stdout: 'configmap/web-config created\ndeployment.apps/web created\n',
      // targetPort defaults to port, so it is refused too.
      stderr: 'The Service "web" is invalid: \n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n' +
        '* spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
      exitCode: 1,
    },
    then: [
      { args: 'get configmap/web-config deployment.apps/web -o name', stdout: 'configmap/web-config\ndeployment.apps/web\n' },
      { args: 'get service web -o name --ignore-not-found', stdout: '' },
    ],
  },
  {
    name: '#12 YAML 1.1 `yes` is a bool: ConfigMap data',
    files: { 'flags.yaml': configMap('flags', 'data:\n  debug: yes\n') },
    args: 'apply -f flags.yaml',
    expected: failed(cannotBeHandled('creating', 'flags.yaml', 'ConfigMap', 'json: cannot unmarshal bool into Go struct field ConfigMap.data of type string')),
  },
  {
    // [V] Go's encoding/json names the nested field by JSON path without indices.
    name: '#12 YAML 1.1 `yes` is a bool: env value',
    files: {
      'web.yaml': deployment('web', nginxSpec + '        env:\n        - name: DEBUG\n          value: yes\n'),
    },
    args: 'apply -f web.yaml',
    expected: failed('Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be handled as a Deployment: ' +
      'json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string\n'),
  },
  {
    name: '#12 YAML 1.1 octal `defaultMode: 0644` is 420; a date stays a string',
    files: {
      'web.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    released: 2001-12-14\nspec:\n' +
        '  containers:\n  - name: web\n    image: nginx:1.27\n  volumes:\n  - name: config\n    configMap:\n      name: web-config\n      defaultMode: 0644\n',
    },
    args: 'apply -f web.yaml',
    expected: { stdout: 'pod/web created\n', stderr: '', exitCode: 0 },
    then: [{ args: ['get', 'pod', 'web', '-o', 'jsonpath={.spec.volumes[0].configMap.defaultMode} {.metadata.annotations.released}'], stdout: '420 2001-12-14' }],
  },
  {
    name: '#13 request body over 3 MiB',
    files: { 'big.yaml': configMap('big', `data:\n  blob: "${'x'.repeat(3_300_000)}"\n`) },
    args: 'create -f big.yaml',
    expected: failed('Error from server (RequestEntityTooLarge): error when creating "big.yaml": Request entity too large: limit is 3145728\n'),
  },
  {
    // Passes validation (no size limit on env values) but etcd refuses requests over 1.5 MiB.
    name: '#14 object between 1.5 and 3 MiB',
    files: {
      'big-pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n' +
        `    env:\n    - name: BLOB\n      value: "${'x'.repeat(2_000_000)}"\n`,
    },
    args: 'create -f big-pod.yaml',
    expected: failed('Error from server: error when creating "big-pod.yaml": etcdserver: request is too large\n'),
  },
  {
    name: '#15 ConfigMap data over 1 MiB',
    files: { 'big.yaml': configMap('big', `data:\n  blob: "${'x'.repeat(1_100_000)}"\n`) },
    args: 'create -f big.yaml',
    expected: failed('The ConfigMap "big" is invalid: []: Too long: may not be more than 1048576 bytes\n'),
  },
];

describe.skipIf(!kubectlPath)('bad input §8.1: YAML and documents', () => {
  // Two labs: one case's kubectl runs while the other lab resets for the next case.
  const pool = labPool(2);
  beforeAll(() => pool.start());
  afterAll(() => pool.stop());

  it.concurrent.for(cases.map((c) => [c.name, c] as const))('%s', async ([, c], { expect }) => {
    await pool.use((k) => checkBadInput(k, c, expect));
  });
});
