/**
 * A diagnostic companion of bench/web-bench.ts (not a figure): where the lab's first kubectl answer
 * and its main-thread time go. Builds the lab (or serves `--dir` from an earlier build), then
 *   `--phase first`: prints the page's and the worker's resource timings and the worker's
 *   `performance.mark`s (boot stages) on the page's time line;
 *   `--phase rollout`: profiles the main thread (CDP Profiler) during a 1,000-pod rollout at 100×
 *   and prints its hottest functions and the long tasks.
 * Usage: `npx tsx bench/web-profile.ts --phase first [--dir /tmp/x] [--keep]`; add `--worker-profile
 * [--no-minify] [--worker-profile-out /tmp/w]` for the cluster worker's CPU profile from its first line,
 * `--trace f` for a Chromium trace up to the first answer, `--load-trace f` for one from there until
 * the editor has loaded, and (rollout) `--rollout-trace f` for one of the rollout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Page } from 'playwright';
import { hotSpots, type Profile } from './hot-spots.ts';
import { chromiumArgs, findChromium, installChromium, root, serve } from '../tests/browser/support/lab-build.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const phase = option('--phase') ?? 'first';
const replicas = Number(option('--replicas') ?? 1000);

async function kubectl(page: Page, command: string): Promise<string> {
  return page.evaluate(async (line) => {
    const answer = (await window.kubelab.kubectl({ command: line })) as { stdout?: string; error?: string };
    return answer.stdout ?? answer.error ?? '';
  }, command);
}

/**
 * Attach to every worker the page starts before it runs a line (CDP auto-attach, paused on start),
 * start V8's sampling profiler in it, and return a function that stops the profilers and prints
 * each worker's hottest functions by self and by total time.
 */
