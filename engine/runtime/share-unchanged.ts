/**
 * Structural sharing for writes built from scratch: a controller or kubelet that rebuilds a whole
 * status each time can hand the API server the parts that did not change as the very objects it
 * read, so the field manager's comparison and the no-op check skip them by identity. Stored
 * objects are never changed in place, which is what makes sharing them safe.
 */

/**
 * `next`, with every subtree that equals the same place in `previous` replaced by `previous`'s
 * own object. The result serializes exactly as `next` does: a map is reused only when its keys
 * come in the same order.
 */
export function shareUnchanged<T>(next: T, previous: unknown): T {
  return share(next, previous) as T;
}

function share(next: unknown, previous: unknown): unknown {
  if (next === previous || next === null || previous === null || typeof next !== 'object' || typeof previous !== 'object') return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    let same = next.length === previous.length;
    const out = next.map((item, i) => {
      const shared = i < previous.length ? share(item, previous[i]) : item;
      if (shared !== previous[i]) same = false;
      return shared;
    });
    return same ? previous : out;
  }
  if (Array.isArray(previous)) return next;
  const before = previous as Record<string, unknown>;
  const keys = Object.keys(next);
  const beforeKeys = Object.keys(before);
  let same = keys.length === beforeKeys.length;
  const out: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    const value = (next as Record<string, unknown>)[key];
    const shared = key in before ? share(value, before[key]) : value;
    if (shared !== before[key] || beforeKeys[i] !== key || !(key in before)) same = false;
    out[key] = shared;
  });
  return same ? previous : out;
}
