/**
 * Which NoExecute taints a pod tolerates, and for how long (v1helper.GetMatchingTolerations and
 * the taint-eviction controller's getMinTolerationTime).
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { tolerates } from '../../scheduler/selectors.ts';

/** The outcome for one pod on one node: evict now, after `afterMs`, or never. */
export type EvictionDecision = { evict: 'now' } | { evict: 'after'; afterMs: number } | { evict: 'never' };

/**
 * Every taint must be tolerated, else the pod goes at once. Otherwise the pod stays for the
 * shortest tolerationSeconds among the tolerations used; a toleration without tolerationSeconds
 * tolerates forever, and a zero or negative one means at once. With no taints there is nothing to do.
 * Example: the DefaultTolerationSeconds pod on an unreachable node → after 300 000 ms.
 */
export function evictionDecision(tolerations: readonly Toleration[], taints: readonly Taint[]): EvictionDecision {
  if (!taints.length) return { evict: 'never' };
  const used: Toleration[] = [];
  for (const taint of taints) {
    const toleration = tolerations.find((t) => tolerates(t, taint));
    if (!toleration) return { evict: 'now' };
    used.push(toleration);
  }
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    min = Math.min(min, Math.max(0, t.tolerationSeconds));
  }
  if (min === Infinity) return { evict: 'never' };
  return min === 0 ? { evict: 'now' } : { evict: 'after', afterMs: min * 1000 };
}
