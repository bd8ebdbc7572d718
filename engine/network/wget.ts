/**
 * busybox `wget` (1.36) over the simulated network: `-q`, `-O FILE` / `-O-`, `-T SEC`
 * (`--timeout`), `--spider`, `-U`, `--header`, with busybox's own messages — `bad address`,
 * `can't connect to remote host (IP): Connection refused`, `download timed out`, `server
 * returned error: HTTP/1.1 404 Not Found`. Without -T its alarm is 900 s, so a dropped SYN ends
 * with the kernel's ETIMEDOUT after 127 s instead.
 */
import type { InClusterRequest, InClusterResult } from './http.ts';
import { kernelConnectTimeoutMs, parseUrl } from './http.ts';
import type { ToolRun, ToolStep } from './nslookup.ts';

/** Sends one request from the pod: what `PodNetwork.fetch` does. */
export type Fetcher = (request: Omit<InClusterRequest, 'fromPod' | 'fromNode'>) => InClusterResult;

const usage = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n';

/** The progress bar busybox draws on stderr when not quiet (non-terminal: one final line). */
function progressLine(name: string, bytes: number): string {
  return `${name.slice(0, 20).padEnd(20)} 100% |********************************| ${String(bytes).padStart(5)}  0:00:00 ETA\n`;
}

interface WgetOptions {
  quiet: boolean;
  output?: string;
  timeoutSec?: number;
  spider: boolean;
  headers: Record<string, string>;
  /** `--post-data STR`: busybox wget POSTs it as application/x-www-form-urlencoded. */
  postData?: string;
  url?: string;
}

function parseArgs(args: string[]): WgetOptions | undefined {
  const options: WgetOptions = { quiet: false, spider: false, headers: { 'User-Agent': 'Wget' } };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const long = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (long) {
      const value = (): string => long[2] ?? args[++i] ?? '';
      switch (long[1]) {
        case 'quiet': options.quiet = true; break;
        case 'spider': options.spider = true; break;
        case 'output-document': options.output = value(); break;
        case 'timeout': options.timeoutSec = Number(value()); break;
        case 'user-agent': options.headers['User-Agent'] = value(); break;
        case 'header': { const h = value(); const colon = h.indexOf(':'); if (colon > 0) options.headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim(); break; }
        case 'post-data': options.postData = value(); break;
        default: return undefined;
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j];
        if ('OTUPYo'.includes(flag)) {
          const value = arg.slice(j + 1) || args[++i] || '';
          if (flag === 'O') options.output = value;
          if (flag === 'T') options.timeoutSec = Number(value);
          if (flag === 'U') options.headers['User-Agent'] = value;
          break;
        }
        if (flag === 'q') options.quiet = true;
        else if (flag !== 'c' && flag !== 'S') return undefined;
      }
      continue;
    }
    options.url ??= arg;
  }
  return options;
}

/** Method, headers and body: a POST with busybox's default Content-Type when `--post-data` is given. */
function postRequest(options: WgetOptions): { method: string; headers: Record<string, string>; body?: string } {
  if (options.postData === undefined) return { method: options.spider ? 'HEAD' : 'GET', headers: options.headers };
  const hasType = Object.keys(options.headers).some((k) => k.toLowerCase() === 'content-type');
  const headers = hasType ? options.headers : { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
  return { method: 'POST', headers, body: options.postData };
}

/** Run `wget ARGS` from a pod. */
export function wget(args: string[], fetch: Fetcher): ToolRun {
  const options = parseArgs(args);
  if (!options?.url) return { steps: [{ stderr: usage }], code: 1 };
  const url = parseUrl(options.url);
  if (!url) return { steps: [{ stderr: `wget: not an http or ftp url: ${options.url}\n` }], code: 1 };
  const explicitPort = /^(?:[a-z]+:\/\/)?[^/]*:\d+/i.test(options.url);
  const hostShown = explicitPort ? `${url.host}:${url.port}` : url.host;
  const timeoutMs = options.timeoutSec && options.timeoutSec > 0 ? options.timeoutSec * 1000 : undefined;
  const result = fetch({ url: `${url.scheme}://${url.host}:${url.port}${url.path}`, ...postRequest(options), connectTimeoutMs: timeoutMs });
  const steps: ToolStep[] = [];
  const die = (message: string): ToolRun => ({ steps: [...steps, { stderr: `wget: ${message}\n` }], code: 1 });
  if ('error' in result) {
    if (result.error === 'could not resolve host') return { steps: [{ sleepMs: result.elapsedMs }, { stderr: `wget: bad address '${hostShown}'\n` }], code: 1 };
    if (!options.quiet) steps.push({ stderr: `Connecting to ${hostShown} (${result.address}:${result.port})\n` });
    steps.push({ sleepMs: result.elapsedMs });
    if (result.error === 'connection refused') return die(`can't connect to remote host (${result.address}): Connection refused`);
    if (timeoutMs !== undefined && timeoutMs < kernelConnectTimeoutMs) return die('download timed out');
    return die(`can't connect to remote host (${result.address}): Connection timed out`);
  }
  if (!options.quiet) steps.push({ stderr: `Connecting to ${hostShown} (${result.address}:${result.port})\n` });
  steps.push({ sleepMs: result.elapsedMs });
  if (result.status >= 400) return die(`server returned error: HTTP/1.1 ${result.status} ${result.statusText}`);
  if (options.spider) {
    if (!options.quiet) steps.push({ stderr: 'remote file exists\n' });
    return { steps, code: 0 };
  }
  const toStdout = options.output === '-';
  const name = options.output ?? (url.path.split('?')[0].split('/').pop() || 'index.html');
  if (!options.quiet) steps.push({ stderr: toStdout ? 'writing to stdout\n' : `saving to '${name}'\n` });
  if (toStdout) steps.push({ stdout: result.body });
  if (!options.quiet) steps.push({ stderr: progressLine(toStdout ? '-' : name, new TextEncoder().encode(result.body).length) + (toStdout ? 'written to stdout\n' : `'${name}' saved\n`) });
  return { steps, code: 0, files: toStdout ? [] : [[name, result.body]] };
}
