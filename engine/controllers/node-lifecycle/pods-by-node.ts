/**
 * An index of pods by `spec.nodeName`, kept from the shared pod informer: what
 * `getPodsAssignedToNode` answers in the real controllers, without a scan over every pod.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Informer } from '../../runtime/informer.ts';
import { keyOf } from '../../runtime/informer.ts';

function nodeNameOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName || undefined;
}

export interface PodChange {
  /** The pod as it is now, or undefined when it was deleted. */
  pod?: KubeObject;
  old?: KubeObject;
}

/** Pods by the node they are bound to. */
export class PodsByNode {
  private readonly byNode = new Map<string, Set<string>>();
  private informer!: Informer;

  /** Fill the index from `informer` and keep it current; `changed` hears about every pod change after the index has it. */
  watch(informer: Informer, changed?: (change: PodChange) => void): void {
    this.informer = informer;
    informer.addHandler({
      onAdd: (pod) => {
        this.move(pod, undefined, nodeNameOf(pod));
        changed?.({ pod });
      },
      onUpdate: (old, pod) => {
        this.move(pod, nodeNameOf(old), nodeNameOf(pod));
        changed?.({ pod, old });
      },
      onDelete: (pod) => {
        this.move(pod, nodeNameOf(pod), undefined);
        changed?.({ old: pod });
      },
    });
  }

  private move(pod: KubeObject, from: string | undefined, to: string | undefined): void {
    if (from === to) return;
    const key = keyOf(pod);
    if (from) {
      const set = this.byNode.get(from);
      set?.delete(key);
      if (set && !set.size) this.byNode.delete(from);
    }
    if (to) {
      let set = this.byNode.get(to);
      if (!set) this.byNode.set(to, (set = new Set()));
      set.add(key);
    }
  }

  /** The cached pods bound to `node` (never to be changed: copy before writing). */
  on(node: string): KubeObject[] {
    const pods: KubeObject[] = [];
    for (const key of this.byNode.get(node) ?? []) {
      const pod = this.informer.get(key);
      if (pod) pods.push(pod);
    }
    return pods;
  }

  /** The names of the nodes that have pods bound to them. */
  nodes(): string[] {
    return [...this.byNode.keys()];
  }
}
