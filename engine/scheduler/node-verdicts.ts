/**
 * What a node's labels, taints and `unschedulable` say about a pod depends only on the pod's
 * tolerations, nodeSelector and required node affinity — and the pods of one template share
 * those. So NodeUnschedulable, TaintToleration and NodeAffinity are run once per (pod
 * requirement signature, node), and every later pod of the template reads the answer from an
 * array indexed like the node list. Example: 10,000 pods from 200 templates on 1,000 nodes ask
 * 200 × 1,000 questions instead of 10,000 × 420. A node's NodeInfo object is replaced whenever
 * the node changes, so an entry is valid only while it was computed for the very same object.
 */
import { matchesRequiredNodeAffinity, nodeAffinityRejected, type RequiredNodeAffinity } from './plugins/node-affinity.ts';
import { checkUnschedulable, toleratesUnschedulable } from './plugins/node-unschedulable.ts';
import { checkTaints } from './plugins/taint-toleration.ts';
import { success, type NodeInfo, type PodInfo, type Status } from './types.ts';

/** One signature's answers, by node index; `owners[i]` is the NodeInfo `verdicts[i]` was computed for. */
export interface NodeVerdicts {
  verdicts: (Status | undefined)[];
  owners: (NodeInfo | undefined)[];
  /** Inputs of the checks, read once from the first pod with this signature. */
  toleratesCordon: boolean;
  tolerations: PodInfo['tolerations'];
  affinity: RequiredNodeAffinity | undefined;
}

/** How many signatures to remember per node list; a cluster of many distinct templates starts over. */
const maxSignatures = 512;

/**
 * The static filter answers for pods of each signature, for one node list: a new list (a node
 * added or removed) drops them all, since indexes shift.
 */
export class NodeVerdictCache {
  private nodes: readonly NodeInfo[] | undefined;
  private bySignature = new Map<string, NodeVerdicts>();
  /** Signatures by spec object: pods of one template object skip building the string. */
  private specSignatures = new WeakMap<object, string>();

  /** The verdicts for this pod's signature over `nodes` (entries filled lazily by `verdict`). */
  forPod(pod: PodInfo, nodes: readonly NodeInfo[], affinity: RequiredNodeAffinity | undefined): NodeVerdicts {
    if (nodes !== this.nodes) {
      this.nodes = nodes;
      this.bySignature.clear();
    }
    const signature = this.signature(pod, affinity);
    let entry = this.bySignature.get(signature);
    if (!entry) {
      if (this.bySignature.size >= maxSignatures) this.bySignature.clear();
      entry = {
        verdicts: new Array<Status | undefined>(nodes.length).fill(undefined),
        owners: new Array<NodeInfo | undefined>(nodes.length).fill(undefined),
        toleratesCordon: toleratesUnschedulable(pod),
        tolerations: pod.tolerations,
        affinity,
      };
      this.bySignature.set(signature, entry);
    }
    return entry;
  }

  /** The tolerations and node affinity the static checks read, as a string key. */
  private signature(pod: PodInfo, affinity: RequiredNodeAffinity | undefined): string {
    const spec = pod.pod.spec;
    const known = spec && this.specSignatures.get(spec);
    if (known !== undefined) return known;
    const signature = JSON.stringify([pod.tolerations, affinity?.selector ?? null, affinity?.terms ?? null]);
    if (spec) this.specSignatures.set(spec, signature);
    return signature;
  }
}

/**
 * NodeUnschedulable, TaintToleration and NodeAffinity on node `index`, in the profile's order:
 * `success` or the first rejection. Computed on first use for each NodeInfo object.
 */
export function staticVerdict(entry: NodeVerdicts, index: number, node: NodeInfo): Status {
  if (entry.owners[index] === node) return entry.verdicts[index]!;
  let status: Status = success;
  if (node.unschedulable) status = checkUnschedulable(node, entry.toleratesCordon);
  if (status === success && node.taints.length) status = checkTaints(entry.tolerations, node);
  if (status === success && entry.affinity && !matchesRequiredNodeAffinity(entry.affinity, node)) status = nodeAffinityRejected;
  entry.verdicts[index] = status;
  entry.owners[index] = node;
  return status;
}
