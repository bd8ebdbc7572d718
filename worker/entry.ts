/**
 * The cluster worker's entry: tiny on purpose. It tells the page at once that the worker's thread
 * runs (`workerStarted`: the page holds back its own start-up until then, because Chromium starts a
 * module worker's thread only when the page's main thread is free), then loads the cluster
 * (entry-cluster.ts, 2 MB) and exposes the lab's front with comlink (lab-front.ts), then builds the
 * lab service behind it. The page's messages that arrive meanwhile are kept and handed to comlink in order.
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
void import('./entry-cluster.ts').then(({ labFront, startLabService }) => {
  performance.mark('kubelab:cluster-module-loaded');
  const front = labFront(self.name);
  expose(front);
  removeEventListener('message', keep);
  // comlink listens now: replay what came before, in order (same data, ports included). The front
  // answers a first `kubectl get` among them at once and keeps the rest for the service.
  for (const event of early) dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] }));
  // The service is built in a task of its own, after the answers to those messages are posted.
  setTimeout(() => {
    front.serve(startLabService(self.name));
    performance.mark('kubelab:lab-service-ready');
  });
});
