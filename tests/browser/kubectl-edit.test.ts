/**
 * `kubectl edit` typed in the lab's terminal, in a real browser: the buffer opens as its own
 * editor tab named like kubectl's temporary file, the terminal waits without printing, "Save and
 * apply" (or Ctrl+S) hands the text to kubectl, an invalid save reopens with kubectl's error
 * header, Cancel and Ctrl-C end the command, and the learner's workspace never holds the file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { terminalText, typeInTerminal, useLabBrowser } from './support/lab-page.ts';

/** The text of the kubectl edit tab, as changed so far. */
async function editText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.__kubelabTest.kubectlEditText?.());
}

/**
 * Change text in the open tab as a learner would, by keyboard: from the top, find it (Ctrl+F
 * selects the first match), close the find box, type over the selection.
 */
async function replaceInEditor(page: Page, find: string, replacement: string): Promise<void> {
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type(find); // the find box selects the first match after the cursor as it is typed
  await page.keyboard.press('Escape');
  await page.keyboard.type(replacement);
}

/** Count of the terminal's occurrences of `text` (the terminal keeps scrollback). */
async function occurrences(page: Page, text: string): Promise<number> {
  return (await terminalText(page)).split(text).length - 1;
}

describe('kubectl edit from the lab\'s terminal, in Chromium', () => {
  const lab = useLabBrowser();
  const pageErrors = lab.pageErrors;
  let page: Page;

  beforeAll(async () => {
    page = await lab.open('/?workspace=kubectl-edit&playground', { withStack: true });
    await page.locator('.xterm-rows').waitFor();
    await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 60_000 });
  }, 300_000);

  it('opens the Deployment in its own tab, reopens an invalid save with the error, and applies the fix', async () => {
    const workspaceTabs = await page.getByRole('tablist', { name: 'Editor' }).getByRole('tab').allInnerTexts();
    await typeInTerminal(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await expect.poll(() => terminalText(page), { timeout: 60_000 }).toContain('deployment.apps/web created');

    await typeInTerminal(page, 'kubectl edit deployment web');
    const first = page.getByRole('tab', { name: '/tmp/kubectl-edit-1.yaml' });
    await expect.poll(() => first.getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => page.locator('[data-kubectl-edit-banner]').innerText()).toContain('kubectl edit is waiting for /tmp/kubectl-edit-1.yaml');
    const buffer = (await editText(page))!;
    expect(buffer).toMatch(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n[\s\S]*\nkind: Deployment\n[\s\S]*\n {2}replicas: 2\n/);
    // kubectl prints nothing while its editor is open: the last line is still the command.
    expect((await terminalText(page)).trimEnd().split('\n').at(-1)).toBe('$ kubectl edit deployment web');

    await replaceInEditor(page, 'replicas: 2', 'replicas: -1');
    expect(await editText(page)).toBe(buffer.replace(/\n {2}replicas: 2\n/, '\n  replicas: -1\n'));
    await page.keyboard.press('ControlOrMeta+S');
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('error: deployments.apps "web" is invalid');
    await expect.poll(() => page.getByRole('tab', { name: '/tmp/kubectl-edit-2.yaml' }).getAttribute('aria-selected')).toBe('true');
    const reopened = (await editText(page))!;
    expect(reopened).toContain('# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n');

    await replaceInEditor(page, 'replicas: -1', 'replicas: 4');
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('deployment.apps/web edited');
    await expect.poll(() => page.locator('[data-kubectl-edit-banner]').count()).toBe(0);
    expect(await page.getByRole('tablist', { name: 'Editor' }).getByRole('tab').allInnerTexts()).toEqual(workspaceTabs);

    await typeInTerminal(page, 'kubectl get deploy web');
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/\nweb\s+\d\/4\s+\d+\s+\d+\s+\S+\n/);
  }, 180_000);

  it('prints "Edit cancelled, no changes made." for Cancel, and ends the command on Ctrl-C', async () => {
    const cancelled = await occurrences(page, 'Edit cancelled, no changes made.');
    await typeInTerminal(page, 'kubectl edit deployment web -o json');
    await expect.poll(() => page.getByRole('tab', { name: '/tmp/kubectl-edit-3.json' }).getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
    expect(await editText(page)).toMatch(/^\{\n {4}"apiVersion": "apps\/v1",/);
    await page.locator('[data-action="kubectl-edit-cancel"]').click();
    await expect.poll(() => occurrences(page, 'Edit cancelled, no changes made.'), { timeout: 30_000 }).toBe(cancelled + 1);

    await typeInTerminal(page, 'kubectl edit deployment web');
    await expect.poll(() => page.locator('[data-kubectl-edit-banner]').count(), { timeout: 30_000 }).toBe(1);
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Control+C');
    await expect.poll(() => page.locator('[data-kubectl-edit-banner]').count()).toBe(0);
    await expect.poll(() => terminalText(page)).toMatch(/\$ kubectl edit deployment web\n\^C\n\$[\s\u00a0]*$/);
    await typeInTerminal(page, 'kubectl get deploy web -o jsonpath={.spec.replicas}');
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/-o jsonpath=\{\.spec\.replicas\}\n4\$[\s\u00a0]*$/);
  }, 120_000);

  it('replays the saved edit after a worker crash, and says an unsaved one is gone', async () => {
    await typeInTerminal(page, 'kubectl edit deployment web');
    await expect.poll(() => page.locator('[data-kubectl-edit-banner]').count(), { timeout: 30_000 }).toBe(1);
    await page.evaluate(() => window.__kubelabTest.killWorker?.());
    // The watchdog notices the silence, starts a new worker and replays the journal.
    await expect.poll(() => terminalText(page), { timeout: 60_000 }).toContain('kubelab: the cluster restarted while the editor was open'); // the rest wraps
    expect(await page.locator('[data-kubectl-edit-banner]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-notice]').innerText(), { timeout: 60_000 }).toBe('The cluster was restored.');
    await typeInTerminal(page, 'kubectl get deploy web -o jsonpath={.spec.replicas}/{.metadata.generation}');
    await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/\.metadata\.generation\}\n4\/2\$[\s\u00a0]*$/);
  }, 120_000);

  it('throws no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
