/**
 * The shapes of simulated HTTP inside the cluster: a request from a pod or a node, the answer or
 * the socket-level failure a client reports, and the headers a plain server sends.
 */

/** A request made from inside the cluster: from a pod (`namespace/name`) or from a node. */
export interface InClusterRequest {
  fromPod?: { namespace: string; name: string };
  fromNode?: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The client's connect timeout; without one the kernel gives up after its SYN retries (127 s). */
  connectTimeoutMs?: number;
}

/** An HTTP answer: status line, headers, body, and how long it took in virtual time. */
export interface InClusterResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** The address connected to (after DNS, before kube-proxy's DNAT), as clients print it. */
  address: string;
  port: number;
  elapsedMs: number;
}

/** Why no answer came. `timeout` is a dropped packet (a NetworkPolicy, a ClusterIP port no rule covers). */
export interface InClusterError {
  error: 'connection refused' | 'timeout' | 'could not resolve host' | 'bad url';
  host: string;
  address?: string;
  port?: number;
  elapsedMs: number;
}

/** What `fetchInCluster` returns. */
export type InClusterResult = InClusterResponse | InClusterError;

/** The kernel's connect timeout with tcp_syn_retries=6: 1+2+4+8+16+32+64 seconds. */
export const kernelConnectTimeoutMs = 127_000;
/** glibc's resolver with an unreachable server: timeout 5 s, 2 attempts. */
export const resolverTimeoutMs = 10_000;

const reasons: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

/** The reason phrase nginx puts on a status line. */
export function statusText(status: number): string {
  return reasons[status] ?? '';
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An HTTP date: `Thu, 01 Jan 2026 00:00:10 GMT`. */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

/** Headers for a body the simulated servers return (they do not say their own yet). */
export function responseHeaders(body: string, now: number): Record<string, string> {
  const trimmed = body.trimStart();
  const type = trimmed.startsWith('<') ? 'text/html' : trimmed.startsWith('{') || trimmed.startsWith('[') ? 'application/json' : 'text/plain';
  return { Date: httpDate(now), 'Content-Type': type, 'Content-Length': String(new TextEncoder().encode(body).length), Connection: 'keep-alive' };
}

/** A URL as wget and curl take it: scheme optional (http), host, port, path. */
export function parseUrl(url: string): { scheme: 'http' | 'https'; host: string; port: number; path: string } | undefined {
  const match = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(url);
  if (!match) return undefined;
  const scheme = (match[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const host = match[2].toLowerCase();
  if (!host) return undefined;
  const port = match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80;
  const path = (match[4] ?? '/').replace(/#.*$/, '') || '/';
  return { scheme, host, port, path: path.startsWith('/') ? path : `/${path}` };
}
