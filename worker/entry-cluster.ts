/**
 * The cluster worker's body, loaded by entry.ts once the worker's thread runs: builds the lab
 * service (a seeded cluster, the learner's kubectl session, the real-time driver, the change feed,
 * the lessons). No logic lives here.
 */
import lessons from 'virtual:kubelab-lessons';
import { LabService } from './lab-service.ts';
import { LabFront } from './lab-front.ts';
import { FirstAnswers } from './first-answers.ts';
import { preloadBootstrapImage } from '../engine/bootstrap-image.ts';

// The built lab ships the default cluster's bootstrap image (vite.config.ts `shippedBootstrapImage`):
// the first cluster copies it instead of running the bootstrap pipeline. Undefined under `vite` (dev).
const shippedImage: unknown = import.meta.env.KUBELAB_BOOTSTRAP_IMAGE;
if (typeof shippedImage === 'string') preloadBootstrapImage(shippedImage);
// And the API objects of the labs that start the same every time (vite.config.ts `shippedImages`).
const firstAnswerImage: unknown = import.meta.env.KUBELAB_FIRST_ANSWER_IMAGE;

/**
 * What the page talks to until the lab service for worker `workerName` is built: it answers a
 * first `kubectl get` from the shipped image (lab-front.ts) and keeps every other call for the service.
 */
export function labFront(workerName: string): LabFront {
  return new LabFront({
    answers: () => (typeof firstAnswerImage === 'string' ? FirstAnswers.forWorker(firstAnswerImage, workerName) : undefined),
    onMismatch: (line, early, service) => console.error(`kubelab: the first answer to "${line}" was not the lab's`, { early, service }),
    mark: (stage) => performance.mark(`kubelab:${stage}`),
  });
}

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
