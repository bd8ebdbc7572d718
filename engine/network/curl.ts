/**
 * curl (8.x, as in curlimages/curl) over the simulated network, with its common flags: `-s`,
 * `-S`, `-I`, `-i`, `-o FILE`, `-w FORMAT`, `-m`/`--connect-timeout`, `-H`, `-X`, `-A`, `-f`,
 * `-L`, `-k`, `-v` (ignored), `-d`/`--data-binary`/`--data-raw` (a body). Errors are `curl: (N) …` on stderr unless `-s` without `-S`; the
 * exit code is curl's error number.
 */
import type { InClusterResponse } from './http.ts';
import { parseUrl } from './http.ts';
import type { ToolRun, ToolStep } from './nslookup.ts';
import type { Fetcher } from './wget.ts';

/** The User-Agent curl sends. */
export const curlAgent = 'curl/8.11.1';

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  output?: string;
  writeOut?: string;
  timeoutMs?: number;
  method?: string;
  headers: Record<string, string>;
  /** The request body from `-d`/`--data-binary`/`--data-raw`: several are joined with `&`, as curl does. */
  data?: string[];
  url?: string;
}

const takesValue = new Set(['o', 'w', 'm', 'H', 'X', 'A', 'd', 'u', 'e', 'x', 'data-binary', 'data-raw']);
const longFlags: Record<string, string> = {
  silent: 's', 'show-error': 'S', head: 'I', include: 'i', fail: 'f', location: 'L', insecure: 'k', verbose: 'v',
  output: 'o', 'write-out': 'w', 'max-time': 'm', header: 'H', request: 'X', 'user-agent': 'A', data: 'd',
  'data-binary': 'data-binary', 'data-raw': 'data-raw', 'data-ascii': 'd',
};

function parseArgs(args: string[]): CurlOptions | string {
  const options: CurlOptions = { silent: false, showError: false, head: false, include: false, fail: false, headers: { 'User-Agent': curlAgent } };
  const apply = (flag: string, value: string): void => {
    switch (flag) {
      case 's': options.silent = true; break;
      case 'S': options.showError = true; break;
      case 'I': options.head = true; break;
      case 'i': options.include = true; break;
      case 'f': options.fail = true; break;
      case 'o': options.output = value; break;
      case 'w': options.writeOut = value; break;
      case 'm': case 'connect-timeout': options.timeoutMs = Math.round(Number(value) * 1000); break;
      case 'X': options.method = value; break;
      case 'A': options.headers['User-Agent'] = value; break;
      case 'd': case 'data-binary': case 'data-raw': (options.data ??= []).push(value); break;
      case 'H': { const colon = value.indexOf(':'); if (colon > 0) options.headers[value.slice(0, colon).trim()] = value.slice(colon + 1).trim(); break; }
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s);
      const flag = name === 'connect-timeout' ? name : longFlags[name];
      if (!flag) return `curl: option ${arg}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`;
      apply(flag, takesValue.has(flag) || flag === 'connect-timeout' ? inline ?? args[++i] ?? '' : '');
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j];
        if (takesValue.has(flag)) {
          apply(flag, arg.slice(j + 1) || args[++i] || '');
          break;
        }
        apply(flag, '');
      }
      continue;
    }
    options.url ??= arg;
  }
  return options;
}

/** `%{http_code}`, `%{remote_ip}`, … and `\n` in a `-w` format. */
function writeOut(format: string, response: InClusterResponse | undefined, size: number): string {
  const vars: Record<string, string> = {
    http_code: String(response?.status ?? 0).padStart(3, '0'), response_code: String(response?.status ?? 0).padStart(3, '0'),
    remote_ip: response?.address ?? '', remote_port: response ? String(response.port) : '0',
    size_download: String(size), time_total: ((response?.elapsedMs ?? 0) / 1000).toFixed(6),
  };
  return format.replace(/%\{([a-z_]+)\}/g, (all, name: string) => vars[name] ?? all).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\r/g, '\r');
}

const meterHeader = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** curl's five-character sizes: `  615`, `1234k`, `12.3M`. */
function size5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * 1024) return `${Math.round(n / 1024)}k`.padStart(5);
  return `${Math.round(n / 1024 / 1024)}M`.padStart(5);
}

