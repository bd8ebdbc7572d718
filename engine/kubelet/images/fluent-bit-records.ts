/**
 * What Fluent Bit makes of one container log line on a Kubernetes node: the line as containerd
 * wrote it to /var/log/containers (CRI format), the record its tail input's parser gives, the
 * fields its kubernetes filter adds, and the document and `_bulk` lines its es output sends.
 */
import { logTimestamp } from '../logs.ts';
import type { FluentBitPlugin } from './fluent-bit-config.ts';
import { fluentBitBool } from './fluent-bit-config.ts';
import type { NodeLogEntry } from './fluentd-node-logs.ts';
import { parseImage } from './reference.ts';
import { stableHex } from './digest.ts';
import { formatDate } from './shell.ts';

/** A record in Fluent Bit's pipeline: its tag, event time (ms) and fields in order. */
export interface FluentBitRecord {
  tag: string;
  time: number;
  fields: Record<string, unknown>;
}

/** The file in_tail reads a container's log from: `/var/log/containers/POD_NAMESPACE_CONTAINER-ID.log`. */
export function containerLogFile(entry: NodeLogEntry): string {
  return `/var/log/containers/${entry.pod.name}_${entry.pod.namespace}_${entry.container.name}-${entry.container.id}.log`;
}

/** The line as containerd's CRI logger writes it: `TIME STREAM F TEXT` (F: a full line, not a partial one). */
export function criLine(entry: NodeLogEntry): string {
  return `${logTimestamp(entry.time)} ${entry.stream} F ${entry.text.replace(/\n$/, '')}`;
}

/**
 * The record the tail input gives. `multiline.parser docker, cri` (the Helm chart, the current
 * docs) and `multiline.parser cri` split the CRI line into time, stream, _p and log; the
 * parsers.conf `cri` parser into time, stream, logtag and message. The `docker` parser expects
 * JSON lines, which a containerd node never writes: it fails and the raw line stays in `log`, as
 * with no parser at all. That is what the old fluent-bit-kubernetes-logging manifests do on kind.
 */
