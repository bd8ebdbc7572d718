/**
 * The Fluentd images (fluent/fluentd-kubernetes-daemonset, the k8s addon's fluentd-elasticsearch):
 * tail the container logs of the node, add the kubernetes_metadata fields, and every
 * flush_interval send the buffer to Elasticsearch with `_bulk` through the cluster network (DNS →
 * Service → endpoint pod, NetworkPolicy applies). At start fluent-plugin-elasticsearch asks `/`
 * for the version and waits, with exponential back-off, until Elasticsearch answers; a failed
 * flush is retried with back-off and logged as fluentd's `failed to flush the buffer` warning.
 */
import { stableHex } from './digest.ts';
import type { FluentdOutput } from './fluentd-config.ts';
import { fluentdConfigPaths, fluentdOutput } from './fluentd-config.ts';
import type { NodeLogEntry } from './fluentd-node-logs.ts';
import type { InClusterError, InClusterResult } from '../../network/http.ts';
import type { ProcessAction, ProcessRun, ShellContext } from './shell.ts';
import { formatDate } from './shell.ts';

/** fluent-plugin-elasticsearch's `max_retry_get_es_version` default. */
const maxVersionRetries = 15;
/** The plugin's request_timeout: a dropped SYN fails after 5 s. */
const requestTimeoutMs = 5_000;
/** Records kept while Elasticsearch is away (a memory buffer's total_limit_size, roughly). */
const bufferLimit = 100_000;
/** The in_tail position file, on the host's /var/log: a restarted Fluentd continues where it stopped. */
export const posFile = '/var/log/fluentd-containers.log.pos';

/** `2026-01-01 00:00:05 +0000`: Fluentd's log time. */
export function fluentdTime(ms: number): string {
  return `${formatDate(ms, '%Y-%m-%d %H:%M:%S')} +0000`;
}

/** What a Ruby client says for each socket failure (excon, the plugin's default HTTP backend). */
export function rubyError(error: InClusterError): string {
  if (error.error === 'connection refused') return `Connection refused - connect(2) for ${error.address ?? error.host}:${error.port ?? 9200} (Errno::ECONNREFUSED)`;
  if (error.error === 'could not resolve host') return 'getaddrinfo: Name or service not known (SocketError)';
  if (error.error === 'timeout') return 'connect timeout reached';
  return `bad URI(is not URI?): ${error.host}`;
}

/** The `{:host=>…}` hash the plugin prints for its connection. */
function hostHash(out: FluentdOutput, env: Record<string, string>): string {
  const user = env.FLUENT_ELASTICSEARCH_USER;
  return `{:host=>"${out.host}", :port=>${out.port}, :scheme=>"${out.scheme}"${user ? `, :user=>"${user}", :password=>"obfuscated"` : ''}}`;
}

/** The record Fluentd sends for one log line: the CRI fields plus kubernetes_metadata's. */
export function fluentdRecord(entry: NodeLogEntry, out: FluentdOutput): { index: string; record: Record<string, unknown> } {
  const file = `${entry.pod.name}_${entry.pod.namespace}_${entry.container.name}-${entry.container.id}.log`;
  const record: Record<string, unknown> = {
    stream: entry.stream,
    logtag: 'F',
    log: entry.text.replace(/\n$/, ''),
    docker: { container_id: entry.container.id },
    kubernetes: {
      container_name: entry.container.name, namespace_name: entry.pod.namespace, pod_name: entry.pod.name,
      container_image: entry.container.image.replace(/^docker\.io\/(library\/)?/, ''), pod_id: entry.pod.uid, host: entry.host,
      labels: entry.pod.labels,
    },
  };
  if (out.includeTagKey) record.tag = `kubernetes.var.log.containers.${file}`;
  if (!out.logstashFormat) return { index: out.indexName, record };
  record['@timestamp'] = new Date(entry.time).toISOString().replace(/\.(\d{3})Z$/, '.$1000000+00:00');
  return { index: `${out.logstashPrefix}-${formatDate(entry.time, out.logstashDateformat)}`, record };
}

/** The `_bulk` body for some records: one action line and one source line each. */
export function bulkBody(records: { index: string; record: Record<string, unknown> }[], typeName: string | undefined): string {
  return records.map((r) => `${JSON.stringify({ index: { _index: r.index, ...(typeName ? { _type: typeName } : {}) } })}\n${JSON.stringify(r.record)}\n`).join('');
}

/**
 * Which image runs: the daemonset image excludes its own logs (`exclude_path
 * /var/log/containers/fluent*`); the plain fluent/fluentd has no elasticsearch output and only listens.
 */
export type FluentdImage = 'daemonset' | 'addon' | 'plain';

/** Start Fluentd in a container. */
export function fluentdProcess(image: FluentdImage, version: string, ctx: ShellContext): { ports: number[]; run: ProcessRun; term: { afterMs: number; exitCode: number } } {
  return { ports: [24224], term: { afterMs: 1_000, exitCode: 0 }, run: fluentdRun(image, version, ctx) };
}

