/**
 * The kubelet's part of exec and port-forward: find the running container (the kubelet answers
 * `pod does not exist` or `container not found ("web")` otherwise, which the API server's
 * stream translator reports as internal errors), decide what the command runs, and answer HTTP
 * sent through a forwarded port from the container listening there.
 */
import type { ExecOptions, ForwardedAnswer, PortForwardTarget } from '../api/handlers/exec.ts';
import type { KubeObject } from '../api/types.ts';
import type { PodNetwork } from '../network/cluster-network.ts';
import { stableHex } from '../kubelet/images/digest.ts';
import type { ProcessRun, ShellContext } from '../kubelet/images/shell.ts';
import { Shell } from '../kubelet/images/shell.ts';
import { allContainerRuns } from '../kubelet/ephemeral.ts';
import type { ContainerRun, PodRun } from '../kubelet/pod-runtime.ts';
import { ContainerFiles, hasProgram, imageFamily, managedFiles, ociExecError, programName, shellPrograms } from './programs.ts';
import type { ExecPlan } from './session.ts';
import { MountedFiles } from '../storage/mounted-files.ts';
import { internalStatus } from './session.ts';

/** The kubelet's records of a pod it runs (read-only for exec), or undefined when it runs no such pod. */
export type ContainerLookup = (pod: KubeObject) => PodRun | undefined;

/** Names the shell knows as programs; asking a family without one for it fails as runc does. */
const knownPrograms = new Set(['sh', 'ash', 'bash', 'dash', 'wget', 'curl', 'exit', 'export', 'trap', 'cd', 'source', ':']);

/** The environment a process sees: the image's PATH and the container's `env` values. */
function environment(c: ContainerRun): Record<string, string> {
  // What the volume manager resolved at creation (envFrom, ConfigMap and Secret keys, downward API).
  if (c.env) return { ...c.env };
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  for (const e of c.spec.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  return env;
}

/** A URL as wget and curl take it: `localhost`, `http://127.0.0.1:8080/x`. */
function parseUrl(url: string): { host: string; port: number; path: string } | undefined {
  const match = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!match) return undefined;
  return { host: match[1], port: match[2] ? Number(match[2]) : 80, path: match[3] ?? '/' };
}

/** The answer of the pod's container listening on `port` (containers share the pod's network). */
function podHttp(run: PodRun, port: number, path: string, client: string, userAgent: string, now: number): { status: number; body: string } | undefined {
  for (const c of run.containers) {
    if (c.step !== 'running' || !c.process?.ports.includes(port)) continue;
    const answer = c.process.http({ port, path, client, userAgent }, now);
    if (!answer) continue;
    // The server writes its access log line, as it does for any client.
    if (answer.log) c.log?.append(now, 'stdout', answer.log + '\n');
    return { status: answer.status, body: answer.body };
  }
  return undefined;
}

/**
 * An exec's view of the network: an answer that comes within a second comes at once. A learner's
 * `kubectl exec … -- curl web` then answers even when nobody moves a manual clock; timeouts
 * (a dropped packet, a resolver that does not answer) still take their virtual time.
 */
function promptNetwork(network: PodNetwork): PodNetwork {
  return {
    ...network,
    fetch: (request) => {
      const result = network.fetch(request);
      return result.elapsedMs < 1000 ? { ...result, elapsedMs: 0 } : result;
    },
  };
}

