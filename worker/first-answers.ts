/**
 * Answers to `kubectl get` from a just-built lab's API state, while the worker is still building
 * that lab. The state comes from the build: the lab's build runs the same engine in Node, takes
 * the API server's objects right after the lab service is built (time zero, nothing else has run),
 * and ships them as the difference from the bootstrap image (worker/first-answer-image.ts). A
 * read at time zero against those objects is the read the lab itself would answer, so the
 * learner's first `kubectl get pods -A` need not wait the half second the cluster's controllers
 * take to settle. lab-front.ts sends every early read to the lab again once it is built and
 * reports any difference; engine-side, first-answers.test.ts proves the two agree.
 */
import { ManualClock, Random } from '../engine/clock.ts';
import { ApiServer } from '../engine/api/server.ts';
import type { StoreSnapshot } from '../engine/api/store.ts';
import type { ApiRequest, ApiResponse, KubeObject } from '../engine/api/types.ts';
import { bootstrapImageKey, bootstrapImageObjects } from '../engine/bootstrap-image.ts';
import { metricsRequest } from '../engine/metrics/api.ts';
import { getCommand } from '../engine/kubectl/commands/get.ts';
import { KubectlSessionBase } from '../engine/kubectl/session-base.ts';
import { splitCommandLine } from '../engine/kubectl/shell/split.ts';
import type { KubectlAnswer } from './protocol.ts';

/** A just-built lab's API objects, as the difference from the bootstrap image it started from. */
export interface FirstAnswerImage {
  /** The worker names (`lesson=apply`, `` for the playground) whose lab starts in this state. */
  names: string[];
  seed: number;
  /** The cluster's start, which keys its bootstrap image. */
  start: number;
  /** The lab's virtual time when the image was taken, once built. */
  now: number;
  /** The store's resourceVersion counter. */
  revision: number;
  /** Objects the bootstrap image lacks or holds in an older version: [storage key, `ns/name`, object]. */
  changed: [string, string, KubeObject][];
  /** Objects of the bootstrap image that are gone: [storage key, `ns/name`]. */
  removed: [string, string][];
}

/**
 * Whether `line` only reads, so that an answer from the image is the lab's own: `kubectl get`
 * (pipes to filters allowed), but not a watch, which runs on with the cluster, nor `-f`/`-k`/`--raw`.
 */
export function isFirstAnswerRead(line: string): boolean {
  const split = splitCommandLine(line);
  if (!split.ok) return false;
  const [program, verb, ...args] = split.stages[0];
  if ((program !== 'kubectl' && program !== 'k') || verb !== 'get') return false;
  return args.every((arg) => {
    if (arg === '--') return true;
    if (arg.startsWith('--')) return !/^--(watch|watch-only|filename|kustomize|raw|kubeconfig)(=|$)/.test(arg);
    if (!arg.startsWith('-')) return true;
    // A cluster of shorthands (`-Aw`) ends where one takes a value (`-nweb`, `-ojson`).
    for (const letter of arg.slice(1)) {
      if ('wfkR'.includes(letter)) return false;
      if ('nolLcs'.includes(letter)) break;
    }
    return true;
  });
}

/** A read-only API server over an image, with a kubectl session as the lab's learner has it. */
export class FirstAnswers {
  private readonly session: KubectlSessionBase;

  /** The reader for worker `name`, or undefined when `text` (a FirstAnswerImage) is another lab's. */
  static forWorker(text: string, name: string): FirstAnswers | undefined {
    const image = JSON.parse(text) as FirstAnswerImage;
    if (!image.names.includes(name)) return undefined;
    const bootstrap = bootstrapImageObjects(bootstrapImageKey(image.seed, image.start, undefined));
    return bootstrap ? new FirstAnswers(image, bootstrap) : undefined;
  }

  constructor(image: FirstAnswerImage, bootstrap: StoreSnapshot['buckets']) {
    const clock = new ManualClock(image.now);
    const api = new ApiServer({ clock, random: new Random(image.seed) });
    // As the cluster's API server: discovery lists the aggregated metrics API.
    api.serveGroup('metrics.k8s.io', metricsRequest);
    // New maps over the image's objects, which are only read here (stored objects never change in place).
    const buckets = new Map(bootstrap.map(([key, entries]) => [key, new Map(entries)]));
    for (const [key, name] of image.removed) buckets.get(key)?.delete(name);
    for (const [key, name, object] of image.changed) {
      if (!buckets.has(key)) buckets.set(key, new Map());
      buckets.get(key)!.set(name, object);
    }
    api.context.store.restore({ buckets: [...buckets].map(([key, bucket]) => [key, [...bucket]]), revision: image.revision, history: [] });
    api.enableAuthorization();
    const client = { handle: (request: ApiRequest): ApiResponse => api.handle(request), now: () => clock.now() };
    // Only `get` is answered here, so the session has only `get`: the worker's first chunk then
    // holds no other verb's code (the lab's own session, which has them all, comes with the cluster).
    this.session = new KubectlSessionBase(client, {}, { get: getCommand });
  }

  /** The lab's answer to `line` at time zero, or undefined when `line` is not a read this can answer. */
  answer(line: string): KubectlAnswer | undefined {
    if (!isFirstAnswerRead(line)) return undefined;
    return this.session.run(line);
  }
}
