/**
 * The plain servers of the catalogue: nginx (its start-up notices, welcome page, 404 page and
 * access log), and the small servers that answer fixed bodies on their ports (httpd, redis,
 * hpa-example, kubelab/hello, the cluster's own components, the generic image). Also the two
 * process shapes they share: print start-up lines and wait, or print and crash.
 */
import type { ContainerProcess } from './behaviours.ts';
import type { ProcessRun, ShellContext } from './shell.ts';
import { formatDate } from './shell.ts';

/** What a server contributes to its container process: ports, HTTP answers, SIGTERM, start-up lines. */
export type ServerParts = Pick<ContainerProcess, 'ports' | 'http' | 'term'> & { lines: (now: number) => string[]; run?: ProcessRun };

/** nginx's default page: 615 bytes, as `curl -s localhost | wc -c` counts them. */
export const nginxWelcome = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

const nginx404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/VERSION</center>\r\n</body>\r\n</html>\r\n';

/** `01/Jan/2026:00:00:10 +0000`: the time in a common-log-format line. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** A sleep that never ends in any lesson's lifetime. */
export const forever = Number.MAX_SAFE_INTEGER / 2;

/** A server: prints its start-up lines, then waits forever. */
export function* server(lines: (now: number) => string[], ctx: ShellContext): ProcessRun {
  for (const line of lines(ctx.now())) yield { kind: 'output', text: line + '\n', stream: 'stdout' };
  for (;;) yield { kind: 'sleep', ms: forever };
}

/** Print `lines` on stderr after `afterMs` and exit with `exitCode` (a crashing program). */
export function* crash(lines: string[], exitCode: number, afterMs: number): ProcessRun {
  if (afterMs > 0) yield { kind: 'sleep', ms: afterMs };
  for (const line of lines) yield { kind: 'output', text: line + '\n', stream: 'stderr' };
  return exitCode;
}

/** nginx `version` as the official image runs it. */
export function nginxParts(version: string): ServerParts {
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

/** A server on `ports` answering `body(path)` (404 when undefined), with a common-log line per request when `log`. */
export function simpleServer(ports: number[], lines: string[], body: (path: string) => [number, string] | undefined, log?: boolean): ServerParts {
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
