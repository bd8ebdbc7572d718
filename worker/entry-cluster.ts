/**
 * The cluster worker's body, loaded by entry.ts once the worker's thread runs: builds the lab
 * service (a seeded cluster, the learner's kubectl session, the real-time driver, the change feed,
 * the lessons). No logic lives here.
 */
import lessons from 'virtual:kubelab-lessons';
import { LabService } from './lab-service.ts';

// The shipped bootstrap image is preloaded before the first cluster is built (entry.ts loads the front first).
import './entry-front.ts';

/** Build the lab service for a worker named `lesson=<id>` (or unnamed: the playground). */
export function startLabService(workerName: string): LabService {
  // The page names the lesson to open in the worker's name (`lesson=apply`, lab/lib/worker-boot.ts),
  // so that the first cluster built is already the lesson's: no second cluster before the first answer.
  const lesson = new URLSearchParams(workerName).get('lesson') || undefined;
  return new LabService({
    seed: 1,
    speed: 1,
    lessons,
    lesson,
    mark: (stage) => performance.mark(`kubelab:${stage}`),
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
}
