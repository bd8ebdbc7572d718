import { describe, expect, it } from 'vitest';
import type { InClusterResult } from './http.ts';
import { curl } from './curl.ts';
import type { DnsAnswer } from './dns.ts';
import type { ToolRun } from './nslookup.ts';
import { nslookup } from './nslookup.ts';
import { wget } from './wget.ts';

const ok: InClusterResult = { status: 200, statusText: 'OK', headers: { Date: 'Thu, 01 Jan 2026 00:00:00 GMT', 'Content-Type': 'text/plain', 'Content-Length': '6', Connection: 'keep-alive' }, body: 'hello\n', address: '10.96.12.3', port: 80, elapsedMs: 1 };
const refused: InClusterResult = { error: 'connection refused', host: 'web', address: '10.96.12.3', port: 80, elapsedMs: 1 };
const nxdomain: InClusterResult = { error: 'could not resolve host', host: 'nope', elapsedMs: 0 };
const dropped = (ms: number): InClusterResult => ({ error: 'timeout', host: 'web', address: '10.96.12.3', port: 80, elapsedMs: ms });
const notFound: InClusterResult = { ...ok, status: 404, statusText: 'Not Found', body: 'nope' };

/** stdout and stderr as one transcript, the exit code and the time waited. */
function transcript(run: ToolRun): { out: string; code: number; slept: number } {
  return { out: run.steps.map((s) => (s.stdout ?? '') + (s.stderr ?? '')).join(''), code: run.code, slept: run.steps.reduce((t, s) => t + (s.sleepMs ?? 0), 0) };
}

describe('busybox wget', () => {
  it.each<[string, InClusterResult, string, number]>([
    ['-q -O- http://web', ok, 'hello\n', 0],
    ['-qO- web:80/path', ok, 'hello\n', 0],
    ['-O- web', ok, 'Connecting to web (10.96.12.3:80)\nwriting to stdout\nhello\n-                    100% |********************************|     6  0:00:00 ETA\nwritten to stdout\n', 0],
    ['-q -O- http://nope', nxdomain, "wget: bad address 'nope'\n", 1],
    ['-q -O- http://nope:8080', nxdomain, "wget: bad address 'nope:8080'\n", 1],
    ['-q -O- web', refused, "wget: can't connect to remote host (10.96.12.3): Connection refused\n", 1],
    ['--spider --timeout=1 web', dropped(1000), 'Connecting to web (10.96.12.3:80)\nwget: download timed out\n', 1],
    ['-q -O- web', dropped(127_000), "wget: can't connect to remote host (10.96.12.3): Connection timed out\n", 1],
    ['-q -O- web/x', notFound, 'wget: server returned error: HTTP/1.1 404 Not Found\n', 1],
    ['--spider web', ok, 'Connecting to web (10.96.12.3:80)\nremote file exists\n', 0],
  ])('wget %s', (args, result, expected, code) => {
    expect(transcript(wget(args.split(' '), () => result))).toMatchObject({ out: expected, code });
  });

  it('saves to the last path element, or index.html', () => {
    expect(wget(['-q', 'web/'], () => ok).files).toEqual([['index.html', 'hello\n']]);
    expect(wget(['-q', 'web/a/b.txt'], () => ok).files).toEqual([['b.txt', 'hello\n']]);
  });

  it('sends the timeout and its user agent', () => {
    const seen: unknown[] = [];
    wget(['-T', '3', '-q', 'http://web/x'], (request) => { seen.push(request); return ok; });
    expect(seen).toEqual([{ url: 'http://web:80/x', method: 'GET', headers: { 'User-Agent': 'Wget' }, connectTimeoutMs: 3000 }]);
  });
});

