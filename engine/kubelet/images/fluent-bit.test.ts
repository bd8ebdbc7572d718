import { describe, expect, it } from 'vitest';
import type { InClusterRequest, InClusterResult } from '../../network/http.ts';
import { catalogue, resolveImage } from './catalogue.ts';
import { fluentBitBanner, fluentBitProcess, retrySeconds } from './fluent-bit.ts';
import { parseImage } from './reference.ts';
import type { NodeLogEntry } from './fluentd-node-logs.ts';
import type { ShellContext } from './shell.ts';

const t0 = Date.UTC(2026, 0, 1);
const ok = (body: string): InClusterResult => ({ status: 200, statusText: 'OK', headers: {}, body, address: '10.96.45.7', port: 9200, elapsedMs: 1 });
const noSuchHost: InClusterResult = { error: 'could not resolve host', host: 'elasticsearch', elapsedMs: 0 };
const refused: InClusterResult = { error: 'connection refused', host: 'elasticsearch', address: '10.96.45.7', port: 9200, elapsedMs: 1 };

const entry = (text: string, time: number, pod = 'counter', id = 'abc123'): NodeLogEntry => ({
  time, stream: 'stdout', text: `${text}\n`, host: 'node-1',
  pod: { name: pod, namespace: 'default', uid: 'uid-1', labels: { app: pod, 'app.kubernetes.io/part-of': 'demo' } },
  container: { name: 'count', id, image: 'docker.io/library/busybox:1.36' },
});

/** The fluent-bit docs' ConfigMap, condensed into one file. */
const conf = (output: string, service = 'HTTP_Server On\n'): Map<string, string> => new Map([['/fluent-bit/etc/fluent-bit.conf', `[SERVICE]
    Flush 1
    ${service}
[INPUT]
    Name tail
    Tag kube.*
    Path /var/log/containers/*.log
    multiline.parser docker, cri
    Refresh_Interval 10

[FILTER]
    Name kubernetes
    Match kube.*
    Merge_Log On

[OUTPUT]
    Name es
    Match kube.*
    Host elasticsearch
    Logstash_Format On
${output}`]]);

/** Run fluent-bit against scripted node logs and network; its stderr, requests and HTTP server. */
function runFluentBit(files: Map<string, string>, answers: (request: Omit<InClusterRequest, 'fromPod' | 'fromNode'>, now: number) => InClusterResult, untilMs: number, logs: NodeLogEntry[], version = '3.1.9') {
  let now = t0;
  const requests: { url: string; body?: string; at: number }[] = [];
  let pending = [...logs];
  const ctx: ShellContext = {
    env: {}, files, hostname: 'fluent-bit-x7k2p', now: () => now,
    network: { fetch: (r) => { requests.push({ url: r.url, body: r.body, at: now }); return answers(r, now); }, dns: () => undefined, resolvConf: () => ({ nameservers: [], searches: [], options: [] }) },
    nodeLogs: () => { const out = pending.filter((e) => e.time <= now); pending = pending.filter((e) => e.time > now); return out; },
  };
  const process = fluentBitProcess(version, ['/fluent-bit/bin/fluent-bit', '-c', '/fluent-bit/etc/fluent-bit.conf'], ctx);
  let log = '';
  let exit: number | undefined;
  while (now < t0 + untilMs) {
    const step = process.run.next();
    if (step.done) { exit = step.value; break; }
    if (step.value.kind === 'output') log += step.value.text;
    else now += step.value.ms;
  }
  return { log: log.slice(fluentBitBanner(version).length), requests, process, exit, now };
}

const prefix = '[2026/01/01 00:00:00] [ info] ';

