import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const deployment = (name: string, app: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, labels: {app: ${app}}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: nginx}]}
`;
const configMap = (name: string, app: string): string => `apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}, labels: {app: ${app}}}
data: {a: b}
`;

const files = {
  'v1/all.yaml': [deployment('old', 'x'), deployment('keep', 'x'), configMap('cfg', 'x'), configMap('other', 'z')].join('---\n'),
  'v2/all.yaml': deployment('keep', 'x'),
};

// The deprecation line kubectl 1.32 logs through klog when the default allowlist is used (time and pid vary).
const warning = /^W\d{4} \d\d:\d\d:\d\d\.\d{6} {3}12345 prune\.go:71\] Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release\. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag\.\n$/;

/** A session on a fresh cluster where v1/ has been applied. */
function applied(): KubectlSession {
  const session = new KubectlSession(new Cluster({ seed: 1, addons: false }));
  expect(session.run('kubectl apply -f v1/', { files }).stdout).toBe('deployment.apps/old created\ndeployment.apps/keep created\nconfigmap/cfg created\nconfigmap/other created\n');
  return session;
}

describe('kubectl apply --prune', () => {
  // Expected outputs are kubectl 1.32's against the same objects.
  it.each([
    ['apply --prune -l app=x -f v2/ --dry-run=client', 'deployment.apps/keep configured (dry run)\nconfigmap/cfg pruned (dry run)\ndeployment.apps/old pruned (dry run)\n', true,
      'deployment.apps/keep   0/1'],
    ['apply --prune -l app=x -f v2/', 'deployment.apps/keep unchanged\nconfigmap/cfg pruned\ndeployment.apps/old pruned\n', true, ''],
    ['apply --prune -l app=x -f v2/ -o name', 'deployment.apps/keep\nconfigmap/cfg\ndeployment.apps/old\n', true, ''],
    ['apply --prune --all -f v2/ --prune-allowlist=core/v1/ConfigMap', 'deployment.apps/keep unchanged\nconfigmap/cfg pruned\nconfigmap/other pruned\n', false, ''],
    ['apply --prune-allowlist=core/v1/ConfigMap -f v2/', 'deployment.apps/keep unchanged\n', false, ''],
  ])('%s', (line, stdout, warned) => {
    const session = applied();
    const result = session.run(`kubectl ${line}`, { files });
    expect(result.stdout).toBe(stdout);
    if (warned) expect(result.stderr).toMatch(warning);
    else expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('deletes only what it prints as pruned', () => {
    const session = applied();
    session.run('kubectl apply --prune -l app=x -f v2/', { files });
    expect(session.run('kubectl get deploy,cm -o name').stdout).toBe('deployment.apps/keep\nconfigmap/kube-root-ca.crt\nconfigmap/other\n');
  });

  it.each([
    ['apply --prune -f v2/', 'error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n'],
    ['apply --prune -l app=x -f v2/ --prune-allowlist=apps/v1/Foo', 'error: no matches for kind "Foo" in version "apps/v1"\n'],
    ['apply --prune -l app=x -f v2/ --prune-allowlist=Deployment', 'error: invalid GroupVersionKind format: Deployment, please follow <group/version/kind>\n'],
  ])('%s', (line, stderr) => {
    const session = applied();
    expect(session.run(`kubectl ${line}`, { files })).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
