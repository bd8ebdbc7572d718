import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { KubectlSession, runKubectl } from './index.ts';

const cluster = new Cluster();

describe('runKubectl', () => {
  it.each([
    ['k get ns --no-headers | grep kube | wc -l', { stdout: '3\n', stderr: '', exitCode: 0 }],
    ['kubectl get ns | head -n 2', { stdout: 'NAME                 STATUS   AGE\ndefault              Active   0s\n', stderr: '', exitCode: 0 }],
    ['kubectl get ns | grep -v kube', { stdout: 'NAME                 STATUS   AGE\ndefault              Active   0s\ningress-nginx        Active   0s\nlocal-path-storage   Active   0s\n', stderr: '', exitCode: 0 }],
    ['kubectl get ns | grep nothing', { stdout: '', stderr: '', exitCode: 1 }],
    ['kubectl get ns | sort', { stdout: '', stderr: 'kubelab: sort is not supported in this terminal (grep, wc, head and tail are)\n', exitCode: 127 }],
    ['kubectl delete pod $(kubectl get pods -o name)', { stdout: '', stderr: 'kubelab: command substitution $(…) is not supported in this terminal\n', exitCode: 2 }],
    ['ls', { stdout: '', stderr: 'ls: command not found\n', exitCode: 127 }],
    ['kubectl gett pods', { stdout: '', stderr: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n', exitCode: 1 }],
    ['kubectl get pods --foo', { stdout: '', stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", exitCode: 1 }],
    ['kubectl -v=6 --request-timeout=5s get pods', { stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 }],
  ])('%s', (line, expected) => {
    expect(runKubectl(cluster, line)).toEqual(expected);
  });

  it('uses the namespace it is given for the context', () => {
    expect(runKubectl(cluster, 'kubectl get cm', { namespace: 'kube-public' }).stdout).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      0s\n');
  });
});

describe('KubectlSession', () => {
  it('keeps the namespace chosen with config set-context --current', () => {
    const session = new KubectlSession(cluster);
    expect(session.run('kubectl config set-context --current --namespace=kube-system').stdout).toBe('Context "kubelab" modified.\n');
    expect(session.namespace).toBe('kube-system');
    expect(session.run('kubectl get sa default -o name')).toEqual({ stdout: 'serviceaccount/default\n', stderr: '', exitCode: 0 });
  });
});
