/**
 * The lab page's entry: starts the cluster worker (restoring the workspace's cluster), publishes
 * `window.kubelab`, answers the host page when embedded, mounts the app.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { LabClient } from './lib/lab-client.svelte.ts';
import { makeKubelabApi, type KubelabApi } from './lib/kubelab-api.ts';
import { pageParams } from './lib/page-params.ts';
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

const params = pageParams(location.href);
const lang = pickLang(new URLSearchParams(location.search).get('lang'), navigator.language);
const client = new LabClient(params.workspace, { restored: translate(lang, 'restored') });
window.kubelab = makeKubelabApi(client.api);
testHooks.killWorker = () => client.killWorker();
if (params.embedParent) serveEmbedder(params.embedParent, window.kubelab, client.ready);

mount(App, { target: document.getElementById('app')!, props: { client, workspace: params.workspace } });
