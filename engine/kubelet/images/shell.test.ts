import { describe, expect, it } from 'vitest';
import type { ProcessRun } from './shell.ts';
import { formatDate, Shell } from './shell.ts';
import type { PodNetwork } from '../../network/cluster-network.ts';

const start = Date.UTC(2026, 0, 1);

/** Run to the end: stdout and stderr as one transcript, the exit code, and the virtual time slept. */
function run(script: string | string[], env: Record<string, string> = {}, files = new Map<string, string>()): { out: string; code: number; slept: number } {
  let now = start;
  const shell = new Shell({ env, files, hostname: 'pod-1', now: () => now });
  const process: ProcessRun = typeof script === 'string' ? shell.script(script) : shell.command(script);
  let out = '';
  for (;;) {
    const step = process.next();
    if (step.done) return { out, code: step.value, slept: now - start };
    if (step.value.kind === 'output') out += step.value.text;
    else now += step.value.ms;
  }
}

describe('the simulated sh', () => {
  it.each([
    ['echo hello; sleep 5; exit 3', 'hello\n', 3, 5000],
    ['echo -n a; echo b', 'ab\n', 0, 0],
    ["echo 'single $HOME' \"double $GREETING\"", 'single $HOME double hi\n', 0, 0],
    ['for i in 1 2 3; do echo "n=$i"; done', 'n=1\nn=2\nn=3\n', 0, 0],
    ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; sleep 1; done', '1\n2\n3\n', 0, 3000],
    ['until false; do echo once; break_me; exit 0; done', 'once\nsh: break_me: not found\n', 0, 0],
    ['if [ "$GREETING" = hi ]; then echo yes; else echo no; fi', 'yes\n', 0, 0],
    ['true && echo and; false || echo or; false && echo never', 'and\nor\n', 1, 0],
    ['date; sleep 65; date +%T', 'Thu Jan  1 00:00:00 UTC 2026\n00:01:05\n', 0, 65_000],
    ['echo "$(hostname) at $(date +%s)"', 'pod-1 at 1767225600\n', 0, 0],
    ['printenv GREETING; env', 'hi\nGREETING=hi\nHOSTNAME=pod-1\n', 0, 0],
    ['echo data > /tmp/f; echo more >> /tmp/f; cat /tmp/f; rm /tmp/f; cat /tmp/f', "data\nmore\ncat: can't open '/tmp/f': No such file or directory\n", 1, 0],
    ['nosuch --flag', 'sh: nosuch: not found\n', 127, 0],
    ['sleep abc', "sleep: invalid number 'abc'\n", 1, 0],
    ['echo "unterminated', 'sh: syntax error: unterminated quoted string\n', 2, 0],
    ['while true; do echo x', 'sh: syntax error: unexpected end of file (expecting "done")\n', 2, 0],
    ['exit 300', '', 44, 0],
  ])('%s', (script, out, code, slept) => {
    expect(run(script, { GREETING: 'hi' })).toEqual({ out, code, slept });
  });

  it('pauses an endless loop at each sleep, and a loop that never sleeps still costs time', () => {
    const shell = new Shell({ env: {}, files: new Map(), hostname: 'h', now: () => start });
    const loop = shell.script('while true; do echo tick; sleep 10; done');
    expect([loop.next().value, loop.next().value, loop.next().value]).toEqual([
      { kind: 'output', text: 'tick\n', stream: 'stdout' }, { kind: 'sleep', ms: 10_000 }, { kind: 'output', text: 'tick\n', stream: 'stdout' },
    ]);
    const busy = new Shell({ env: {}, files: new Map(), hostname: 'h', now: () => start }).script('while true; do true; done');
    expect(busy.next().value).toEqual({ kind: 'sleep', ms: 1000 });
  });

  it('runs argv without a shell, as a container command does', () => {
    expect(run(['sleep', '3600'])).toEqual({ out: '', code: 0, slept: 3_600_000 });
    expect(run(['cat', '/tmp/healthy'])).toEqual({ out: "cat: can't open '/tmp/healthy': No such file or directory\n", code: 1, slept: 0 });
    expect(run(['sh', '-c', 'echo $0 ok'])).toEqual({ out: 'sh ok\n', code: 0, slept: 0 });
  });

  it('formats dates as busybox does', () => {
    expect(formatDate(Date.UTC(2026, 1, 14, 9, 5, 3))).toBe('Sat Feb 14 09:05:03 UTC 2026');
    expect(formatDate(Date.UTC(2026, 1, 14, 9, 5, 3), '%Y-%m-%d %H:%M:%S')).toBe('2026-02-14 09:05:03');
  });
});

/** A pod network where `web` is a Service at 10.96.12.3 and `down` has no endpoints. */
const network: PodNetwork = {
  fetch: (request) => {
    if (request.url.startsWith('http://web:80/')) return { status: 200, statusText: 'OK', headers: {}, body: 'hi from web\n', address: '10.96.12.3', port: 80, elapsedMs: 1 };
    if (request.url.startsWith('http://down:80/')) return { error: 'connection refused', host: 'down', address: '10.96.40.1', port: 80, elapsedMs: 1 };
    return { error: 'could not resolve host', host: 'nope', elapsedMs: 0 };
  },
  dns: (qname, qtype) => (qname === 'web.default.svc.cluster.local' && qtype === 'A' ? { rcode: 'NOERROR', records: [{ name: qname, type: 'A', data: '10.96.12.3' }] } : { rcode: 'NXDOMAIN', records: [] }),
  resolvConf: () => ({ nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local'], options: [['ndots', '5']] }),
};

describe('network commands in the simulated sh', () => {
  function runNet(script: string): { out: string; code: number } {
    const shell = new Shell({ env: {}, files: new Map(), hostname: 'client', now: () => start, network });
    const process = shell.script(script);
    let out = '';
    for (;;) {
      const step = process.next();
      if (step.done) return { out, code: step.value };
      if (step.value.kind === 'output') out += step.value.text;
    }
  }

  it.each([
    ['wget -q -O- http://web', 'hi from web\n', 0],
    ['wget -qO- web:80/path > /tmp/page; cat /tmp/page', 'hi from web\n', 0],
    ['wget -q -O- http://nope', "wget: bad address 'nope'\n", 1],
    ['wget -q -O- down', "wget: can't connect to remote host (10.96.40.1): Connection refused\n", 1],
    ["curl -s -o /dev/null -w '%{http_code}' http://web", '200', 0],
    ['curl -s http://nope || echo failed', 'failed\n', 0],
    ['curl -sS nope', 'curl: (6) Could not resolve host: nope\n', 6],
    ['nslookup web', "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.12.3\n\n** server can't find web.default.svc.cluster.local: NXDOMAIN\n\n", 1],
    ['cat /etc/resolv.conf', 'search default.svc.cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n', 0],
  ])('%s', (script, out, code) => {
    expect(runNet(script)).toEqual({ out, code });
  });
});
