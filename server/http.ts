/**
 * `kubelab serve`'s HTTP server: the Kubernetes API at /api, /apis, /version and /openapi, the lab
 * control API at /kubelab/v1/, and the built lab at /.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { serveUpgrade } from './exec/upgrade.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabControl } from '../engine/control/lab-control.ts';
import { loadOpenapiDocuments } from '../engine/api/openapi/openapi.ts';
import type { ServeOptions } from './options.ts';
import { loadLessons } from '../engine/lessons/catalogue.ts';
import { readLessonBundle } from './lessons.ts';
import { serveControlApi } from './control-api.ts';
import { serveKubeApi } from './kube-api.ts';

const distDir = resolve(fileURLToPath(new URL('../dist', import.meta.url)));

const kubePaths = /^\/(api|apis|version|openapi|healthz|livez|readyz)(\/|$)/;

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.map': 'application/json',
};

export interface LabServer {
  server: Server;
  control: LabControl;
  url: string;
  close(): Promise<void>;
}

function notBuiltPage(url: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kubelab</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>Kubelab</h1>
<p>The simulated cluster is running. The lab page has not been built yet: run <code>npm run build</code>.</p>
<p>Point the real kubectl at it:</p>
<pre>kubectl --server ${url} get namespaces</pre>
<p>Lab control API: <a href="/kubelab/v1/status">/kubelab/v1/status</a></p>
</body></html>`;
}

/**
 * How long the browser may keep a file of the built lab. Vite names everything under assets/ by
 * its content's hash, so those never change under their name: kept a year, a reload fetches none
 * of its ~9 MB again (before, with no caching headers, every reload fetched all of them). Anything
 * else (index.html, embed.js) is asked again each time, and answered 304 when unchanged.
 */
export function cacheControlFor(path: string): string {
  return path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function serveStatic(req: IncomingMessage, res: ServerResponse, url: string, distDir: string): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!existsSync(join(distDir, 'index.html'))) {
    res.writeHead(path === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(notBuiltPage(url));
    return;
  }
  let file = normalize(join(distDir, decodeURIComponent(path)));
  if (!file.startsWith(distDir)) {
    res.writeHead(403).end();
    return;
  }
  const found = existsSync(file) && !statSync(file).isDirectory();
  // A missing script is a 404, not the page (which a year's caching would then keep under its name).
  if (!found && path.startsWith('/assets/')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  if (!found) file = join(distDir, 'index.html');
  const stat = statSync(file);
  const etag = `W/"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
  const headers = { 'cache-control': found ? cacheControlFor(path) : 'no-cache', etag };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
}

/** The lessons, read and checked once per process: tests start several labs in one process. */
let catalogue: ReturnType<typeof loadLessons> | undefined;
function lessonCatalogue(): ReturnType<typeof loadLessons> {
  catalogue ??= loadLessons(readLessonBundle());
  return catalogue;
}

/** Start serving; resolves once listening (with the real port when `port` is 0). */
export async function startLabServer(options: ServeOptions): Promise<LabServer> {
  await loadOpenapiDocuments();
  // On a real clock virtual time starts now, so ages agree with the real kubectl's own clock;
  // a manual clock starts at the fixed epoch, so runs are reproducible byte for byte.
  const { lessons, problems } = lessonCatalogue();
  for (const problem of problems) process.stderr.write(`kubelab: lesson skipped: ${problem}\n`);
  const control = new LabControl({
    seed: options.seed, clock: options.clock, nodes: options.nodes, lessons,
    start: options.clock === 'real' ? () => Math.floor(Date.now() / 1000) * 1000 : undefined,
  });
  if (options.lesson !== undefined) {
    const started = control.startLesson(options.lesson);
    if ('error' in started) throw new Error(`--lesson: ${started.error} (lessons: ${lessons.map((l) => l.id).join(', ')})`);
  }
  let url = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let work: Promise<void> | void;
    if (path.startsWith('/kubelab/v1/')) work = serveControlApi(control, req, res, path);
    else if (kubePaths.test(path)) work = serveKubeApi(control.cluster, req, res);
    else work = serveStatic(req, res, url, options.dist ? resolve(options.dist) : distDir);
    Promise.resolve(work).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    });
  });
  // kubectl exec and port-forward upgrade the connection to WebSocket (or SPDY).
  server.on('upgrade', (req, socket, head) => {
    if (kubePaths.test(new URL(req.url ?? '/', 'http://localhost').pathname)) serveUpgrade(control.cluster, req, socket, head);
    else socket.destroy();
  });
  // With a real clock, virtual time follows the wall clock at the chosen speed.
  let timer: NodeJS.Timeout | undefined;
  if (options.clock === 'real') {
    let last = Date.now();
    timer = setInterval(() => {
      const now = Date.now();
      control.cluster.advance((now - last) * options.speed);
      last = now;
    }, 100);
    timer.unref();
  }
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
      resolveStart({
        server, control, url,
        close: () => new Promise((done) => {
          if (timer) clearInterval(timer);
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
