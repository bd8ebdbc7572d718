/**
 * The cluster worker's entry: tiny on purpose. It tells the page at once that the worker's thread
 * runs (`workerStarted`: the page holds back its own start-up until then, because Chromium starts a
 * module worker's thread only when the page's main thread is free), then loads the cluster
 * (entry-cluster.ts, 1.7 MB) and exposes the lab service with comlink. The page's messages that
 * arrive meanwhile are kept and handed to comlink in order.
 */
import { expose } from 'comlink';
import { workerStarted } from './protocol.ts';

// Boot stages on the worker's time line (bench/web-profile.ts reads them; a mark costs microseconds).
performance.mark('kubelab:worker-started');
const early: MessageEvent[] = [];
const keep = (event: MessageEvent): void => void early.push(event);
addEventListener('message', keep);
postMessage(workerStarted);

// No top-level await: the offline build's worker is a classic (iife) script, with this import inlined.
void import('./entry-cluster.ts').then(({ startLabService }) => {
  performance.mark('kubelab:cluster-module-loaded');
  expose(startLabService(self.name));
  performance.mark('kubelab:lab-service-ready');
  removeEventListener('message', keep);
  // comlink listens now: replay what came before, in order (same data, ports included).
  for (const event of early) dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] }));
});
