/**
 * The browser budgets of DESIGN.md "Performance", measured on the built lab (minified, as shipped)
 * in Chromium driven by Playwright: critical JavaScript, time to the first kubectl answer, and the
 * main thread's long tasks and per-frame cost while a 1,000-replica Deployment rolls out at 100×.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright';
import { criticalFiles, gzipKb, webKeys, type ManifestChunk } from './web-manifest.ts';
import { chromiumArgs, findChromium, installChromium, root, serve } from '../tests/browser/support/lab-build.ts';

/** Options of one web benchmark run. */
export interface WebBenchOptions {
  only?: string[];
  /** Replicas of the rollout (default 1000). */
  replicas?: number;
  log: (line: string) => void;
}

declare global {
  interface Window {
    __bench?: { firstKubectl?: { ms: number; stdout: string }; longTasks: { at: number; ms: number }[]; frames: number; rolloutAt?: number };
  }
}

/** Before any page script runs: answer `kubectl get pods -A` the moment `window.kubelab` appears. */
function firstKubectlProbe(): void {
  const bench: NonNullable<Window['__bench']> = { longTasks: [], frames: 0 };
  window.__bench = bench;
  let api: unknown;
  Object.defineProperty(window, 'kubelab', {
    configurable: true,
    get: () => api,
    set(value: { kubectl: (body: unknown) => Promise<{ stdout?: string }> }) {
      api = value;
      void value.kubectl({ command: 'kubectl get pods -A' }).then((answer) => {
        bench.firstKubectl = { ms: performance.now(), stdout: answer.stdout ?? JSON.stringify(answer) };
      });
    },
  });
}

async function kubectl(page: Page, command: string): Promise<string> {
  return page.evaluate(async (line) => {
    const answer = (await window.kubelab.kubectl({ command: line })) as { stdout?: string; stderr?: string; error?: string };
    return answer.stdout ?? answer.error ?? '';
  }, command);
}

/**
 * The main thread's work so far, in ms: `cpu` is the thread's CPU time (Chromium's ThreadTime
 * metric), `wall` the wall time of its tasks (TaskDuration). On a 2-core machine whose other core
 * runs the cluster worker flat out at 100×, the OS often parks the main thread in the middle of a
 * task: wall time then counts that wait too, CPU time only the work the page did.
 */
async function taskMs(session: CDPSession): Promise<{ cpu: number; wall: number }> {
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const metric = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { cpu: metric('ThreadTime'), wall: metric('TaskDuration') };
}

