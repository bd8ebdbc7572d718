/**
 * Real kubectl: `apply` (client-side and server-side, with a field-manager conflict), `create -f`,
 * `--dry-run=server|client` and the API server's 3 MiB request limit — the exact text kubectl 1.32
 * prints against a v1.32 API server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';
import { maskVarying } from '../support/scenario.ts';

const deployment = (replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const configMap = (name: string, value: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: "${value}"\n`;

const conflictHelp = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

describe.skipIf(!kubectlPath)('real kubectl: apply, create -f, dry runs', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
  });
  afterAll(async () => {
    await k.stop();
  });

  it('applies a new Deployment, then reports unchanged, then configured', async () => {
    expect(await k.run('apply -f web.yaml', { files: { 'web.yaml': deployment(2) } }))
      .toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    expect(await k.run('apply -f web.yaml')).toEqual({ stdout: 'deployment.apps/web unchanged\n', stderr: '', exitCode: 0 });
    expect(await k.run('apply -f web.yaml', { files: { 'web.yaml': deployment(3) } }))
      .toEqual({ stdout: 'deployment.apps/web configured\n', stderr: '', exitCode: 0 });
    const stored = await k.run(['get', 'deployment', 'web', '-o',
      'jsonpath={.spec.replicas} {.metadata.generation} {.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}']);
    expect(stored.stdout).toBe('3 2 {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},'
      + '"name":"web","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":'
      + '{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n');
  });

  it('warns when applying to an object made by create without --save-config', async () => {
    expect(await k.run('create -f plain.yaml', { files: { 'plain.yaml': configMap('plain', 'a') } }))
      .toEqual({ stdout: 'configmap/plain created\n', stderr: '', exitCode: 0 });
    expect(await k.run('apply -f plain.yaml', { files: { 'plain.yaml': configMap('plain', 'b') } })).toEqual({
      stdout: 'configmap/plain configured\n',
      stderr: 'Warning: resource configmaps/plain is missing the kubectl.kubernetes.io/last-applied-configuration annotation '
        + 'which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either '
        + 'kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
      exitCode: 0,
    });
    expect((await k.run(['get', 'cm', 'plain', '-o', 'jsonpath={.data.key}'])).stdout).toBe('b');
  });

  it('creates several objects from one file and reports each AlreadyExists the second time', async () => {
    const files = { 'both.yaml': `${configMap('one', '1')}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: two\nstringData:\n  pw: s3cret\n` };
    expect(await k.run('create -f both.yaml', { files })).toEqual({ stdout: 'configmap/one created\nsecret/two created\n', stderr: '', exitCode: 0 });
    expect(await k.run('create -f both.yaml')).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "both.yaml": configmaps "one" already exists\n'
        + 'Error from server (AlreadyExists): error when creating "both.yaml": secrets "two" already exists\n',
      exitCode: 1,
    });
    expect((await k.run(['get', 'secret', 'two', '-o', 'jsonpath={.type} {.data.pw}'])).stdout).toBe('Opaque czNjcmV0');
  });

  it('applies server-side, refuses a second manager with a conflict, and takes the field with --force-conflicts', async () => {
    expect(await k.run('apply --server-side -f ssa.yaml', { files: { 'ssa.yaml': configMap('ssa', 'a') } }))
      .toEqual({ stdout: 'configmap/ssa serverside-applied\n', stderr: '', exitCode: 0 });
    expect(await k.run('apply --server-side --field-manager=other -f ssa2.yaml', { files: { 'ssa2.yaml': configMap('ssa', 'b') } })).toEqual({
      stdout: '',
      stderr: `error: Apply failed with 1 conflict: conflict with "kubectl": .data.key\n${conflictHelp}`,
      exitCode: 1,
    });
    expect(await k.run('apply --server-side --field-manager=other --force-conflicts -f ssa2.yaml'))
      .toEqual({ stdout: 'configmap/ssa serverside-applied\n', stderr: '', exitCode: 0 });
    const managed = await k.run(['get', 'cm', 'ssa', '-o',
      'jsonpath={.data.key} {range .metadata.managedFields[*]}{.manager}/{.operation}/{.fieldsV1}{end}']);
    expect(managed.stdout).toBe('b other/Apply/{"f:data":{"f:key":{}}}');
  });

  it('names an Update manager with its API version in a conflict', async () => {
    expect(await k.run('create configmap made --from-literal=key=a')).toEqual({ stdout: 'configmap/made created\n', stderr: '', exitCode: 0 });
    expect(await k.run('apply --server-side -f made.yaml', { files: { 'made.yaml': configMap('made', 'b') } })).toEqual({
      stdout: '',
      stderr: `error: Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.key\n${conflictHelp}`,
      exitCode: 1,
    });
  });

  it('lets two managers co-own a field they apply with the same value', async () => {
    expect(await k.run('apply --server-side -f co.yaml', { files: { 'co.yaml': configMap('co', 'same') } }))
      .toEqual({ stdout: 'configmap/co serverside-applied\n', stderr: '', exitCode: 0 });
    expect(await k.run('apply --server-side --field-manager=other -f co.yaml'))
      .toEqual({ stdout: 'configmap/co serverside-applied\n', stderr: '', exitCode: 0 });
    // In v1.32 a second manager applying identical values gets an entry with no `time`
    // (kubernetes#127938), and apimachinery sorts an entry without time first among Apply entries.
    const managers = await k.run(['get', 'cm', 'co', '-o', 'jsonpath={.metadata.managedFields[*].manager}']);
    expect(managers.stdout).toBe('other kubectl');
  });

  it('runs a server dry run without storing anything', async () => {
    expect(await k.run('apply --dry-run=server -f dry.yaml', { files: { 'dry.yaml': configMap('dry', 'x') } }))
      .toEqual({ stdout: 'configmap/dry created (server dry run)\n', stderr: '', exitCode: 0 });
    expect(await k.run('create --dry-run=server -f dry.yaml')).toEqual({ stdout: 'configmap/dry created (server dry run)\n', stderr: '', exitCode: 0 });
    expect(await k.run('get cm dry')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): configmaps "dry" not found\n', exitCode: 1 });
    // A dry-run create is defaulted and given a uid and creationTimestamp, but never a resourceVersion.
    const printed = await k.run('create configmap dry --from-literal=a=b --dry-run=server -o yaml');
    expect({ ...printed, stdout: maskVarying(printed.stdout) }).toEqual({
      stdout: 'apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  creationTimestamp: "2026-01-01T00:00:00Z"\n'
        + '  name: dry\n  namespace: default\n  uid: <uid>\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('answers a server dry run of a duplicate with AlreadyExists', async () => {
    expect(await k.run('create --dry-run=server -f one.yaml', { files: { 'one.yaml': configMap('one', '1') } })).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "one.yaml": configmaps "one" already exists\n',
      exitCode: 1,
    });
  });

  it('runs a client dry run without asking the server to write', async () => {
    expect(await k.run('apply --dry-run=client -f client.yaml', { files: { 'client.yaml': configMap('client', 'x') } }))
      .toEqual({ stdout: 'configmap/client created (dry run)\n', stderr: '', exitCode: 0 });
    expect((await k.run('get cm client')).stderr).toBe('Error from server (NotFound): configmaps "client" not found\n');
    expect(k.lab.control.cluster.api.context.audit.query({ verb: 'create', name: 'client' })).toEqual([]);
  });

  it('rejects a request body over 3 MiB with 413', async () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'a'.repeat(3_200_000)}"\n`;
    expect(await k.run('create -f big.yaml', { files: { 'big.yaml': big } })).toEqual({
      stdout: '',
      stderr: 'Error from server (RequestEntityTooLarge): error when creating "big.yaml": Request entity too large: limit is 3145728\n',
      exitCode: 1,
    });
  });

  it('rejects a Deployment whose selector does not match its template labels', async () => {
    const bad = deployment(1).replace('name: web', 'name: bad').replace('      labels:\n        app: web', '      labels:\n        app: other');
    expect(await k.run('create -f bad.yaml', { files: { 'bad.yaml': bad } })).toEqual({
      stdout: '',
      stderr: 'The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: '
        + '`selector` does not match template `labels`\n',
      exitCode: 1,
    });
  });

  it('refuses an unknown field under strict validation and warns under --validate=warn', async () => {
    const typo = deployment(1).replace('name: web', 'name: typo').replace('  replicas: 1', '  replica: 1');
    expect(await k.run('apply -f typo.yaml', { files: { 'typo.yaml': typo } })).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): error when creating "typo.yaml": Deployment in version "v1" cannot be handled as a Deployment: '
        + 'strict decoding error: unknown field "spec.replica"\n',
      exitCode: 1,
    });
    expect(await k.run('apply -f typo.yaml --validate=warn'))
      .toEqual({ stdout: 'deployment.apps/typo created\n', stderr: 'Warning: unknown field "spec.replica"\n', exitCode: 0 });
  });
});
