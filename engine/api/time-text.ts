/**
 * `rfc3339` with a memory: a kubelet or recorder formats the same few virtual seconds over and
 * over (every pod of a rollout starts in the same instants), and `Date#toISOString` is not free.
 */
import { rfc3339 } from '../clock.ts';

const texts = new Map<number, string>();

/** `rfc3339(ms)` (whole seconds), remembered for the most recent few thousand seconds asked. */
export function secondsText(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = texts.get(second);
  if (text === undefined) {
    text = rfc3339(second * 1000);
    if (texts.size >= 4096) texts.clear();
    texts.set(second, text);
  }
  return text;
}
