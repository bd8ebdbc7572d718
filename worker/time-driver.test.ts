import { describe, expect, it } from 'vitest';
import { TimeDriver } from './time-driver.ts';

describe('TimeDriver with a sliced advance', () => {
  it('carries what a tick could not cover to the next tick, at most one long tick of it', () => {
    let now = 0;
    let tick: (() => void) | undefined;
    const asked: number[] = [];
    // The cluster covers at most 1,000 virtual ms per tick, as a busy engine would.
    const driver = new TimeDriver({
      now: () => now,
      every: (_ms, t) => { tick = t; return () => { tick = undefined; }; },
      advance: () => { throw new Error('the sliced advance is used instead'); },
      advanceWithin: (ms, budgetMs) => { asked.push(ms, budgetMs); return Math.min(ms, 1000); },
      budgetMs: 20,
    });
    driver.setSpeed(10);
    now = 50; tick!(); // 500 wanted, all covered
    now = 300; tick!(); // 2,500 wanted, 1,000 covered, 1,500 owed
    now = 350; tick!(); // 1,500 owed + 500 new
    now = 5350; tick!(); // 1,000 owed + 2,500 (a 250 ms tick at most), owed capped at 2,500
    now = 5400; tick!();
    expect(asked).toEqual([500, 20, 2500, 20, 2000, 20, 3500, 20, 3000, 20]);
  });
});
