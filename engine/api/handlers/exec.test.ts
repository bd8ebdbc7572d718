import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { ApiResponse } from '../types.ts';
import type { ExecOptions, ExecStream, StreamingSource } from './exec.ts';
import { execProvider, execStreamOf, portForwardProvider, portForwardTargetOf } from './exec.ts';

const upgrade = { connection: 'Upgrade', upgrade: 'websocket' };

/** A kubelet stand-in that records what it was asked to run. */
function fakeSource(): StreamingSource & { asked: ExecOptions[] } {
  const asked: ExecOptions[] = [];
  const stream: ExecStream = { ended: false, start: () => {}, stdin: () => {}, closeStdin: () => {}, close: () => {} };
  return { asked, exec: (_pod, options) => { asked.push(options); return stream; }, portForward: () => ({ http: () => ({ error: 'refused' }) }) };
}

function lab(): { cluster: Cluster; source: ReturnType<typeof fakeSource> } {
  const cluster = new Cluster({ seed: 1, addons: false, scheduler: false, kubelets: { nodes: [] } });
  const source = fakeSource();
  cluster.api.serveSubresource('/pods/exec', execProvider(() => source));
  cluster.api.serveSubresource('/pods/portforward', portForwardProvider(() => source));
  const pod = (name: string, containers: string[], nodeName?: string, init: string[] = []): void => {
    const response = cluster.handle({
      method: 'POST', path: '/api/v1/namespaces/default/pods',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName, containers: containers.map((c) => ({ name: c, image: 'busybox' })), initContainers: init.map((c) => ({ name: c, image: 'busybox' })) } },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  };
  pod('web', ['web'], 'node-1');
  pod('two', ['a', 'b'], 'node-1', ['setup']);
  pod('pending', ['web']);
  return { cluster, source };
}

function call(cluster: Cluster, pod: string, subresource: string, query: Record<string, string>, headers: Record<string, string> = upgrade, method: 'GET' | 'POST' = 'GET'): ApiResponse {
  return cluster.handle({ method, path: `/api/v1/namespaces/default/pods/${pod}/${subresource}`, query, headers });
}

describe('pods/exec', () => {
  it('hands the kubelet the options, with the only container defaulted and the NUL-joined command split', () => {
    const { cluster, source } = lab();
    const response = call(cluster, 'web', 'exec', { command: 'sh\0-c\0exit 3', stdout: 'true', stderr: 'true', stdin: 'true' });
    expect(response.status).toBe(101);
    expect(execStreamOf(response)).toBeDefined();
    expect(source.asked).toEqual([{ container: 'web', command: ['sh', '-c', 'exit 3'], stdin: true, stdout: true, stderr: true, tty: false }]);
  });

  it.each([
    ['a plain request', 'web', {}, {}, 'Upgrade request required'],
    ['no container among several', 'two', {}, upgrade, 'a container name must be specified for pod two, choose one of: [a b] or one of the init containers: [setup]'],
    ['an unknown container', 'web', { container: 'nginx' }, upgrade, 'container nginx is not valid for pod web'],
    ['a pod without a node', 'pending', {}, upgrade, 'pod pending does not have a host assigned'],
  ])('answers 400 for %s, as the API server does', (_name, pod, query, headers, message) => {
    const { cluster, source } = lab();
    const response = call(cluster, pod, 'exec', { command: 'date', ...query }, headers);
    expect(response).toMatchObject({ status: 400, body: { kind: 'Status', status: 'Failure', reason: 'BadRequest', message, code: 400 } });
    expect(source.asked).toEqual([]);
  });

  it('answers 404 for a pod that does not exist', () => {
    const { cluster } = lab();
    expect(call(cluster, 'nosuch', 'exec', { command: 'date' }).body).toMatchObject({ reason: 'NotFound', message: 'pods "nosuch" not found' });
  });
});

describe('pods/portforward', () => {
  it('opens the pod for an upgrade, GET (WebSocket) or POST (SPDY)', () => {
    const { cluster } = lab();
    for (const method of ['GET', 'POST'] as const) {
      const response = call(cluster, 'web', 'portforward', {}, { connection: 'Upgrade', upgrade: method === 'GET' ? 'websocket' : 'SPDY/3.1' }, method);
      expect(portForwardTargetOf(response)?.http(80, { method: 'GET', path: '/', userAgent: '-' })).toEqual({ error: 'refused' });
    }
  });

  it('needs a node and an upgrade', () => {
    const { cluster } = lab();
    expect(call(cluster, 'pending', 'portforward', {}).body).toMatchObject({ message: 'pod pending does not have a host assigned' });
    expect(call(cluster, 'web', 'portforward', {}, {}).body).toMatchObject({ message: 'Upgrade request required' });
  });
});
