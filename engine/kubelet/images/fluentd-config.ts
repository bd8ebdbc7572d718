/**
 * Where a Fluentd ships and how: the elasticsearch `<match>` of its config file (the addon's
 * ConfigMap `output.conf`) or, for fluent/fluentd-kubernetes-daemonset, the FLUENT_ELASTICSEARCH_*
 * variables its built-in fluent.conf reads. Only the parameters the simulation acts on are read.
 */

/** The elasticsearch output's settings. */
export interface FluentdOutput {
  /** The plugin's `@id`, shown in its log lines as `[out_es]`. */
  id?: string;
  host: string;
  port: number;
  scheme: string;
  logstashFormat: boolean;
  logstashPrefix: string;
  logstashDateformat: string;
  indexName: string;
  /** `type_name`: fluent-plugin-elasticsearch's default for ES 6 is `fluentd`; ES 7+ use `_doc`. */
  typeName: string;
  includeTagKey: boolean;
  flushIntervalMs: number;
  retryMaxIntervalMs: number;
}

/** Config files the images read: the addon image's config dir, then the fluentd defaults. */
export const fluentdConfigPaths = ['/etc/fluent/config.d/output.conf', '/etc/fluent/fluent.conf', '/fluentd/etc/fluent.conf', '/etc/td-agent/td-agent.conf'];

/** `5s`, `1m`, `30` (seconds), as Fluentd's time type reads them. */
export function fluentTime(text: string | undefined, fallbackMs: number): number {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec((text ?? '').trim());
  if (!match) return fallbackMs;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]]!;
  return Math.round(Number(match[1]) * unit * 1000);
}

const truthy = (value: string | undefined, fallback: boolean): boolean => (value === undefined ? fallback : value.trim() === 'true');

/** The `<match>` block whose `@type` is elasticsearch, as a flat map of its parameters (buffer ones included). */
export function elasticsearchMatch(config: string): Record<string, string> | undefined {
  const blocks = config.split(/<match\b[^>]*>/).slice(1).map((b) => b.split(/<\/match>/)[0]);
  const block = blocks.find((b) => /^\s*@type\s+elasticsearch\s*$/m.test(b));
  if (!block) return undefined;
  const params: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const match = /^\s*(@?[a-z_]+)\s+(.+?)\s*$/.exec(line);
    if (match && !line.trim().startsWith('#')) params[match[1]] ??= match[2].replace(/^"(.*)"$/, '$1');
  }
  return params;
}

/** The output of a Fluentd: from a config file when one configures elasticsearch, else from the environment. */
export function fluentdOutput(env: Record<string, string>, files: { get(path: string): string | undefined }, image: 'daemonset' | 'addon' | 'plain'): FluentdOutput {
  for (const path of fluentdConfigPaths) {
    const text = files.get(path);
    const params = text ? elasticsearchMatch(text) : undefined;
    if (!params) continue;
    return {
      id: params['@id'], host: params.host ?? 'localhost', port: Number(params.port ?? 9200), scheme: params.scheme ?? 'http',
      logstashFormat: truthy(params.logstash_format, false), logstashPrefix: params.logstash_prefix ?? 'logstash',
      logstashDateformat: params.logstash_dateformat ?? '%Y.%m.%d', indexName: params.index_name ?? 'fluentd', typeName: params.type_name ?? 'fluentd',
      includeTagKey: truthy(params.include_tag_key, false), flushIntervalMs: fluentTime(params.flush_interval, 60_000),
      retryMaxIntervalMs: fluentTime(params.retry_max_interval, 72 * 3600_000),
    };
  }
  if (image === 'addon') {
    // k8s.gcr.io/fluentd-elasticsearch without its ConfigMap: the addon's own output.conf.
    return { id: 'elasticsearch', host: 'elasticsearch-logging', port: 9200, scheme: 'http', logstashFormat: true, logstashPrefix: 'logstash', logstashDateformat: '%Y.%m.%d', indexName: 'fluentd', typeName: 'fluentd', includeTagKey: true, flushIntervalMs: 5_000, retryMaxIntervalMs: 30_000 };
  }
  return {
    id: 'out_es', host: env.FLUENT_ELASTICSEARCH_HOST ?? 'elasticsearch-logging', port: Number(env.FLUENT_ELASTICSEARCH_PORT ?? 9200),
    scheme: env.FLUENT_ELASTICSEARCH_SCHEME ?? 'http', logstashFormat: truthy(env.FLUENT_ELASTICSEARCH_LOGSTASH_FORMAT, true),
    logstashPrefix: env.FLUENT_ELASTICSEARCH_LOGSTASH_PREFIX ?? 'logstash', logstashDateformat: env.FLUENT_ELASTICSEARCH_LOGSTASH_DATEFORMAT ?? '%Y.%m.%d',
    indexName: env.FLUENT_ELASTICSEARCH_LOGSTASH_INDEX_NAME ?? 'logstash', typeName: env.FLUENT_ELASTICSEARCH_LOGSTASH_TYPE_NAME ?? 'fluentd',
    includeTagKey: false, flushIntervalMs: fluentTime(env.FLUENT_ELASTICSEARCH_BUFFER_FLUSH_INTERVAL, 5_000),
    retryMaxIntervalMs: fluentTime(env.FLUENT_ELASTICSEARCH_BUFFER_RETRY_MAX_INTERVAL, 30_000),
  };
}
