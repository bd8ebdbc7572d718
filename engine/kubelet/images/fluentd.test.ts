import { describe, expect, it } from 'vitest';
import type { InClusterRequest, InClusterResult } from '../../network/http.ts';
import { elasticsearchMatch, fluentdOutput } from './fluentd-config.ts';
import { fluentdProcess, fluentdRecord, rubyError } from './fluentd.ts';
import type { NodeLogEntry } from './fluentd-node-logs.ts';
import type { ShellContext } from './shell.ts';

const t0 = Date.UTC(2026, 0, 1);
const refused: InClusterResult = { error: 'connection refused', host: 'elasticsearch-logging', address: '10.96.45.7', port: 9200, elapsedMs: 1 };
const banner: InClusterResult = { status: 200, statusText: 'OK', headers: {}, body: '{"version":{"number":"7.17.26"}}', address: '10.96.45.7', port: 9200, elapsedMs: 1 };
const bulkOk: InClusterResult = { ...banner, body: '{"errors":false}' };

const entry = (text: string, time: number, pod = 'counter'): NodeLogEntry => ({
  time, stream: 'stdout', text, host: 'node-1',
  pod: { name: pod, namespace: 'default', uid: 'uid-1', labels: { app: pod } },
  container: { name: 'count', id: 'abc123', image: 'docker.io/library/busybox:1.36' },
});

/**
 * Run Fluentd against a scripted network: `answers` decides each request's result from the
 * virtual time; returns the log and the requests made.
 */
function runFluentd(answers: (request: Omit<InClusterRequest, 'fromPod' | 'fromNode'>, now: number) => InClusterResult, untilMs: number, logs: NodeLogEntry[] = []) {
  let now = t0;
  const requests: { method?: string; url: string; body?: string; at: number }[] = [];
  let pending = [...logs];
  const ctx: ShellContext = {
    env: { FLUENT_ELASTICSEARCH_HOST: 'elasticsearch-logging', FLUENT_ELASTICSEARCH_PORT: '9200' }, files: new Map(), hostname: 'fluentd-x', now: () => now,
    network: { fetch: (r) => { requests.push({ method: r.method, url: r.url, body: r.body, at: now }); return answers(r, now); }, dns: () => undefined, resolvConf: () => ({ nameservers: [], searches: [], options: [] }) },
    nodeLogs: () => { const out = pending.filter((e) => e.time <= now); pending = pending.filter((e) => e.time > now); return out; },
  };
  const { run } = fluentdProcess('daemonset', '1.17.1', ctx);
  let log = '';
  while (now < t0 + untilMs) {
    const step = run.next();
    if (step.done) break;
    if (step.value.kind === 'output') log += step.value.text;
    else now += step.value.ms;
  }
  return { log, requests };
}

describe('Fluentd waiting for Elasticsearch', () => {
  it('retries the version check with 2, 4, 8 … second waits and the plugin’s warnings', () => {
    const { log, requests } = runFluentd((r, now) => (now < t0 + 5_000 ? refused : banner), 20_000);
    expect(log).toBe([
      '2026-01-01 00:00:00 +0000 [info]: parsing config file is succeeded path="/fluentd/etc/fluent.conf"',
      '2026-01-01 00:00:00 +0000 [info]: starting fluentd-1.17.1 pid=7 ruby="3.2.4"',
      '2026-01-01 00:00:00 +0000 [info]: #0 starting fluentd worker pid=16 ppid=7 worker=0',
      '2026-01-01 00:00:02 +0000 [warn]: #0 [out_es] Could not communicate to Elasticsearch, resetting connection and trying again. Connection refused - connect(2) for 10.96.45.7:9200 (Errno::ECONNREFUSED)',
      '2026-01-01 00:00:02 +0000 [warn]: #0 [out_es] Remaining retry: 14. Retry to communicate after 2 second(s).',
      '2026-01-01 00:00:06 +0000 [warn]: #0 [out_es] Could not communicate to Elasticsearch, resetting connection and trying again. Connection refused - connect(2) for 10.96.45.7:9200 (Errno::ECONNREFUSED)',
      '2026-01-01 00:00:06 +0000 [warn]: #0 [out_es] Remaining retry: 13. Retry to communicate after 4 second(s).',
      '2026-01-01 00:00:06 +0000 [info]: #0 fluentd worker is now running worker=0', '',
    ].join('\n'));
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET http://elasticsearch-logging:9200/', 'GET http://elasticsearch-logging:9200/', 'GET http://elasticsearch-logging:9200/']);
  });

  it('gives up after 15 retries and exits 1', () => {
    let now = t0;
    const ctx: ShellContext = { env: {}, files: new Map(), hostname: 'f', now: () => now, network: { fetch: () => refused, dns: () => undefined, resolvConf: () => ({ nameservers: [], searches: [], options: [] }) } };
    const run = fluentdProcess('daemonset', '1.17.1', ctx).run;
    let last = '';
    for (;;) {
      const step = run.next();
      if (step.done) { expect(step.value).toBe(1); break; }
      if (step.value.kind === 'output') last = step.value.text;
      else now += step.value.ms;
    }
    expect(last).toContain('[error]: #0 [out_es] unexpected error error_class=Fluent::Plugin::ElasticsearchError::RetryableOperationExhaustedFailure error="Could not communicate to Elasticsearch after 15 retries. Connection refused');
    // 2 + 4 + … + 32768 seconds: about 18 hours of waiting.
    expect(now - t0).toBe(65_534_000 + 15);
  });
});

