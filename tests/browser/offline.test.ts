/**
 * The offline classroom build (DESIGN.md contract 6): `vite build --mode offline` writes one
 * index.html that a teacher copies to the learners' machines and opens from file://, with no
 * server. In Chromium from file:// it answers kubectl, checks the editor's YAML against the
 * Kubernetes schema (the YAML worker is an inlined blob worker), and asks no host for anything.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium, installChromium, root } from './support/lab-build.ts';

describe('the offline build opened from file://', () => {
  const executablePath = findChromium();
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-offline-'));
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  beforeEach(() => {
    if (!executablePath) throw new Error(installChromium);
  });

  beforeAll(async () => {
    if (!executablePath) return;
    await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'offline', logLevel: 'error', build: { outDir: dir, emptyOutDir: true, minify: false } });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`file://${join(dir, 'index.html')}?playground`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is one file', () => {
    expect(readdirSync(dir).filter((name) => !name.startsWith('.'))).toEqual(['index.html']);
  });

  it('answers kubectl get pods -A, and the system pods come up as time runs', async () => {
    await page.waitForFunction(() => window.kubelab !== undefined, undefined, { timeout: 60_000 });
    const getPods = async (): Promise<string> => ((await page.evaluate(() => window.kubelab.kubectl({ command: 'kubectl get pods -A' }))) as { stdout: string }).stdout;
    expect(await getPods()).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    await expect.poll(getPods, { timeout: 60_000 }).toMatch(/^kube-system\s+coredns-[a-z0-9]+-[a-z0-9]+\s+1\/1\s+Running\s+0\s+/m);
  }, 90_000);

  it('marks an unknown field with the schema of the document\'s kind', async () => {
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: colours, colour: blue}\ndata: {a: one}\n');
    const markers = (): Promise<string[]> => page.evaluate(() => (window.__kubelabTest.markers?.() ?? []).map((m) => `${m.line}: ${m.message}`));
    await expect.poll(markers, { timeout: 30_000 }).toEqual(['3: Property colour is not allowed.']);
  }, 90_000);

  it('asks nothing of any host and throws no page error', () => {
    expect(requests.filter((url) => !/^(file|blob|data):/.test(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
