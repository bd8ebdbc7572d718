/**
 * The rollout, node and waiting verbs against a simulated cluster whose clock the session can move:
 * `rollout status`, `wait` and `drain` follow the cluster through virtual time until done.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
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

describe('rollout in virtual time', () => {
  const cluster = new Cluster();
  const session = new KubectlSession(cluster);
  const run = (line: string) => session.run(`kubectl ${line}`, { files: { 'web.yaml': web } });

  it('follows a rollout until it is done, printing a line per change', () => {
    expect(run('apply -f web.yaml').stdout).toBe('deployment.apps/web created\n');
    const start = cluster.now();
    const status = run('rollout status deployment/web');
    const lines = status.stdout.trimEnd().split('\n');
    expect(status.exitCode).toBe(0);
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(lines.slice(0, -1).every((line) => line.startsWith('Waiting for deployment "web" rollout to finish: '))).toBe(true);
    expect(cluster.now()).toBeGreaterThan(start);
  });

  it('keeps a history, rolls back and restarts', () => {
    expect(run('set image deployment/web nginx=nginx:1.26').stdout).toBe('deployment.apps/web image updated\n');
    const status = run('rollout status deploy/web --timeout=10m');
    expect(status.stdout.slice(-200) + status.stderr).toMatch(/deployment "web" successfully rolled out\n$/);
    expect(run('rollout history deploy/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(run('rollout undo deploy/web').stdout).toBe('deployment.apps/web rolled back\n');
    expect(run('rollout undo deploy/web --to-revision=3')).toEqual({ stdout: 'deployment.apps/web skipped rollback (current template already matches revision 3)\n', stderr: '', exitCode: 0 });
    expect(run('rollout history deploy/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(run('get deploy web -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('nginx:1.27');
    expect(run('rollout restart deploy/web').stdout).toBe('deployment.apps/web restarted\n');
    const restartedAt = new Date(Math.floor(cluster.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    expect(run('get deploy web -o yaml').stdout).toContain(`        kubectl.kubernetes.io/restartedAt: "${restartedAt}"\n`);
    expect(run('rollout pause deploy/web').stdout).toBe('deployment.apps/web paused\n');
    expect(run('rollout pause deploy/web')).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is already paused\n', exitCode: 1 });
  });

  it('waits for conditions and deletions while time passes', () => {
    expect(run('rollout resume deploy/web').stdout).toBe('deployment.apps/web resumed\n');
    expect(run('wait deploy/web --for=condition=Available --timeout=5m')).toEqual({ stdout: 'deployment.apps/web condition met\n', stderr: '', exitCode: 0 });
    expect(run('wait --for=condition=Available=false deploy/web --timeout=3s')).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on deployments/web\n', exitCode: 1 });
    const pod = run('get pods -l app=web -o name').stdout.split('\n')[0];
    expect(run(`delete ${pod} --wait=false`).exitCode).toBe(0);
    expect(run(`wait --for=delete ${pod} --timeout=2m`)).toEqual({ stdout: `${pod} condition met\n`, stderr: '', exitCode: 0 });
  });
});

describe('node verbs in virtual time', () => {
  const cluster = new Cluster();
  const session = new KubectlSession(cluster);
  const run = (line: string) => session.run(`kubectl ${line}`, { files: { 'web.yaml': web } });

  it('cordons, taints and drains a node by deleting its pods', () => {
    run('apply -f web.yaml');
    cluster.advance(60_000);
    const node = run('get pods -l app=web -o jsonpath={.items[0].spec.nodeName}').stdout;
    const pods = run(`get pods -l app=web --field-selector spec.nodeName=${node} -o name`).stdout.trim().split('\n');
    expect(run(`taint nodes ${node} dedicated=gpu:NoSchedule`).stdout).toBe(`node/${node} tainted\n`);
    expect(run(`taint nodes ${node} dedicated=gpu:NoSchedule`).stderr).toBe(`error: node ${node} already has dedicated taint(s) with same effect(s) and --overwrite is false\n`);
    expect(run(`taint nodes ${node} dedicated-`).stdout).toBe(`node/${node} untainted\n`);
    const drain = run(`drain ${node} --pod-selector=app=web --disable-eviction`);
    expect(drain).toEqual({ stdout: `node/${node} cordoned\n${pods.map((p) => `${p} deleted\n`).join('')}node/${node} drained\n`, stderr: '', exitCode: 0 });
    expect(run(`cordon ${node}`).stdout).toBe(`node/${node} already cordoned\n`);
    expect(run(`uncordon ${node}`).stdout).toBe(`node/${node} uncordoned\n`);
  });

  it('lists the events of an object', () => {
    const out = run('events --for deployment/web').stdout.split('\n');
    expect(out[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(out[1]).toMatch(/^\d+s +Normal +ScalingReplicaSet +Deployment\/web +Scaled up replica set web-[a-z0-9]+ from 0 to 2$/);
  });
});
