import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { ControllerExpectations, expectationsTimeout } from './expectations.ts';

describe('ControllerExpectations', () => {
  it('waits for observed creations and deletions, and gives up after 5 minutes', () => {
    const clock = new ManualClock(0);
    const e = new ControllerExpectations(clock);
    expect(e.satisfied('default/web')).toBe(true);
    e.expectCreations('default/web', 2);
    e.creationObserved('default/web');
    expect(e.satisfied('default/web')).toBe(false);
    e.creationObserved('default/web');
    expect(e.satisfied('default/web')).toBe(true);
    e.expectDeletions('default/web', ['default/a']);
    e.deletionObserved('default/web', 'default/a');
    e.deletionObserved('default/web', 'default/a');
    expect(e.satisfied('default/web')).toBe(true);
    e.expectCreations('default/web', 1);
    clock.set(expectationsTimeout + 1);
    expect(e.satisfied('default/web')).toBe(true);
  });
});
