/**
 * The Fluent Bit images (cr.fluentbit.io/fluent/fluent-bit, fluent/fluent-bit) as a DaemonSet
 * runs them: read the classic config (fluent-bit-config.ts), print the banner and start-up lines,
 * tail the node's container logs, add pod metadata with the kubernetes filter, and every `Flush`
 * seconds send each output's new chunk to Elasticsearch with `_bulk` through the cluster network.
 * A failed flush is retried by the engine's scheduler (full-jitter back-off, base 5 s, cap 2000 s)
 * up to `Retry_Limit` (1 by default), and logged as fluent-bit logs it.
 */
import { stableHex } from './digest.ts';
import { fluentBitBanners } from './fluent-bit-banners.ts';
import type { FluentBitConfig, FluentBitPlugin } from './fluent-bit-config.ts';
import { fluentBitBool, fluentBitConfigPath, fluentBitSeconds, parseFluentBitConfig, tagMatches } from './fluent-bit-config.ts';
import type { FluentBitMetrics } from './fluent-bit-http.ts';
import { emptyMetrics, fluentBitHttp } from './fluent-bit-http.ts';
import type { EsOutput, FluentBitRecord } from './fluent-bit-records.ts';
import { containerLogFile, esBulkBody, esOutput, kubernetesFilter, tailRecord } from './fluent-bit-records.ts';
import type { HttpAnswer, HttpRequest } from './behaviours.ts';
import type { ProcessAction, ProcessRun, ShellContext } from './shell.ts';
import { formatDate } from './shell.ts';
import type { InClusterResult } from '../../network/http.ts';

/** What each published version printed at start: its commit and bundled library versions. */
export const fluentBitBuilds: Record<string, { commit: string; cmetrics: string; ctraces: string; chunkio: string }> = {
  '2.2.0': { commit: 'db8487d123', cmetrics: '0.6.4', ctraces: '0.3.1', chunkio: '1.5.1' },
  '2.2.1': { commit: '842a48223b', cmetrics: '0.6.6', ctraces: '0.4.0', chunkio: '1.5.1' },
  '2.2.2': { commit: 'eeea396e88', cmetrics: '0.6.6', ctraces: '0.4.0', chunkio: '1.5.1' },
  '2.2.3': { commit: 'be238e162c', cmetrics: '0.6.6', ctraces: '0.4.0', chunkio: '1.5.1' },
  '3.0.7': { commit: '73e72bdf9a', cmetrics: '0.9.1', ctraces: '0.5.1', chunkio: '1.5.2' },
  '3.1.9': { commit: '431fa79ae2', cmetrics: '0.9.6', ctraces: '0.5.6', chunkio: '1.5.2' },
  '3.1.10': { commit: 'e28f447995', cmetrics: '0.9.7', ctraces: '0.5.6', chunkio: '1.5.2' },
  '3.2.0': { commit: '50512ed56a', cmetrics: '0.9.9', ctraces: '0.5.7', chunkio: '1.5.2' },
  '3.2.2': { commit: 'a59c867924', cmetrics: '0.9.9', ctraces: '0.5.7', chunkio: '1.5.2' },
  '3.2.4': { commit: '5b0ff04120', cmetrics: '0.9.9', ctraces: '0.5.7', chunkio: '1.5.2' },
};

/** `[2024/10/01 12:00:00] [ info] `: flb_log's prefix, the level right-aligned in five columns. */
export function fluentBitPrefix(ms: number, level: 'info' | 'warn' | 'error'): string {
  return `[${formatDate(ms, '%Y/%m/%d %H:%M:%S')}] [${level.padStart(5)}] `;
}

/** The banner on stderr before the first log line. */
export function fluentBitBanner(version: string): string {
  const series = version.startsWith('2.') ? (version === '2.2.0' || version === '2.2.1' ? undefined : 'dragon') : `v${version.split('.').slice(0, 2).join('.')}`;
  const motd = series ? fluentBitBanners[series] ?? '' : '';
  // 2.2.0 and 2.2.1 shipped before 2024 and say so.
  const years = version === '2.2.0' || version === '2.2.1' ? '2015-2023' : '2015-2024';
  return `Fluent Bit v${version}\n* Copyright (C) ${years} The Fluent Bit Authors\n* Fluent Bit is a CNCF sub-project under the umbrella of Fluentd\n* https://fluentbit.io\n\n${motd}`;
}

/** A chunk waiting for an output: its records and its retries so far. */
interface Chunk {
  name: string;
  taskId: number;
  input: string;
  output: FluentBitPlugin;
  records: FluentBitRecord[];
  retries: number;
  nextAt: number;
}

