/**
 * The lesson panel of an embedded lab in a real browser (issues #4 and #6's lesson bugs): an
 * embedder's `startLesson` switches the panel at once, and a reload of a completed lesson does not
 * send `lesson-complete` to the embedding page a second time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { root, useEmbedFixture } from './support/lab-build.ts';

const webYaml = readFileSync(join(root, 'lessons/01-apply/files/web.yaml'), 'utf8');

/** Connect to the embedded lab and keep every event it announces in `window.labEvents`; resolves once it is ready. */
function connect(docs: Page): Promise<void> {
  return docs.evaluate(async () => {
    type Lab = Record<string, (p?: unknown) => Promise<unknown>> & { ready: Promise<void>; on(event: string, listener: (e: unknown) => void): void };
    const w = window as unknown as { KubeLab: { connect(e: Element): Lab }; lab: Lab; labEvents: { event: string; lesson: string; passed: number }[] };
    w.lab = w.KubeLab.connect(document.getElementById('lab')!);
    w.labEvents = [];
    for (const name of ['check', 'lesson-complete']) {
      w.lab.on(name, (e) => {
        const { event, lesson, checks } = e as { event: string; lesson: string; checks: { passed: boolean }[] };
        w.labEvents.push({ event, lesson, passed: checks.filter((c) => c.passed).length });
      });
    }
    await w.lab.ready;
  });
}

const events = (docs: Page): Promise<{ event: string; lesson: string; passed: number }[]> =>
  docs.evaluate(() => (window as unknown as { labEvents: { event: string; lesson: string; passed: number }[] }).labEvents);

describe('an embedded lesson in Chromium', () => {
  const fixture = useEmbedFixture('700px');
  const pageErrors: string[] = [];

  it('switches the lesson panel as soon as the embedder\'s startLesson answers', async () => {
    const docs = await fixture.browser.newPage();
    docs.on('pageerror', (error) => pageErrors.push(error.message));
    await docs.goto(`${fixture.host.origin}/host.html`);
    const frame = docs.frameLocator('iframe[data-kube-lab-frame]');
    await connect(docs);
    await expect.poll(() => frame.locator('[data-lesson-body] h1').innerText().catch(() => ''), { timeout: 60_000 }).toBe('Deploy an app with kubectl apply');

    const started = await docs.evaluate(() => (window as unknown as { lab: Record<string, (p?: unknown) => Promise<unknown>> }).lab.startLesson({ id: 'scale' }));
    expect(started).toMatchObject({ lesson: 'scale' });
    // At once: the panel's lesson changed before the answer reached the host (no poll).
    expect(await frame.locator('[data-lesson-panel] [data-action="lesson-picker"]').inputValue()).toBe('scale');
    expect(await frame.locator('[data-lesson-body] h1').innerText().catch(() => '')).not.toBe('Deploy an app with kubectl apply');
    await expect.poll(() => frame.locator('[data-lesson-body] h1').innerText().catch(() => ''), { timeout: 10_000 }).toMatch(/scale/i);
    // A reload keeps the lesson the embedder started, on the same workspace's cluster.
    const address = new URL(await frame.locator('html').evaluate(() => location.href));
    expect(new URLSearchParams(address.hash.slice(1)).get('lesson')).toBe('scale');
    expect(new URLSearchParams(address.hash.slice(1)).get('workspace')).toBe('apply');
    await docs.close();
  }, 180_000);

  it('sends lesson-complete once: not again after a reload of the completed lesson', async () => {
    const docs = await fixture.browser.newPage();
    docs.on('pageerror', (error) => pageErrors.push(error.message));
    await docs.goto(`${fixture.host.origin}/host.html`);
    await connect(docs);
    await docs.evaluate(async (files) => {
      const labApi = (window as unknown as { lab: Record<string, (p?: unknown) => Promise<unknown>> }).lab;
      await labApi.kubectl({ command: 'kubectl apply -f web.yaml', files });
      await labApi.advance({ seconds: 60 });
    }, { 'web.yaml': webYaml });
    await expect.poll(async () => (await events(docs)).filter((e) => e.event === 'lesson-complete'), { timeout: 30_000 })
      .toEqual([{ event: 'lesson-complete', lesson: 'apply', passed: 4 }]);

    await docs.reload();
    await connect(docs);
    const frame = docs.frameLocator('iframe[data-kube-lab-frame]');
    // The restored cluster is graded complete again: the panel says so, the embedder hears the checks only.
    await expect.poll(() => frame.locator('[data-checks-summary]').innerText().catch(() => ''), { timeout: 60_000 }).toBe('Lesson complete: every check passes.');
    await expect.poll(async () => (await events(docs)).some((e) => e.event === 'check' && e.passed === 4), { timeout: 20_000 }).toBe(true);
    // lesson-complete would follow its check within the same grading; give the messages time to arrive.
    await docs.waitForTimeout(1500);
    expect((await events(docs)).filter((e) => e.event === 'lesson-complete')).toEqual([]);

    // Starting over makes a new completion, which is announced.
    await docs.evaluate(async (files) => {
      const labApi = (window as unknown as { lab: Record<string, (p?: unknown) => Promise<unknown>> }).lab;
      await labApi.startLesson({ id: 'apply' });
      await labApi.kubectl({ command: 'kubectl apply -f web.yaml', files });
      await labApi.advance({ seconds: 60 });
    }, { 'web.yaml': webYaml });
    await expect.poll(async () => (await events(docs)).filter((e) => e.event === 'lesson-complete').length, { timeout: 30_000 }).toBe(1);
    await docs.close();
  }, 240_000);

  it('throws no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
