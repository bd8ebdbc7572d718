/**
 * A lesson started while the page is open brings its starting files: window.kubelab.startLesson
 * switches the editor to the new lesson's files, the learner's edits to the first lesson's are
 * committed first (the history shows them), a reload keeps the switch, and "Start over" puts the
 * lesson's starting files back, committing the learner's again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { root } from './support/lab-build.ts';
import { useLabBrowser } from './support/lab-page.ts';

const kibanaYaml = readFileSync(join(root, 'lessons/04-efk/files/kibana.yaml'), 'utf8');

/** The editor's visible text (monaco draws spaces as no-break spaces). */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

const tabs = (page: Page): Promise<string[]> => page.getByRole('tablist', { name: 'Editor' }).getByRole('tab').allInnerTexts();

/** The history's commit messages, newest first. */
const history = (page: Page): Promise<string[]> => page.locator('[data-history] li [data-message]').allInnerTexts();

/** Put a line at the top of the open file, as a learner types it. */
async function typeAtTop(page: Page, line: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText(`${line}\n`);
}

describe('a lesson switched in the open page brings its files', () => {
  const lab = useLabBrowser();
  const pageErrors = lab.pageErrors;
  let page: Page;

  beforeAll(async () => {
    page = await lab.open('/?lesson=apply&workspace=switching', { context: true });
    page.on('dialog', (dialog) => void dialog.accept()); // "Start over" asks first
  }, 300_000);

  it('shows the new lesson\'s files after window.kubelab.startLesson, and the first lesson\'s edit in the history', async () => {
    await expect.poll(() => tabs(page), { timeout: 90_000 }).toEqual(['web.yaml']);
    await expect.poll(() => editorText(page), { timeout: 30_000 }).toContain('kind: Deployment');
    await typeAtTop(page, '# my notes on apply');
    await expect.poll(() => editorText(page)).toContain('# my notes on apply');

    expect(await page.evaluate(() => window.kubelab.startLesson({ id: 'efk' }))).toMatchObject({ lesson: 'efk' });
    await expect.poll(() => tabs(page), { timeout: 30_000 }).toEqual(['elasticsearch.yaml', 'fluentd.yaml', 'kibana.yaml']);
    await expect.poll(() => editorText(page)).not.toContain('# my notes on apply');
    expect(await page.locator('[data-lesson-panel] [data-action="lesson-picker"]').inputValue()).toBe('efk');

    await page.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => history(page)).toEqual(['start lesson efk', 'save files of lesson apply', 'start']);
    await page.locator('[data-history] li button', { hasText: 'save files of lesson apply' }).click();
    await expect.poll(() => page.locator('[data-history] .diff').innerText()).toContain('+# my notes on apply');
    expect(await page.locator('[data-history] h4').allInnerTexts()).toEqual([expect.stringMatching(/^web\.yaml/)]);
    await page.getByRole('button', { name: 'Close' }).click();
  }, 180_000);

  it('keeps the new lesson\'s files over a reload', async () => {
    await page.reload();
    await expect.poll(() => page.locator('[data-lesson-panel] [data-action="lesson-picker"]').inputValue().catch(() => ''), { timeout: 90_000 }).toBe('efk');
    await expect.poll(() => tabs(page), { timeout: 90_000 }).toEqual(['elasticsearch.yaml', 'fluentd.yaml', 'kibana.yaml']);
    await page.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => history(page)).toEqual(['start lesson efk', 'save files of lesson apply', 'start']);
    await page.getByRole('button', { name: 'Close' }).click();
  }, 180_000);

  it('"Start over" puts the lesson\'s starting files back and commits the learner\'s first', async () => {
    await page.getByRole('tab', { name: 'kibana.yaml' }).click();
    await expect.poll(() => editorText(page)).toContain('name: kibana');
    await typeAtTop(page, '# my kibana');
    await expect.poll(() => editorText(page)).toContain('# my kibana');
    await page.locator('[data-action="start-over"]').click();
    // The starting file itself, not the empty editor between the old model and the new one.
    const startingFile = async (): Promise<boolean> => {
      const text = await editorText(page);
      return text.startsWith(kibanaYaml.split('\n')[0]) && !text.includes('# my kibana');
    };
    await expect.poll(startingFile, { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => history(page)).toEqual(['start lesson efk', 'save files of lesson efk', 'start lesson efk', 'save files of lesson apply', 'start']);
  }, 120_000);

  it('throws no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
