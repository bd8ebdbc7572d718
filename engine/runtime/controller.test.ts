import { describe, expect, it } from 'vitest';
import { ManualClock, Random } from '../clock.ts';
import { ControllerRunner, type Controller, type SyncResult } from './controller.ts';
import { WorkQueue } from './workqueue.ts';

/**
 * Two controllers that feed each other: `a` hands every key on to `b` and requeues itself for
 * "now" once; `b` hands `x`'s to `a`. Each sync is logged, so the order of syncs is the result.
 */
function scenario(): { runner: ControllerRunner; log: string[]; queues: WorkQueue[] } {
  const log: string[] = [];
  const requeued = new Set<string>();
  const clock = new ManualClock(0);
  const runner = new ControllerRunner({ handle: () => ({ status: 200, headers: {}, body: {} }) }, clock, new Random(1));
  const a: Controller = {
    name: 'a', queue: new WorkQueue(), start: () => undefined,
    sync(key): SyncResult {
      log.push(`a:${key}`);
      b.queue.add(`${key}>b`);
      if (key.endsWith('!') || requeued.has(key)) return;
      requeued.add(key);
      return { requeueAfter: 0 };
    },
  };
  const b: Controller = {
    name: 'b', queue: new WorkQueue(), start: () => undefined,
    sync(key): SyncResult {
      log.push(`b:${key}`);
      if (key.startsWith('x') && !key.includes('!')) a.queue.add(`${key}!`);
    },
  };
  runner.add(a);
  runner.add(b);
  for (const key of ['x', 'y', 'z']) a.queue.add(key);
  return { runner, log, queues: [a.queue, b.queue] };
}

describe('ControllerRunner.settle', () => {
  const whole = scenario();
  whole.runner.settle();

  it.each([1, 2, 3, 5, 7])('split into pieces of %i syncs, runs the same syncs in the same order', (piece) => {
    const split = scenario();
    let pieces = 0;
    while (split.runner.settle(piece) === piece) pieces++;
    expect({ log: split.log, pending: split.runner.pending() }).toEqual({ log: whole.log, pending: false });
    expect(pieces).toBeGreaterThanOrEqual(Math.floor(whole.log.length / piece) - 1);
  });

  // 16 syncs in pieces of 4: the fourth piece ends on the bound, so only the fifth can tell the queues are empty.
  it('reports work waiting until the last piece has run', () => {
    const split = scenario();
    const pending: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      split.runner.settle(4);
      pending.push(split.runner.pending());
    }
    expect({ syncs: whole.log.length, pending }).toEqual({ syncs: 16, pending: [true, true, true, true, false] });
  });
});
