import { describe, expect, it } from 'vitest';
import { holdScoreSlab, releaseScoreSlab, reserveScores, scoreArray } from './score-slab.ts';

const slabLength = 1 << 17;

/** A record's worth of scores filling a whole buffer, held as a record holds it; its array is written to. */
function fill(): { slab: ReturnType<typeof holdScoreSlab>; scores: Float64Array } {
  reserveScores(slabLength);
  const scores = scoreArray(slabLength);
  scores.fill(7);
  return { slab: holdScoreSlab(), scores };
}

describe('score buffers', () => {
  it('reuses a buffer, zeroed, once no record holds it, and not before', () => {
    const a = fill();
    const b = fill();
    expect(b.slab).not.toBe(a.slab); // a is still held
    expect(a.scores[0]).toBe(7);
    releaseScoreSlab(a.slab);
    reserveScores(slabLength);
    const reused = scoreArray(4);
    expect([holdScoreSlab() === a.slab, [...reused]]).toEqual([true, [0, 0, 0, 0]]);
  });

  it('gives its own array rather than move to another buffer without a reservation', () => {
    reserveScores(slabLength);
    const first = scoreArray(slabLength - 10);
    const overflow = scoreArray(20);
    expect([first.buffer === overflow.buffer, overflow.length, [...overflow.subarray(0, 2)]]).toEqual([false, 20, [0, 0]]);
  });
});
