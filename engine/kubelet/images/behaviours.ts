/**
 * What each simulated image does when its container starts: the process (log lines, sleeps, exit
 * code), the ports it listens on, how it answers HTTP (probes, and later Service traffic), and how
 * it takes SIGTERM. The container's command and args override the image's ENTRYPOINT and CMD as
 * Kubernetes says: a shell or a shell command runs in the simulated `sh` (shell-entry.ts); anything
 * else runs the image's own server (simple-servers.ts, and one file per larger image).
 */
import type { BehaviourName, CatalogueEntry } from './catalogue.ts';
import type { ProcessRun, ShellContext } from './shell.ts';
import { Shell } from './shell.ts';
import { fluentBitProcess } from './fluent-bit.ts';
import { fluentdProcess } from './fluentd.ts';
import { kibanaServer } from './kibana.ts';
import { elasticsearchParts, elasticsearchProfile, fluentdImage } from './logging-parts.ts';
import { perlProcess } from './perl.ts';
import { startShellEntry } from './shell-entry.ts';
import type { ServerParts } from './simple-servers.ts';
import { crash, nginxParts, server, simpleServer } from './simple-servers.ts';
import { CfsBandwidth } from '../../metrics/cfs.ts';
import { behaviourProfiles, componentProfiles, ContainerUsage, pagesFor } from '../../metrics/usage.ts';
import { milliValue, parseQuantity } from '../../api/validation/quantity.ts';

export { nginxWelcome } from './simple-servers.ts';

/** An HTTP request to a container: from a probe (`kube-probe/1.32`) or a client in the cluster. */
export interface HttpRequest {
  port: number;
  path: string;
  client: string;
  userAgent: string;
  /** GET when absent (probes); curl -X, -d and wget --post-data send others with a body. */
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The answer, and the access-log line the server writes for it, if it logs one. */
export interface HttpAnswer {
  status: number;
  body: string;
  log?: string;
  /** How long the server took to answer, ms of virtual time (hpa-example's CPU-bound PHP, throttled at its limit). */
  elapsedMs?: number;
}

/** A started container process. */
export interface ContainerProcess {
  run: ProcessRun;
  /** TCP ports accepting connections. */
  ports: number[];
  /** Answer an HTTP GET on a listening port; undefined when nothing listens there (connection refused). */
  http(request: HttpRequest, now: number): HttpAnswer | undefined;
  /** SIGTERM: exit with `exitCode` after `afterMs`, or ignore it (PID 1 without a handler) and wait for SIGKILL. */
  term: { afterMs: number; exitCode: number } | 'ignore';
  /** Run a command inside the container (exec probes, preStop exec hooks). */
  exec(argv: string[]): ProcessRun;
  /** CPU and memory the process uses (what cAdvisor measures and metrics-server serves). */
  usage?: ContainerUsage;
}

/** Why a container could not start: containerd's StartError (exit code 128). */
export interface StartFailure {
  startError: string;
}

/** The container fields a behaviour reads. */
export interface ContainerSpec {
  name: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort: number; protocol?: string }[];
  securityContext?: { privileged?: boolean };
  /** `stdin: true` (`kubectl run -i`, `kubectl debug -i`): the runtime keeps the container's stdin open. */
  stdin?: boolean;
  resources?: { limits?: Record<string, unknown> };
}

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The argv a container runs: command replaces ENTRYPOINT (and drops CMD), args replace CMD. */
export function containerArgv(spec: ContainerSpec, entry: CatalogueEntry | undefined): string[] {
  const entrypoint = spec.command ?? entry?.entrypoint ?? [];
  const cmd = spec.args ?? (spec.command ? [] : entry?.cmd ?? []);
  return [...entrypoint, ...cmd];
}

function serverParts(behaviour: BehaviourName, version: string, spec: ContainerSpec, entry: CatalogueEntry | undefined, ctx: ShellContext): ServerParts {
  const declared = (spec.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort);
  switch (behaviour) {
    case 'nginx': return nginxParts(version);
    case 'httpd': return simpleServer([80], [
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.2. Set the 'ServerName' directive globally to suppress this message",
      'AH00094: Command line: \'httpd -D FOREGROUND\'',
    ], (path) => (path === '/' ? [200, '<html><body><h1>It works!</h1></body></html>\n'] : undefined), true);
    case 'redis': return simpleServer([6379], ['1:C 01 Jan 2026 00:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:M 01 Jan 2026 00:00:00.001 * Ready to accept connections tcp'], () => undefined);
    case 'elasticsearch': return elasticsearchParts(version, entry, ctx);
    case 'kibana': return kibanaServer(version.replace(/^v/, ''), ctx, ctx.now());
    case 'fluentd': return { ...fluentdProcess(fluentdImage(entry), version, ctx), lines: () => [], http: () => undefined };
    case 'fluent-bit': return { ...fluentBitProcess(version, containerArgv(spec, entry), ctx), lines: () => [] };
    case 'hpa-example': return simpleServer([80], [], () => [200, 'OK!'], true);
    case 'pause': return { ports: [], term: { afterMs: 0, exitCode: 0 }, lines: () => [], http: () => undefined };
    // It names its pod, so a learner curling a Service sees the answers rotate across the endpoints.
    case 'hello': return simpleServer([8080], [`kubelab/hello ${version} listening on :8080`], (path) => (path === '/' ? [200, `Hello from kubelab/hello ${version} on ${ctx.hostname}\n`] : path === '/healthz' ? [200, 'ok\n'] : undefined), true);
    case 'system': return simpleServer([...new Set([...(entry?.ports ?? []), ...declared])], [], () => [200, 'ok'], false);
    default: return simpleServer(declared, [], () => [200, ''], false);
  }
}

