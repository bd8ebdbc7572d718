/**
 * `window.__kubelabTest`: a few handles the browser tests use to reach what a learner cannot
 * click (kill the worker as a crash would, read the editor's markers). Nothing here changes what
 * the lab does on its own.
 */

/** The hooks, filled in by the parts of the page that own them. */
export interface TestHooks {
  /** End the cluster worker with no goodbye, as a crash would. */
  killWorker?: () => void;
  /** The editor's current markers (validation messages), for every file. */
  markers?: () => { file: string; line: number; message: string }[];
  /** The text of the open `kubectl edit` tab as the learner has changed it (undefined: none open). */
  kubectlEditText?: () => string | undefined;
  /** Lesson Markdown through the lesson panel's whole pipeline (marked, then DOMPurify): the HTML it would show. */
  renderLesson?: (markdown: string) => Promise<string>;
}

declare global {
  interface Window {
    __kubelabTest: TestHooks;
  }
}

/** The page's hooks object (the same one `window.__kubelabTest` holds). */
export const testHooks: TestHooks = {};
if (typeof window !== 'undefined') window.__kubelabTest = testHooks;
