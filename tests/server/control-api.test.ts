/**
 * The lab control API over HTTP (DESIGN.md contract 3), as `kubelab serve` answers it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../server/http.ts';
import { defaultServeOptions } from '../../server/options.ts';

describe('kubelab serve: lab control API', () => {
  let lab: LabServer;
  beforeAll(async () => {
    lab = await startLabServer({ ...defaultServeOptions, port: 0, clock: 'manual', seed: 5 });
  });
  afterAll(async () => {
    await lab.close();
  });

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${lab.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  }

  it('reports status, advances virtual time and resets', async () => {
    expect(await call('GET', '/kubelab/v1/status')).toEqual({
      status: 200, body: { time: '2026-01-01T00:00:00Z', nodes: 4, pods: 17, seed: 5, clock: 'manual', lesson: null },
    });
    expect(await call('POST', '/kubelab/v1/advance', { seconds: 90 })).toEqual({ status: 200, body: { time: '2026-01-01T00:01:30Z' } });
    expect(await call('POST', '/kubelab/v1/advance', { seconds: -1 })).toEqual({ status: 400, body: { error: 'seconds must be a number of seconds, 0 or more' } });
    expect((await call('POST', '/kubelab/v1/reset', { seed: 6 })).body).toMatchObject({ time: '2026-01-01T00:00:00Z', seed: 6 });
  });

  it('runs kubectl commands in the emulator, with files as the working directory', async () => {
    const file = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';
    expect(await call('POST', '/kubelab/v1/kubectl', { command: 'kubectl apply -f cm.yaml', files: { 'cm.yaml': file } }))
      .toEqual({ status: 200, body: { stdout: 'configmap/settings created\n', stderr: '', exitCode: 0 } });
    expect((await call('POST', '/kubelab/v1/kubectl', { command: 'kubectl get configmap settings -o jsonpath={.data.mode}' })).body)
      .toEqual({ stdout: 'fast', stderr: '', exitCode: 0 });
    expect((await call('POST', '/kubelab/v1/kubectl', { command: 'kubectl get deployment web' })).body)
      .toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n', exitCode: 1 });
    expect(await call('POST', '/kubelab/v1/kubectl', {})).toEqual({ status: 400, body: { error: 'command must be a kubectl command line' } });
  });

  it('adds, fails and recovers nodes', async () => {
    expect(await call('POST', '/kubelab/v1/nodes', { name: 'edge-1', cpu: 2, memory: '4Gi' })).toEqual({ status: 200, body: { name: 'edge-1' } });
    expect((await call('POST', '/kubelab/v1/kubectl', { command: 'kubectl get node edge-1 -o jsonpath={.status.capacity.cpu}' })).body)
      .toMatchObject({ stdout: '2', exitCode: 0 });
    expect(await call('POST', '/kubelab/v1/nodes', { name: 'edge-1' })).toEqual({ status: 409, body: { error: 'node "edge-1" already exists' } });
    expect(await call('POST', '/kubelab/v1/nodes/edge-1/fail')).toEqual({ status: 200, body: { name: 'edge-1' } });
    expect(await call('POST', '/kubelab/v1/nodes/edge-1/recover')).toEqual({ status: 200, body: { name: 'edge-1' } });
    expect(await call('POST', '/kubelab/v1/nodes/nowhere/fail')).toEqual({ status: 404, body: { error: 'node "nowhere" not found' } });
  });

  it('lists lessons, starts one and grades it; the learner’s kubectl makes the checks pass', async () => {
    const lessons = (await call('GET', '/kubelab/v1/lessons')).body as { id: string; title: string }[];
    expect(lessons.slice(0, 3)).toEqual([
      { id: 'apply', title: 'Deploy an app with kubectl apply' },
      { id: 'scale', title: 'Scale a Deployment' },
      { id: 'rollback', title: 'Roll out an update, break it, and roll back' },
    ]);
    expect((await call('GET', '/kubelab/v1/lessons?lang=zh-CN')).body).toEqual(expect.arrayContaining([{ id: 'scale', title: '扩缩 Deployment' }]));
    expect((await call('POST', '/kubelab/v1/lessons/scale/start')).body).toMatchObject({ lesson: 'scale', seed: 6 });
    const before = (await call('GET', '/kubelab/v1/lessons/scale/checks')).body as { id: string; passed: boolean; message: string }[];
    expect(before[0]).toEqual({ id: 'replicas', title: 'The web Deployment asks for 5 replicas', passed: false, message: 'spec.replicas is 2, expected 5' });
    await call('POST', '/kubelab/v1/kubectl', { command: 'kubectl scale deployment web --replicas=5' });
    await call('POST', '/kubelab/v1/advance', { seconds: 60 });
    const after = (await call('GET', '/kubelab/v1/lessons/scale/checks?lang=zh-CN')).body as { title: string; passed: boolean }[];
    expect(after.map((c) => c.passed)).toEqual([true, true, true]);
    expect(after[0].title).toBe('web Deployment 的期望副本数为 5');
    expect(await call('POST', '/kubelab/v1/lessons/nope/start')).toEqual({ status: 404, body: { error: 'lesson "nope" not found' } });
    expect(await call('GET', '/kubelab/v1/lessons/nope/checks')).toEqual({ status: 404, body: { error: 'lesson "nope" not found' } });
  });
});
