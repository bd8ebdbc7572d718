import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const configMap = (name: string, value: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  v: "${value}"\n`;
const files = {
  'alpha.yaml': configMap('alpha', '1'), 'alpha2.yaml': configMap('alpha', '2'), 'gamma.yaml': configMap('gamma', '1'), 'ghost.yaml': configMap('ghost', '1'),
};

/** An isolated cluster where `alpha` was applied and `gamma` created without the annotation. */
function lab(): KubectlSession {
  const session = new KubectlSession(new Cluster({ seed: 7, addons: false }));
  for (const line of ['kubectl apply -f alpha.yaml', 'kubectl create -f gamma.yaml']) expect(session.run(line, { files }).exitCode).toBe(0);
  return session;
}

/** The object's last-applied annotation as stored. */
function annotation(session: KubectlSession, name: string): string {
  const object = JSON.parse(session.run(`kubectl get cm ${name} -o json`).stdout) as { metadata: { annotations: Record<string, string> } };
  return object.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
}

describe('kubectl apply set-last-applied', () => {
  it('writes the file object, as the unstructured encoder writes it, into the annotation alone', () => {
    const session = lab();
    expect(session.run('kubectl apply set-last-applied -f alpha2.yaml', { files })).toEqual({ stdout: 'configmap/alpha configured\n', stderr: '', exitCode: 0 });
    expect(annotation(session, 'alpha')).toBe('{"apiVersion":"v1","data":{"v":"2"},"kind":"ConfigMap","metadata":{"name":"alpha","namespace":"default"}}\n');
    expect(session.run('kubectl get cm alpha -o jsonpath={.data.v}').stdout).toBe('1');
    expect(session.run('kubectl apply set-last-applied -f alpha2.yaml', { files }).stdout).toBe('set-last-applied alpha: no changes required.\n');
  });

  it.each([
    ['-f gamma.yaml', { stdout: '', stderr: 'error: no last-applied-configuration annotation found on resource: gamma, to create the annotation, run the command with --create-annotation\n', exitCode: 1 }],
    ['-f gamma.yaml --create-annotation', { stdout: 'configmap/gamma configured\n', stderr: '', exitCode: 0 }],
    ['-f ghost.yaml --create-annotation', { stdout: '', stderr: 'Error from server (NotFound): configmaps "ghost" not found\n', exitCode: 1 }],
    ['-f alpha2.yaml --dry-run=client', { stdout: 'configmap/alpha configured (dry run)\n', stderr: '', exitCode: 0 }],
    ['-f alpha2.yaml --dry-run=server', { stdout: 'configmap/alpha configured (server dry run)\n', stderr: '', exitCode: 0 }],
    ['-f alpha2.yaml -o name', { stdout: 'configmap/alpha\n', stderr: '', exitCode: 0 }],
    // Every object is checked before any is patched.
    ['-f alpha2.yaml -f ghost.yaml', { stdout: '', stderr: 'Error from server (NotFound): configmaps "ghost" not found\n', exitCode: 1 }],
    ['-f alpha.yaml -o wide', {
      stdout: '', exitCode: 1,
      stderr: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    }],
  ])('%s', (flags, expected) => {
    const session = lab();
    const before = annotation(session, 'alpha');
    expect(session.run(`kubectl apply set-last-applied ${flags}`, { files })).toEqual(expected);
    // Dry runs and failed checks leave the annotation as it was.
    if (expected.exitCode !== 0 || flags.includes('dry-run')) expect(annotation(session, 'alpha')).toBe(before);
  });
});