async function profileWorkers(page: Page): Promise<(top: number) => Promise<void>> {
  const session = await page.context().newCDPSession(page);
  const sessions: string[] = [];
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1_000_000;
  const send = (sessionId: string, method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  session.on('Target.receivedMessageFromTarget', ({ message }: { message: string }) => {
    const parsed = JSON.parse(message) as { id?: number; result?: unknown };
    if (parsed.id !== undefined) pending.get(parsed.id)?.(parsed.result);
  });
  session.on('Target.attachedToTarget', ({ sessionId, targetInfo }: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    if (targetInfo.type !== 'worker') return;
    sessions.push(sessionId);
    void (async () => {
      await send(sessionId, 'Profiler.enable');
      await send(sessionId, 'Profiler.setSamplingInterval', { interval: 100 });
      await send(sessionId, 'Profiler.start');
      await send(sessionId, 'Runtime.runIfWaitingForDebugger');
    })();
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return async (top) => {
    for (const sessionId of sessions) {
      const { profile } = (await send(sessionId, 'Profiler.stop')) as { profile: Profile };
      const out = option('--worker-profile-out');
      if (out) writeFileSync(`${out}-${sessions.indexOf(sessionId)}.cpuprofile`, JSON.stringify(profile));
      const spots = hotSpots(profile);
      console.log(`worker ${sessionId}: ${profile.samples.length} samples\n   self ms  total ms  function (by self)`);
      for (const s of [...spots].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) console.log(`${s.selfMs.toFixed(0).padStart(9)} ${s.totalMs.toFixed(0).padStart(9)}  ${s.name}`);
      console.log('   self ms  total ms  function (by total)');
      for (const s of [...spots].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) console.log(`${s.selfMs.toFixed(0).padStart(9)} ${s.totalMs.toFixed(0).padStart(9)}  ${s.name}`);
    }
  };
}

const dir = option('--dir') ?? mkdtempSync(join(tmpdir(), 'kubelab-web-profile-'));
if (!option('--dir') || args.includes('--build')) {
  console.error('vite build');
  // `--no-minify`: readable function names in `--worker-profile` (minified builds profile as `a`, `b`…).
  const minify = !args.includes('--no-minify');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir: dir, emptyOutDir: true, minify } });
}
const executablePath = findChromium();
if (!executablePath) throw new Error(installChromium);
const { server, origin } = await serve(dir);
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const marks: string[] = [];
  // The cluster worker (worker/entry.ts): its own resource timings and boot marks, read once the first answer is in.
  const workers: import('playwright').Worker[] = [];
  page.on('worker', (worker) => void workers.push(worker));
  page.on('console', (message) => {
    if (message.text().startsWith('kubelab-mark')) marks.push(message.text());
  });
  await page.addInitScript(() => {
    let api: unknown;
    const w = window as unknown as { __first?: number; __firstOut?: string };
    Object.defineProperty(window, 'kubelab', {
      configurable: true,
      get: () => api,
      set(value: { kubectl: (body: unknown) => Promise<{ stdout?: string }> }) {
        api = value;
        console.log(`kubelab-mark page kubelab-set ${performance.now().toFixed(0)}`);
        void value.kubectl({ command: 'kubectl get pods -A' }).then((answer) => {
          w.__first = performance.now();
          w.__firstOut = answer.stdout;
        });
      },
    });
  });
  // `--worker-profile`: a CPU profile of the cluster worker from its first line (paused at start
  // until the profiler runs), printed as its hottest functions once the first answer is in.
  const workerProfile = args.includes('--worker-profile') ? await profileWorkers(page) : undefined;
  const trace = option('--trace');
  if (trace) await browser.startTracing(page, { path: trace, categories: ['disabled-by-default-v8.cpu_profiler', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'blink', 'loading', 'toplevel'] });
  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __first?: number }).__first, undefined, { timeout: 120_000, polling: 50 });
  const first = await page.evaluate(() => (window as unknown as { __first: number }).__first);
  if (trace) await browser.stopTracing();
  const timings = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => {
    const r = e as PerformanceResourceTiming;
    return `${r.name.replace(/^.*\//, '').padEnd(40)} start ${r.startTime.toFixed(0).padStart(6)} end ${r.responseEnd.toFixed(0).padStart(6)} ${(r.encodedBodySize / 1024).toFixed(0)} KB`;
  }));
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return `domInteractive ${n.domInteractive.toFixed(0)} domContentLoaded ${n.domContentLoadedEventEnd.toFixed(0)} load ${n.loadEventEnd.toFixed(0)}`;
  });
  const origin0 = await page.evaluate(() => performance.timeOrigin);
  for (const worker of workers.filter((w) => /\/entry-[^/]*\.js/.test(w.url()))) {
    const entries = await worker.evaluate(() => [
      ...performance.getEntriesByType('mark').map((e) => ({ name: e.name, at: e.startTime + performance.timeOrigin, end: 0 })),
      ...performance.getEntriesByType('resource').map((e) => ({ name: e.name, at: e.startTime + performance.timeOrigin, end: (e as PerformanceResourceTiming).responseEnd + performance.timeOrigin })),
    ]);
    const workerOrigin = await worker.evaluate(() => performance.timeOrigin);
    marks.push(`kubelab-mark worker time-origin ${Math.round(workerOrigin)}`);
    for (const e of entries) marks.push(`kubelab-mark worker ${e.name.replace(/^.*\//, '')}${e.end ? ` (fetched by ${(e.end - origin0).toFixed(0)})` : ''} ${Math.round(e.at)}`);
  }
  // Worker marks carry absolute times (timeOrigin + now): put them on the page's time line.
  const onPage = marks.map((m) => m.replace(/ (\d{10,})$/, (_all, at: string) => ` ${(Number(at) - origin0).toFixed(0)}`));
  console.log(`first kubectl answer at ${first.toFixed(0)} ms\n${nav}\n${timings.join('\n')}\n${onPage.join('\n')}`);
  if (workerProfile) await workerProfile(Number(option('--top') ?? 40));
  // `--load-trace f`: a trace of what follows the first answer until the editor has loaded (the
  // window of the bench's `longTaskMaxMsEditorLoad`): the lab's first batch, the lesson, monaco.
  const loadTrace = option('--load-trace');
  // As bench/web-bench.ts counts them: long tasks from the first answer until the editor has loaded.
  await page.evaluate(() => {
    const w = window as unknown as { __loadTasks: number[] };
    w.__loadTasks = [];
    new PerformanceObserver((list) => void w.__loadTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask' });
  });
  const editorShown = page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines .view-line') && performance.now(), undefined, { timeout: 120_000, polling: 'raf' });
  if (loadTrace) {
    // `--no-samples`: without V8's sampling profiler, which makes compiling a streamed module dearer.
    const sampling = args.includes('--no-samples') ? [] : ['disabled-by-default-v8.cpu_profiler'];
    await browser.startTracing(page, { path: loadTrace, categories: [...sampling, 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.compile', 'blink', 'toplevel'] });
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2000);
    await browser.stopTracing();
  }
  const shownAt = Number(await (await editorShown).jsonValue());
  await page.waitForTimeout(2000);
  const loadTasks = await page.evaluate(() => (window as unknown as { __loadTasks: number[] }).__loadTasks);
  console.log(`editor shown at ${shownAt.toFixed(0)} ms; long tasks after the first answer: ${loadTasks.map((ms) => ms.toFixed(0)).join(' ') || 'none'}`);
  if (phase === 'rollout') {
    const nodes = Math.ceil(replicas / 100) - 3;
    for (let i = 0; i < nodes; i++) await page.evaluate(() => window.kubelab.addNode({}));
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2000);
    await page.evaluate(() => {
      const w = window as unknown as { __long: { start: number; duration: number }[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__long.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask' });
      // As bench/web-bench.ts does: a frame counter keeps a frame coming at every vsync.
      const frame = (): void => void requestAnimationFrame(frame);
      requestAnimationFrame(frame);
    });
    await page.locator('[data-action="speed"]').selectOption('100');
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 200 });
    await session.send('Profiler.start');
    const rolloutTrace = option('--rollout-trace');
    if (rolloutTrace) await browser.startTracing(page, { path: rolloutTrace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'blink', 'v8', 'toplevel'] });
    const began = await page.evaluate(() => performance.now());
    await kubectl(page, `kubectl create deployment big --image=nginx --replicas=${replicas}`);
    let ready = 0;
    if (rolloutTrace) {
      await page.waitForTimeout(12_000);
      await browser.stopTracing();
    }
    for (let i = 0; i < 60 && ready < replicas - 40; i++) {
      await page.waitForTimeout(1000);
      ready = Number(await kubectl(page, 'kubectl get deployment big -o jsonpath={.status.readyReplicas}')) || 0;
    }
    const { profile } = (await session.send('Profiler.stop')) as { profile: Profile };
    const long = await page.evaluate(() => (window as unknown as { __long: { start: number; duration: number }[] }).__long);
    console.log(`ready ${ready}; long tasks (ms after create): ${long.map((l) => `${(l.start - began).toFixed(0)}:${l.duration.toFixed(0)}`).join(' ')}`);
    console.log('   self ms  total ms  function');
    for (const s of hotSpots(profile).sort((a, b) => b.selfMs - a.selfMs).slice(0, Number(option('--top') ?? 30))) {
      console.log(`${s.selfMs.toFixed(0).padStart(9)} ${s.totalMs.toFixed(0).padStart(9)}  ${s.name}`);
    }
  }
} finally {
  await browser.close();
  server.close();
  if (!option('--dir') && !args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else console.error(`build kept in ${dir}`);
}
