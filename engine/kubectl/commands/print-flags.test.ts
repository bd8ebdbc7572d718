/**
 * The writing verbs' PrintFlags: only json/yaml/name/templates/jsonpath (kubectl 1.32's error lists
 * them sorted), `-o` and `--template` on rollout undo and replace, whether a refused format comes
 * before or after the write, and `-o json` key order (typed struct order vs sorted unstructured keys).
 * Expected strings are kubectl 1.32's, measured with tests/fidelity/harness/scenarios/11-output-flags.txt.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const refused = (format: string): string => `error: unable to match a printer suitable for the output format "${format}", allowed formats are: `
  + 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n';

const configMap = (mode: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: ${mode}\n`;

function lab(): { run: (line: string) => { stdout: string; stderr: string; exitCode: number }; cluster: Cluster } {
  const cluster = new Cluster({ seed: 3, addons: false });
  const session = new KubectlSession(cluster);
  const files = { 'fast.yaml': configMap('fast'), 'slow.yaml': configMap('slow') };
  return { cluster, run: (line) => session.run(`kubectl ${line}`, { files }) };
}

describe('PrintFlags formats of the writing verbs', () => {
  const { run } = lab();
  run('create deployment web --image=nginx:1.27');
  run('create -f fast.yaml');

  it.each([
    ['create deployment x --image=nginx -o wide', 'wide'],
    ['create deployment x --image=nginx --dry-run=client -o custom-columns=NAME:.metadata.name', 'custom-columns=NAME:.metadata.name'],
    ['create configmap lit --from-literal=a=b -o wide', 'wide'],
    ['replace -f slow.yaml -o wide', 'wide'],
    ['run one --image=nginx --dry-run=client -o wide', 'wide'],
    ['expose deployment web --port=80 -o wide', 'wide'],
    ['annotate deployment web note=hi -o custom-columns=NAME:.metadata.name', 'custom-columns=NAME:.metadata.name'],
    ['scale deployment web --replicas=-1 -o wide', 'wide'],
    ['set image deployment/web nginx=nginx:1.28 -o wide', 'wide'],
    ['set env deployment/web A=b -o wide', 'wide'],
    ['taint nodes node-1 lab=yes:NoSchedule -o wide', 'wide'],
    ['create token default -o wide', 'wide'],
    ['auth whoami -o wide', 'wide'],
  ])('%s is refused before any write', (line, format) => {
    expect(run(line)).toEqual({ stdout: '', stderr: refused(format), exitCode: 1 });
    // Nothing was written: the same command without -o still succeeds (or the object is unchanged).
    expect(run('get deployment web -o jsonpath={.spec.template.spec.containers[0].image}:{.metadata.annotations.note}').stdout).toBe('nginx:1.27:');
    expect(run('get node node-1 -o jsonpath={.spec.taints}').stdout).toBe('');
  });

  it.each([
    ['label deployment web tier=front -o wide', 'get deployment web -o jsonpath={.metadata.labels.tier}', 'front'],
    ['patch deployment web -p \'{"spec":{"replicas":3}}\' -o wide', 'get deployment web -o jsonpath={.spec.replicas}', '3'],
    ['autoscale deployment web --max=5 -o wide', 'get hpa web -o name', 'horizontalpodautoscaler.autoscaling/web\n'],
    ['apply -f slow.yaml -o wide', 'get configmap settings -o jsonpath={.data.mode}', 'slow'],
  ])('%s writes first, then is refused (its printer is built when it prints)', (line, check, expected) => {
    const result = run(line);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.endsWith(refused('wide'))).toBe(true);
    expect(run(check).stdout).toBe(expected);
  });
});

describe('-o and --template on replace and rollout undo', () => {
  it('replace prints the server answer (an unstructured map: sorted keys) or the file object for a client dry run', () => {
    const { run } = lab();
    run('create -f fast.yaml');
    expect(run(`replace -f slow.yaml -o go-template={{.data.mode}}`).stdout).toBe('slow');
    expect(run('replace -f fast.yaml -o name').stdout).toBe('configmap/settings\n');
    expect(run('replace -f fast.yaml --template={{.metadata.name}}').stdout).toBe('settings');
    expect(run('replace -f slow.yaml --dry-run=client -o yaml').stdout).toBe('apiVersion: v1\ndata:\n  mode: slow\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n');
    expect(run('replace -f slow.yaml -o json').stdout).toMatch(/^\{\n {4}"apiVersion": "v1",\n {4}"data": \{\n {8}"mode": "slow"\n {4}\},\n {4}"kind": "ConfigMap",/);
  });

  it('rollout undo prints the Deployment as read before the rollback, typed (kind and apiVersion first)', () => {
    const { run, cluster } = lab();
    run('create deployment web --image=nginx:1.27');
    cluster.advance(30_000);
    run('set image deployment/web nginx=nginx:1.28');
    cluster.advance(30_000);
    expect(run('rollout undo deployment/web -o jsonpath={.spec.template.spec.containers[0].image}')).toEqual({ stdout: 'nginx:1.28', stderr: '', exitCode: 0 });
    cluster.advance(30_000);
    expect(run('rollout undo deployment/web -o name').stdout).toBe('deployment.apps/web\n');
    cluster.advance(30_000);
    expect(run('rollout undo deployment/web -o json').stdout).toMatch(/^\{\n {4}"kind": "Deployment",\n {4}"apiVersion": "apps\/v1",\n {4}"metadata": \{\n {8}"name": "web",/);
    // The rollback happens before the printer is built: the error comes after the PATCH.
    cluster.advance(30_000);
    const before = run('get deployment web -o jsonpath={.spec.template.spec.containers[0].image}').stdout;
    expect(run('rollout undo deployment/web -o wide')).toEqual({ stdout: '', stderr: refused('wide'), exitCode: 1 });
    expect(run('get deployment web -o jsonpath={.spec.template.spec.containers[0].image}').stdout).not.toBe(before);
  });
});

describe('-o json key order', () => {
  const typed = /^\{\n {4}"kind": "\w+",\n {4}"apiVersion": "[\w./]+",\n/;
  const sorted = /^\{\n {4}"apiVersion": "[\w./]+",\n/;
  const { run } = lab();
  run('create deployment web --image=nginx:1.27');
  it.each([
    ['set image deployment/web nginx=nginx:1.28 -o json', typed],
    ['set env deployment/web A=b -o json', typed],
    ['set resources deployment/web --limits=cpu=200m -o json', typed],
    ['taint nodes node-1 lab=yes:NoSchedule -o json', typed],
    ['taint nodes node-2 lab=yes:NoSchedule --dry-run=client -o json', sorted],
    ['expose deployment web --port=80 -o json', typed],
    ['run two --image=nginx -o json', typed],
    ['autoscale deployment web --max=5 -o json', typed],
    ['label deployment web tier=front -o json', sorted],
    ['annotate deployment web note=hi -o json', sorted],
    ['patch deployment web -p \'{"spec":{"replicas":4}}\' -o json', sorted],
    ['scale deployment web --replicas=2 -o json', sorted],
  ])('%s', (line, order) => {
    const result = run(line);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(order);
  });
});