/** Roll out `replicas` pods at 100× and watch the main thread: long tasks, and busy ms per frame. */
async function rollout(page: Page, replicas: number, log: (line: string) => void): Promise<Record<string, number>> {
  // The default cluster has 3 workers of 110 pods each: add nodes so every replica can run.
  const nodes = Math.ceil(replicas / 100) - 3;
  for (let i = 0; i < nodes; i++) await page.evaluate(() => window.kubelab.addNode({}));
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  await page.evaluate(() => {
    const bench = window.__bench!;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ at: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask' });
    const frame = (): void => {
      bench.frames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  // "After load": monaco and the editor's workers arrive after the first answer; their start-up is not the rollout's.
  await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(2000);
  // The main thread's work and the frames so far; `perFrame` is the ms per frame between two samples.
  const sample = async (): Promise<{ busy: { cpu: number; wall: number }; frames: number }> => ({ busy: await taskMs(session), frames: await page.evaluate(() => window.__bench!.frames) });
  const perFrame = (from: Awaited<ReturnType<typeof sample>>, to: Awaited<ReturnType<typeof sample>>, clock: 'cpu' | 'wall'): number =>
    (to.busy[clock] - from.busy[clock]) / Math.max(1, to.frames - from.frames);
  // The same figure with nothing changing (the clock still ticks at 1×): what a frame costs the page
  // and this benchmark's own frame counter before any pod moves.
  const idle = await sample();
  await page.waitForTimeout(3000);
  const mainThreadMsPerFrameIdle = perFrame(idle, await sample(), 'cpu');
  await page.locator('[data-action="speed"]').selectOption('100');
  const before = await sample();
  const started = performance.now();
  // Long tasks count from here: the budget is the rollout's. Those of the lab's own load (monaco and
  // its workers start after the first answer) are reported apart.
  await page.evaluate(() => void (window.__bench!.rolloutAt = performance.now()));
  log(`web: kubectl create deployment big --replicas=${replicas} at 100× on ${3 + nodes} workers`);
  await kubectl(page, `kubectl create deployment big --image=nginx --replicas=${replicas}`);
  // The cluster stores 1,000 pods at most (system pods included), so the rollout may end a few
  // short: it has ended when no more pods turned Ready for 10 s. Figures stop at the last change.
  let ready = 0;
  let last = { at: performance.now(), ...before };
  while (ready < replicas && performance.now() - last.at < 10_000 && performance.now() - started < 180_000) {
    await page.waitForTimeout(1000);
    const now = Number(await kubectl(page, 'kubectl get deployment big -o jsonpath={.status.readyReplicas}')) || 0;
    if (now !== ready) last = { at: performance.now(), ...(await sample()) };
    ready = now;
  }
  const rolloutMs = last.at - started;
  const { longTasks: all, rolloutAt } = await page.evaluate(() => window.__bench!);
  const longTasks = all.filter((task) => task.at >= rolloutAt!).map((task) => task.ms);
  const loadTasks = all.filter((task) => task.at < rolloutAt!).map((task) => task.ms);
  const list = (tasks: number[]): string => tasks.map((ms) => ms.toFixed(0)).join(' ') || 'none';
  log(`web: ${ready}/${replicas} ready after ${(rolloutMs / 1000).toFixed(1)} s; long tasks ${list(longTasks)}; before it (the editor loading) ${list(loadTasks)}; ${last.frames - before.frames} frames`);
  // A figure, not a test: an unfinished rollout is reported (webRolloutReady), not thrown.
  return {
    webRolloutReady: ready,
    longTaskMaxMs: Math.max(0, ...longTasks),
    longTaskCount: longTasks.length,
    longTaskMaxMsEditorLoad: Math.max(0, ...loadTasks),
    mainThreadMsPerFrame: perFrame(before, last, 'cpu'),
    mainThreadWallMsPerFrame: perFrame(before, last, 'wall'),
    mainThreadMsPerFrameIdle,
    webRolloutMs: rolloutMs,
  };
}

/** Build the lab, open it in Chromium and measure the browser budgets. */
export async function runWebBench(options: WebBenchOptions): Promise<Record<string, number>> {
  const wanted = (key: string): boolean => !options.only || options.only.includes(key);
  const out: Record<string, number> = {};
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-web-bench-'));
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serve>>['server'] | undefined;
  try {
    options.log('web: vite build (minified, as shipped)');
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir: dir, emptyOutDir: true, manifest: true } });
    const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const critical = criticalFiles(manifest);
    if (wanted('criticalJsKb')) out.criticalJsKb = gzipKb(dir, critical);
    // The cluster worker's script (worker/entry.ts): not critical to paint, but the first answer waits for it.
    out.workerJsKb = gzipKb(join(dir, 'assets'), readdirSync(join(dir, 'assets')).filter((f) => /^entry-.*\.js$/.test(f)));
    if (!webKeys.slice(1).some(wanted)) return out;
    const executablePath = findChromium();
    if (!executablePath) throw new Error(installChromium);
    let origin: string;
    ({ server, origin } = await serve(dir));
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx (esbuild, keepNames) wraps functions in `__name(...)`; the page needs the helper for ours.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await page.addInitScript(firstKubectlProbe);
    await page.goto(`${origin}/`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench?.firstKubectl, undefined, { timeout: 120_000, polling: 100 });
    const first = await page.evaluate(() => window.__bench!.firstKubectl!);
    if (!/kube-system\s+coredns-/.test(first.stdout)) throw new Error(`kubectl get pods -A answered:\n${first.stdout}`);
    out.firstKubectlMs = first.ms;
    options.log(`web: first kubectl answer at ${first.ms.toFixed(0)} ms`);
    if (wanted('longTaskMaxMs') || wanted('mainThreadMsPerFrame')) Object.assign(out, await rollout(page, options.replicas ?? 1000, options.log));
    return out;
  } finally {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    rmSync(dir, { recursive: true, force: true });
  }
}
