/**
 * The real kubectl against `kubelab serve`: discovery, create, get, delete, and the API server's
 * error messages, exactly as kubectl prints them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';

describe.skipIf(!kubectlPath)('real kubectl: basics', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
  });
  afterAll(async () => {
    await k.stop();
  });

  it('reports server version v1.32', async () => {
    const result = await k.run('version -o json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).serverVersion).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.2' });
  });

  it('lists the namespaces of a new cluster: kind\'s four, local-path-storage and ingress-nginx', async () => {
    const result = await k.run('get namespaces -o name');
    expect(result).toEqual({
      stdout: 'namespace/default\nnamespace/ingress-nginx\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\nnamespace/local-path-storage\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('creates, reads and deletes a ConfigMap from a file', async () => {
    const created = await k.run('create -f cm.yaml', {
      files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "fast"\n' },
    });
    expect(created).toMatchObject({ stdout: 'configmap/settings created\n', exitCode: 0 });
    const again = await k.run('create -f cm.yaml');
    expect(again.stderr).toBe('Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "settings" already exists\n');
    expect(again.exitCode).toBe(1);
    const value = await k.run(['get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}']);
    expect(value.stdout).toBe('fast');
    const deleted = await k.run('delete configmap settings');
    expect(deleted).toMatchObject({ stdout: 'configmap "settings" deleted\n', exitCode: 0 });
  });

  it('prints the NotFound error of the real API server', async () => {
    const result = await k.run('get deployment web');
    expect(result).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n', exitCode: 1 });
  });

  it('refuses writes into a namespace that does not exist', async () => {
    const result = await k.run('create configmap x -n nowhere --from-literal=a=b --validate=false');
    // kubectl's typed create sends protobuf; either way the namespace is missing.
    expect(result.stderr).toContain('namespaces "nowhere" not found');
    expect(result.exitCode).toBe(1);
  });

  it('refuses to delete the default namespace', async () => {
    const result = await k.run('delete namespace default');
    expect(result.stderr).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n');
  });
});
