/**
 * Real kubectl against `kubelab serve`: `exec` over WebSocket (v5.channel.k8s.io) and
 * `port-forward` (SPDY tunnelled in WebSocket), with the emulator compared byte for byte on the
 * same cluster. Until the lead wires them in, the test plugs the streaming server into the
 * cluster and the upgrade handler into the HTTP server itself.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxWelcome } from '../../engine/kubelet/images/behaviours.ts';
import { attachStreamingForTests } from '../../engine/exec/test-lookup.ts';
import { registerCommand } from '../../engine/kubectl/commands/index.ts';
import { parseFlags } from '../../engine/kubectl/flags.ts';
import { execCommand } from '../../engine/kubectl/commands/exec.ts';
import { portForwardCommand } from '../../engine/kubectl/commands/port-forward.ts';
import { serveUpgrade } from '../../server/exec/upgrade.ts';
import { kubectlPath, startRealKubectl, type KubectlResult, type RealKubectl } from '../support/kubectl.ts';
import { advance } from '../support/scenario.ts';

const pods = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: box
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: a
    image: busybox:1.36
    command: ["sleep", "3600"]
  - name: b
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: picked
  annotations:
    kubectl.kubernetes.io/default-container: b
spec:
  containers:
  - name: a
    image: busybox:1.36
    command: ["sleep", "3600"]
  - name: b
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: site
spec:
  replicas: 2
  selector:
    matchLabels: {app: site}
  template:
    metadata:
      labels: {app: site}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

/** Whether the emulator's flag parser records where `--` was (cobra's ArgsLenAtDash). */
const dashRecorded = (() => {
  const parsed = parseFlags(['--'], []);
  return parsed.ok && 'argsLenAtDash' in parsed.parsed;
})();

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function httpGet(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!kubectlPath)('real kubectl: exec and port-forward', () => {
  let k: RealKubectl;
  const emulator = (command: string, stdin?: string): KubectlResult => {
    const result = k.lab.control.kubectl({ command: `kubectl ${command}`, stdin });
    if ('error' in result) throw new Error(result.error);
    return result;
  };

  beforeAll(async () => {
    registerCommand(execCommand);
    registerCommand(portForwardCommand);
    k = await startRealKubectl({ seed: 3 });
    attachStreamingForTests(k.lab.control.cluster);
    if (k.lab.server.listenerCount('upgrade') === 0) {
      k.lab.server.on('upgrade', (req, socket, head) => serveUpgrade(k.lab.control.cluster, req, socket, head));
    }
    const created = await k.run('create -f pods.yaml', { files: { 'pods.yaml': pods } });
    expect(created.exitCode).toBe(0);
    advance(k, 60);
  }, 60_000);
  afterAll(async () => {
    await k.stop();
  });

  it.each([
    ['echo', 'exec web -- echo hi', { stdout: 'hi\n', stderr: '', exitCode: 0 }],
    ['an exit code', "exec web -- sh -c 'echo bye; exit 3'", { stdout: 'bye\n', stderr: 'command terminated with exit code 3\n', exitCode: 3 }],
    ['a file the kubelet writes', 'exec web -- cat /etc/hostname', { stdout: 'web\n', stderr: '', exitCode: 0 }],
    ['a command the shell does not know', "exec box -- sh -c 'nosuch'", { stdout: '', stderr: 'sh: nosuch: not found\ncommand terminated with exit code 127\n', exitCode: 127 }],
    ['a missing container', 'exec web -c nginx -- date', { stdout: '', stderr: 'Error from server (BadRequest): container nginx is not valid for pod web\n', exitCode: 1 }],
    ['the first of two containers', 'exec two -- hostname', { stdout: 'two\n', stderr: 'Defaulted container "a" out of: a, b\n', exitCode: 0 }],
    ['the default-container annotation', 'exec picked -- printenv HOSTNAME', { stdout: 'picked\n', stderr: '', exitCode: 0 }],
    ['-it without a terminal', 'exec -it box -- true', { stdout: '', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n', exitCode: 0 }],
    ['the form without --', 'exec web date', { stdout: '', stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", exitCode: 1 }],
    ['no command', 'exec web --', { stdout: '', stderr: 'error: you must specify at least one command for the container\n', exitCode: 1 }],
    ['a pod that does not exist', 'exec nosuch -- date', { stdout: '', stderr: 'Error from server (NotFound): pods "nosuch" not found\n', exitCode: 1 }],
  ])('runs %s as real kubectl does, and the emulator prints the same', async (_name, command, expected) => {
    expect(await k.run(command)).toEqual(expected);
    // The emulator cannot tell `exec web date` from `exec web -- date` until the flag parser records `--`.
    if (command !== 'exec web date' || dashRecorded) expect(emulator(command)).toEqual(expected);
  });

  it.each(['exec', 'port-forward'])('prints the help of %s as kubectl 1.32 does', async (verb) => {
    const real = await k.run(`${verb} --help`);
    expect(real.exitCode).toBe(0);
    expect(emulator(`${verb} --help`)).toEqual(real);
  });

  it('picks the most active pod of a Deployment', async () => {
    const real = await k.run('exec deploy/site -- hostname');
    expect(real).toMatchObject({ stderr: '', exitCode: 0, stdout: expect.stringMatching(/^site-[a-z0-9]+-[a-z0-9]{5}\n$/) });
    expect(emulator('exec deploy/site -- hostname')).toEqual(real);
  });

  it('passes stdin to a shell', async () => {
    const expected = { stdout: 'one\nbox\n', stderr: '', exitCode: 0 };
    expect(await k.run('exec -i box -- sh', { stdin: 'echo one\nhostname\n' })).toEqual(expected);
    expect(emulator('exec -i box -- sh', 'echo one\nhostname\n')).toEqual(expected);
  });

  it('fails as containerd does for a program the image lacks', async () => {
    const result = await k.run('exec box -- bash');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/);
    expect(emulator('exec box -- bash').stderr.replace(/"[0-9a-f]{64}"/, '"ID"')).toBe(result.stderr.replace(/"[0-9a-f]{64}"/, '"ID"'));
  });

  it('waits for a sleep in the command until the manual clock has moved', async () => {
    const start = k.lab.control.cluster.now();
    const running = k.run("exec box -- sh -c 'echo before; sleep 5; echo after'");
    let result: KubectlResult | undefined;
    void running.then((r) => { result = r; });
    for (let i = 0; i < 50 && !result; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (i >= 3) advance(k, 1);
    }
    expect(await running).toEqual({ stdout: 'before\nafter\n', stderr: '', exitCode: 0 });
    expect(k.lab.control.cluster.now() - start).toBeGreaterThanOrEqual(5_000);
    // The emulator moves the clock itself.
    const before = k.lab.control.cluster.now();
    expect(emulator("exec box -- sh -c 'echo before; sleep 5; echo after'")).toEqual({ stdout: 'before\nafter\n', stderr: '', exitCode: 0 });
    expect(k.lab.control.cluster.now() - before).toBe(5_000);
  });

  it('forwards a local port to nginx and answers real HTTP', async () => {
    const port = await freePort();
    const child = spawn(kubectlPath!, ['--server', k.lab.url, '--cache-dir', join(k.workdir, '..', 'cache'), 'port-forward', 'pod/web', `${port}:80`], {
      env: { ...process.env, HOME: join(k.workdir, '..'), KUBECONFIG: join(k.workdir, '..', 'kubeconfig') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    try {
      for (let i = 0; i < 100 && !stdout.includes('[::1]'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stdout).toBe(`Forwarding from 127.0.0.1:${port} -> 80\nForwarding from [::1]:${port} -> 80\n`);
      const page = await httpGet(port, '/');
      expect(page).toMatchObject({ status: 200, body: nginxWelcome, headers: { server: 'nginx/1.27.3', 'content-type': 'text/html', 'content-length': '615' } });
      expect((await httpGet(port, '/missing')).status).toBe(404);
      expect(stdout).toContain(`Handling connection for ${port}\n`);
      expect(stderr).toBe('');
      // nginx logged both requests, from localhost inside the pod.
      const logs = emulator('logs web --tail 2').stdout;
      expect(logs).toMatch(/^127\.0\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 "-" "-" "-"\n127\.0\.0\.1 - - \[.*\] "GET \/missing HTTP\/1\.1" 404 153 "-" "-" "-"\n$/);
    } finally {
      child.kill();
    }
    expect(emulator('port-forward pod/web 8080:80')).toEqual({
      stdout: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
      stderr: 'kubelab: this terminal cannot listen on local ports, so forwarding stops here; with `npx kubelab serve`, the real kubectl port-forward works\n',
      exitCode: 0,
    });
  }, 120_000);
});
