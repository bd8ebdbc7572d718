/**
 * Every lesson's solution is a test (STYLE.md): on a fresh default cluster the start state fails the
 * checks, the solution passes every one, and each known wrong answer fails at least one.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { loadLessons } from '../../engine/lessons/catalogue.ts';
import { gradeLesson, runLessonScript, startLesson } from '../../engine/lessons/lesson-run.ts';
import type { Lesson } from '../../engine/lessons/types.ts';
import { readLessonBundle } from '../../server/lessons.ts';

const catalogue = loadLessons(readLessonBundle());

/** A fresh cluster with the lesson started on it, and the time the learner starts at. */
function started(lesson: Lesson): { cluster: Cluster; since: number } {
  const cluster = new Cluster({ seed: 1 });
  return { cluster, since: startLesson(cluster, lesson) };
}

const failed = (results: { id: string; passed: boolean }[]): string[] => results.filter((r) => !r.passed).map((r) => r.id);

describe('lessons', () => {
  it('load without problems, and the ids the contract names exist', () => {
    expect(catalogue.problems).toEqual([]);
    expect(catalogue.lessons.map((l) => l.id)).toEqual(expect.arrayContaining(['apply', 'scale', 'rollback']));
    for (const lesson of catalogue.lessons) expect(lesson.title['zh-CN'], `${lesson.folder} has a Chinese title`).toBeTruthy();
  });

  describe.each(catalogue.lessons.map((lesson) => [lesson.folder, lesson] as const))('%s', (_folder, lesson) => {
    it('start state fails the checks; the solution passes them all', () => {
      const { cluster, since } = started(lesson);
      expect(failed(gradeLesson(cluster, lesson, since)).length, 'the start state already passes every check').toBeGreaterThan(0);
      const steps = runLessonScript(cluster, lesson, lesson.solution, 'solution.sh');
      for (const step of steps) expect(step.exitCode, `solution.sh:${step.lineNumber} ${step.line}\n${step.stderr}`).toBe(0);
      const results = gradeLesson(cluster, lesson, since);
      expect(results.filter((r) => !r.passed)).toEqual([]);
    });

    it.each(Object.keys(lesson.wrong).map((name) => [name]))('wrong/%s fails', (name) => {
      const { cluster, since } = started(lesson);
      runLessonScript(cluster, lesson, lesson.wrong[name], `wrong/${name}`);
      expect(failed(gradeLesson(cluster, lesson, since)).length).toBeGreaterThan(0);
    });
  });
});
