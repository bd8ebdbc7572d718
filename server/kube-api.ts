/**
 * The Kubernetes API over HTTP: turns a Node request into an engine request and the engine's
 * answer into a response — JSON, streamed watch events, streamed logs — the way kubectl expects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError, statusErrors } from '../engine/api/errors.ts';
import type { ApiRequest, ApiResponse } from '../engine/api/types.ts';
import type { Cluster } from '../engine/cluster.ts';
import { decodeBody, readBody } from './body.ts';

/** Headers of the request in the engine's form: lower-case names, single values. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, warnings: string[] = []): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const out: Record<string, string | string[]> = { 'content-type': 'application/json', ...headers };
  if (warnings.length) out.warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(status, out);
  res.end(text + (typeof body === 'string' ? '' : '\n'));
}

/** Serve one Kubernetes API request against the cluster. */
export async function serveKubeApi(cluster: Cluster, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = headersOf(req);
  let body: unknown;
  try {
    body = decodeBody(await readBody(req), headers['content-type']);
  } catch (error) {
    if (error instanceof StatusError) return sendJson(res, error.status.code, error.status);
    throw error;
  }
  const request: ApiRequest = {
    method: (req.method ?? 'GET').toUpperCase() as ApiRequest['method'],
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
  };
  let response: ApiResponse;
  try {
    response = cluster.handle(request);
  } catch (error) {
    const status = statusErrors.internal(error instanceof Error ? error.message : String(error));
    return sendJson(res, 500, status);
  }
  if (response.watch) return streamWatch(res, response, Number(request.query?.timeoutSeconds ?? 0));
  if (response.stream) return streamText(res, response);
  const contentType = response.headers['content-type'] ?? 'application/json';
  if (response.body instanceof Uint8Array || (typeof response.body === 'string' && !contentType.startsWith('application/json'))) {
    res.writeHead(response.status, { ...response.headers });
    res.end(response.body as string | Uint8Array);
    return;
  }
  sendJson(res, response.status, response.body, response.headers, response.warnings);
}

/** Stream watch events as JSON lines until the client goes away or `timeoutSeconds` pass. */
function streamWatch(res: ServerResponse, response: ApiResponse, timeoutSeconds: number): void {
  const watch = response.watch!;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
  // Send headers now: kubectl's rollout status and wait block until they arrive.
  res.flushHeaders();
  let timer: NodeJS.Timeout | undefined;
  const end = (): void => {
    if (timer) clearTimeout(timer);
    watch.close();
    if (!res.writableEnded) res.end();
  };
  // `close` on the response, not the request: the request's fires as soon as its body is read.
  res.on('close', end);
  if (timeoutSeconds > 0) timer = setTimeout(end, timeoutSeconds * 1000);
  watch.start((event) => {
    if (!res.writableEnded) res.write(JSON.stringify(event) + '\n');
  }, end);
}

function streamText(res: ServerResponse, response: ApiResponse): void {
  const stream = response.stream!;
  res.writeHead(response.status, { 'content-type': 'text/plain', ...response.headers });
  res.flushHeaders();
  const end = (): void => {
    stream.close();
    if (!res.writableEnded) res.end();
  };
  res.on('close', end);
  stream.start((chunk) => {
    if (!res.writableEnded) res.write(chunk);
  }, end);
}