/** The progress meter curl prints on stderr when its output is not a terminal and -s is not given. */
function meter(bytes: number, elapsedMs: number): string {
  const speed = size5(Math.round(bytes / Math.max(elapsedMs / 1000, 0.001)));
  const pct = bytes ? '100' : '  0';
  // progress.c's "\r%3d %s  %3d %s  %3d %s  %s  %s %s %s %s %s": every update starts with a carriage return (a
  // terminal redraws the line in place), and Curl_pgrsDone ends the last one with a newline.
  return `${meterHeader}\r${pct} ${size5(bytes)}  ${pct} ${size5(bytes)}    0     0  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`;
}

/** Run `curl ARGS` from a pod. */
export function curl(args: string[], fetch: Fetcher): ToolRun {
  const options = parseArgs(args);
  if (typeof options === 'string') return { steps: [{ stderr: options }], code: 2 };
  if (!options.url) return { steps: [{ stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n" }], code: 2 };
  const url = parseUrl(options.url);
  const steps: ToolStep[] = [];
  const showErrors = !options.silent || options.showError;
  const failWith = (code: number, message: string, sleepMs = 0): ToolRun => {
    if (sleepMs) steps.push({ sleepMs });
    if (!options.silent) steps.push({ stderr: meter(0, sleepMs) });
    if (options.writeOut) steps.push({ stdout: writeOut(options.writeOut, undefined, 0) });
    if (showErrors) steps.push({ stderr: `curl: (${code}) ${message}\n` });
    return { steps, code };
  };
  if (!url) return failWith(3, 'URL rejected: Bad hostname');
  // -d makes a POST with a form Content-Type unless -X or -H say otherwise (Elasticsearch rejects that type with 406).
  const body = options.data?.join('&');
  const method = options.method ?? (body !== undefined ? 'POST' : options.head ? 'HEAD' : 'GET');
  const hasType = Object.keys(options.headers).some((k) => k.toLowerCase() === 'content-type');
  const headers = body !== undefined && !hasType ? { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' } : options.headers;
  const result = fetch({ url: `${url.scheme}://${url.host}:${url.port}${url.path}`, method, headers, body, connectTimeoutMs: options.timeoutMs });
  if ('error' in result) {
    const ms = result.elapsedMs;
    if (result.error === 'could not resolve host') {
      // A resolver that never answers outlasts a shorter -m/--connect-timeout: the multi handle's timeout fires first.
      if (options.timeoutMs !== undefined && ms > options.timeoutMs) return failWith(28, `Resolving timed out after ${options.timeoutMs + 1} milliseconds`, options.timeoutMs);
      return failWith(6, `Could not resolve host: ${url.host}`, ms);
    }
    if (result.error === 'connection refused') return failWith(7, `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Couldn't connect to server`, ms);
    // With -m/--connect-timeout the happy-eyeballs attempt gives up at the deadline (connect.c) and curl reports
    // the failed connect with curl_easy_strerror(CURLE_OPERATION_TIMEDOUT), measured a moment after the deadline.
    if (options.timeoutMs !== undefined) return failWith(28, `Failed to connect to ${url.host} port ${url.port} after ${ms + 1} ms: Timeout was reached`, ms);
    return failWith(28, `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Couldn't connect to server`, ms);
  }
  steps.push({ sleepMs: result.elapsedMs });
  if (options.fail && result.status >= 400) return failWith(22, `The requested URL returned error: ${result.status}`);
  const head = `HTTP/1.1 ${result.status} ${result.statusText}\r\n${Object.entries(result.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const received = options.head ? '' : result.body;
  const text = (options.head || options.include ? head : '') + received;
  const files: [string, string][] = [];
  if (options.output && options.output !== '-') {
    if (options.output !== '/dev/null') files.push([options.output, text]);
  }
  if (!options.output || options.output === '-') steps.push({ stdout: text });
  if (!options.silent) steps.push({ stderr: meter(new TextEncoder().encode(received).length, result.elapsedMs) });
  if (options.writeOut) steps.push({ stdout: writeOut(options.writeOut, result, new TextEncoder().encode(received).length) });
  return { steps, code: 0, files };
}
