/**
 * The lab's interface, loaded by the page's entry (lib/worker-boot.ts) once the cluster worker
 * runs: connects to that worker (restoring the workspace's cluster), publishes `window.kubelab`,
 * answers the host page when embedded, mounts the app.
 */
// The page's entry, already evaluated: this import only reads its parameters.
import { bootParams as params } from './lib/worker-boot.ts';
import { mount } from 'svelte';
import App from './App.svelte';
import { LabClient } from './lib/lab-client.svelte.ts';
import { makeKubelabApi, type KubelabApi } from './lib/kubelab-api.ts';
import { LessonSession } from './lib/lesson-session.svelte.ts';
import { serveEmbedder } from './embed/embed-host.ts';
import { testHooks } from './lib/test-hooks.ts';
import { translate, pickLang } from './i18n/strings.ts';
import './styles.css';

declare global {
  interface Window {
    /** The lab control API (DESIGN.md contract 3). */
    kubelab: KubelabApi;
  }
}

const lang = pickLang(new URLSearchParams(location.search).get('lang'), navigator.language);
const client = new LabClient(params.workspace, { restored: translate(lang, 'restored') });
window.kubelab = makeKubelabApi(client.api);
testHooks.killWorker = () => client.killWorker();
testHooks.renderLesson = async (markdown) => {
  const [{ renderLesson }, { sanitizeLessonHtml }] = await Promise.all([import('./lib/markdown.ts'), import('./lib/sanitize.ts')]);
  return sanitizeLessonHtml(renderLesson(markdown, 'Run').html);
};
const embedder = params.embedParent ? serveEmbedder(params.embedParent, window.kubelab, client.ready) : undefined;
// Lesson events reach the embedding page only after `ready`, as every other event.
const lesson = new LessonSession(client, params.lesson, embedder && ((event, detail) => void client.ready.then(() => embedder.announce(event, detail))));
void client.ready.then(() => lesson.ensureStarted());

mount(App, { target: document.getElementById('app')!, props: { client, workspace: params.workspace, lesson } });
