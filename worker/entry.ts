/**
 * The cluster worker's entry: tiny on purpose. It tells the page at once that the worker's thread
 * runs (`workerStarted`: the page holds back its own start-up until then, because Chromium starts a
 * module worker's thread only when the page's main thread is free), then loads the lab's front
 * (entry-front.ts: the API server and kubectl, which can answer a first `kubectl get`) and exposes it
 * with comlink, then loads the rest of the engine (entry-cluster.ts) and builds the lab service
 * behind the front. The page's messages that arrive meanwhile are kept and handed to comlink in order.
 */
import { expose } from 'comlink';
import { workerStarted } from './protocol.ts';

// Boot stages on the worker's time line (bench/web-profile.ts reads them; a mark costs microseconds).
performance.mark('kubelab:worker-started');
const early: MessageEvent[] = [];
const keep = (event: MessageEvent): void => void early.push(event);
addEventListener('message', keep);
postMessage(workerStarted);

// No top-level await: the offline build's worker is a classic (iife) script, with these imports inlined.
void import('./entry-front.ts').then(({ labFront }) => {
  performance.mark('kubelab:front-module-loaded');
  const front = labFront(self.name);
  expose(front);
  removeEventListener('message', keep);
  // comlink listens now: replay what came before, in order (same data, ports included). The front
  // answers a first `kubectl get` among them at once and keeps the rest for the service.
  for (const event of early) dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] }));
  // The rest of the engine is fetched only now, and from a task queued behind the page's messages
  // that are still waiting: the browser runs a fetched script's compile before queued messages, and
  // started with the front, the smaller chunk would come first and hold the first answer back.
  setTimeout(() => {
    void import('./entry-cluster.ts').then(({ startLabService }) => {
      performance.mark('kubelab:cluster-module-loaded');
      // The service is built in a task of its own, after the answers to the messages so far are posted.
      setTimeout(() => {
        front.serve(startLabService(self.name));
        performance.mark('kubelab:lab-service-ready');
      });
    });
  });
});
