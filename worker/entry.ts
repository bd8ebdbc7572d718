/**
 * The cluster worker: builds the lab service (a seeded cluster, the learner's kubectl session,
 * the real-time driver, the change feed) and exposes it with comlink. No logic lives here.
 */
import { expose } from 'comlink';
import { LabService } from './lab-service.ts';



const service = new LabService({
  seed: 1,
  speed: 1,
  timer: {
    now: () => performance.now(),
    // The next tick is armed after this one ends (not setInterval), so a slow tick leaves room
    // for the page's messages instead of queueing ticks back to back.
    every: (ms, tick) => {
      let id = setTimeout(function run() {
        tick();
        id = setTimeout(run, ms);
      }, ms);
      return () => clearTimeout(id);
    },
  },
});

expose(service);
