import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { ApiResponse, KubeObject } from '../api/types.ts';
import type { ExecStatus } from '../api/handlers/exec.ts';
import { execStreamOf } from '../api/handlers/exec.ts';
import { defaultNodes } from '../kubelet/nodes.ts';
import { attachStreamingForTests } from './test-lookup.ts';

const upgrade = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-protocol': 'v5.channel.k8s.io' };

function lab(): Cluster {
  const cluster = new Cluster({ seed: 7, addons: false, kubelets: { nodes: defaultNodes(1), nodeEvents: false } });
  attachStreamingForTests(cluster);
  return cluster;
}

function createPod(cluster: Cluster, name: string, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): void {
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...extra }, spec: { containers } };
  const response = cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
}

function execRequest(cluster: Cluster, pod: string, command: string[], query: Record<string, string> = {}, headers: Record<string, string> = upgrade): ApiResponse {
  return cluster.handle({
    method: 'GET', path: `/api/v1/namespaces/default/pods/${pod}/exec`, headers,
    query: { command: command.join('\0'), stdout: 'true', stderr: 'true', ...query },
  });
}

interface Transcript { stdout: string; stderr: string; status?: ExecStatus }

/** Start an exec and collect what it writes; `stdin` is sent and closed when given. */
function run(cluster: Cluster, pod: string, command: string[], options: { container?: string; stdin?: string } = {}): Transcript {
  const query: Record<string, string> = {};
  if (options.container) query.container = options.container;
  if (options.stdin !== undefined) query.stdin = 'true';
  const response = execRequest(cluster, pod, command, query);
  const stream = execStreamOf(response);
  if (!stream) throw new Error(`no stream: ${JSON.stringify(response.body)}`);
  const out: Transcript = { stdout: '', stderr: '' };
  stream.start({ output: (which, text) => { out[which] += text; }, end: (status) => { out.status = status; } });
  if (options.stdin !== undefined) {
    stream.stdin(options.stdin);
    stream.closeStdin();
  }
  // Network tools take virtual time (a connection to localhost, a millisecond): let that much pass.
  if (!out.status) cluster.advance(10);
  return out;
}

const success: ExecStatus = { metadata: {}, status: 'Success' };
const exited = (code: number): ExecStatus => ({
  metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
  message: `command terminated with non-zero exit code: command terminated with exit code ${code}`,
  details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
});

describe('exec sessions', () => {
  const cluster = lab();
  createPod(cluster, 'web', [{ name: 'web', image: 'nginx:1.25' }]);
  createPod(cluster, 'box', [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }]);
  createPod(cluster, 'two', [{ name: 'a', image: 'busybox', command: ['sleep', '3600'] }, { name: 'b', image: 'busybox', command: ['sleep', '3600'] }]);
  cluster.advance(60_000);

  it.each([
    ['echo', 'web', ['echo', 'hi'], {}, { stdout: 'hi\n', stderr: '', status: success }],
    ['an exit code', 'web', ['sh', '-c', 'echo out; exit 3'], {}, { stdout: 'out\n', stderr: '', status: exited(3) }],
    ['a missing command in the shell', 'box', ['sh', '-c', 'nosuch'], {}, { stdout: '', stderr: 'sh: nosuch: not found\n', status: exited(127) }],
    ['the kubelet-managed hostname', 'web', ['cat', '/etc/hostname'], {}, { stdout: 'web\n', stderr: '', status: success }],
    ['a script on stdin', 'box', ['sh'], { stdin: 'echo one\necho two\n' }, { stdout: 'one\ntwo\n', stderr: '', status: success }],
    ['cat echoing stdin', 'box', ['cat'], { stdin: 'piped\n' }, { stdout: 'piped\n', stderr: '', status: success }],
    ['a named container', 'two', ['hostname'], { container: 'b' }, { stdout: 'two\n', stderr: '', status: success }],
    ['the nginx page over localhost', 'web', ['curl', '-s', 'http://localhost/'], {}, { stdout: expect.stringContaining('<title>Welcome to nginx!</title>'), stderr: '', status: success }],
  ])('runs %s', (_name, pod, command, options, expected) => {
    expect(run(cluster, pod as string, command as string[], options)).toEqual(expected);
  });

  it('refuses programs the image does not have, as runc does', () => {
    const result = run(cluster, 'box', ['bash']);
    expect(result.status).toMatchObject({ status: 'Failure', reason: 'InternalError', code: 500 });
    expect(result.status?.message).toMatch(/^Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/);
    expect(run(cluster, 'box', ['/bin/bash']).status?.message).toContain('exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown');
  });

  it('shares files with the container: a file written by one exec is read by the next', () => {
    expect(run(cluster, 'box', ['sh', '-c', 'echo saved > /tmp/note']).status).toEqual(success);
    expect(run(cluster, 'box', ['cat', '/tmp/note']).stdout).toBe('saved\n');
  });

  it('sleeps in virtual time: output after the sleep comes when the clock has moved', () => {
    const result = run(cluster, 'box', ['sh', '-c', 'echo before; sleep 5; echo after']);
    expect(result).toEqual({ stdout: 'before\n', stderr: '' });
    cluster.advance(4_000);
    expect(result.stdout).toBe('before\n');
    cluster.advance(1_000);
    expect(result).toEqual({ stdout: 'before\nafter\n', stderr: '', status: success });
  });
});

describe('errors the kubelet reports after the upgrade', () => {
  const cluster = lab();
  createPod(cluster, 'two', [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }]);
  cluster.advance(60_000);
  // Bound to a node no kubelet runs: the API server forwards, nobody knows the pod.
  const ghost: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ghost', namespace: 'default' }, spec: { nodeName: 'node-9', containers: [{ name: 'web', image: 'nginx' }] } };
  cluster.handle({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: ghost });

  it.each([
    // busybox with no command runs `sh`, which exits at once: the container is not running.
    ['a container that is not running', 'two', 'a', 'Internal error occurred: unable to upgrade connection: container not found ("a")'],
    ['a pod its node does not run', 'ghost', 'web', 'Internal error occurred: unable to upgrade connection: pod does not exist'],
  ])('reports %s on the error channel', (_name, pod, container, message) => {
    expect(run(cluster, pod, ['date'], { container }).status).toEqual({
      metadata: {}, status: 'Failure', reason: 'InternalError', code: 500, message, details: { causes: [{ message: message.replace('Internal error occurred: ', '') }] },
    });
  });
});
