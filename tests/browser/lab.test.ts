/**
 * The lab in a real browser: build it with Vite, serve dist over HTTP on a free port, and drive
 * Debian's Chromium with Playwright — the terminal, the cluster view, the editor, window.kubelab
 * and the Chinese strings. Without Chromium the test fails with the install command (never skips).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { terminalText, typeInTerminal, useLabBrowser } from './support/lab-page.ts';

describe('the lab in Chromium', () => {
  const lab = useLabBrowser();
  let page: Page;

  beforeAll(async () => {
    if (lab.browser) page = await lab.open('/?playground'); // lessons: tests/browser/lessons.test.ts
  }, 120_000);

  it('prints the 4 nodes for kubectl get nodes typed in the terminal', async () => {
    await page.locator('.xterm-rows').waitFor();
    await typeInTerminal(page, 'kubectl get nodes');
    // The worker builds the cluster first: seconds on a loaded 2-core machine.
    await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/node-3\s+Ready/);
    const rows = (await terminalText(page)).split('\n').filter((line) => /^\S+\s+Ready\s/.test(line)).map((line) => line.split(/\s+/)[0]);
    expect(rows).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
  }, 90_000);

  it('completes on Tab, and lets the keyboard leave the terminal with Escape then Tab', async () => {
    const inTerminal = (): Promise<boolean> => page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false);
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('kubectl versio');
    try {
      await page.keyboard.press('Tab');
      await expect.poll(() => terminalText(page), { timeout: 10_000 }).toMatch(/\$ kubectl version\s*$/m);
      expect(await inTerminal()).toBe(true);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      expect(await inTerminal()).toBe(false);
    } finally {
      // Back in, Ctrl-C drops the half-typed line for the tests that follow.
      await page.locator('.xterm-helper-textarea').focus();
      await page.keyboard.press('Control+C');
    }
  });

  it('fits the terminal to its pane, and again after the panes are resized', async () => {
    // How much of the terminal's pane its screen leaves unused: less than a cell, the scrollbar and the padding.
    const fit = (): Promise<{ width: number; spareWidth: number; spareHeight: number }> => page.evaluate(() => {
      const host = document.querySelector('.xterm-host')!.getBoundingClientRect();
      const screen = document.querySelector('.xterm-screen')!.getBoundingClientRect();
      return { width: Math.round(screen.width), spareWidth: Math.round(host.width - screen.width), spareHeight: Math.round(host.height - screen.height) };
    });
    const fitted = (f: { spareWidth: number; spareHeight: number }): boolean => f.spareWidth >= 0 && f.spareWidth < 40 && f.spareHeight >= 0 && f.spareHeight < 30;
    await expect.poll(async () => fitted(await fit()), { timeout: 10_000 }).toBe(true);
    const before = await fit();
    await page.locator('[role="separator"][aria-orientation="vertical"]').first().focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await fit()).width, { timeout: 10_000 }).toBeLessThan(before.width - 100);
    await expect.poll(async () => fitted(await fit()), { timeout: 10_000 }).toBe(true);
    await typeInTerminal(page, 'kubectl get namespace kube-system');
    await expect.poll(() => terminalText(page), { timeout: 10_000 }).toMatch(/kube-system\s+Active/);
    await page.locator('[role="separator"][aria-orientation="vertical"]').first().focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  });

  it('shows the 3 pods of a new deployment turning Running in the cluster view', async () => {
    await typeInTerminal(page, 'kubectl create deployment web --image=nginx --replicas=3');
    await expect.poll(() => terminalText(page), { timeout: 10_000 }).toContain('deployment.apps/web created');
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
    const running = page.locator('[data-node] [data-pod^="web-"][data-status="Running"]');
    await expect.poll(() => running.count(), { timeout: 20_000 }).toBe(3);
    expect(await page.locator('[data-pod^="web-"]').count()).toBe(3);
  });

  it('draws a crowded node\'s pods as squares, opens one on a click, and names them when asked', async () => {
    // 130 replicas on 3 workers: more than 12 on every worker.
    await typeInTerminal(page, 'kubectl create deployment many --image=nginx --replicas=130');
    const crowded = page.locator('[data-node^="node-"]:has([data-action="name-pods"])').first();
    await expect.poll(() => crowded.count(), { timeout: 30_000 }).toBe(1);
    // Held by name: once named, the card no longer matches `:has(name-pods)`.
    const node = (await crowded.getAttribute('data-node'))!;
    const card = page.locator(`[data-node="${node}"]`);
    // The node's pods in the namespace shown, as the API lists them (namespace, then name).
    const onNode = async (): Promise<string[]> => {
      const answer = await page.evaluate((name) => window.kubelab.kubectl({ command: `kubectl get pods --field-selector spec.nodeName=${name} -o name` }), node);
      return (answer as { stdout: string }).stdout.split('\n').filter(Boolean).map((line) => line.replace('pod/', ''));
    };
    // What the squares say to a screen reader: how many, and their STATUS.
    const grid = card.getByRole('img');
    await expect.poll(async () => {
      const pods = await onNode();
      return (await grid.getAttribute('aria-label')) === `${pods.length} pods: ${pods.length} Running`;
    }, { timeout: 30_000 }).toBe(true);
    const pods = await onNode();
    expect(pods.length).toBeGreaterThan(12);
    // The first square is the first pod: a click opens its details.
    await card.locator('canvas').click({ position: { x: 6, y: 6 } });
    await expect.poll(() => page.locator('.detail pre').innerText(), { timeout: 10_000 }).toContain(`name: ${pods[0]}`);
    // The buttons are the keyboard's way to the names: Enter tests that path, and does not depend on
    // where a pointer lands at the foot of a long list (a click there once missed in CI, under load).
    await card.locator('[data-action="name-pods"]').press('Enter');
    await expect.poll(() => card.locator('[data-pod]').count(), { timeout: 10_000 }).toBe(pods.length);
    expect(await card.locator('canvas').count()).toBe(0);
    await card.locator('[data-action="dot-pods"]').press('Enter');
    await expect.poll(() => card.locator('canvas').count(), { timeout: 10_000 }).toBe(1);
    expect(await card.locator('[data-pod]').count()).toBe(0);
    await typeInTerminal(page, 'kubectl delete deployment many');
    await expect.poll(() => terminalText(page), { timeout: 10_000 }).toContain('deployment.apps "many" deleted');
  });

  it('explains a clicked pod with its YAML', async () => {
    await page.locator('[data-pod^="web-"]').first().click();
    await expect.poll(() => page.locator('.detail pre').innerText(), { timeout: 10_000 }).toContain('kind: Pod');
    await page.getByRole('tab', { name: 'Scheduling' }).click();
    await expect.poll(() => page.locator('.placement').innerText(), { timeout: 10_000 }).toMatch(/Placed on node-\d/);
    // Describe ends with the Events, the learner's "why": the panel opens at its end, below the
    // nodes at the pane's full width when the pane is narrow (here half of a 1280 px page).
    await page.getByRole('tab', { name: 'Describe' }).click();
    const describe = page.locator('.detail pre');
    await expect.poll(() => describe.innerText(), { timeout: 10_000 }).toMatch(/Events:\n[\s\S]*Started +\S+ +kubelet +Started container/);
    const layout = await page.evaluate(() => {
      const box = (selector: string): DOMRect => document.querySelector(selector)!.getBoundingClientRect();
      const pre = document.querySelector('.detail pre')!;
      return {
        below: box('.detail').top >= box('.nodes').bottom - 1,
        fullWidth: Math.abs(box('.detail').width - box('.cluster').width) < 2,
        atEnd: pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 2,
        noSideways: pre.scrollWidth <= pre.clientWidth,
      };
    });
    expect(layout).toEqual({ below: true, fullWidth: true, atEnd: true, noSideways: true });
    // The panel is a snapshot; its refresh button reads the pod again.
    await page.getByRole('tab', { name: 'YAML', exact: true }).click();
    const name = (await page.locator('.detail h3').innerText()).replace('pod/', '');
    await page.evaluate((pod) => window.kubelab.kubectl({ command: `kubectl label pod ${pod} checked=yes` }), name);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => describe.innerText(), { timeout: 10_000 }).toContain('checked: "yes"');
    // Escape, with the focus in the panel, closes it.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.detail').count()).toBe(0);
  });

  it('opens a pod in trouble on the view that says why', async () => {
    const run = (command: string): Promise<unknown> => page.evaluate((line) => window.kubelab.kubectl({ command: line }), command);
    // No node has 64 CPUs: the pod opens on the scheduler's record of why it is Pending.
    await run(`kubectl run hog --image=nginx --overrides='{"spec":{"containers":[{"name":"hog","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}'`);
    await page.locator('[data-pod="hog"]').click({ timeout: 20_000 });
    await expect.poll(() => page.getByRole('tab', { name: 'Scheduling' }).getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => page.locator('.placement').innerText(), { timeout: 10_000 }).toContain('Insufficient cpu');
    // An image that cannot be pulled: describe, at its Events.
    await run('kubectl run typo --image=nginx:doesnotexist');
    await expect.poll(() => page.locator('[data-pod="typo"]').getAttribute('data-status'), { timeout: 20_000 }).toMatch(/ErrImagePull|ImagePullBackOff/);
    await page.locator('[data-pod="typo"]').click();
    expect(await page.getByRole('tab', { name: 'Describe' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('.detail pre').innerText(), { timeout: 10_000 }).toMatch(/Events:[\s\S]*Failed to pull image "nginx:doesnotexist"/);
    await page.keyboard.press('Escape');
    await run('kubectl delete pod hog typo');
  });

  it('applies the editor text with kubectl apply', async () => {
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    // A file the API server refuses: the preview says so in words, and Enter cancels rather than applies.
    await page.keyboard.insertText('apiVersion: v1\nkind: ConfigMap\ndata: {a: [1]}\nmetadata: {name: refused}\n');
    await page.getByRole('button', { name: 'Apply this file (Ctrl+S or Ctrl+Enter)' }).click();
    await expect.poll(() => page.locator('[data-preview] [role="alert"]').innerText(), { timeout: 10_000 })
      .toBe('The API server refused this in the dry run, so Apply would fail too. Read the error below, fix the file, then Apply again.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('apply-cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-preview]').count()).toBe(0);
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    // No indented lines: the editor keeps a line's indentation on Enter, as a learner would see.
    await page.keyboard.insertText('apiVersion: v1\nkind: ConfigMap\ndata: {a: one}\nmetadata: {name: from-editor}\n');
    await page.getByRole('button', { name: 'Apply this file (Ctrl+S or Ctrl+Enter)' }).click();
    // First the dry-run diff, then Apply for real.
    await expect.poll(() => page.locator('[data-preview] .diff').innerText(), { timeout: 10_000 }).toContain('+kind: ConfigMap');
    await page.getByRole('button', { name: 'Apply now' }).click();
    await expect.poll(() => terminalText(page), { timeout: 10_000 }).toContain('configmap/from-editor created');
    const answer = await page.evaluate(() => window.kubelab.kubectl({ command: 'kubectl get configmap from-editor -o jsonpath={.data.a}' }));
    expect(answer).toEqual({ stdout: 'one', stderr: '', exitCode: 0 });
  });

  it('answers window.kubelab.status and reports errors as JSON', async () => {
    const status = await page.evaluate(() => window.kubelab.status());
    expect(status).toMatchObject({ nodes: 4, seed: 1, clock: 'real', lesson: null });
    expect((status as { pods: number }).pods).toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => window.kubelab.failNode({ name: 'node-9' }))).toEqual({ error: 'node "node-9" not found' });
  });

  it('speaks Chinese with ?lang=zh-CN', async () => {
    // The first page's cluster keeps running at 10×: close it so two cores serve this one.
    await page.close();
    const zh = await lab.open('/?lang=zh-CN&playground', { waitUntil: 'domcontentloaded' });
    await expect.poll(() => zh.getByRole('button', { name: '应用此文件（Ctrl+S 或 Ctrl+Enter）' }).innerText(), { timeout: 20_000 }).toBe('应用');
    expect(await zh.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining(['编辑器', '终端', '集群']));
    expect(await zh.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect.poll(() => terminalText(zh), { timeout: 10_000 }).toContain('Kubelab：一个模拟的 Kubernetes v1.32 集群。试试：kubectl get nodes');
    await zh.getByRole('combobox', { name: '语言' }).selectOption('en');
    expect(await zh.getByRole('button', { name: 'Apply this file (Ctrl+S or Ctrl+Enter)' }).innerText()).toBe('Apply');
    expect(await zh.locator('.xterm-helper-textarea').getAttribute('aria-label')).toBe('kubectl terminal');
    const theme = await zh.evaluate(() => document.documentElement.dataset.theme);
    const terminalColour = (): Promise<string> => zh.evaluate(() => getComputedStyle(document.querySelector('.xterm-rows')!).color);
    const before = await terminalColour();
    // monaco marks its editor with the theme's class.
    const editorTheme = (): Promise<string> => zh.evaluate(() => (document.querySelector('.monaco-editor')?.classList.contains('vs-dark') ? 'dark' : 'light'));
    await zh.locator('.monaco-editor .view-lines').waitFor({ timeout: 60_000 });
    expect(await editorTheme()).toBe(theme);
    await zh.getByRole('button', { name: 'Theme' }).click();
    expect(await zh.evaluate(() => document.documentElement.dataset.theme)).toBe(theme === 'dark' ? 'light' : 'dark');
    // The terminal and the editor follow the switch too (the terminal's text colour comes from its xterm theme).
    await expect.poll(terminalColour, { timeout: 5_000 }).not.toBe(before);
    await expect.poll(editorTheme, { timeout: 5_000 }).toBe(theme === 'dark' ? 'light' : 'dark');
    await zh.close();
  });

  it('answers a kubectl get sent before the cluster is built as the built lab does', async () => {
    const context = await lab.browser.newContext();
    // Sent the moment window.kubelab appears, as an embedder or the web bench would.
    await context.addInitScript(() => {
      let api: unknown;
      Object.defineProperty(window, 'kubelab', {
        configurable: true,
        get: () => api,
        set(value: { kubectl: (body: unknown) => Promise<unknown> }) {
          api = value;
          (window as unknown as { early: Promise<unknown> }).early = value.kubectl({ command: 'kubectl get pods -A' });
        },
      });
    });
    const first = await context.newPage();
    const logged: string[] = [];
    first.on('console', (message) => logged.push(`${message.type()}: ${message.text()}`));
    await first.goto(`${lab.origin}/`);
    await first.waitForFunction(() => 'early' in window, undefined, { timeout: 60_000 });
    const early = await first.evaluate(() => (window as unknown as { early: Promise<{ stdout: string }> }).early);
    // The lab's first state: every system pod listed, all of age 0s, before any controller time ran.
    expect(early.stdout).toMatch(/^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE\n/);
    expect(early.stdout).toMatch(/\nkube-system +coredns-\S+ +0\/1 +ContainerCreating +0 +0s\n/);
    const worker = first.workers()[0];
    expect(await worker.evaluate(() => performance.getEntriesByName('kubelab:first-answer').length)).toBe(1);
    // Once built, the lab runs the read again in its place and logs an error if its answer differs
    // (worker/lab-front.ts): only the probe, logged after, shows that the worker's errors reach us.
    await expect.poll(() => worker.evaluate(() => performance.getEntriesByName('kubelab:lab-service-ready').length), { timeout: 60_000 }).toBe(1);
    expect(await first.evaluate(() => window.kubelab.kubectl({ command: 'kubectl get pods -A -o name' }))).toMatchObject({ exitCode: 0 });
    await worker.evaluate(() => console.error('kubelab: probe'));
    await expect.poll(() => logged.filter((line) => line.startsWith('error: kubelab:'))).toEqual(['error: kubelab: probe']);
    await context.close();
  }, 90_000);

  it('asks nothing of any host but its own and throws no page error', () => {
    const foreign = lab.requests.filter((url) => !url.startsWith(`${lab.origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));
    expect({ foreign, pageErrors: lab.pageErrors }).toEqual({ foreign: [], pageErrors: [] });
  });
});
