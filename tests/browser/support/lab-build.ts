/**
 * What the browser tests share: finding Chromium (DESIGN.md contract 1), one build of the lab per
 * state of its sources (every browser test file reuses it, even when they run at the same time),
 * and a small static server.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** The repository root. */
export const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Flags for a quiet headless Chromium. */
export const chromiumArgs = ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** CHROMIUM_PATH, else the `chromium` on the PATH, else Playwright's own browser (DESIGN.md contract 1). */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  const bundled = chromium.executablePath();
  return bundled && existsSync(bundled) ? bundled : undefined;
}

/** The message a test fails with when no browser is found. */
export const installChromium = 'install Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)';

const sourceRoots = ['lab', 'worker', 'engine', 'lessons', 'server/lessons.ts', 'scripts/schemas', 'index.html', 'vite.config.ts', 'svelte.config.js', 'package-lock.json'];

/** A stamp of the sources the build reads: path, size and mtime of every file. */
function sourceStamp(): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name !== 'node_modules') visit(join(path, name));
    } else hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
  };
  for (const entry of sourceRoots) visit(join(root, entry));
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * The built lab (unminified: the same bundles in a fraction of the time), built once per state of
 * the sources. The first test file to ask builds it; the others wait for its `.built` marker.
 */
export async function buildLab(): Promise<string> {
  const outDir = join(tmpdir(), `kubelab-browser-${sourceStamp()}`);
  const marker = join(outDir, '.built');
  const lock = `${outDir}.lock`;
  for (let waited = 0; !existsSync(marker); waited += 500) {
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building; a lock older than 5 minutes was left by a killed run.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 240_000) throw new Error(`gave up waiting for ${lock}`);
      await sleep(500);
      continue;
    }
    try {
      await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true, minify: false } });
      writeFileSync(marker, new Date().toISOString());
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  // Builds of older sources are not needed again.
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (/^kubelab-browser-[0-9a-f]{16}$/.test(name) && path !== outDir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  return outDir;
}

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

/** Serve a folder (and, optionally, extra pages by path) on a free local port. */
export function serve(dir: string, pages: Record<string, (origin: string) => string> = {}): Promise<{ server: Server; origin: string }> {
  let origin = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pages[path]) {
      res.writeHead(200, { 'content-type': types['.html'] });
      res.end(pages[path](origin));
      return;
    }
    let file = normalize(join(dir, decodeURIComponent(path)));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    done({ server, origin });
  }));
}

/** The built lab, a docs page embedding it (lesson `apply`), and Chromium: what the embed tests share. */
export interface EmbedFixture {
  readonly lab: { server: Server; origin: string };
  readonly host: { server: Server; origin: string };
  readonly browser: Browser;
}

/**
 * Build the lab, serve it and a docs page `/host.html` that embeds it at `height`, launch Chromium,
 * and close all of it after the describe block that calls this. A missing Chromium fails every test
 * with the install command rather than skipping them.
 */
export function useEmbedFixture(height: string): EmbedFixture {
  let lab: { server: Server; origin: string } | undefined;
  let host: { server: Server; origin: string } | undefined;
  let browser: Browser | undefined;
  const executablePath = findChromium();
  beforeEach(() => {
    if (!executablePath) throw new Error(installChromium);
  });
  beforeAll(async () => {
    if (!executablePath) return;
    const dist = await buildLab();
    lab = await serve(dist);
    const labOrigin = lab.origin;
    host = await serve(dist, {
      '/host.html': () => `<!doctype html><title>Docs</title><div id="lab" data-kube-lab="apply" data-height="${height}"></div><script src="${labOrigin}/embed.js"></script>`,
    });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    for (const s of [lab, host]) await new Promise((done) => (s ? s.server.close(done) : done(undefined)));
  });
  return {
    get lab() { return lab!; },
    get host() { return host!; },
    get browser() { return browser!; },
  };
}
