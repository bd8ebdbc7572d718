/**
 * The page's entry (index.html loads it): starts the cluster worker as early as the page can, then
 * the interface (main.ts). This module's chunk is a few KB, so the worker fetches its script and
 * builds the cluster while the interface's 400 KB chunk is still being fetched and compiled (on a
 * slow machine that is most of a second off the first kubectl answer).
 *
 * A page that opens a lesson with nothing to restore names the lesson in the worker's name, so the
 * worker's first cluster is the lesson's (worker/entry.ts): starting it later would build a second.
 */
import LabWorker from '../../worker/entry.ts?worker';
import lessonIds from 'virtual:kubelab-lesson-ids';
import { JournalStore, journalKey } from './journal.ts';
import { pageParams } from './page-params.ts';
import { workerStarted } from '../../worker/protocol.ts';

/** The page's parameters, with the first lesson as the default. */
export const bootParams = pageParams(location.href, lessonIds[0]);

/** True when the workspace has a cluster journal to replay (then the replay decides the lesson). */
function hasJournal(workspace: string): boolean {
  try {
    return new JournalStore(localStorage, journalKey(workspace)).hasState;
  } catch {
    return false; // storage blocked (a sandboxed frame): nothing to restore
  }
}

const restoring = hasJournal(bootParams.workspace);
const bootLesson = bootParams.lesson && lessonIds.includes(bootParams.lesson) && !restoring ? bootParams.lesson : undefined;

/**
 * A worker that will replay a journal is named `restore`: until the replay, it must not answer a
 * first `kubectl get` from the image of a fresh lab (worker/lab-front.ts), which is not what it restores.
 */
const restoreName = { name: 'restore' };

let early: Worker | undefined = new LabWorker(bootLesson ? { name: `lesson=${bootLesson}` } : restoring ? restoreName : undefined);

// Chromium starts a module worker's thread only when the page's main thread is next free (the
// browser hands the fetched script's response back through it). Left alone, the start waits behind
// the whole interface's evaluation and first render: 0.3-1 s off the first kubectl answer on a loaded
// 2-core machine. So the page waits here, idle, for the worker's first message (sent before the
// worker loads the cluster), or 500 ms at most; main.ts and everything it imports wait too.
const workerRunning = new Promise<void>((resolve) => {
  const worker = early!;
  const done = (): void => {
    worker.removeEventListener('message', started);
    clearTimeout(timer);
    resolve();
  };
  const started = (event: MessageEvent): void => {
    if (event.data === workerStarted) done();
  };
  const timer = setTimeout(done, 500);
  worker.addEventListener('message', started);
});

// The interface (main.ts). Built for the web, its chunk is fetched now, in parallel, and evaluates
// only after the wait: it imports this module, whose top-level await is the wait. The offline build
// inlines the import, which would run at once, so there it is made after the wait.
void (import.meta.env.MODE === 'offline' ? workerRunning.then(() => import('../main.ts')) : import('../main.ts'));
await workerRunning;

/** The worker started at load for the first caller; a new one for every later caller (a restart, which replays the journal). */
export function takeWorker(): Worker {
  const worker = early ?? new LabWorker(restoreName);
  early = undefined;
  return worker;
}