describe('Fluentd flushing', () => {
  it('sends _bulk with logstash indices every flush_interval, and backs off when a flush fails', () => {
    const down = (now: number): boolean => now >= t0 + 7_000 && now < t0 + 14_000;
    const { log, requests } = runFluentd((r, now) => (r.method === 'GET' ? banner : down(now) ? refused : bulkOk), 30_000,
      [entry('0: Thu Jan  1 00:00:01 UTC 2026\n', t0 + 1_000), entry('1: Thu Jan  1 00:00:08 UTC 2026\n', t0 + 8_000)]);
    const bulks = requests.filter((r) => r.method === 'POST');
    expect(bulks.map((b) => (b.at - t0) / 1000)).toEqual([5, 10, 15]);
    expect(bulks[0].body).toBe('{"index":{"_index":"logstash-2026.01.01","_type":"_doc"}}\n{"stream":"stdout","logtag":"F","log":"0: Thu Jan  1 00:00:01 UTC 2026","docker":{"container_id":"abc123"},"kubernetes":{"container_name":"count","namespace_name":"default","pod_name":"counter","container_image":"busybox:1.36","pod_id":"uid-1","host":"node-1","labels":{"app":"counter"}},"@timestamp":"2026-01-01T00:00:01.000000000+00:00"}\n');
    expect(log).toMatch(/^2026-01-01 00:00:10 \+0000 \[warn\]: #0 \[out_es\] failed to flush the buffer\. retry_times=0 next_retry_time=2026-01-01 00:00:11 \+0000 chunk="[0-9a-f]{32}" error_class=Fluent::Plugin::ElasticsearchOutput::RecoverableRequestFailure error="could not push logs to Elasticsearch cluster \(\{:host=>\\"elasticsearch-logging\\", :port=>9200, :scheme=>\\"http\\"\}\): Connection refused - connect\(2\) for 10\.96\.45\.7:9200 \(Errno::ECONNREFUSED\)"$/m);
    expect(log).toMatch(/^2026-01-01 00:00:15 \+0000 \[warn\]: #0 \[out_es\] retry succeeded\. chunk_id="[0-9a-f]{32}"$/m);
  });

  it('names indices by logstash_prefix and date, or index_name without logstash_format', () => {
    const out = fluentdOutput({ FLUENT_ELASTICSEARCH_LOGSTASH_PREFIX: 'k8s' }, new Map(), 'daemonset');
    expect(fluentdRecord(entry('x\n', Date.UTC(2026, 1, 3, 23, 59)), out).index).toBe('k8s-2026.02.03');
    expect(fluentdRecord(entry('x\n', t0), { ...out, logstashFormat: false }).index).toBe('logstash');
  });
});

describe('Fluentd socket errors', () => {
  it.each<[InClusterResult & { error: string }, string]>([
    [refused as InClusterResult & { error: string }, 'Connection refused - connect(2) for 10.96.45.7:9200 (Errno::ECONNREFUSED)'],
    [{ error: 'could not resolve host', host: 'elasticsearch', elapsedMs: 0 }, 'getaddrinfo: Name or service not known (SocketError)'],
    // A NetworkPolicy drops the SYN: excon gives up after the plugin's 5 s request_timeout.
    [{ error: 'timeout', host: 'elasticsearch-logging', address: '10.96.45.7', port: 9200, elapsedMs: 5_000 }, 'connect timeout reached'],
  ])('%o', (error, message) => {
    expect(rubyError(error as Parameters<typeof rubyError>[0])).toBe(message);
  });
});

describe('Fluentd configuration', () => {
  it('reads the elasticsearch <match> of the addon ConfigMap', () => {
    const conf = '<match fluent.**>\n  @type null\n</match>\n<match **>\n  @id elasticsearch\n  @type elasticsearch\n  include_tag_key true\n  host elasticsearch-logging\n  port 9200\n  logstash_format true\n  <buffer>\n    flush_interval 5s\n    retry_max_interval 30\n  </buffer>\n</match>\n';
    expect(elasticsearchMatch(conf)).toMatchObject({ '@id': 'elasticsearch', host: 'elasticsearch-logging', port: '9200', logstash_format: 'true', flush_interval: '5s' });
    expect(fluentdOutput({}, new Map([['/etc/fluent/config.d/output.conf', conf]]), 'addon')).toMatchObject({ id: 'elasticsearch', includeTagKey: true, flushIntervalMs: 5_000, retryMaxIntervalMs: 30_000, logstashFormat: true });
  });
});
