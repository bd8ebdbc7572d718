/**
 * Fixes found by the fidelity harness (tests/fidelity/harness), one case each, with the exact text
 * the real kubectl 1.32 printed for the same command against `kubelab serve`.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const configMap = (name: string, data = 'a: "1"'): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  ${data}\n`;

function session(): KubectlSession {
  const cluster = new Cluster({ seed: 1, addons: false });
  return new KubectlSession({ handle: cluster.handle.bind(cluster) }, { now: () => cluster.now() });
}

describe('write verbs as the real kubectl prints them', () => {
  it.each<[string, string[], { stdout?: string; stderr?: string; exitCode?: number }]>([
    ['apply -o name prints the name without an operation', ['kubectl apply -f a.yaml', 'kubectl apply -f a.yaml -o name'], { stdout: 'configmap/alpha\n' }],
    ['create with arguments and no generator', ['kubectl create bogus thing'], { stderr: "error: Unexpected args: [bogus thing]\nSee 'kubectl create -h' for help and examples\n", exitCode: 1 }],
    ['a generator wraps the server error', ['kubectl create configmap cfg', 'kubectl create configmap cfg'], { stderr: 'error: failed to create configmap: configmaps "cfg" already exists\n', exitCode: 1 }],
    ['create secret generic wraps it without a colon', ['kubectl create secret generic s', 'kubectl create secret generic s'], { stderr: 'error: failed to create secret secrets "s" already exists\n', exitCode: 1 }],
    ['delete -f names the file in a server error', ['kubectl delete -f a.yaml'], { stderr: 'Error from server (NotFound): error when deleting "a.yaml": configmaps "alpha" not found\n', exitCode: 1 }],
    ['replace --force prints the delete as delete does', ['kubectl create -f a.yaml', 'kubectl replace --force -f a.yaml'], { stdout: 'configmap "alpha" deleted\nconfigmap/alpha replaced\n' }],
    ['patch with a plain scalar goes to the server', ['kubectl create -f a.yaml', "kubectl patch cm alpha -p 'not json'"], { stderr: 'Error from server (BadRequest): json: cannot unmarshal string into Go value of type map[string]interface {}\n', exitCode: 1 }],
    ['patch --dry-run=client says patched and changes nothing', ['kubectl create -f a.yaml', `kubectl patch cm alpha -p '{"data":{"b":"2"}}' --dry-run=client`, 'kubectl get cm alpha -o jsonpath={.data}'], { stdout: '{"a":"1"}' }],
    ['run with a bad restart policy', ['kubectl run bad --image=nginx --restart=Sometimes'], { stderr: "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n", exitCode: 1 }],
    ['version -o yaml ends with a blank line', ['kubectl version --client -o yaml'], { stdout: 'clientVersion:\n' }],
    ['config get-clusters', ['kubectl config get-clusters'], { stdout: 'NAME\nkubelab\n' }],
    ['config get-users', ['kubectl config get-users'], { stdout: 'NAME\nlearner\n' }],
    ['config rename-context renames the current context too', ['kubectl config rename-context kubelab lab', 'kubectl config current-context'], { stdout: 'lab\n' }],
    ['logs -l with no pods', ['kubectl logs -l app=nothing'], { stderr: 'No resources found in default namespace.\n', exitCode: 0 }],
    ['logs -c of a container the pod does not have', ['kubectl run web --image=nginx', 'kubectl logs web -c nope'], { stderr: 'error: container nope is not valid for pod web\n', exitCode: 1 }],
  ])('%s', (_name, lines, expected) => {
    const s = session();
    let result = { stdout: '', stderr: '', exitCode: 0 };
    for (const line of lines) result = s.run(line, { files: { 'a.yaml': configMap('alpha') } });
    if (expected.stdout !== undefined) {
      if (lines.at(-1)!.includes('version')) expect(result.stdout.startsWith(expected.stdout) && result.stdout.endsWith('\n\n')).toBe(true);
      else expect(result.stdout).toBe(expected.stdout);
    }
    if (expected.stderr !== undefined) expect(result.stderr).toBe(expected.stderr);
    if (expected.exitCode !== undefined) expect(result.exitCode).toBe(expected.exitCode);
  });

  it('apply -o yaml separates objects with ---', () => {
    const s = session();
    const result = s.run('kubectl apply -f two.yaml -o yaml --dry-run=client', { files: { 'two.yaml': `${configMap('one')}---\n${configMap('two')}` } });
    expect(result.stdout.split('\n').filter((line) => line === '---')).toHaveLength(1);
    expect(result.stdout).toContain('kubectl.kubernetes.io/last-applied-configuration');
  });
});
