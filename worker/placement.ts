/**
 * The page's views of two engine records: a pod's scheduling decision ("why this node", the
 * detail panel) and the terminal's completion vocabulary (verbs and resource names).
 */
import { rfc3339 } from '../engine/clock.ts';
import { builtinResources } from '../engine/api/registry.ts';
import { commandRegistry } from '../engine/kubectl/index.ts';
import { explainDecision, type SchedulingDecision } from '../engine/scheduler/decisions.ts';
import type { Placement, Vocabulary } from './protocol.ts';

/** A scheduling decision as the detail panel lists it: each node, the filter that rejected it, its score. */
export function placementOf(decision: SchedulingDecision): Placement {
  return {
    attempt: decision.attempt,
    time: rfc3339(decision.time),
    result: decision.result,
    selectedNode: decision.selectedNode,
    message: decision.message,
    nodes: explainDecision(decision).map((entry) => {
      const failed = entry.filters.find((f) => f.code !== 'Success');
      return {
        node: entry.node,
        selected: entry.selected,
        ...(failed ? { rejectedBy: { plugin: failed.plugin, reasons: [...failed.reasons] } } : {}),
        ...(entry.total !== undefined ? { score: entry.total } : {}),
      };
    }),
  };
}

/** kubectl's verbs and every resource name, singular and short name the terminal completes. */
export function kubectlVocabulary(): Vocabulary {
  const resources = new Set<string>();
  for (const info of builtinResources) {
    if (info.resource.includes('/')) continue;
    resources.add(info.resource);
    resources.add(info.singular);
    for (const short of info.shortNames ?? []) resources.add(short);
  }
  return { verbs: Object.keys(commandRegistry).sort(), resources: [...resources].sort() };
}