/** fluent-bit's scheduler: `random_uniform(base, min(cap, base × 2^n)) + 1` seconds, the jitter seeded by the chunk. */
export function retrySeconds(chunk: string, retry: number): number {
  const ceiling = Math.min(2000, 5 * 2 ** retry);
  const jitter = parseInt(stableHex(`${chunk}/${retry}`).slice(0, 8), 16) / 0x1_0000_0000;
  return 5 + Math.floor(jitter * (ceiling - 5 + 1)) + 1;
}

/** Start fluent-bit: `argv` for `-c`, its files and environment from `ctx`. */
export function fluentBitProcess(version: string, argv: string[], ctx: ShellContext): { ports: number[]; run: ProcessRun; term: { afterMs: number; exitCode: number }; http: (request: HttpRequest, now: number) => HttpAnswer | undefined } {
  const config = parseFluentBitConfig(fluentBitConfigPath(argv), ctx.files, ctx.env);
  const metrics = emptyMetrics(config.inputs, config.filters.map((f) => f.instance), config.outputs.map((o) => o.instance));
  const server = !config.error && fluentBitBool(config.service.http_server, false);
  const port = Number(config.service.http_port ?? 2020);
  // The engine's default grace period: 5 s to flush what is buffered, then exit 0.
  return {
    ports: server ? [port] : [],
    term: { afterMs: fluentBitSeconds(config.service.grace, 5_000), exitCode: 0 },
    run: fluentBitRun(version, config, metrics, ctx),
    http: server ? fluentBitHttp(port, version, ctx.now(), metrics) : () => undefined,
  };
}

