/**
 * The cluster worker's body, loaded by entry.ts once the worker's thread runs: builds the lab
 * service (a seeded cluster, the learner's kubectl session, the real-time driver, the change feed,
 * the lessons). No logic lives here.
 */
import lessons from 'virtual:kubelab-lessons';
import { workerLab, type LabService } from './lab-service.ts';

// The shipped bootstrap image is preloaded before the first cluster is built (entry.ts loads the front first).
import './entry-front.ts';

/** Build the lab service for a worker named `lesson=<id>` (or unnamed: the playground), on real time. */
export function startLabService(workerName: string): LabService {
  return workerLab(workerName, lessons, {
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
  }, (stage) => performance.mark(`kubelab:${stage}`));
}
