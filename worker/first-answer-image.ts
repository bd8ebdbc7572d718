/**
 * Build time (vite.config.ts, in Node): the image first-answers.ts reads, taken from the lab
 * service exactly as the worker builds it (entry-cluster.ts), for the labs whose start is fixed:
 * the playground and the lessons without `start/` files (a lesson's start files are applied with a
 * wall-time budget, so its state at time zero is not the build's to know).
 */
import { bootstrapImageKey, bootstrapImageObjects } from '../engine/bootstrap-image.ts';
import { defaultEpoch } from '../engine/clock.ts';
import type { Lesson, LessonBundle } from '../engine/lessons/types.ts';
import type { FirstAnswerImage } from './first-answers.ts';
import { loadLessons } from '../engine/lessons/catalogue.ts';
import { workerLab, type LabService } from './lab-service.ts';

/** The lab worker `name` runs (its clusters start at defaultEpoch), with a timer that never fires. */
export function buildLab(lessons: LessonBundle, name: string): LabService {
  return workerLab(name, lessons, { now: () => 0, every: () => () => undefined });
}

/** The worker names whose lab starts the same whatever the wall clock does: the playground and the lessons that apply nothing. */
export function fixedStartNames(lessons: readonly Lesson[]): string[] {
  const fixed = lessons.filter((lesson) => Object.keys(lesson.start).length === 0);
  return ['', ...fixed.map((lesson) => `lesson=${lesson.id}`)];
}

/** The API image of a built lab, as the difference from its bootstrap image. */
export function captureImage(service: LabService, names: string[]): FirstAnswerImage {
  const cluster = service.lab.cluster;
  const snapshot = cluster.api.context.store.snapshot();
  const bootstrap = new Map(bootstrapImageObjects(bootstrapImageKey(cluster.seed, defaultEpoch, undefined))?.map(([key, entries]) => [key, new Map(entries)]));
  const current = new Map(snapshot.buckets.map(([key, entries]) => [key, new Map(entries)]));
  const changed: FirstAnswerImage['changed'] = [];
  const removed: FirstAnswerImage['removed'] = [];
  for (const [key, entries] of current) {
    const before = bootstrap.get(key);
    // A write always gives a new resourceVersion: the same one is the same object.
    for (const [name, object] of entries) {
      if (before?.get(name)?.metadata.resourceVersion !== object.metadata.resourceVersion) changed.push([key, name, object]);
    }
  }
  for (const [key, entries] of bootstrap) {
    for (const name of entries.keys()) if (!current.get(key)?.has(name)) removed.push([key, name]);
  }
  return { names, seed: cluster.seed, start: defaultEpoch, now: cluster.now(), revision: snapshot.revision, changed, removed };
}

/**
 * The image for every fixed-start lab that starts like the first lesson's, the page's default (they
 * all do while no such lesson writes at its start), or like the playground's when that lesson applies
 * something, as the text the build ships.
 */
export function firstAnswerImageText(bundle: LessonBundle): string {
  const { lessons } = loadLessons(bundle);
  const names = fixedStartNames(lessons);
  const main = lessons.length && names.includes(`lesson=${lessons[0].id}`) ? `lesson=${lessons[0].id}` : '';
  const text = (image: FirstAnswerImage): string => JSON.stringify({ ...image, names: [] });
  const reference = captureImage(buildLab(bundle, main), [main]);
  const same = names.filter((name) => name === main || text(captureImage(buildLab(bundle, name), [name])) === text(reference));
  return JSON.stringify({ ...reference, names: same });
}