function* fluentBitRun(version: string, config: FluentBitConfig, metrics: FluentBitMetrics, ctx: ShellContext): Generator<ProcessAction, number, void> {
  const log = (level: 'info' | 'warn' | 'error', text: string): ProcessAction => ({ kind: 'output', text: `${fluentBitPrefix(ctx.now(), level)}${text}\n`, stream: 'stderr' });
  yield { kind: 'output', text: fluentBitBanner(version), stream: 'stderr' };
  for (const warning of config.warnings) yield log('warn', warning);
  if (config.error) {
    yield log('error', `${config.error}, aborting.`);
    return 1;
  }
  const build = fluentBitBuilds[version] ?? fluentBitBuilds['3.1.9'];
  yield log('info', `[fluent bit] version=${version}, commit=${build.commit}, pid=1`);
  yield log('info', `[storage] ver=${build.chunkio}, type=memory, sync=normal, checksum=off, max_chunks_up=128`);
  if (version.startsWith('3.2')) yield log('info', '[simd    ] disabled');
  yield log('info', `[cmetrics] version=${build.cmetrics}`);
  yield log('info', `[ctraces ] version=${build.ctraces}`);
  for (const input of config.inputs) {
    yield log('info', `[input:${input.name}:${input.instance}] initializing`);
    yield log('info', `[input:${input.name}:${input.instance}] storage_strategy='memory' (memory only)`);
    if (input.name === 'tail' && input.props['multiline.parser']) yield log('info', `[input:tail:${input.instance}] multiline core started`);
  }
  for (const filter of config.filters.filter((f) => f.name === 'kubernetes')) {
    const at = `[filter:kubernetes:${filter.instance}]`;
    yield log('info', `${at} https=1 host=${filter.props.kube_url?.replace(/^https?:\/\/|:\d+$/g, '') ?? 'kubernetes.default.svc'} port=443`);
    yield log('info', `${at}  token updated`);
    yield log('info', `${at} local POD info OK`);
    yield log('info', `${at} testing connectivity with API server...`);
    yield log('info', `${at} connectivity OK`);
  }
  for (const output of config.outputs) {
    // out_es runs two worker threads by default.
    const workers = Number(output.props.workers ?? (output.name === 'es' ? 2 : 0));
    for (let w = 0; w < workers; w++) yield log('info', `[output:${output.name}:${output.instance}] worker #${w} started`);
  }
  if (fluentBitBool(config.service.http_server, false)) yield log('info', `[http_server] listen iface=${config.service.http_listen ?? '0.0.0.0'} tcp_port=${config.service.http_port ?? '2020'}`);
  yield log('info', '[sp] stream processor started');

  const tails = config.inputs.filter((i) => i.name === 'tail');
  const flushMs = fluentBitSeconds(config.service.flush, 1_000);
  // One reader per DB file (kept on the host, so a restarted fluent-bit resumes), else per pod.
  const db = tails.find((t) => t.props.db)?.props.db;
  const reader = db ? `fluent-bit-db:${db}` : `fluent-bit:${ctx.hostname}`;
  const resume = db !== undefined && ctx.files.get(db) !== undefined;
  if (db) ctx.files.set(db, 'SQLite format 3\u0000');
  const watched = new Map<string, number>();
  const pending: { entry: ReturnType<NonNullable<ShellContext['nodeLogs']>>[number]; file: string }[] = [];
  const refreshMs = fluentBitSeconds(tails[0]?.props.refresh_interval, 60_000);
  let nextRefresh = ctx.now();
  const chunks: Chunk[] = [];
  let first = true;
  for (;;) {
    // Files present at start are read from their end (Read_from_Head Off) unless the DB remembers them.
    const startAtTail = first && !resume && !tails.some((t) => fluentBitBool(t.props.read_from_head, false));
    const refreshing = ctx.now() >= nextRefresh;
    if (refreshing) nextRefresh = ctx.now() + refreshMs;
    for (const entry of ctx.nodeLogs?.(reader) ?? []) pending.push({ entry, file: containerLogFile(entry) });
    const ready: typeof pending = [];
    for (const item of pending.splice(0)) {
      const input = tails.find((t) => pathMatches(t, item.file));
      if (!input) continue;
      if (!watched.has(item.file)) {
        // New files are found when in_tail rescans its Path (Refresh_Interval): until then, their lines wait.
        if (!refreshing) { pending.push(item); continue; }
        watched.set(item.file, watched.size + 1);
        metrics.input[input.instance].files_opened = (metrics.input[input.instance].files_opened ?? 0) + 1;
        yield log('info', `[input:tail:${input.instance}] inotify_fs_add(): inode=${parseInt(stableHex(item.file).slice(0, 7), 16)} watch_fd=${watched.get(item.file)} name=${item.file}`);
      }
      if (!startAtTail) ready.push(item);
    }
    first = false;
    const byRoute = new Map<string, { input: string; output: FluentBitPlugin; records: FluentBitRecord[] }>();
    for (const { entry, file } of ready) {
      const input = tails.find((t) => pathMatches(t, file))!;
      let record = tailRecord(entry, input);
      metrics.input[input.instance].records += 1;
      metrics.input[input.instance].bytes += entry.text.length + 40;
      for (const filter of config.filters) {
        if (filter.name !== 'kubernetes' || !tagMatches(filter.props.match, record.tag)) continue;
        record = kubernetesFilter(record, entry, filter);
        metrics.filter[filter.instance].records += 1;
      }
      for (const output of config.outputs) {
        if (!tagMatches(output.props.match, record.tag)) continue;
        const key = `${input.instance}>${output.instance}`;
        const route = byRoute.get(key) ?? { input: input.instance, output, records: [] };
        route.records.push(record);
        byRoute.set(key, route);
      }
    }
    for (const route of byRoute.values()) {
      const nanos = String((ctx.now() % 1000) * 1_000_000 + (parseInt(stableHex(`${ctx.hostname}/${ctx.now()}/${route.output.instance}`).slice(0, 5), 16) % 1_000_000)).padStart(9, '0');
      const name = `1-${Math.floor(ctx.now() / 1000)}.${nanos}.flb`;
      let taskId = 0;
      while (chunks.some((c) => c.taskId === taskId)) taskId++;
      // A memory buffer is bounded (Mem_Buf_Limit): beyond a few thousand chunks the oldest go.
      if (chunks.length > 2000) chunks.shift();
      chunks.push({ name, taskId, input: route.input, output: route.output, records: route.records, retries: 0, nextAt: ctx.now() });
    }
    for (const chunk of [...chunks]) {
      if (chunk.nextAt > ctx.now()) continue;
      yield* flushChunk(chunk, chunks, metrics, ctx, log);
    }
    yield { kind: 'sleep', ms: flushMs };
  }
}