describe('curl', () => {
  it.each<[string, InClusterResult, string, number]>([
    ['-s http://web', ok, 'hello\n', 0],
    ['-s http://nope', nxdomain, '', 6],
    ['-sS http://nope', nxdomain, 'curl: (6) Could not resolve host: nope\n', 6],
    ['-sS web', refused, "curl: (7) Failed to connect to web port 80 after 1 ms: Couldn't connect to server\n", 7],
    ['-sS --connect-timeout 5 web', dropped(5000), 'curl: (28) Failed to connect to web port 80 after 5001 ms: Timeout was reached\n', 28],
    ['-sS -m 2 web', dropped(2000), 'curl: (28) Failed to connect to web port 80 after 2001 ms: Timeout was reached\n', 28],
    ['-sS -m 3 web', { ...nxdomain, elapsedMs: 10_000 }, 'curl: (28) Resolving timed out after 3001 milliseconds\n', 28],
    ['-sS web', { ...nxdomain, elapsedMs: 10_000 }, 'curl: (6) Could not resolve host: web\n', 6],
    ['-sI web', ok, 'HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: keep-alive\r\n\r\n', 0],
    ['-si web', ok, 'HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: keep-alive\r\n\r\nhello\n', 0],
    ['-s -o /dev/null -w %{http_code} web/x', notFound, '404', 0],
    ['-s -o /dev/null -w %{http_code} nope', nxdomain, '000', 6],
    ['-sf web/x', notFound, '', 22],
    ['-sSf web/x', notFound, 'curl: (22) The requested URL returned error: 404\n', 22],
    ['-s web/x', notFound, 'nope', 0],
    ['--bogus web', ok, "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2],
  ])('curl %s', (args, result, expected, code) => {
    expect(transcript(curl(args.split(' '), () => result))).toMatchObject({ out: expected, code });
  });

  it('prints the progress meter without -s', () => {
    expect(transcript(curl(['http://web'], () => ok)).out).toBe('hello\n  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r100     6  100     6    0     0   6000      0 --:--:-- --:--:-- --:--:--  6000\n');
  });

  it('passes headers, method and timeouts', () => {
    const seen: unknown[] = [];
    curl(['-s', '-X', 'POST', '-H', 'Host: demo.local', '--max-time=3', 'web/a'], (request) => { seen.push(request); return ok; });
    expect(seen).toEqual([{ url: 'http://web:80/a', method: 'POST', headers: { 'User-Agent': 'curl/8.11.1', Host: 'demo.local' }, connectTimeoutMs: 3000 }]);
  });
});

describe('busybox nslookup', () => {
  const conf = { nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: [['ndots', '5']] as [string, string][] };
  const zone: Record<string, DnsAnswer> = {
    'A web.default.svc.cluster.local': { rcode: 'NOERROR', records: [{ name: 'web.default.svc.cluster.local', type: 'A', data: '10.96.12.3' }] },
    'AAAA web.default.svc.cluster.local': { rcode: 'NOERROR', records: [] },
    'PTR 3.12.96.10.in-addr.arpa': { rcode: 'NOERROR', records: [{ name: '3.12.96.10.in-addr.arpa', type: 'PTR', data: 'web.default.svc.cluster.local' }] },
  };
  const client = { resolvConf: () => conf, dns: (name: string, type: string): DnsAnswer => zone[`${type} ${name}`] ?? { rcode: 'NXDOMAIN', records: [] } };
  const header = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

  it.each([
    ['web.default.svc.cluster.local', `${header}Name:\tweb.default.svc.cluster.local\nAddress: 10.96.12.3\n\n\n`, 0],
    ['web.default', `${header}** server can't find web.default: NXDOMAIN\n\n** server can't find web.default: NXDOMAIN\n\n`, 1],
    ['10.96.12.3', `${header}3.12.96.10.in-addr.arpa\tname = web.default.svc.cluster.local\n\n`, 0],
    ['-type=a web', `${header}Name:\tweb.default.svc.cluster.local\nAddress: 10.96.12.3\n\n** server can't find web.svc.cluster.local: NXDOMAIN\n\n** server can't find web.cluster.local: NXDOMAIN\n\n`, 1],
  ])('nslookup %s', (args, expected, code) => {
    expect(transcript(nslookup(args.split(' '), client))).toEqual({ out: expected, code, slept: 0 });
  });

  it('times out after 5 s when no server answers', () => {
    expect(transcript(nslookup(['web'], { resolvConf: () => conf, dns: () => undefined }))).toEqual({ out: ';; connection timed out; no servers could be reached\n\n', code: 1, slept: 5000 });
  });
});
