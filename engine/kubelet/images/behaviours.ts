/**
 * What each simulated image does when its container starts: the process (log lines, sleeps, exit
 * code), the ports it listens on, how it answers HTTP (probes, and later Service traffic), and how
 * it takes SIGTERM. The container's command and args override the image's ENTRYPOINT and CMD as
 * Kubernetes says: a shell or a shell command runs in the simulated `sh`; anything else runs the
 * image's own server.
 */
import type { BehaviourName, CatalogueEntry } from './catalogue.ts';
import type { ProcessRun, ShellContext } from './shell.ts';
import { formatDate, Shell } from './shell.ts';
import { elasticsearchServer } from './elasticsearch.ts';
import type { FluentdImage } from './fluentd.ts';
import { fluentdProcess } from './fluentd.ts';
import { kibanaServer } from './kibana.ts';
import { perlProcess } from './perl.ts';
import { behaviourProfiles, componentProfiles, ContainerUsage, pagesFor, stressMemory, type UsageProfile } from '../../metrics/usage.ts';
import { parseQuantity, quantityValue } from '../../api/validation/quantity.ts';

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

const shells = new Set(['sh', 'ash', 'bash']);
const shellCommands = new Set(['echo', 'printf', 'sleep', 'date', 'env', 'printenv', 'hostname', 'cat', 'touch', 'rm', 'mkdir', 'true', 'false', 'test', 'wget', 'curl', 'nslookup']);
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The argv a container runs: command replaces ENTRYPOINT (and drops CMD), args replace CMD. */
export function containerArgv(spec: ContainerSpec, entry: CatalogueEntry | undefined): string[] {
  const entrypoint = spec.command ?? entry?.entrypoint ?? [];
  const cmd = spec.args ?? (spec.command ? [] : entry?.cmd ?? []);
  return [...entrypoint, ...cmd];
}

/** nginx's default page: 615 bytes, as `curl -s localhost | wc -c` counts them. */
export const nginxWelcome = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

const nginx404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/VERSION</center>\r\n</body>\r\n</html>\r\n';

/** `01/Jan/2026:00:00:10 +0000`: the time in a common-log-format line. */
function clfTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const forever = Number.MAX_SAFE_INTEGER / 2;

/** A server: prints its start-up lines, then waits forever. */
function* server(lines: (now: number) => string[], ctx: ShellContext): ProcessRun {
  for (const line of lines(ctx.now())) yield { kind: 'output', text: line + '\n', stream: 'stdout' };
  for (;;) yield { kind: 'sleep', ms: forever };
}

function* crash(lines: string[], exitCode: number, afterMs: number): ProcessRun {
  if (afterMs > 0) yield { kind: 'sleep', ms: afterMs };
  for (const line of lines) yield { kind: 'output', text: line + '\n', stream: 'stderr' };
  return exitCode;
}

type ServerParts = Pick<ContainerProcess, 'ports' | 'http' | 'term'> & { lines: (now: number) => string[]; run?: ProcessRun };

function nginxParts(version: string): ServerParts {
  const stamp = (now: number): string => formatDate(now, '%Y/%m/%d %H:%M:%S');
  return {
    ports: [80],
    term: { afterMs: 100, exitCode: 0 },
    lines: (now) => [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      `${stamp(now)} [notice] 1#1: using the "epoll" event method`,
      `${stamp(now)} [notice] 1#1: nginx/${version}`,
      `${stamp(now)} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
      `${stamp(now)} [notice] 1#1: OS: Linux 6.8.0-52-generic`,
      `${stamp(now)} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${stamp(now)} [notice] 1#1: start worker processes`,
      `${stamp(now)} [notice] 1#1: start worker process 29`,
    ],
    http: (request, now) => {
      if (request.port !== 80) return undefined;
      const found = request.path === '/' || request.path === '/index.html';
      const body = found ? nginxWelcome : nginx404.replace('VERSION', version);
      const status = found ? 200 : 404;
      return { status, body, log: `${request.client} - - [${clfTime(now)}] "GET ${request.path} HTTP/1.1" ${status} ${body.length} "-" "${request.userAgent}" "-"` };
    },
  };
}

