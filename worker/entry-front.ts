/**
 * The front of the cluster worker, loaded by entry.ts beside entry-cluster.ts: the lab's front
 * (lab-front.ts) with its first answers, and the images the build ships. Its module graph (the API
 * server and kubectl) is part of the cluster's, so the bundler puts it in chunks the cluster's
 * import shares, and the worker can answer a first `kubectl get` before the rest of the engine
 * (controllers, kubelets, scheduler, lessons) is even compiled. No logic lives here.
 */
import { LabFront } from './lab-front.ts';
import { FirstAnswers } from './first-answers.ts';
import { preloadBootstrapImage } from '../engine/bootstrap-image.ts';

// The built lab ships the default cluster's bootstrap image (vite.config.ts `shippedImages`): the
// first cluster copies it instead of running the bootstrap pipeline, and the first answers read it.
// Undefined under `vite` (dev).
const shippedImage: unknown = import.meta.env.KUBELAB_BOOTSTRAP_IMAGE;
if (typeof shippedImage === 'string') preloadBootstrapImage(shippedImage);
// And the API objects of the labs that start the same every time.
const firstAnswerImage: unknown = import.meta.env.KUBELAB_FIRST_ANSWER_IMAGE;

/**
 * What the page talks to until the lab service for worker `workerName` is built: it answers a
 * first `kubectl get` from the shipped image and keeps every other call for the service.
 */
export function labFront(workerName: string): LabFront {
  return new LabFront({
    answers: () => (typeof firstAnswerImage === 'string' ? FirstAnswers.forWorker(firstAnswerImage, workerName) : undefined),
    onMismatch: (line, early, service) => console.error(`kubelab: the first answer to "${line}" was not the lab's`, { early, service }),
    mark: (stage) => performance.mark(`kubelab:${stage}`),
  });
}
