/**
 * What most browser tests share: the built lab served on a free port and a Debian Chromium for one
 * `describe` block (its hooks registered here), every page's uncaught errors collected, and the
 * terminal as a learner uses it. Without Chromium each test fails with the install command; none skips.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright';
import { buildLab, chromiumArgs, findChromium, installChromium, serve } from './lab-build.ts';

/** The lab and browser of one describe block. */
export interface LabBrowser {
  /** `http://127.0.0.1:PORT`, once the block's beforeAll ran. */
  readonly origin: string;
  readonly browser: Browser;
  /** Uncaught errors of every page opened through `open`. */
  readonly pageErrors: string[];
  /** Every URL a page opened through `open` requested. */
  readonly requests: string[];
  /** A new page (in its own browser context when `context` is set) at `path`, its errors collected. */
  open(path: string, options?: { context?: boolean; withStack?: boolean; waitUntil?: 'load' | 'domcontentloaded' | 'commit' }): Promise<Page>;
}

/** Register the hooks that build, serve and open the lab for the enclosing describe block. */
export function useLabBrowser(): LabBrowser {
  let lab: { server: Server; origin: string } | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  const requests: string[] = [];
  const executablePath = findChromium();
  beforeEach(() => {
    if (!executablePath) throw new Error(installChromium);
  });
  beforeAll(async () => {
    if (!executablePath) return;
    lab = await serve(await buildLab());
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (lab ? lab.server.close(done) : done(undefined)));
  });
  return {
    get origin() { return lab!.origin; },
    get browser() { return browser!; },
    pageErrors,
    requests,
    async open(path, options = {}) {
      const page = options.context ? await (await browser!.newContext()).newPage() : await browser!.newPage();
      page.on('pageerror', (error) => pageErrors.push(options.withStack ? `${error.message} ${error.stack ?? ''}` : error.message));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`${lab!.origin}${path}`, options.waitUntil ? { waitUntil: options.waitUntil } : {});
      return page;
    },
  };
}

/** The terminal's visible text, one string per row. */
export function terminalText(page: Page): Promise<string> {
  return page.locator('.xterm-rows').innerText();
}

/** Type a command line into the terminal and press Enter, as a learner does. */
export async function typeInTerminal(page: Page, line: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}
