/**
 * Bad input catalogue §8.2 (research/api-semantics.md): missing or wrong apiVersion/kind, unknown
 * fields, wrong scalar types and quantities.
 *
 * #16 is kubectl's own check. #17–#19 need the server's discovery and OpenAPI to look like a real
 * v1.32 server: kubectl 1.32 asks /openapi/v3 whether the kind's PATCH takes `fieldValidation`;
 * for a group/version or kind it does not find there it falls back to client-side validation with
 * /openapi/v2 (cli-runtime query_param_verifier_v3.go, kubectl pkg/validation), which skips kinds
 * it does not know, and then the REST mapper fails (cli-runtime resource/mapper.go,
 * apimachinery meta NoKindMatchError) — confirmed in source at v0.32.4.
 * Skipped: #19's second half (the CRD becoming Established needs the apiextensions controllers).
 * [V] not confirmed in source: #22's Go json text for an out-of-range number (encoding/json
 * UnmarshalTypeError "number 3000000000").
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { kubectlPath, labPool } from '../support/kubectl.ts';
import { cannotBeHandled, checkBadInput, deployment, nginxSpec, type BadInputCase } from './bad-input-case.ts';

const failed = (stderr: string): BadInputCase['expected'] => ({ stdout: '', stderr, exitCode: 1 });
const validationOff = '; if you choose to ignore these errors, turn validation off with --validate=false\n';
const noMatch = (name: string, namespace: string, file: string, kind: string, version: string): string =>
  `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${file}": ` +
  `no matches for kind "${kind}" in version "${version}"\nensure CRDs are installed first\n`;
const replicasType = (detail: string): string =>
  cannotBeHandled('creating', 'web.yaml', 'Deployment', `json: cannot unmarshal ${detail} into Go struct field DeploymentSpec.spec.replicas of type int32`);
const pod = (resources: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    resources:\n${resources}`;
const quantityError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const cases: BadInputCase[] = [
  {
    name: '#16 no apiVersion and no kind',
    files: { 'settings.yaml': 'metadata:\n  name: settings\ndata:\n  mode: fast\n' },
    args: 'apply -f settings.yaml',
    expected: failed(`error: error validating "settings.yaml": error validating data: [apiVersion not set, kind not set]${validationOff}`),
  },
  {
    name: '#16 no apiVersion',
    files: { 'settings.yaml': 'kind: ConfigMap\nmetadata:\n  name: settings\n' },
    args: 'create -f settings.yaml',
    expected: failed(`error: error validating "settings.yaml": error validating data: apiVersion not set${validationOff}`),
  },
  {
    name: '#16 no kind',
    files: { 'settings.yaml': 'apiVersion: v1\nmetadata:\n  name: settings\n' },
    args: 'apply -f settings.yaml',
    expected: failed(`error: error validating "settings.yaml": error validating data: kind not set${validationOff}`),
  },
  {
    name: '#17 removed apiVersion apps/v1beta2',
    files: { 'nginx.yaml': deployment('nginx', nginxSpec).replace('apps/v1', 'apps/v1beta2') },
    args: 'apply -f nginx.yaml',
    expected: failed(noMatch('nginx', '', 'nginx.yaml', 'Deployment', 'apps/v1beta2')),
  },
  {
    name: '#17 removed apiVersion extensions/v1beta1 Ingress',
    files: {
      'ingress.yaml': 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n' +
        '  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          serviceName: web\n          servicePort: 80\n',
    },
    args: 'apply -f ingress.yaml',
    expected: failed(noMatch('web', 'shop', 'ingress.yaml', 'Ingress', 'extensions/v1beta1')),
  },
  {
    name: '#17 removed apiVersion policy/v1beta1 PodSecurityPolicy',
    files: { 'psp.yaml': 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\nspec:\n  privileged: false\n' },
    args: 'create -f psp.yaml',
    expected: failed(noMatch('restricted', '', 'psp.yaml', 'PodSecurityPolicy', 'policy/v1beta1')),
  },
  {
    name: '#18 kind typo',
    files: { 'nginx.yaml': deployment('nginx', nginxSpec).replace('kind: Deployment', 'kind: Deploymnt') },
    args: 'apply -f nginx.yaml',
    expected: failed(noMatch('nginx', '', 'nginx.yaml', 'Deploymnt', 'apps/v1')),
  },
  {
    // Unlike a typo, kubectl's REST mapper finds `deployment`; the API server's scheme does not
    // (observed real output, several public reports).
    name: '#18 kind in lower case',
    files: { 'nginx.yaml': deployment('nginx', nginxSpec).replace('kind: Deployment', 'kind: deployment') },
    args: 'apply -f nginx.yaml',
    expected: failed('Error from server (BadRequest): error when creating "nginx.yaml": deployment in version "v1" cannot be handled as a Deployment: ' +
      'no kind "deployment" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"\n'),
  },
  {
    name: '#19 custom resource before its CRD',
    files: { 'shirt.yaml': 'apiVersion: stable.example.com/v1\nkind: Shirt\nmetadata:\n  name: example1\nspec:\n  color: blue\n  size: S\n' },
    args: 'apply -f shirt.yaml',
    expected: failed(noMatch('example1', '', 'shirt.yaml', 'Shirt', 'stable.example.com/v1')),
  },
  {
    name: '#20 unknown field spec.replicass',
    files: { 'web.yaml': deployment('web', '  replicass: 3\n' + nginxSpec) },
    args: 'apply -f web.yaml',
    expected: failed(cannotBeHandled('creating', 'web.yaml', 'Deployment', 'strict decoding error: unknown field "spec.replicass"')),
  },
  {
    name: '#20 misplaced field and misspelt probe field (two unknown fields)',
    files: {
      'web.yaml': deployment('web', nginxSpec + '        readinessProbe:\n          initialDelay: 5\n          httpGet:\n            path: /\n            port: 80\n')
        .replace('  name: web\n', '  name: web\n  containers: []\n'),
    },
    args: 'create -f web.yaml',
    expected: failed(cannotBeHandled('creating', 'web.yaml', 'Deployment',
      'strict decoding error: unknown field "metadata.containers", unknown field "spec.template.spec.containers[0].readinessProbe.initialDelay"')),
  },
  {
    // Upstream dual-stack-ipv6-lb-svc.yaml still carries the field removed in 1.20.
    name: '#20 obsolete Service spec.ipFamily',
    files: { 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ipFamily: IPv6\n  type: LoadBalancer\n  selector:\n    app: web\n  ports:\n  - port: 80\n' },
    args: 'apply -f svc.yaml',
    expected: failed(cannotBeHandled('creating', 'svc.yaml', 'Service', 'strict decoding error: unknown field "spec.ipFamily"')),
  },
  {
    name: '#20 unknown field with --validate=warn: created, with a warning',
    files: { 'web.yaml': deployment('web', '  replicass: 3\n' + nginxSpec) },
    args: 'apply -f web.yaml --validate=warn',
    expected: { stdout: 'deployment.apps/web created\n', stderr: 'Warning: unknown field "spec.replicass"\n', exitCode: 0 },
  },
  {
    name: '#20 unknown field with --validate=false: silently dropped',
    files: { 'web.yaml': deployment('web', '  replicass: 3\n' + nginxSpec) },
    args: 'create -f web.yaml --validate=false',
    expected: { stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 },
    then: [{ args: ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}'], stdout: '2' }],
  },
  {
    name: '#21 replicas as a quoted string',
    files: { 'web.yaml': deployment('web', nginxSpec.replace('replicas: 2', 'replicas: "3"')) },
    args: 'apply -f web.yaml',
    expected: failed(replicasType('string')),
  },
  {
    name: '#21 replicas as a word',
    files: { 'web.yaml': deployment('web', nginxSpec.replace('replicas: 2', 'replicas: two')) },
    args: 'create -f web.yaml',
    expected: failed(replicasType('string')),
  },
  {
    name: '#22 replicas beyond int32',
    files: { 'web.yaml': deployment('web', nginxSpec.replace('replicas: 2', 'replicas: 3000000000')) },
    args: 'apply -f web.yaml',
    expected: failed(replicasType('number 3000000000')),
  },
  {
    name: '#23 replicas: 1e6 is accepted',
    files: { 'web.yaml': deployment('web', nginxSpec.replace('replicas: 2', 'replicas: 1e6')) },
    args: 'create -f web.yaml',
    expected: { stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 },
    then: [{ args: ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}'], stdout: '1000000' }],
  },
  {
    name: '#24 quantity `cpu: 1cpu`',
    files: { 'pod.yaml': pod('      limits:\n        cpu: 1cpu\n') },
    args: 'apply -f pod.yaml',
    expected: failed(cannotBeHandled('creating', 'pod.yaml', 'Pod', quantityError)),
  },
  {
    name: '#24 quantity `memory: 1GB`',
    files: { 'pod.yaml': pod('      requests:\n        memory: 1GB\n') },
    args: 'create -f pod.yaml',
    expected: failed(cannotBeHandled('creating', 'pod.yaml', 'Pod', quantityError)),
  },
  {
    name: '#25 requests above limits',
    files: { 'pod.yaml': pod('      requests:\n        cpu: "2"\n      limits:\n        cpu: "1"\n') },
    args: 'apply -f pod.yaml',
    expected: failed('The Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n'),
  },
];

describe.skipIf(!kubectlPath)('bad input §8.2: types and kinds', () => {
  // Two labs: one case's kubectl runs while the other lab resets for the next case.
  const pool = labPool(2);
  beforeAll(() => pool.start());
  afterAll(() => pool.stop());

  it.concurrent.for(cases.map((c) => [c.name, c] as const))('%s', async ([, c], { expect }) => {
    await pool.use((k) => checkBadInput(k, c, expect));
  });
});
