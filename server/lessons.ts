/**
 * The lessons folder on disk as a bundle of files (`01-apply/lesson.md` → text), for
 * `kubelab serve` and the lesson tests. The lab bundles the same files with vite instead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LessonBundle } from '../engine/lessons/types.ts';

/** The repository's lessons/ folder. */
export const lessonsDir = fileURLToPath(new URL('../lessons', import.meta.url));

/** Every file below `dir`, keyed by its path relative to `dir` with `/` separators. */
export function readLessonBundle(dir = lessonsDir): LessonBundle {
  const bundle: LessonBundle = {};
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else bundle[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return bundle;
}
