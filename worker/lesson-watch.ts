/**
 * Grading as the learner works: something that may change a check's outcome (a kubectl command,
 * an apply, a batch of virtual time) marks the lesson dirty; the watch grades at most once per
 * `minIntervalMs` of wall time, tells its listener when the results differ from the last ones it
 * told, and says `lesson-complete` once per start of a lesson, when every check passes.
 */
import type { CheckResult } from '../engine/lessons/types.ts';
import type { LessonEvent } from './protocol.ts';

/** What the watch needs from the lab. */
export interface LessonWatchOptions {
  /** The current lesson's id and its grade, or undefined when no lesson is running. */
  grade: () => { lesson: string; checks: CheckResult[] } | undefined;
  /** Wall time in ms (performance.now in the worker, a fake in tests). */
  now: () => number;
  /** Wall time between two gradings at least; default 1000 ms. */
  minIntervalMs?: number;
}

export class LessonWatch {
  private listener: ((event: LessonEvent) => void) | undefined;
  private dirty = true;
  private lastGradedAt = Number.NEGATIVE_INFINITY;
  /** The last results told, as JSON, and the lesson they were for. */
  private told: string | undefined;
  private completed = false;

  constructor(private readonly options: LessonWatchOptions) {}

  /** One listener (the page); replacing it tells the new one the current results at the next tick. */
  listen(listener: ((event: LessonEvent) => void) | undefined): void {
    this.listener = listener;
    this.told = undefined;
    this.dirty = true;
  }

  /** Something happened that may change a check: grade at the next tick the interval allows. */
  changed(): void {
    this.dirty = true;
  }

  /** A lesson (re)started: its checks start afresh, and it may complete again. */
  restarted(): void {
    this.told = undefined;
    this.completed = false;
    this.dirty = true;
  }

  /** Called often (every 250 ms in the worker): grades when dirty and the interval has passed. */
  tick(): void {
    if (!this.listener || !this.dirty) return;
    const now = this.options.now();
    if (now - this.lastGradedAt < (this.options.minIntervalMs ?? 1000)) return;
    this.lastGradedAt = now;
    this.dirty = false;
    const graded = this.options.grade();
    if (!graded) return;
    const text = JSON.stringify(graded);
    if (text === this.told) return;
    this.told = text;
    this.listener({ event: 'check', lesson: graded.lesson, checks: graded.checks });
    if (!this.completed && graded.checks.length > 0 && graded.checks.every((c) => c.passed)) {
      this.completed = true;
      this.listener({ event: 'lesson-complete', lesson: graded.lesson, checks: graded.checks });
    }
  }
}