/**
 * Start a container of an image: `behaviour` from the catalogue, `tag` for versioned output,
 * `spec` for command, args and ports, `ctx` for the environment, files and clock.
 */
export function startProcess(behaviour: BehaviourName, entry: CatalogueEntry | undefined, tag: string, spec: ContainerSpec, imageCtx: ShellContext): ContainerProcess | StartFailure {
  // The perl image's shell (and `kubectl exec`) can run perl too; its CPU is counted only when perl is the container's own process.
  const ctx: ShellContext = behaviour === 'perl' ? { ...imageCtx, programs: { perl: (args) => perlProcess(args, () => undefined) } } : imageCtx;
  const argv = containerArgv(spec, entry);
  const exec = (command: string[]): ProcessRun => new Shell(ctx).command(command);
  const program = basename(argv[0] ?? '');
  const startedAt = ctx.now();
  const pages = pagesFor(`${ctx.hostname}/${spec.name}`);
  const viaShell = startShellEntry({ behaviour, program, argv, spec, ctx, exec, startedAt, pages });
  if (viaShell) return viaShell;
  if (behaviour === 'perl' && /^perl(5[\d.]*)?$/.test(program)) {
    const usage = new ContainerUsage(behaviourProfiles.shell, startedAt, pages);
    // perl has no SIGTERM handler by default: the signal ends it at once (128 + 15).
    return { ports: [], http: () => undefined, run: perlProcess(argv.slice(1), (ms) => usage.addWork(ctx.now(), ms)), term: { afterMs: 0, exitCode: 143 }, exec, usage };
  }
  const version = entry?.versions?.[tag] ?? tag;
  if (behaviour === 'hello-broken') {
    return { ports: [], http: () => undefined, run: crash(['kubelab/hello 3.0-broken starting', 'panic: open /etc/hello/config.yaml: no such file or directory'], 1, 300), term: { afterMs: 0, exitCode: 0 }, exec, usage: new ContainerUsage(behaviourProfiles['hello-broken'], startedAt, pages) };
  }
  const parts = serverParts(behaviour, version, spec, entry, ctx);
  const profile = behaviour === 'system' ? componentProfiles[program] ?? behaviourProfiles.generic
    : behaviour === 'elasticsearch' ? elasticsearchProfile(ctx.env, spec) : behaviourProfiles[behaviour] ?? behaviourProfiles.generic;
  const usage = new ContainerUsage(profile, startedAt, pages);
  const cost = profile.cpuMsPerRequest;
  const http = cost ? cpuBoundHttp(parts.http, cost, usage, new CfsBandwidth(cpuLimitMillicores(spec))) : parts.http;
  return { ports: parts.ports, http, term: parts.term, run: parts.run ?? server(parts.lines, ctx), exec, usage };
}

/** Probes are cheap: they are not the load that scales an HPA. */
const probeAgent = 'kube-probe/1.32';

/**
 * A server whose every answer costs `cpuMs` of CPU (hpa-example's PHP loop): the work is recorded
 * as usage, and the answer comes when the work is done, which the container's CPU limit delays
 * (CFS throttling). A client that waits for each answer, as the docs' wget loop does, is paced by it.
 */
function cpuBoundHttp(http: ContainerProcess['http'], cpuMs: number, usage: ContainerUsage, bandwidth: CfsBandwidth): ContainerProcess['http'] {
  return (request, now) => {
    const answer = http(request, now);
    if (!answer || request.userAgent === probeAgent) return answer;
    usage.addWork(now, cpuMs);
    return { ...answer, elapsedMs: bandwidth.run(now, cpuMs) - now };
  };
}

/** The container's CPU limit in millicores, undefined when it has none. */
function cpuLimitMillicores(spec: ContainerSpec): number | undefined {
  const limit = spec.resources?.limits?.cpu;
  if (limit === undefined) return undefined;
  try {
    return milliValue(parseQuantity(String(limit)));
  } catch {
    // An invalid limit never reaches a running container: validation refuses it.
    return undefined;
  }
}
