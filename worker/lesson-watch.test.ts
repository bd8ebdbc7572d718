import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../engine/lessons/types.ts';
import { LessonWatch } from './lesson-watch.ts';
import type { LessonEvent } from './protocol.ts';

const check = (id: string, passed: boolean): CheckResult => ({ id, title: id, passed, message: passed ? '' : `${id} not yet` });

describe('LessonWatch', () => {
  it('grades at most once a second, tells only changes, and completes once per start', () => {
    let wall = 0;
    let results = [check('a', false), check('b', false)];
    let grades = 0;
    const watch = new LessonWatch({ now: () => wall, grade: () => (grades++, { lesson: 'apply', checks: results }) });
    const events: LessonEvent[] = [];
    watch.tick(); // no listener: no grading at all
    watch.listen((e) => events.push(e));
    const step = (ms: number, change = true): void => {
      wall += ms;
      if (change) watch.changed();
      watch.tick();
    };
    step(0); // first: told at once
    results = [check('a', true), check('b', false)];
    step(400); // within the second: not graded
    step(700); // 1.1 s after the first: graded, changed, told
    step(1000, false); // nothing changed: not graded
    step(1000); // graded, same results: not told
    results = [check('a', true), check('b', true)];
    step(1000); // all pass: check, then lesson-complete
    step(1000); // same: nothing
    results = [check('a', false), check('b', true)];
    step(1000);
    results = [check('a', true), check('b', true)];
    step(1000); // passes again in the same start: no second lesson-complete
    watch.restarted();
    step(1000); // a new start: told again and complete again
    expect(events.map((e) => `${e.event}:${e.checks.map((c) => (c.passed ? 1 : 0)).join('')}`)).toEqual([
      'check:00', 'check:10', 'check:11', 'lesson-complete:11', 'check:01', 'check:11', 'check:11', 'lesson-complete:11',
    ]);
    expect(grades).toBe(8);
  });

  it('tells nothing while no lesson runs, and never completes a lesson without checks', () => {
    const events: LessonEvent[] = [];
    const running: { graded?: { lesson: string; checks: CheckResult[] } } = {};
    const watch = new LessonWatch({ now: () => 0, minIntervalMs: 0, grade: () => running.graded });
    watch.listen((e) => events.push(e));
    watch.tick();
    running.graded = { lesson: 'empty', checks: [] };
    watch.changed();
    watch.tick();
    expect(events).toEqual([{ event: 'check', lesson: 'empty', checks: [] }]);
  });
});
