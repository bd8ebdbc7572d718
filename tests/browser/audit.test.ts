/**
 * The audit log view in a real browser: a request refused by RBAC (`kubectl --as=jane get pods`)
 * shows up in the Audit log tab as the API server recorded it — user jane, verb list, code 403 and
 * the Forbidden message — reached from the keyboard and read as a table with headers.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { typeInTerminal, useLabBrowser } from './support/lab-page.ts';

/** The audit table as a screen reader reads it: the column headers, and each row's cells. */
function readTable(page: Page): Promise<{ headers: string[]; rows: string[][] }> {
  return page.getByRole('table').evaluate((table) => ({
    headers: [...table.querySelectorAll('thead th[scope="col"]')].map((th) => th.textContent?.trim() ?? ''),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? '')),
  }));
}

const forbidden = 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"';

describe('the audit log view in Chromium', () => {
  const lab = useLabBrowser();
  const pageErrors = lab.pageErrors;

  it('shows jane\'s Forbidden list of pods, newest first, and filters by user and verb', async () => {
    const page = await lab.open('/?playground');
    await page.locator('.xterm-rows').waitFor();
    // The terminal wraps the long message; the table below holds it whole.
    await typeInTerminal(page, 'kubectl --as=jane get pods');
    await expect.poll(() => page.locator('.xterm-rows').innerText(), { timeout: 60_000 }).toContain('Error from server (Forbidden): pods is forbidden');

    // The tabs are reachable from the keyboard: focus the selected tab, then the arrow key.
    await page.getByRole('tab', { name: 'Cluster' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Audit log' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Audit log');

    const janeRow = ['jane (impersonated by kubernetes-admin)', 'list', 'pods', 'default', '403', forbidden];
    await expect.poll(async () => (await readTable(page)).rows.map((r) => r.slice(1)), { timeout: 20_000 }).toContainEqual(janeRow);
    const table = await readTable(page);
    expect(table.headers).toEqual(['Time', 'User', 'Verb', 'Resource', 'Namespace/Name', 'Code', 'Reason']);
    expect(await page.getByRole('table').locator('caption').innerText()).toBe('API requests to the cluster, newest first');
    // Newest first: the times never increase down the table.
    const times = await page.locator('[data-audit-row] time').evaluateAll((items) => items.map((t) => t.getAttribute('datetime') ?? ''));
    expect(times.length).toBeGreaterThan(1);
    expect([...times].sort().reverse()).toEqual(times);

    await page.locator('[data-audit-filter="user"]').selectOption('jane');
    await page.locator('[data-audit-filter="verb"]').selectOption('list');
    await expect.poll(async () => (await readTable(page)).rows.map((r) => r.slice(1)), { timeout: 10_000 }).toEqual([janeRow]);
    expect(await page.locator('[data-audit-count]').innerText()).toBe('Newest 1 of 1 requests');

    // A later refused request appears on its own (the view refreshes while shown), above the first.
    await page.evaluate(() => window.kubelab.kubectl({ command: 'kubectl --as=jane get pods -n kube-system' }));
    await expect.poll(async () => (await readTable(page)).rows.map((r) => r[5]), { timeout: 10_000 }).toEqual(['403', '403']);
    expect((await readTable(page)).rows[0][6]).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "kube-system"');
    await page.close();
  }, 180_000);

  it('speaks Chinese with ?lang=zh-CN', async () => {
    const page = await lab.open('/?playground&lang=zh-CN');
    await page.getByRole('tab', { name: '审计日志' }).click();
    await expect.poll(async () => (await readTable(page).catch(() => ({ headers: [] }))).headers, { timeout: 60_000 })
      .toEqual(['时间', '用户', '动作', '资源', '命名空间/名称', '状态码', '原因']);
    // In a narrow pane the filters wrap whole: each label on one line, inside the pane.
    await page.setViewportSize({ width: 760, height: 700 });
    const filters = await page.locator('[data-audit-log] header label').evaluateAll((labels) => {
      const pane = labels[0].closest('section')!.getBoundingClientRect();
      return labels.map((label) => {
        const box = label.getBoundingClientRect();
        return { text: label.textContent?.trim(), inside: box.left >= pane.left && box.right <= pane.right + 1, oneLine: box.height < 32 };
      });
    });
    expect(filters).toEqual(['用户', '动作', '隐藏系统组件'].map((text) => ({ text: expect.stringContaining(text), inside: true, oneLine: true })));
    await page.close();
  }, 120_000);

  it('throws no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
