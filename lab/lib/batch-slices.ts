import type { ChangeBatch } from '../../worker/protocol.ts';

/**
 * A batch as consecutive batches of at most `size` changes (removals first, as `apply` takes them):
 * applied in order, they leave the same picture. Only the first keeps `reset`.
 */
export function slices(batch: ChangeBatch, size: number): ChangeBatch[] {
  const changes = batch.removed.length + batch.changed.length;
  if (changes <= size) return [batch];
  const out: ChangeBatch[] = [];
  for (let from = 0; from < changes; from += size) {
    const to = from + size;
    out.push({
      reset: batch.reset && from === 0,
      removed: batch.removed.slice(from, to),
      changed: batch.changed.slice(Math.max(0, from - batch.removed.length), Math.max(0, to - batch.removed.length)),
      time: batch.time,
    });
  }
  return out;
}
