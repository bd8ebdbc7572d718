/**
 * The learner's work survives in a real browser: the editor's Kubernetes schema (an unknown field
 * is marked, templates are clean), Apply through a dry-run diff into a git commit, a reload that
 * brings back the files and the cluster, a killed worker that comes back with the same cluster,
 * and embed.js on a page of another origin scripting the lab with KubeLab.connect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { buildLab, chromiumArgs, findChromium, installChromium, serve } from './support/lab-build.ts';

type Marker = { file: string; line: number; message: string };

async function kubectl(page: Page, command: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  return page.evaluate((c) => window.kubelab.kubectl({ command: c }), command) as Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

async function markers(page: Page, file: string): Promise<string[]> {
  return page.evaluate((f) => (window.__kubelabTest.markers?.() ?? []).filter((m: Marker) => m.file === f).map((m: Marker) => `${m.line}: ${m.message}`), file);
}

/** The editor's visible text (monaco draws spaces as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

async function openEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 60_000 });
}

describe('the workspace, the cluster journal and the embed API in Chromium', () => {
  let lab: { server: Server; origin: string } | undefined;
  let host: { server: Server; origin: string } | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const executablePath = findChromium();
  beforeEach(() => {
    if (!executablePath) throw new Error(installChromium);
  });

  beforeAll(async () => {
    if (!executablePath) return;
    const dist = await buildLab();
    lab = await serve(dist);
    // A host page on another origin (another port), embedding the lab as a docs site would.
    const labOrigin = lab.origin;
    host = await serve(dist, {
      '/host.html': () => `<!doctype html><title>Docs</title><h1>Docs page</h1><div id="lab" data-kube-lab="playground" data-height="500px"></div><script src="${labOrigin}/embed.js"></script>`,
    });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    context = await browser.newContext();
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${lab.origin}/?workspace=journey&playground`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of [lab, host]) await new Promise((done) => (s ? s.server.close(done) : done(undefined)));
  });

  it('marks an unknown field with the schema of the document\'s kind', async () => {
    await openEditor(page);
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: colours, colour: blue}\ndata: {a: one}\n');
    await expect.poll(() => markers(page, 'app.yaml'), { timeout: 30_000 }).toEqual(['3: Property colour is not allowed.']);
  }, 90_000);

  it('inserts a template in a new tab, valid for the schema', async () => {
    await page.getByRole('combobox', { name: 'Insert a template' }).selectOption('Deployment');
    await expect.poll(() => page.getByRole('tab', { name: 'deployment.yaml' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => editorText(page)).toContain('kind: Deployment');
    // Give the YAML worker time to validate, then expect no marker at all.
    await expect.poll(() => page.evaluate(() => (window.__kubelabTest.markers?.() ?? []).length), { timeout: 10_000 }).toBe(1);
    expect(await markers(page, 'deployment.yaml')).toEqual([]);
  });

  it('applies through a dry-run diff, commits, and keeps files and cluster over a reload', async () => {
    await page.getByRole('button', { name: 'Apply this file (Ctrl+S or Ctrl+Enter)' }).click();
    const diff = page.locator('[data-preview] .diff');
    await expect.poll(() => diff.innerText(), { timeout: 15_000 }).toContain('+  replicas: 3');
    expect(await diff.innerText()).toMatch(/^--- live\/deployments\.apps\/web\n\+\+\+ deployment\.yaml\/deployments\.apps\/web\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1/);
    await page.getByRole('button', { name: 'Apply now' }).click();
    await expect.poll(() => page.locator('.xterm-rows').innerText(), { timeout: 15_000 }).toContain('deployment.apps/web created');
    await page.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => page.locator('[data-history] li').allInnerTexts()).toEqual([expect.stringContaining('apply deployment.yaml'), expect.stringContaining('start')]);
    await expect.poll(async () => (await kubectl(page, 'kubectl get deployment web -o jsonpath={.status.readyReplicas}')).stdout, { timeout: 30_000 }).toBe('3');
    const pods = (await kubectl(page, 'kubectl get pods -o name')).stdout;

    await page.reload();
    await expect.poll(() => page.locator('[data-notice]').innerText(), { timeout: 60_000 }).toBe('The cluster was restored.');
    expect((await kubectl(page, 'kubectl get pods -o name')).stdout).toBe(pods);
    await openEditor(page);
    expect(await page.getByRole('tablist', { name: 'Editor' }).getByRole('tab').allInnerTexts()).toEqual(['app.yaml', 'deployment.yaml']);
    await page.getByRole('tab', { name: 'app.yaml' }).click();
    await expect.poll(() => editorText(page)).toContain('colour: blue');
  }, 120_000);

  it('restores the same cluster after the worker dies', async () => {
    await kubectl(page, 'kubectl scale deployment web --replicas=4');
    await expect.poll(async () => (await kubectl(page, 'kubectl get deployment web -o jsonpath={.status.readyReplicas}')).stdout, { timeout: 30_000 }).toBe('4');
    const pods = (await kubectl(page, 'kubectl get pods -o name')).stdout;
    await expect.poll(() => page.locator('[data-notice]').count(), { timeout: 10_000 }).toBe(0); // the reload's notice has gone
    await page.evaluate(() => window.__kubelabTest.killWorker?.());
    // The watchdog notices the silence, starts a new worker and replays the journal.
    await expect.poll(() => page.locator('[data-notice]').count(), { timeout: 30_000 }).toBe(1);
    expect((await kubectl(page, 'kubectl get pods -o name')).stdout).toBe(pods);
  }, 60_000);

  it('is scripted from a page of another origin through embed.js and KubeLab.connect', async () => {
    await page.close(); // its cluster keeps running otherwise: two cores serve the embedded one
    const docs = await context.newPage();
    docs.on('pageerror', (error) => pageErrors.push(error.message));
    await docs.goto(`${host!.origin}/host.html`);
    const answer = await docs.evaluate(async () => {
      const labApi = (window as unknown as { KubeLab: { connect(e: Element): Record<string, (p?: unknown) => Promise<unknown>> & { ready: Promise<void> } } }).KubeLab.connect(document.getElementById('lab')!);
      await labApi.ready;
      const status = await labApi.status();
      const nodes = await labApi.kubectl({ command: 'kubectl get nodes -o name' });
      const failed = await labApi.failNode({ name: 'node-9' }).catch((e: Error) => `rejected: ${e.message}`);
      return { status, nodes, failed };
    });
    expect(answer).toEqual({
      status: expect.objectContaining({ nodes: 4, seed: 1 }),
      nodes: { stdout: 'node/control-plane\nnode/node-1\nnode/node-2\nnode/node-3\n', stderr: '', exitCode: 0 },
      failed: { error: 'node "node-9" not found' },
    });
    expect(await docs.locator('iframe[data-kube-lab-frame]').getAttribute('src')).toBe(`${lab!.origin}/index.html#playground&embed=${encodeURIComponent(host!.origin)}`);
    await docs.close();
  }, 90_000);

  it('throws no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
