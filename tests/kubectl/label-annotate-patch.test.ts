/**
 * Real kubectl: `label`, `annotate` (with their --overwrite errors) and `patch` in its three
 * flavours — strategic merge (lists merged by key), JSON merge (lists replaced) and JSON patch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';

const sidecar = '      - name: sidecar\n        image: busybox:1.36\n        command: [sleep, infinity]\n';
const deployment = (name: string, withSidecar: boolean): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
${withSidecar ? sidecar : ''}`;

const containersPath = 'jsonpath={.spec.template.spec.containers[*].name} {.spec.template.spec.containers[*].image}';

describe.skipIf(!kubectlPath)('real kubectl: label, annotate, patch', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
    await k.run('create configmap settings --from-literal=mode=fast');
    await k.run('create -f deployments.yaml', {
      files: { 'deployments.yaml': [deployment('web', true), deployment('api', true), deployment('solo', false)].join('---\n') },
    });
  }, 120_000);
  afterAll(async () => {
    await k.stop();
  });

  it('labels, refuses to overwrite without --overwrite, overwrites, and removes', async () => {
    expect(await k.run('label configmap settings app=web')).toEqual({ stdout: 'configmap/settings labeled\n', stderr: '', exitCode: 0 });
    expect(await k.run('label configmap settings app=db')).toEqual({
      stdout: '', stderr: "error: 'app' already has a value (web), and --overwrite is false\n", exitCode: 1,
    });
    expect(await k.run('label configmap settings app=db --overwrite')).toEqual({ stdout: 'configmap/settings labeled\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'configmap', 'settings', '-o', 'jsonpath={.metadata.labels}'])).stdout).toBe('{"app":"db"}');
    expect(await k.run('label configmap settings app-')).toEqual({ stdout: 'configmap/settings unlabeled\n', stderr: '', exitCode: 0 });
    expect(await k.run('label configmap settings missing-')).toEqual({
      // kubectl compares the object before and after it set an (empty) label map: it says "labeled".
      stdout: 'label "missing" not found.\nconfigmap/settings labeled\n', stderr: '', exitCode: 0,
    });
    expect((await k.run(['get', 'configmap', 'settings', '-o', 'jsonpath={.metadata.labels}'])).stdout).toBe('');
  });

  it('annotates, refuses to overwrite without --overwrite, then overwrites', async () => {
    expect(await k.run('annotate configmap settings owner=alice')).toEqual({ stdout: 'configmap/settings annotated\n', stderr: '', exitCode: 0 });
    expect(await k.run('annotate configmap settings owner=bob')).toEqual({
      stdout: '',
      stderr: "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (alice)\n",
      exitCode: 1,
    });
    expect(await k.run('annotate configmap settings owner=bob --overwrite')).toEqual({ stdout: 'configmap/settings annotated\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'configmap', 'settings', '-o', 'jsonpath={.metadata.annotations.owner}'])).stdout).toBe('bob');
  });

  it('merges a strategic merge patch into the container list by name', async () => {
    expect(await k.run(['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}']))
      .toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'deployment', 'web', '-o', containersPath])).stdout).toBe('nginx sidecar nginx:1.28 busybox:1.36');
    expect((await k.run(['get', 'deployment', 'web', '-o', 'jsonpath={.metadata.generation} {.spec.template.spec.containers[0].ports}'])).stdout)
      .toBe('2 [{"containerPort":80,"protocol":"TCP"}]');
  });

  it('deletes a list element with the $patch: delete directive', async () => {
    const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}';
    expect(await k.run(['patch', 'deployment', 'web', '--type=strategic', '-p', patch]))
      .toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'deployment', 'web', '-o', containersPath])).stdout).toBe('nginx nginx:1.28');
  });

  it('says "patched (no change)" when the patch changes nothing', async () => {
    expect(await k.run(['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":2}}']))
      .toEqual({ stdout: 'deployment.apps/web patched (no change)\n', stderr: '', exitCode: 0 });
  });

  // apimachinery's normalizeElementOrder puts patch items not in the live list before the live ones
  // (mergeSortedSlice takes the right-hand item when the two cannot be compared by server order).
  it('puts a container that is new to the list before the existing ones, as strategic merge does', async () => {
    expect(await k.run(['patch', 'deployment', 'solo', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}']))
      .toEqual({ stdout: 'deployment.apps/solo patched\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'deployment', 'solo', '-o', containersPath])).stdout).toBe('sidecar nginx busybox:1.36 nginx:1.27');
  });

  it('replaces whole lists with a JSON merge patch', async () => {
    expect(await k.run(['patch', 'deployment', 'api', '--type=merge', '-p',
      '{"metadata":{"labels":{"team":"a"}},"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.29"}]}}}}']))
      .toEqual({ stdout: 'deployment.apps/api patched\n', stderr: '', exitCode: 0 });
    expect((await k.run(['get', 'deployment', 'api', '-o', `${containersPath} {.metadata.labels}`])).stdout).toBe('nginx nginx:1.29 {"team":"a"}');
  });

  it('applies a JSON patch', async () => {
    const patch = '[{"op":"replace","path":"/spec/replicas","value":4},{"op":"add","path":"/metadata/annotations","value":{"note":"json"}}]';
    expect(await k.run(['patch', 'deployment', 'web', '--type=json', '-p', patch]))
      .toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', exitCode: 0 });
    // The patch replaces the annotations; the deployment controller puts its revision back (3: the two
    // strategic patches above changed the pod template twice), as on a real cluster.
    expect((await k.run(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.annotations}'])).stdout)
      .toBe('4 {"deployment.kubernetes.io/revision":"3","note":"json"}');
  });

  it('reports a patch of a missing object as NotFound', async () => {
    expect(await k.run(['patch', 'configmap', 'nope', '-p', '{"data":{"a":"b"}}'])).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', exitCode: 1,
    });
  });
});
