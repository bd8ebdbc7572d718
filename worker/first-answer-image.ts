/**
 * Build time (vite.config.ts, in Node): the image first-answers.ts reads, taken from the lab
 * service exactly as the worker builds it (entry-cluster.ts), for the labs whose start is fixed:
 * the playground and the lessons without `start/` files (a lesson's start files are applied with a
 * wall-time budget, so its state at time zero is not the build's to know).
 */
import { bootstrapImageKey, bootstrapImageObjects } from '../engine/bootstrap-image.ts';
import { defaultEpoch } from '../engine/clock.ts';
import type { LessonBundle } from '../engine/lessons/types.ts';
import type { FirstAnswerImage } from './first-answers.ts';
import { LabService } from './lab-service.ts';

/** The lab service worker `name` builds (`lesson=ID`, or `` for the playground; clusters start at defaultEpoch), with a timer that never fires. */
export function buildLab(lessons: LessonBundle, name: string): LabService {
  const lesson = new URLSearchParams(name).get('lesson') || undefined;
  return new LabService({ seed: 1, speed: 1, lessons, lesson, timer: { now: () => 0, every: () => () => undefined } });
}

/** The worker names whose lab starts the same whatever the wall clock does. */
export function fixedStartNames(lessons: LessonBundle): string[] {
  const folders = new Set(Object.keys(lessons).map((path) => path.split('/')[0]));
  const starts = new Set(Object.keys(lessons).filter((path) => path.split('/')[1] === 'start').map((path) => path.split('/')[0]));
  const ids = [...folders].filter((folder) => !starts.has(folder)).map((folder) => /^\d{2,}-([a-z0-9-]+)$/.exec(folder)?.[1]).filter((id) => id !== undefined);
  return ['', ...ids.map((id) => `lesson=${id}`)];
}

/** The API image of a built lab, as the difference from its bootstrap image. */
export function captureImage(service: LabService, names: string[]): FirstAnswerImage {
  const cluster = service.lab.cluster;
  const snapshot = cluster.api.context.store.snapshot();
  const bootstrap = new Map(bootstrapImageObjects(bootstrapImageKey(cluster.seed, defaultEpoch, undefined))?.map(([key, entries]) => [key, new Map(entries)]));
  const changed: FirstAnswerImage['changed'] = [];
  const removed: FirstAnswerImage['removed'] = [];
  for (const [key, entries] of snapshot.buckets) {
    const before = bootstrap.get(key);
    // A write always gives a new resourceVersion: the same one is the same object.
    for (const [name, object] of entries) {
      if (before?.get(name)?.metadata.resourceVersion !== object.metadata.resourceVersion) changed.push([key, name, object]);
    }
  }
  for (const [key, entries] of bootstrap) {
    const now = new Map(snapshot.buckets.find(([k]) => k === key)?.[1]);
    for (const name of entries.keys()) if (!now.has(name)) removed.push([key, name]);
  }
  return { names, seed: cluster.seed, start: defaultEpoch, now: cluster.now(), revision: snapshot.revision, changed, removed };
}

/**
 * The image for every fixed-start lab that starts like the first lesson's (they all do while no
 * such lesson writes at its start), as the text the build ships; undefined when there is none.
 */
export function firstAnswerImageText(lessons: LessonBundle, firstLesson: string | undefined): string | undefined {
  const names = fixedStartNames(lessons);
  const main = firstLesson !== undefined && names.includes(`lesson=${firstLesson}`) ? `lesson=${firstLesson}` : '';
  const text = (image: FirstAnswerImage): string => JSON.stringify({ ...image, names: [] });
  const reference = captureImage(buildLab(lessons, main), [main]);
  const same = names.filter((name) => name === main || text(captureImage(buildLab(lessons, name), [name])) === text(reference));
  return JSON.stringify({ ...reference, names: same });
}