/** Decide what an exec runs, or why it cannot. `sequence` numbers the execs, for containerd's exec IDs. */
export function execPlan(lookup: ContainerLookup, pod: KubeObject, options: ExecOptions, now: () => number, sequence: number, network?: PodNetwork): ExecPlan {
  const run = lookup(pod);
  if (!run) return { kind: 'fail', status: internalStatus('unable to upgrade connection: pod does not exist') };
  const c = allContainerRuns(run).find((x) => x.name === options.container);
  if (!c || c.step !== 'running' || !c.process) {
    return { kind: 'fail', status: internalStatus(`unable to upgrade connection: container not found ("${options.container}")`) };
  }
  const [program = '', ...args] = options.command;
  const name = programName(program);
  const family = imageFamily(c.behaviour, c.image);
  if (family === 'distroless' || (knownPrograms.has(name) && !hasProgram(family, name)) || program === '') {
    const execId = stableHex(`${c.containerID}/exec/${sequence}`);
    // The kubelet's InternalError comes back through the translator wrapped once more.
    return { kind: 'fail', status: internalStatus(`Internal error occurred: ${ociExecError(program, execId)}`) };
  }
  const spec = pod.spec as { hostname?: string; hostNetwork?: boolean };
  const hostname = spec.hostname ?? pod.metadata.name!;
  const managed = managedFiles(hostname, pod.metadata.namespace ?? 'default', run.podIP, !!spec.hostNetwork);
  const local = new Set(['localhost', '127.0.0.1', hostname, ...(run.podIP ? [run.podIP] : [])]);
  const ctx: ShellContext = {
    env: environment(c),
    files: c.files instanceof MountedFiles ? c.files.withManaged(managed) : new ContainerFiles(c.files, managed),
    hostname,
    now,
    // With the cluster network, curl, wget and nslookup reach Services, other pods and the pod's own ports through it.
    network: network && promptNetwork(network),
    fetch: (url) => {
      const target = parseUrl(url);
      if (!target) return { error: 'bad address' };
      if (!local.has(target.host)) return { error: 'bad address' };
      const userAgent = name === 'curl' || url.includes('curl') ? 'curl/7.88.1' : 'Wget';
      return podHttp(run, target.port, target.path, '127.0.0.1', userAgent, now()) ?? { error: `can't connect to remote host (127.0.0.1): Connection refused` };
    },
  };
  if (shellPrograms.has(name)) {
    if (args[0] === '-c') return { kind: 'run', command: options.command, readsStdin: false, start: () => new Shell(ctx).script(args[1] ?? '') };
    return { kind: 'run', command: options.command, readsStdin: true, start: (stdin) => new Shell(ctx).script(stdin) };
  }
  if (name === 'cat' && args.length === 0) {
    return { kind: 'run', command: options.command, readsStdin: true, start: (stdin) => echoStdin(stdin) };
  }
  return { kind: 'run', command: options.command, readsStdin: false, start: () => new Shell(ctx).command([name, ...args]) };
}

function* echoStdin(stdin: string): ProcessRun {
  if (stdin) yield { kind: 'output', text: stdin, stream: 'stdout' };
  return 0;
}

/** nginx and the other servers name themselves; the rest say nothing. */
function serverHeaders(run: PodRun, port: number, body: string): Record<string, string> {
  const c = run.containers.find((x) => x.step === 'running' && x.process?.ports.includes(port));
  const headers: Record<string, string> = {};
  if (c?.behaviour === 'nginx') {
    const version = c.entry?.versions?.[c.tag ?? 'latest'] ?? c.tag ?? '';
    headers.Server = `nginx/${version}`;
  }
  headers['Content-Type'] = /^\s*</.test(body) ? 'text/html' : body.trimStart().startsWith('{') ? 'application/json' : 'text/plain';
  return headers;
}

/** The ports of a pod as port-forward reaches them: from inside the pod, on localhost. */
export function portForwardTarget(lookup: ContainerLookup, pod: KubeObject, now: () => number): PortForwardTarget {
  return {
    http(port, request): ForwardedAnswer {
      const run = lookup(pod);
      const sandbox = stableHex(`${pod.metadata.uid}/sandbox`);
      const refused = `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-${sandbox.slice(0, 8)}-${sandbox.slice(8, 12)}-${sandbox.slice(12, 16)}-${sandbox.slice(16, 20)}-${sandbox.slice(20, 32)}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
      if (!run) return { error: 'pod does not exist' };
      const answer = podHttp(run, port, request.path, '127.0.0.1', request.userAgent, now());
      if (!answer) return { error: refused };
      return { ...answer, headers: serverHeaders(run, port, answer.body) };
    },
  };
}
