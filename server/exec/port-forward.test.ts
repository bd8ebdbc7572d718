import { describe, expect, it } from 'vitest';
import type { PortForwardTarget } from '../../engine/api/handlers/exec.ts';
import { HttpRequestReader, httpResponse, portForwardHandler } from './port-forward.ts';
import type { SpdyStream } from './spdy.ts';

const t = Date.UTC(2026, 0, 1, 0, 1, 0);

describe('HTTP over a forwarded port', () => {
  it('reads keep-alive requests, whole or in pieces, skipping bodies', () => {
    const reader = new HttpRequestReader();
    expect(reader.push(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/8\r'))).toEqual([]);
    expect(reader.push(Buffer.from('\n\r\nPOST /f HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcHEAD /h HTTP/1.1\r\n\r\n'))).toEqual([
      { method: 'GET', path: '/', headers: { host: 'x', 'user-agent': 'curl/8' } },
      { method: 'POST', path: '/f', headers: { 'content-length': '3' } },
      { method: 'HEAD', path: '/h', headers: {} },
    ]);
  });

  it('writes a response as nginx does', () => {
    expect(httpResponse(200, { Server: 'nginx/1.27.3', 'Content-Type': 'text/html' }, 'hi\n', t).toString()).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nDate: Thu, 01 Jan 2026 00:01:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nhi\n',
    );
    expect(httpResponse(404, {}, 'gone', t, { head: true, close: true }).toString()).toBe(
      'HTTP/1.1 404 Not Found\r\nDate: Thu, 01 Jan 2026 00:01:00 GMT\r\nContent-Length: 4\r\nConnection: close\r\n\r\n',
    );
  });

  /** A stream stand-in that records what the handler writes. */
  function stream(id: number, headers: Record<string, string>): SpdyStream & { log: string[] } {
    const log: string[] = [];
    return { id, headers, log, onData: () => {}, onEnd: () => {}, write: (data: Uint8Array) => log.push(Buffer.from(data).toString()), end: () => log.push('<end>') } as unknown as SpdyStream & { log: string[] };
  }

  it('pairs the error and data streams of a request and answers on the data stream', () => {
    const target: PortForwardTarget = { http: (port, request) => (port === 80 ? { status: 200, body: `at ${request.path} for ${request.userAgent}`, headers: {} } : { error: 'refused' }) };
    const handle = portForwardHandler(target, () => t);
    const error = stream(1, { streamtype: 'error', port: '80', requestid: '0' });
    const data = stream(3, { streamtype: 'data', port: '80', requestid: '0' });
    handle(error);
    handle(data);
    data.onData(Buffer.from('GET /x HTTP/1.1\r\n\r\n'));
    expect(data.log).toEqual(['HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 2026 00:01:00 GMT\r\nContent-Length: 11\r\nConnection: keep-alive\r\n\r\nat /x for -']);
    data.onEnd();
    expect([error.log, data.log.slice(1)]).toEqual([['<end>'], ['<end>']]);
  });

  it('reports a refused connection on the error stream', () => {
    const handle = portForwardHandler({ http: () => ({ error: 'connection refused' }) }, () => t);
    const error = stream(5, { streamtype: 'error', port: '81', requestid: '1' });
    const data = stream(7, { streamtype: 'data', port: '81', requestid: '1' });
    handle(error);
    handle(data);
    data.onData(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    expect([error.log, data.log]).toEqual([['connection refused', '<end>'], ['<end>']]);
  });
});
