import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';
import { RememberingTabwriter } from './get-watch.ts';

const deployment = `apiVersion: apps/v1
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

/** A session on an isolated cluster, and a sink that collects what a started command writes. */
function setup(): { cluster: Cluster; session: KubectlSession; output: { stdout: string; stderr: string } } {
  const cluster = new Cluster({ seed: 3, addons: false });
  const session = new KubectlSession(cluster);
  return { cluster, session, output: { stdout: '', stderr: '' } };
}

describe('RememberingTabwriter', () => {
  it('keeps the widest width of each column across flushes, as kubectl get -w prints rows', () => {
    const writer = new RememberingTabwriter();
    expect(writer.flush('NAME\tREADY\tSTATUS\tAGE\nweb-1\t0/1\tPending\t0s\n')).toBe('NAME    READY   STATUS    AGE\nweb-1   0/1     Pending   0s\n');
    expect(writer.flush('web-1\t0/1\tContainerCreating\t1s\n')).toBe('web-1   0/1     ContainerCreating   1s\n');
    expect(writer.flush('web-1\t1/1\tRunning\t3s\n')).toBe('web-1   1/1     Running             3s\n');
  });
});

describe('KubectlSession.start', () => {
  it('finishes a one-shot command at once', async () => {
    const { session, output } = setup();
    const running = session.start('kubectl get ns --no-headers | wc -l', { stdout: (c) => { output.stdout += c; }, stderr: (c) => { output.stderr += c; } });
    expect(running.exitCode).toBe(0);
    await expect(running.exited).resolves.toBe(0);
    expect(output).toEqual({ stdout: '4\n', stderr: '' });
  });

  it('streams get -w rows as the cluster advances, until Ctrl-C', async () => {
    const { cluster, session, output } = setup();
    const running = session.start('kubectl get deploy -w --output-watch-events', { stdout: (c) => { output.stdout += c; }, stderr: (c) => { output.stderr += c; } });
    expect(running.exitCode).toBeUndefined();
    expect(output).toEqual({ stdout: '', stderr: '' });
    expect(session.run('kubectl apply -f web.yaml', { files: { 'web.yaml': deployment } }).stdout).toBe('deployment.apps/web created\n');
    cluster.advance(30_000);
    const lines = output.stdout.split('\n');
    expect(lines[0]).toBe('EVENT      NAME   READY   UP-TO-DATE   AVAILABLE   AGE');
    expect(lines[1]).toBe('ADDED      web    0/2     0            0           0s');
    expect(lines.filter((l) => l.startsWith('MODIFIED   web    2/2     2            2'))).not.toHaveLength(0);
    running.cancel();
    await expect(running.exited).resolves.toBe(130);
    const before = output.stdout;
    session.run('kubectl scale deploy web --replicas=1');
    cluster.advance(10_000);
    expect(output.stdout).toBe(before);
  });

  it('prints the list first, then only what changes', () => {
    const { cluster, session, output } = setup();
    session.run('kubectl apply -f web.yaml', { files: { 'web.yaml': deployment } });
    cluster.advance(30_000);
    const running = session.start('kubectl get deploy web -w', { stdout: (c) => { output.stdout += c; }, stderr: (c) => { output.stderr += c; } });
    expect(output.stdout).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           30s\n');
    session.run('kubectl scale deploy web --replicas=3');
    cluster.advance(1000);
    expect(output.stdout.split('\n').slice(2).filter(Boolean).every((line) => line.startsWith('web    '))).toBe(true);
    expect(output.stdout.split('\n').length).toBeGreaterThan(3);
    running.cancel();
  });

  it('refuses a second resource type, as kubectl does', () => {
    const { session, output } = setup();
    const running = session.start('kubectl get pods,svc -w', { stdout: (c) => { output.stdout += c; }, stderr: (c) => { output.stderr += c; } });
    expect(running.exitCode).toBe(1);
    expect(output.stderr).toBe('error: you may only specify a single resource type\n');
  });
});
