/**
 * Fluent Bit's built-in HTTP server (`HTTP_Server On`, port `HTTP_Port`, 2020 by default): `/`
 * (build information), `/api/v1/uptime`, `/api/v1/health` (`ok`), and `/api/v1/metrics` and
 * `/api/v1/metrics/prometheus` with the counters of each input, filter and output instance —
 * what the Helm chart's liveness probe and a Prometheus scrape ask for.
 */
import type { HttpAnswer, HttpRequest } from './behaviours.ts';

/** The counters fluent-bit keeps per plugin instance (flb_metrics: the "old" metrics API). */
export interface FluentBitMetrics {
  input: Record<string, { records: number; bytes: number; files_opened?: number; files_closed?: number; files_rotated?: number }>;
  filter: Record<string, { drop_records: number; add_records: number; records: number; bytes: number }>;
  output: Record<string, { proc_records: number; proc_bytes: number; errors: number; retries: number; retries_failed: number; dropped_records: number; retried_records: number }>;
}

/** Empty counters for the instances of a configuration. */
export function emptyMetrics(inputs: { name: string; instance: string }[], filters: string[], outputs: string[]): FluentBitMetrics {
  return {
    input: Object.fromEntries(inputs.map((i) => [i.instance, i.name === 'tail' ? { records: 0, bytes: 0, files_opened: 0, files_closed: 0, files_rotated: 0 } : { records: 0, bytes: 0 }])),
    filter: Object.fromEntries(filters.map((f) => [f, { drop_records: 0, add_records: 0, records: 0, bytes: 0 }])),
    output: Object.fromEntries(outputs.map((o) => [o, { proc_records: 0, proc_bytes: 0, errors: 0, retries: 0, retries_failed: 0, dropped_records: 0, retried_records: 0 }])),
  };
}

/** The help text cmetrics prints for each old-style metric. */
const help: Record<string, string> = {
  input_bytes: 'Number of input bytes.', input_records: 'Number of input records.',
  output_bytes: 'Number of output bytes.', output_records: 'Number of output records.', output_errors: 'Number of output errors.',
  output_retries_failed: 'Number of abandoned batches because the maximum number of re-tries was reached.',
  output_retries: 'Number of output retries.', output_proc_records: 'Number of processed output records.',
  output_proc_bytes: 'Number of processed output bytes.', output_dropped_records: 'Number of dropped records.',
  output_retried_records: 'Number of retried records.',
};

/** `/api/v1/metrics/prometheus`: each counter as `fluentbit_KIND_NAME_total{name="INSTANCE"} VALUE TIMESTAMP_MS`. */
export function prometheusText(metrics: FluentBitMetrics, now: number): string {
  let text = '';
  for (const kind of ['input', 'filter', 'output'] as const) {
    const instances = Object.entries(metrics[kind]) as [string, Record<string, number>][];
    const names = [...new Set(instances.flatMap(([, counters]) => Object.keys(counters)))];
    for (const name of names) {
      const metric = `fluentbit_${kind}_${name}_total`;
      text += `# HELP ${metric} ${help[`${kind}_${name}`] ?? `Number of ${name.replace(/_/g, ' ')}.`}\n# TYPE ${metric} counter\n`;
      for (const [instance, counters] of instances) if (name in counters) text += `${metric}{name="${instance}"} ${counters[name]} ${now}\n`;
    }
  }
  return text;
}

/** `Fluent Bit has been running:  0 day, 0 hour, 1 minute and 5 seconds`, as uptime.c words it. */
export function uptimeText(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  const s = (n: number): string => (n > 1 ? 's' : '');
  return `Fluent Bit has been running:  ${days} day${s(days)}, ${hours} hour${s(hours)}, ${minutes} minute${s(minutes)} and ${secs} second${s(secs)}`;
}

/** The HTTP server's answers for one running fluent-bit. */
export function fluentBitHttp(port: number, version: string, startedAt: number, metrics: FluentBitMetrics): (request: HttpRequest, now: number) => HttpAnswer | undefined {
  return (request, now) => {
    if (request.port !== port) return undefined;
    const path = request.path.split('?')[0];
    switch (path) {
      case '/': return { status: 200, body: JSON.stringify({ 'fluent-bit': { version, edition: 'Community', flags: ['FLB_HAVE_SYS_WAIT_H', 'FLB_HAVE_IN_STORAGE_BACKLOG', 'FLB_HAVE_CHUNK_TRACE', 'FLB_HAVE_PARSER', 'FLB_HAVE_RECORD_ACCESSOR', 'FLB_HAVE_STREAM_PROCESSOR', 'FLB_HAVE_TLS', 'FLB_HAVE_OPENSSL', 'FLB_HAVE_METRICS', 'FLB_HAVE_AWS', 'FLB_HAVE_SIGNV4', 'FLB_HAVE_HTTP_CLIENT_DEBUG', 'FLB_HAVE_HTTP_SERVER', 'FLB_HAVE_FORK', 'FLB_HAVE_UNIX_SOCKET', 'FLB_HAVE_INOTIFY'] } }) };
      case '/api/v1/uptime': {
        const seconds = Math.floor((now - startedAt) / 1000);
        return { status: 200, body: JSON.stringify({ uptime_sec: seconds, uptime_hr: uptimeText(seconds) }) };
      }
      case '/api/v1/health': return { status: 200, body: 'ok\n' };
      case '/api/v1/metrics': return { status: 200, body: JSON.stringify(metrics) };
      case '/api/v1/metrics/prometheus': return { status: 200, body: prometheusText(metrics, now) };
      default: return { status: 404, body: '' };
    }
  };
}