function simpleServer(ports: number[], lines: string[], body: (path: string) => [number, string] | undefined, log?: boolean): ServerParts {
  return {
    ports,
    term: { afterMs: 200, exitCode: 0 },
    lines: () => lines,
    http: (request, now) => {
      if (!ports.includes(request.port)) return undefined;
      const [status, text] = body(request.path) ?? [404, ''];
      return { status, body: text, log: log ? `${request.client} - - [${clfTime(now)}] "GET ${request.path} HTTP/1.1" ${status} ${text.length}` : undefined };
    },
  };
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
  const noServer = { ports: [] as number[], http: () => undefined };
  const startedAt = ctx.now();
  const pages = pagesFor(`${ctx.hostname}/${spec.name}`);
  if (shells.has(program)) {
    // A shell as PID 1 has no SIGTERM handler: it is killed at the end of the grace period.
    const script = argv[1] === '-c' ? argv[2] ?? '' : undefined;
    // Without -c and without a terminal, sh reads an empty stdin and exits 0 at once; with
    // `stdin: true` its stdin stays open and it waits there for input that never comes.
    const usage = new ContainerUsage(behaviourProfiles.shell, startedAt, pages);
    const waiting = script === undefined && spec.stdin === true;
    const run = metered(new Shell(ctx).script(waiting ? 'sleep infinity' : script ?? ''), usage, ctx);
    return { ...noServer, run, term: 'ignore', exec, usage };
  }
  // busybox's sysctl applet (alpine, busybox images): the EFK addon's vm.max_map_count init container.
  if (program === 'sysctl' && behaviour === 'shell') return { ...noServer, run: sysctl(argv, spec.securityContext?.privileged === true), term: 'ignore', exec };
  if (shellCommands.has(program) || behaviour === 'shell') {
    if (!shellCommands.has(program)) {
      return { startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown` };
    }
    const usage = new ContainerUsage(behaviourProfiles.shell, startedAt, pages);
    return { ...noServer, run: metered(new Shell(ctx).command([program, ...argv.slice(1)]), usage, ctx), term: 'ignore', exec, usage };
  }
  if (program === 'stress') return stress(argv, startedAt, exec, pages);
  if (behaviour === 'perl' && /^perl(5[\d.]*)?$/.test(program)) {
    const usage = new ContainerUsage(behaviourProfiles.shell, startedAt, pages);
    // perl has no SIGTERM handler by default: the signal ends it at once (128 + 15).
    return { ...noServer, run: perlProcess(argv.slice(1), (ms) => usage.addWork(ctx.now(), ms)), term: { afterMs: 0, exitCode: 143 }, exec, usage };
  }
  const version = entry?.versions?.[tag] ?? tag;
  if (behaviour === 'hello-broken') {
    return { ...noServer, run: crash(['kubelab/hello 3.0-broken starting', 'panic: open /etc/hello/config.yaml: no such file or directory'], 1, 300), term: { afterMs: 0, exitCode: 0 }, exec, usage: new ContainerUsage(behaviourProfiles['hello-broken'], startedAt, pages) };
  }
  const parts = serverParts(behaviour, version, spec, entry, ctx);
  const profile = behaviour === 'system' ? componentProfiles[program] ?? behaviourProfiles.generic
    : behaviour === 'elasticsearch' ? elasticsearchProfile(ctx.env, spec) : behaviourProfiles[behaviour] ?? behaviourProfiles.generic;
  const usage = new ContainerUsage(profile, startedAt, pages);
  const cost = profile.cpuMsPerRequest;
  // Requests that cost CPU (hpa-example's PHP loop) are recorded as work when they are answered.
  const http = cost ? (request: HttpRequest, now: number): HttpAnswer | undefined => {
    const answer = parts.http(request, now);
    if (answer && request.userAgent !== probeAgent) usage.addWork(now, cost);
    return answer;
  } : parts.http;
  return { ports: parts.ports, http, term: parts.term, run: parts.run ?? server(parts.lines, ctx), exec, usage };
}

/** The JVM's memory beyond its heap (metaspace, threads, direct buffers) in a small Elasticsearch. */
const jvmOverheadBytes = 350 * 2 ** 20;

/**
 * Elasticsearch's memory: its heap plus the JVM's overhead. The heap is `-Xmx` from ES_JAVA_OPTS;
 * without one, ES 7.11+ sizes it to half the container's memory limit, and older images default to 1g.
 */
function elasticsearchProfile(env: Record<string, string>, spec: ContainerSpec): UsageProfile {
  const units: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };
  const xmx = /-Xmx(\d+)([kKmMgG])?/.exec(env.ES_JAVA_OPTS ?? '');
  let heap = 2 ** 30;
  if (xmx) heap = Number(xmx[1]) * (units[(xmx[2] ?? '').toLowerCase()] ?? 1);
  else {
    const limit = spec.resources?.limits?.memory;
    try {
      if (limit !== undefined) heap = Math.floor(quantityValue(parseQuantity(String(limit))) / 2);
    } catch {
      // An invalid limit never reaches a running container: validation refuses it.
    }
  }
  return { ...behaviourProfiles.elasticsearch, memoryBytes: heap + jvmOverheadBytes };
}

/** Which Fluentd image: the addon's, the plain one (no elasticsearch plugin), or fluentd-kubernetes-daemonset. */
function fluentdImage(entry: CatalogueEntry | undefined): FluentdImage {
  const kind = entry?.settings?.fluentd;
  return kind === 'addon' || kind === 'plain' ? kind : 'daemonset';
}

/** Elasticsearch configured as its image and the pod say: data path, cluster and node names. */
function elasticsearchParts(version: string, entry: CatalogueEntry | undefined, ctx: ShellContext): ServerParts {
  const settings = entry?.settings ?? {};
  const server = elasticsearchServer({
    version: version.replace(/^v/, ''),
    nodeName: ctx.env['node.name'] ?? ctx.env.NODE_NAME ?? ctx.hostname,
    clusterName: ctx.env['cluster.name'] ?? ctx.env.CLUSTER_NAME ?? settings.clusterName ?? 'docker-cluster',
    dataPath: ctx.env['path.data'] ?? settings.dataPath ?? '/usr/share/elasticsearch/data',
    oss: settings.flavour === 'oss',
    startedAt: ctx.now(),
  }, ctx.files);
  return { ...server, lines: () => [] };
}

/**
 * busybox `sysctl -w key=value` (the EFK init container's `vm.max_map_count=262144`): only a
 * privileged container may write kernel parameters; others find /proc/sys read-only.
 */
function* sysctl(argv: string[], privileged: boolean): ProcessRun {
  const settings = argv.slice(1).filter((a) => a.includes('='));
  for (const setting of settings) {
    const [key, value] = setting.split('=');
    if (!privileged) {
      yield { kind: 'output', text: `sysctl: error setting key '${key}': Read-only file system\n`, stream: 'stderr' };
      return 1;
    }
    yield { kind: 'output', text: `${key} = ${value}\n`, stream: 'stdout' };
  }
  return 0;
}

/** Probes are cheap: they are not the load that scales an HPA. */
const probeAgent = 'kube-probe/1.32';

/**
 * A shell's CPU: each command it runs costs a little, and a loop that never sleeps burns a whole
 * core (the shell marks those seconds `busy`; see shell.ts's busyLimit).
 */
function* metered(run: ProcessRun, usage: ContainerUsage, ctx: ShellContext): ProcessRun {
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    const action = step.value;
    if (action.kind === 'sleep' && (action as { busy?: boolean }).busy) usage.addWork(ctx.now(), action.ms);
    else usage.addWork(ctx.now(), action.kind === 'sleep' ? 0.5 : 0.2);
    yield action;
  }
}

/**
 * `stress --vm N --vm-bytes B --vm-hang S` (polinux/stress): prints its banner, allocates the
 * memory within a moment and holds it. Over the memory limit, the kernel's OOM killer ends it.
 */
function stress(argv: string[], startedAt: number, exec: (command: string[]) => ProcessRun, pages: number): ContainerProcess {
  const bytes = stressMemory(argv) ?? 0;
  const vm = argv.findIndex((a) => a === '--vm' || a === '-m');
  const workers = bytes && vm >= 0 ? Number(argv[vm + 1]) || 0 : 0;
  const usage = new ContainerUsage({ ...behaviourProfiles.stress, grow: bytes ? { bytes, afterMs: 200 } : undefined }, startedAt, pages);
  function* run(): ProcessRun {
    yield { kind: 'output', text: `stress: info: [1] dispatching hogs: 0 cpu, 0 io, ${workers} vm, 0 hdd\n`, stream: 'stderr' };
    for (;;) yield { kind: 'sleep', ms: forever };
  }
  return { ports: [], http: () => undefined, term: { afterMs: 0, exitCode: 0 }, run: run(), exec, usage };
}