/** Whether a tail input's `Path` (a glob, comma-separated) covers a file, minus `Exclude_Path`. */
function pathMatches(input: FluentBitPlugin, file: string): boolean {
  const glob = (patterns: string | undefined): boolean => (patterns ?? '').split(',').map((p) => p.trim()).filter(Boolean)
    .some((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(file));
  return glob(input.props.path) && !glob(input.props.exclude_path);
}

/** Send one chunk to its output; on failure log why and schedule a retry, or drop it past Retry_Limit. */
function* flushChunk(chunk: Chunk, chunks: Chunk[], metrics: FluentBitMetrics, ctx: ShellContext, log: (level: 'info' | 'warn' | 'error', text: string) => ProcessAction): Generator<ProcessAction, void, void> {
  const counters = metrics.output[chunk.output.instance];
  const done = (): void => {
    chunks.splice(chunks.indexOf(chunk), 1);
  };
  if (chunk.output.name !== 'es') {
    // Outputs other than es are not simulated: their records are accepted and go nowhere.
    counters.proc_records += chunk.records.length;
    done();
    return;
  }
  const out = esOutput(chunk.output);
  const body = esBulkBody(out, chunk.records);
  const failure = yield* sendBulk(out, body, chunk, ctx, log);
  const route = `input=${chunk.input} > output=${chunk.output.instance}`;
  const outId = Math.max(0, Object.keys(metrics.output).indexOf(chunk.output.instance));
  if (!failure) {
    counters.proc_records += chunk.records.length;
    counters.proc_bytes += body.length;
    if (chunk.retries > 0) yield log('info', `[engine] flush chunk '${chunk.name}' succeeded at retry ${chunk.retries}: task_id=${chunk.taskId}, ${route} (out_id=${outId})`);
    done();
    return;
  }
  counters.errors += failure === 'error' ? 1 : 0;
  if (out.retryLimit !== undefined && chunk.retries >= out.retryLimit) {
    yield log('error', `[engine] chunk '${chunk.name}' cannot be retried: task_id=${chunk.taskId}, ${route}`);
    counters.retries_failed += 1;
    counters.dropped_records += chunk.records.length;
    done();
    return;
  }
  chunk.retries += 1;
  const seconds = retrySeconds(chunk.name, chunk.retries);
  chunk.nextAt = ctx.now() + seconds * 1000;
  counters.retries += 1;
  counters.retried_records += chunk.records.length;
  yield log('warn', `[engine] failed to flush chunk '${chunk.name}', retry in ${seconds} seconds: task_id=${chunk.taskId}, ${route} (out_id=${outId})`);
}

/**
 * POST the chunk to Elasticsearch's `_bulk`. Undefined when it was accepted; `retry` for a
 * network failure or a bulk answer with errors; `error` for an HTTP error status.
 */
function* sendBulk(out: EsOutput, body: string, chunk: Chunk, ctx: ShellContext, log: (level: 'info' | 'warn' | 'error', text: string) => ProcessAction): Generator<ProcessAction, 'retry' | 'error' | undefined, void> {
  const network = ctx.network;
  if (!network) return 'retry';
  const headers: Record<string, string> = { 'User-Agent': 'Fluent-Bit', 'Content-Type': 'application/x-ndjson' };
  if (out.user) headers.Authorization = `Basic ${btoa(`${out.user}:${out.password ?? ''}`)}`;
  let answer: InClusterResult;
  try {
    answer = network.fetch({ url: `${out.tls ? 'https' : 'http'}://${out.host}:${out.port}/_bulk`, method: 'POST', headers, body, connectTimeoutMs: 10_000 });
  } catch {
    // The pod lost its IP (being torn down): nothing leaves it.
    return 'retry';
  }
  const fd = 40 + (chunk.taskId % 20);
  if ('error' in answer) {
    if (answer.elapsedMs > 1) yield { kind: 'sleep', ms: Math.min(answer.elapsedMs, 10_000) };
    if (answer.error === 'could not resolve host') {
      const timedOut = answer.elapsedMs > 0;
      yield log('warn', `[net] getaddrinfo(host='${out.host}', err=${timedOut ? 12 : 4}): ${timedOut ? 'Timeout while contacting DNS servers' : 'Domain name not found'}`);
    } else if (answer.error === 'connection refused') {
      yield log('error', `[net] TCP connection failed: ${out.host}:${out.port} (Connection refused)`);
    } else {
      yield log('error', `[upstream] connection #${fd} to tcp://${answer.address ?? out.host}:${out.port} timed out after 10 seconds (connection timeout)`);
    }
    return 'retry';
  }
  if (answer.status !== 200 && answer.status !== 201) {
    yield log('error', answer.body ? `[output:es:${chunk.output.instance}] HTTP status=${answer.status} URI=/_bulk, response:\n${answer.body}\n` : `[output:es:${chunk.output.instance}] HTTP status=${answer.status} URI=/_bulk`);
    return 'error';
  }
  const errors = (JSON.parse(answer.body || '{}') as { errors?: boolean }).errors;
  if (errors && fluentBitBool(chunk.output.props.trace_error, false)) yield log('error', `[output:es:${chunk.output.instance}] error: Output\n${answer.body}`);
  return errors ? 'retry' : undefined;
}
