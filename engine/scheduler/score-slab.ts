/**
 * Score arrays for decision records, cut from large shared buffers. Each scheduled pod keeps
 * five or so arrays of ~420 scores in its record; allocating each as its own Float64Array costs
 * an ArrayBuffer (a separate allocation the garbage collector tracks) per array, which at
 * 10,000 pods dominated the score phase. Views into a 1 MiB buffer are cheap to make. A record
 * holds the buffer its arrays were cut from (`holdScoreSlab`) and lets go when it is compacted;
 * a buffer no record holds is zeroed and reused, since a fresh 1 MiB buffer every ~60 pods cost
 * fresh pages and external-memory garbage collections.
 */

/** Doubles per shared buffer (1 MiB). */
const slabLength = 1 << 17;
/** Released buffers kept for reuse (the newest 1,000 records use a few dozen). */
const maxPooled = 64;

/** A shared buffer and how many records still hold arrays cut from it. */
export interface ScoreSlab {
  data: Float64Array;
  holders: number;
}

const pool: ScoreSlab[] = [];
let slab: ScoreSlab = { data: new Float64Array(slabLength), holders: 0 };
let used = 0;

/** Make sure the next `length` doubles of `scoreArray` come from one buffer (one record's arrays). */
export function reserveScores(length: number): void {
  if (used + length <= slabLength || length > slabLength) return;
  const full = slab;
  const reused = pool.pop();
  if (reused) reused.data.fill(0);
  slab = reused ?? { data: new Float64Array(slabLength), holders: 0 };
  used = 0;
  if (full.holders === 0 && pool.length < maxPooled) pool.push(full);
}

/**
 * A zeroed Float64Array of `length`: a view into the current shared buffer when it fits there,
 * else its own. It never moves on to a new buffer (only `reserveScores` does), so the arrays of
 * one record are in the buffer `holdScoreSlab` names.
 */
export function scoreArray(length: number): Float64Array {
  if (used + length > slabLength) return new Float64Array(length);
  const view = slab.data.subarray(used, used + length);
  used += length;
  return view;
}

/** The current buffer, held by one more record (call `releaseScoreSlab` when the record drops its arrays). */
export function holdScoreSlab(): ScoreSlab {
  slab.holders++;
  return slab;
}

/** A record dropped its arrays: the buffer is reused once no record holds it and it is no longer current. */
export function releaseScoreSlab(released: ScoreSlab): void {
  if (--released.holders === 0 && released !== slab && pool.length < maxPooled) pool.push(released);
}
