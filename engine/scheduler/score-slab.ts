/**
 * Score arrays for decision records, cut from large shared buffers. Each scheduled pod keeps
 * five or so arrays of ~420 scores in its record; allocating each as its own Float64Array costs
 * an ArrayBuffer (a separate allocation the garbage collector tracks) per array, which at
 * 10,000 pods dominated the score phase. Views into a 1 MiB buffer are cheap to make; a buffer is
 * freed once no record refers to any of its views (records drop their scores when compacted).
 */

/** Doubles per shared buffer (1 MiB). */
const slabLength = 1 << 17;

let slab = new Float64Array(slabLength);
let used = 0;

/** A zeroed Float64Array of `length`, a view into a shared buffer when it is small. */
export function scoreArray(length: number): Float64Array {
  if (length > slabLength >> 3) return new Float64Array(length);
  if (used + length > slabLength) {
    slab = new Float64Array(slabLength);
    used = 0;
  }
  const view = slab.subarray(used, used + length);
  used += length;
  return view;
}