function* fluentdRun(image: FluentdImage, version: string, ctx: ShellContext): Generator<ProcessAction, number, void> {
  const line = (level: string, text: string): ProcessAction => ({ kind: 'output', text: `${fluentdTime(ctx.now())} [${level}]: ${text}\n`, stream: 'stdout' });
  const configPath = fluentdConfigPaths.find((p) => ctx.files.get(p) !== undefined) ?? (image === 'addon' ? '/etc/fluent/fluent.conf' : '/fluentd/etc/fluent.conf');
  yield line('info', `parsing config file is succeeded path="${configPath}"`);
  const out = fluentdOutput(ctx.env, ctx.files, image);
  const plugin = out.id ? `#0 [${out.id}] ` : '#0 ';
  yield line('info', `starting fluentd-${version} pid=7 ruby="3.2.4"`);
  yield line('info', '#0 starting fluentd worker pid=16 ppid=7 worker=0');
  const network = ctx.network;
  if (!network || image === 'plain') {
    yield line('info', '#0 listening port port=24224 bind="0.0.0.0"');
    yield line('info', '#0 fluentd worker is now running worker=0');
    for (;;) yield { kind: 'sleep', ms: Number.MAX_SAFE_INTEGER / 2 };
  }
  const base = `${out.scheme}://${out.host}:${out.port}`;
  const request = (method: string, path: string, body?: string): InClusterResult => {
    try {
      return network.fetch({ url: `${base}${path}`, method, headers: { 'User-Agent': 'Faraday v2.12.2', 'Content-Type': 'application/x-ndjson' }, body, connectTimeoutMs: requestTimeoutMs });
    } catch {
      // The pod lost its IP (being torn down): nothing leaves it.
      return { error: 'timeout', host: out.host, elapsedMs: requestTimeoutMs };
    }
  };

  // verify_es_version_at_startup: GET / until Elasticsearch answers (2, 4, 8 … seconds apart).
  let major: number;
  for (let retries = 0; ; ) {
    const answer = request('GET', '/');
    if (!('error' in answer) && answer.status < 500) {
      major = Number((JSON.parse(answer.body || '{}') as { version?: { number?: string } }).version?.number?.split('.')[0]) || 8;
      break;
    }
    const message = 'error' in answer ? rubyError(answer) : `[${answer.status}] ${answer.body}`;
    if (retries >= maxVersionRetries) {
      yield line('warn', `${plugin}Could not communicate to Elasticsearch after ${retries} retries. ${message}`);
      yield line('error', `${plugin}unexpected error error_class=Fluent::Plugin::ElasticsearchError::RetryableOperationExhaustedFailure error="Could not communicate to Elasticsearch after ${retries} retries. ${message}"`);
      return 1;
    }
    retries += 1;
    const waitSeconds = 2 ** retries;
    yield { kind: 'sleep', ms: ('error' in answer ? answer.elapsedMs : 1) + waitSeconds * 1000 };
    yield line('warn', `${plugin}Could not communicate to Elasticsearch, resetting connection and trying again. ${message}`);
    yield line('warn', `${plugin}Remaining retry: ${maxVersionRetries - retries}. Retry to communicate after ${waitSeconds} second(s).`);
  }
  const typeName = major >= 8 ? undefined : major === 7 ? '_doc' : out.typeName;
  yield line('info', '#0 fluentd worker is now running worker=0');

  const buffer: { index: string; record: Record<string, unknown> }[] = [];
  const following = new Set<string>();
  let retryTimes = 0;
  let nextRetryAt = 0;
  let chunk = '';
  for (let flushes = 0; ; flushes++) {
    yield { kind: 'sleep', ms: out.flushIntervalMs };
    for (const entry of ctx.nodeLogs?.(posFile) ?? []) {
      if (image === 'daemonset' && entry.pod.name.startsWith('fluent')) continue;
      const file = `/var/log/containers/${entry.pod.name}_${entry.pod.namespace}_${entry.container.name}-${entry.container.id}.log`;
      if (!following.has(file)) {
        following.add(file);
        yield line('info', `#0 [in_tail_container_logs] following tail of ${file}`);
      }
      buffer.push(fluentdRecord(entry, out));
    }
    if (buffer.length > bufferLimit) buffer.splice(0, buffer.length - bufferLimit);
    if (!buffer.length || ctx.now() < nextRetryAt) continue;
    chunk ||= stableHex(`${ctx.hostname}/${flushes}`).slice(0, 32);
    const answer = request('POST', '/_bulk', bulkBody(buffer, typeName));
    if (!('error' in answer) && answer.status < 300) {
      buffer.length = 0;
      if (retryTimes) yield line('warn', `${plugin}retry succeeded. chunk_id="${chunk}"`);
      retryTimes = 0;
      chunk = '';
      continue;
    }
    const reason = 'error' in answer ? rubyError(answer) : `[${answer.status}] ${answer.body}`;
    // Exponential back-off: retry_wait 1 s doubled per failure, capped at retry_max_interval.
    const waitMs = Math.min(1000 * 2 ** retryTimes, out.retryMaxIntervalMs);
    nextRetryAt = ctx.now() + waitMs;
    yield line('warn', `${plugin}failed to flush the buffer. retry_times=${retryTimes} next_retry_time=${fluentdTime(nextRetryAt)} chunk="${chunk}" error_class=Fluent::Plugin::ElasticsearchOutput::RecoverableRequestFailure error="could not push logs to Elasticsearch cluster (${hostHash(out, ctx.env).replace(/"/g, '\\"')}): ${reason}"`);
    if (retryTimes > 0) yield line('warn', '#0 suppressed same stacktrace');
    retryTimes += 1;
  }
}