describe('fluent-bit', () => {
  it('pulls from cr.fluentbit.io and Docker Hub; a tag never published fails as containerd says', () => {
    expect(resolveImage(parseImage('cr.fluentbit.io/fluent/fluent-bit:3.1.9')!)).toMatchObject({ ok: true, behaviour: 'fluent-bit' });
    expect(resolveImage(parseImage('fluent/fluent-bit:2.2')!)).toMatchObject({ ok: true, behaviour: 'fluent-bit' });
    expect(catalogue['docker.io/fluent/fluent-bit'].versions?.latest).toBe('3.2.4');
    expect(resolveImage(parseImage('fluent/fluent-bit:3.9')!)).toEqual({
      ok: false,
      error: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/fluent/fluent-bit:3.9": failed to resolve reference "docker.io/fluent/fluent-bit:3.9": docker.io/fluent/fluent-bit:3.9: not found',
    });
  });

  it('prints its banner: version, copyright, and the release’s motd art', () => {
    expect(fluentBitBanner('3.1.9').split('\n').slice(0, 6)).toEqual([
      'Fluent Bit v3.1.9', '* Copyright (C) 2015-2024 The Fluent Bit Authors', '* Fluent Bit is a CNCF sub-project under the umbrella of Fluentd', '* https://fluentbit.io', '',
      '______ _                  _    ______ _ _           _____  __  ',
    ]);
    expect(fluentBitBanner('2.2.3')).toContain('< Fluent Bit v2.2.2 >'); // sic: 2.2.3 shipped 2.2.2's art
    expect(fluentBitBanner('2.2.0')).toBe('Fluent Bit v2.2.0\n* Copyright (C) 2015-2023 The Fluent Bit Authors\n* Fluent Bit is a CNCF sub-project under the umbrella of Fluentd\n* https://fluentbit.io\n\n');
  });

  it('starts as 3.1.9 does, then watches the log files already on the node', () => {
    const { log } = runFluentBit(conf(''), () => ok('{"errors":false}'), 500, [entry('old line', t0 - 5_000)]);
    expect(log.split('\n').slice(0, 17)).toEqual([
      `${prefix}[fluent bit] version=3.1.9, commit=431fa79ae2, pid=1`,
      `${prefix}[storage] ver=1.5.2, type=memory, sync=normal, checksum=off, max_chunks_up=128`,
      `${prefix}[cmetrics] version=0.9.6`,
      `${prefix}[ctraces ] version=0.5.6`,
      `${prefix}[input:tail:tail.0] initializing`,
      `${prefix}[input:tail:tail.0] storage_strategy='memory' (memory only)`,
      `${prefix}[input:tail:tail.0] multiline core started`,
      `${prefix}[filter:kubernetes:kubernetes.0] https=1 host=kubernetes.default.svc port=443`,
      `${prefix}[filter:kubernetes:kubernetes.0]  token updated`,
      `${prefix}[filter:kubernetes:kubernetes.0] local POD info OK`,
      `${prefix}[filter:kubernetes:kubernetes.0] testing connectivity with API server...`,
      `${prefix}[filter:kubernetes:kubernetes.0] connectivity OK`,
      `${prefix}[output:es:es.0] worker #0 started`,
      `${prefix}[output:es:es.0] worker #1 started`,
      `${prefix}[http_server] listen iface=0.0.0.0 tcp_port=2020`,
      `${prefix}[sp] stream processor started`,
      expect.stringMatching(/^\[2026\/01\/01 00:00:00\] \[ info\] \[input:tail:tail\.0\] inotify_fs_add\(\): inode=\d+ watch_fd=1 name=\/var\/log\/containers\/counter_default_count-abc123\.log$/),
    ]);
  });

  it('ships new lines (not the backlog) as logstash documents with the kubernetes filter’s fields', () => {
    const { requests } = runFluentBit(conf('    Replace_Dots On\n'), () => ok('{"errors":false}'), 5_000, [entry('old line', t0 - 5_000), entry('{"level":"info","msg":"hello"}', t0 + 2_300)]);
    expect(requests.map((r) => [r.url, r.at - t0])).toEqual([['http://elasticsearch:9200/_bulk', 3_000]]);
    expect(requests[0].body!.split('\n').map((l) => (l ? JSON.parse(l) as unknown : l))).toEqual([
      { create: { _index: 'logstash-2026.01.01', _type: '_doc' } },
      {
        '@timestamp': '2026-01-01T00:00:02.300Z', time: '2026-01-01T00:00:02.300000000Z', stream: 'stdout', _p: 'F', log: '{"level":"info","msg":"hello"}',
        level: 'info', msg: 'hello',
        kubernetes: {
          pod_name: 'counter', namespace_name: 'default', pod_id: 'uid-1', labels: { app: 'counter', 'app_kubernetes_io/part-of': 'demo' }, host: 'node-1',
          container_name: 'count', docker_id: 'abc123', container_hash: expect.stringMatching(/^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/), container_image: 'docker.io/library/busybox:1.36',
        },
      },
      '',
    ]);
  });

  it('finds a new pod’s log file at the next Refresh_Interval scan, and reads it from the head', () => {
    const { log, requests } = runFluentBit(conf(''), () => ok('{"errors":false}'), 12_000, [entry('first', t0 + 1_500, 'web', 'def456')]);
    expect(log).toMatch(/\[2026\/01\/01 00:00:10\] \[ info\] \[input:tail:tail\.0\] inotify_fs_add\(\): inode=\d+ watch_fd=1 name=\/var\/log\/containers\/web_default_count-def456\.log\n/);
    expect(requests.map((r) => r.at - t0)).toEqual([10_000]);
  });

  it('retries a failed flush with the scheduler’s back-off, and says when a retry succeeds', () => {
    const { log, requests } = runFluentBit(conf(''), (r, now) => (now < t0 + 4_000 ? noSuchHost : ok('{"errors":false}')), 30_000, [entry('old line', t0 - 5_000), entry('hello', t0 + 500)]);
    const retry = retrySeconds('1-1767225601.000000000.flb', 1);
    const lines = log.split('\n').filter((l) => !l.includes('[ info] [') || l.includes('[engine]')).filter((l) => l && !/inotify|fluent bit\]|storage\]|cmetrics|ctraces|input:|filter:|output:es:es.0\] worker|http_server|\[sp\]/.test(l));
    expect(lines.map((l) => l.replace(/'1-1767225601\.\d{9}\.flb'/, "'CHUNK'"))).toEqual([
      "[2026/01/01 00:00:01] [ warn] [net] getaddrinfo(host='elasticsearch', err=4): Domain name not found",
      `[2026/01/01 00:00:01] [ warn] [engine] failed to flush chunk 'CHUNK', retry in ${retry} seconds: task_id=0, input=tail.0 > output=es.0 (out_id=0)`,
      expect.stringMatching(/^\[2026\/01\/01 00:00:\d\d\] \[ info\] \[engine\] flush chunk 'CHUNK' succeeded at retry 1: task_id=0, input=tail\.0 > output=es\.0 \(out_id=0\)$/),
    ]);
    expect(retry).toBeGreaterThanOrEqual(6);
    expect(retry).toBeLessThanOrEqual(11);
    expect(requests).toHaveLength(2);
  });

  it('drops a chunk past Retry_Limit (1 by default): refused twice', () => {
    const { log } = runFluentBit(conf(''), () => refused, 40_000, [entry('old line', t0 - 5_000), entry('hello', t0 + 500)]);
    expect(log.match(/\[error\] \[net\] TCP connection failed: elasticsearch:9200 \(Connection refused\)/g)).toHaveLength(2);
    expect(log).toMatch(/\[error\] \[engine\] chunk '1-1767225601\.\d{9}\.flb' cannot be retried: task_id=0, input=tail\.0 > output=es\.0\n/);
  });

  it('logs Elasticsearch 8’s refusal of _type until Suppress_Type_Name On', () => {
    const refusal = '{"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Action/metadata line [1] contains an unknown parameter [_type]"}],"type":"illegal_argument_exception","reason":"Action/metadata line [1] contains an unknown parameter [_type]"},"status":400}';
    const es8 = (r: Omit<InClusterRequest, 'fromPod' | 'fromNode'>): InClusterResult => (r.body?.includes('"_type"') ? { ...ok(refusal), status: 400, statusText: 'Bad Request' } : ok('{"errors":false}'));
    const { log } = runFluentBit(conf(''), es8, 2_000, [entry('old line', t0 - 5_000), entry('hello', t0 + 500)]);
    expect(log).toContain(`[2026/01/01 00:00:01] [error] [output:es:es.0] HTTP status=400 URI=/_bulk, response:\n${refusal}\n\n`);
    const fixed = runFluentBit(conf('    Suppress_Type_Name On\n'), es8, 2_000, [entry('old line', t0 - 5_000), entry('hello', t0 + 500)]);
    expect(fixed.log).not.toContain('[error]');
    expect(fixed.requests[0].body!.split('\n')[0]).toBe('{"create":{"_index":"logstash-2026.01.01"}}');
  });

  it('serves /api/v1/health, /api/v1/metrics and the uptime on :2020 with HTTP_Server On', () => {
    const { process, now } = runFluentBit(conf(''), () => ok('{"errors":false}'), 65_000, [entry('old line', t0 - 5_000), entry('a', t0 + 500), entry('b', t0 + 700)]);
    const get = (path: string, port = 2020) => process.http({ port, path, client: '10.244.1.1', userAgent: 'curl/8.5.0' }, now);
    expect(get('/api/v1/health')).toEqual({ status: 200, body: 'ok\n' });
    expect(JSON.parse(get('/api/v1/metrics')!.body)).toMatchObject({ input: { 'tail.0': { records: 2, files_opened: 1 } }, output: { 'es.0': { proc_records: 2, errors: 0, retries: 0 } } });
    expect(JSON.parse(get('/api/v1/uptime')!.body)).toEqual({ uptime_sec: 65, uptime_hr: 'Fluent Bit has been running:  0 day, 0 hour, 1 minute and 5 seconds' });
    expect(get('/api/v1/metrics/prometheus')!.body).toContain('# HELP fluentbit_output_proc_records_total Number of processed output records.\n# TYPE fluentbit_output_proc_records_total counter\nfluentbit_output_proc_records_total{name="es.0"} 2 ');
    expect(get('/', 80)).toBeUndefined();
    expect(runFluentBit(conf('', ''), () => ok('{}'), 1_000, []).process.ports).toEqual([]);
  });

  it('aborts without its configuration file', () => {
    const { log, exit } = runFluentBit(new Map(), () => ok('{}'), 1_000, []);
    expect({ log, exit }).toEqual({ log: '[2026/01/01 00:00:00] [error] could not open configuration file, aborting.\n', exit: 1 });
  });
});
