/**
 * The kubelet's port-forward protocol (`portforward.k8s.io`) on a SPDY session: for each local
 * connection kubectl opens an `error` stream and a `data` stream with the same `requestID` and
 * `port`. Bytes on the data stream are what the local client sent; the simulated container
 * cannot take raw TCP, so HTTP/1.1 requests are read off the stream and answered from the
 * container's HTTP handler, as real HTTP/1.1 bytes. A failure (nothing listening) is written on
 * the error stream, which kubectl prints.
 */
import type { PortForwardTarget } from '../../engine/api/handlers/exec.ts';
import type { SpdyStream } from './spdy.ts';

const reasons: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable' };

/** One HTTP/1.1 request read from a byte stream. */
export interface HttpRequestHead {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** Reads HTTP/1.1 requests off a byte stream, one after another (keep-alive). */
export class HttpRequestReader {
  private buffered: Buffer = Buffer.alloc(0);

  /** Add bytes; return the requests they complete (bodies are read and dropped). */
  push(chunk: Buffer): HttpRequestHead[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const requests: HttpRequestHead[] = [];
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end < 0) return requests;
      const lines = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
      const [method = 'GET', path = '/'] = (lines.shift() ?? '').split(' ');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const bodyLength = Number(headers['content-length'] ?? 0) || 0;
      if (this.buffered.length < end + 4 + bodyLength) return requests;
      this.buffered = this.buffered.subarray(end + 4 + bodyLength);
      requests.push({ method, path, headers });
    }
  }
}

/** The bytes of an HTTP/1.1 response, with the headers nginx sends. */
export function httpResponse(status: number, headers: Record<string, string>, body: string, now: number, options: { head?: boolean; close?: boolean } = {}): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const lines = [`HTTP/1.1 ${status} ${reasons[status] ?? 'Unknown'}`];
  const { Server: server, ...rest } = headers;
  if (server) lines.push(`Server: ${server}`);
  lines.push(`Date: ${new Date(now).toUTCString()}`);
  for (const [name, value] of Object.entries(rest)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${bytes.length}`, `Connection: ${options.close ? 'close' : 'keep-alive'}`);
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  return options.head ? head : Buffer.concat([head, bytes]);
}

interface Pair {
  error?: SpdyStream;
  data?: SpdyStream;
}

/** Serve port-forward streams for one pod: give each new SPDY stream to `stream`. */
export function portForwardHandler(target: PortForwardTarget, now: () => number): (stream: SpdyStream) => void {
  const pairs = new Map<string, Pair>();
  const begin = (pair: Pair, port: number): void => {
    const { error, data } = pair as Required<Pair>;
    const reader = new HttpRequestReader();
    const finish = (): void => {
      data.end();
      error.end();
    };
    data.onData = (chunk) => {
      for (const request of reader.push(chunk)) {
        const answer = target.http(port, { method: request.method, path: request.path, userAgent: request.headers['user-agent'] ?? '-' });
        if ('error' in answer) {
          error.write(Buffer.from(answer.error, 'utf8'));
          return finish();
        }
        const close = (request.headers.connection ?? '').toLowerCase() === 'close';
        data.write(httpResponse(answer.status, answer.headers, answer.body, now(), { head: request.method === 'HEAD', close }));
        if (close) return finish();
      }
    };
    data.onEnd = finish;
    error.onEnd = () => {};
  };
  return (stream) => {
    const id = stream.headers.requestid ?? String(stream.id);
    const port = Number(stream.headers.port);
    const pair = pairs.get(id) ?? {};
    if (stream.headers.streamtype === 'error') pair.error = stream;
    else pair.data = stream;
    pairs.set(id, pair);
    if (pair.error && pair.data) {
      pairs.delete(id);
      begin(pair, port);
    }
  };
}
