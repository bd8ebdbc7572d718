/**
 * The cluster worker's body, loaded by entry.ts once the worker's thread runs: builds the lab
 * service (a seeded cluster, the learner's kubectl session, the real-time driver, the change feed,
 * the lessons). No logic lives here.
 */
import lessons from 'virtual:kubelab-lessons';
import { LabService } from './lab-service.ts';
import { preloadBootstrapImage } from '../engine/bootstrap-image.ts';

// The built lab ships the default cluster's bootstrap image (vite.config.ts `shippedBootstrapImage`):
// the first cluster copies it instead of running the bootstrap pipeline. Undefined under `vite` (dev).
const shippedImage: unknown = import.meta.env.KUBELAB_BOOTSTRAP_IMAGE;
if (typeof shippedImage === 'string') preloadBootstrapImage(shippedImage);

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