export function tailRecord(entry: NodeLogEntry, input: FluentBitPlugin): FluentBitRecord {
  const file = containerLogFile(entry);
  const tag = (input.props.tag ?? 'tail.0').replace('*', file.replace(/\//g, '.').replace(/^\./, ''));
  const raw = criLine(entry);
  const text = entry.text.replace(/\n$/, '');
  const time = logTimestamp(entry.time);
  const multiline = (input.props['multiline.parser'] ?? '').split(',').map((p) => p.trim().toLowerCase());
  const parser = (input.props.parser ?? '').trim().toLowerCase();
  if (multiline.includes('cri')) return { tag, time: entry.time, fields: { time, stream: entry.stream, _p: 'F', log: text } };
  if (parser === 'cri') return { tag, time: entry.time, fields: { time, stream: entry.stream, logtag: 'F', message: text } };
  return { tag, time: entry.time, fields: { log: raw } };
}

/**
 * The kubernetes filter: pod metadata for a tag that starts with Kube_Tag_Prefix, in the order
 * kube_meta.c packs it. Merge_Log lifts a JSON `log` into the record (or under Merge_Log_Key);
 * Keep_Log Off then drops the original `log`.
 */
export function kubernetesFilter(record: FluentBitRecord, entry: NodeLogEntry, filter: FluentBitPlugin): FluentBitRecord {
  const prefix = filter.props.kube_tag_prefix ?? 'kube.var.log.containers.';
  if (!record.tag.startsWith(prefix)) return record;
  const reference = parseImage(entry.container.image);
  const kubernetes: Record<string, unknown> = { pod_name: entry.pod.name, namespace_name: entry.pod.namespace, pod_id: entry.pod.uid };
  if (fluentBitBool(filter.props.labels, true) && Object.keys(entry.pod.labels).length) kubernetes.labels = entry.pod.labels;
  kubernetes.host = entry.host;
  kubernetes.container_name = entry.container.name;
  kubernetes.docker_id = entry.container.id;
  if (reference) kubernetes.container_hash = `${reference.repository}@sha256:${stableHex(`${reference.repository}:${reference.tag}`)}`;
  kubernetes.container_image = reference?.full ?? entry.container.image;
  const fields: Record<string, unknown> = { ...record.fields };
  const logKey = filter.props.merge_log_key;
  if (fluentBitBool(filter.props.merge_log, false) && typeof fields.log === 'string') {
    const merged = jsonObject(fields.log);
    if (merged) {
      if (logKey) fields[logKey] = merged;
      else Object.assign(fields, merged);
      if (!fluentBitBool(filter.props.keep_log, true)) delete fields.log;
    }
  }
  fields.kubernetes = kubernetes;
  return { ...record, fields };
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** The es output's settings, with out_es's defaults. */
export interface EsOutput {
  host: string;
  port: number;
  index: string;
  type: string;
  logstashFormat: boolean;
  logstashPrefix: string;
  logstashPrefixSeparator: string;
  logstashDateFormat: string;
  timeKey: string;
  timeKeyFormat: string;
  includeTagKey: boolean;
  tagKey: string;
  suppressTypeName: boolean;
  replaceDots: boolean;
  writeOperation: string;
  /** Retries before a chunk is dropped; undefined when unlimited (`Retry_Limit False`). */
  retryLimit: number | undefined;
  tls: boolean;
  user?: string;
  password?: string;
}

/** An `[OUTPUT] Name es` section's settings. */
export function esOutput(output: FluentBitPlugin): EsOutput {
  const p = output.props;
  const limit = (p.retry_limit ?? '1').trim().toLowerCase();
  return {
    host: p.host ?? '127.0.0.1', port: Number(p.port ?? 9200), index: p.index ?? 'fluent-bit', type: p.type ?? '_doc',
    logstashFormat: fluentBitBool(p.logstash_format, false), logstashPrefix: p.logstash_prefix ?? 'logstash',
    logstashPrefixSeparator: p.logstash_prefix_separator ?? '-', logstashDateFormat: p.logstash_dateformat ?? '%Y.%m.%d',
    timeKey: p.time_key ?? '@timestamp', timeKeyFormat: p.time_key_format ?? '%Y-%m-%dT%H:%M:%S',
    includeTagKey: fluentBitBool(p.include_tag_key, false), tagKey: p.tag_key ?? '_flb-key',
    suppressTypeName: fluentBitBool(p.suppress_type_name, false), replaceDots: fluentBitBool(p.replace_dots, false),
    writeOperation: (p.write_operation ?? 'create').toLowerCase(),
    retryLimit: limit === 'false' || limit === 'no_limits' || limit === 'off' ? undefined : Number(limit) || 1,
    tls: fluentBitBool(p.tls, false), user: p.http_user, password: p.http_passwd,
  };
}

/** Keys with dots become underscores (`app.kubernetes.io/name` → `app_kubernetes_io/name`), at every level. */
function replaceDots(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/\./g, '_'), replaceDots(v)]));
}

/** The index a record goes to: `Index`, or `logstash-YYYY.MM.DD` from its time with Logstash_Format. */
export function esIndex(out: EsOutput, time: number): string {
  if (out.logstashFormat) return `${out.logstashPrefix}${out.logstashPrefixSeparator}${formatDate(time, out.logstashDateFormat)}`;
  return formatDate(time, out.index);
}

/**
 * The `_bulk` body for some records: an action line (`create` by default, with `_type` unless
 * Suppress_Type_Name) and the document, whose time key (`@timestamp`, milliseconds, UTC) comes first.
 */
export function esBulkBody(out: EsOutput, records: FluentBitRecord[]): string {
  return records.map((r) => {
    const action = { [out.writeOperation === 'index' ? 'index' : 'create']: { _index: esIndex(out, r.time), ...(out.suppressTypeName ? {} : { _type: out.type }) } };
    const stamp = `${formatDate(r.time, out.timeKeyFormat)}.${String(r.time % 1000).padStart(3, '0')}Z`;
    const fields = out.replaceDots ? replaceDots(r.fields) as Record<string, unknown> : r.fields;
    const doc: Record<string, unknown> = { [out.timeKey]: stamp, ...fields };
    if (out.includeTagKey) doc[out.tagKey] = r.tag;
    return `${JSON.stringify(action)}\n${JSON.stringify(doc)}\n`;
  }).join('');
}
