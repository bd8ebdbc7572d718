/**
 * The cluster view's pods, grouped by the node they are bound to ('' = not scheduled yet) and kept
 * sorted as `kubectl get pods -A` sorts them (namespace, then name, by code unit as Go compares
 * strings). A change batch touches only the groups of the pods it carries, so a frame of a
 * 1,000-pod rollout re-sorts and redraws the few cards that changed, never every pod.
 */
import type { PodSummary } from '../../worker/protocol.ts';

/** Go's string order (bytewise for ASCII names): no locale rules, and far cheaper than localeCompare. */
function byNamespaceAndName(a: PodSummary, b: PodSummary): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Pods by node, updated from batches; `apply` says which groups changed. */
export class PodGroups {
  /** Every pod by key, and the node it was last seen on. */
  private readonly pods = new Map<string, PodSummary>();
  private readonly members = new Map<string, Map<string, PodSummary>>();
  private readonly sorted = new Map<string, readonly PodSummary[]>();

  /** How many pods the view holds. */
  get size(): number {
    return this.pods.size;
  }

  /** The pods on `node` ('' = unscheduled), sorted; the same array until one of them changes. */
  list(node: string): readonly PodSummary[] {
    return this.sorted.get(node) ?? empty;
  }

  /** The groups that have pods now. */
  nodes(): string[] {
    return [...this.members.keys()];
  }

  /** Forget every pod; returns the groups that had some. */
  clear(): Set<string> {
    const touched = new Set(this.members.keys());
    this.pods.clear();
    this.members.clear();
    this.sorted.clear();
    return touched;
  }

  /** Apply changed pods and removed keys (keys of other kinds are ignored); returns the groups that changed. */
  apply(changed: readonly PodSummary[], removed: readonly string[]): Set<string> {
    const touched = new Set<string>();
    const leave = (pod: PodSummary): void => {
      const node = pod.nodeName ?? '';
      const group = this.members.get(node);
      if (!group?.delete(pod.key)) return;
      if (group.size === 0) this.members.delete(node);
      touched.add(node);
    };
    for (const key of removed) {
      const old = this.pods.get(key);
      if (!old) continue;
      leave(old);
      this.pods.delete(key);
    }
    for (const pod of changed) {
      const old = this.pods.get(pod.key);
      if (old && (old.nodeName ?? '') !== (pod.nodeName ?? '')) leave(old);
      this.pods.set(pod.key, pod);
      const node = pod.nodeName ?? '';
      let group = this.members.get(node);
      if (!group) this.members.set(node, (group = new Map()));
      group.set(pod.key, pod);
      touched.add(node);
    }
    for (const node of touched) {
      const group = this.members.get(node);
      if (group) this.sorted.set(node, [...group.values()].sort(byNamespaceAndName));
      else this.sorted.delete(node);
    }
    return touched;
  }
}

const empty: readonly PodSummary[] = Object.freeze([]);
