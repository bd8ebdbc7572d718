/**
 * Where a DaemonSet's pods belong (pkg/controller/daemon `NodeShouldRunDaemonPod` and
 * daemon/util): a node must match the template's nodeSelector and required node affinity, and
 * its NoSchedule/NoExecute taints must be tolerated by the template's tolerations plus the ones
 * every daemon pod gets. Each pod is created pinned to its node by a required node affinity term
 * `metadata.name In [node]`, which the default scheduler honours when it binds the pod.
 */
import type { NodeSelectorTerm, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { tolerated } from '../../scheduler/selectors.ts';
import { matchesRequiredNodeAffinity } from '../../scheduler/plugins/node-affinity.ts';
import type { NodeInfo } from '../../scheduler/types.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import type { DaemonPodSpec, TolerationView } from './types.ts';
import { controllerRevisionHashLabel, dsSpec, podSpec, podTemplateGenerationLabel } from './types.ts';

/**
 * The tolerations `AddOrUpdateDaemonPodTolerations` gives every daemon pod, in its order, none
 * with tolerationSeconds: a daemon pod is never evicted from a NotReady or unreachable node, and
 * node conditions turned into NoSchedule taints never keep it off a node.
 */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const keys: [string, string][] = [
    ['node.kubernetes.io/not-ready', 'NoExecute'],
    ['node.kubernetes.io/unreachable', 'NoExecute'],
    ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
    ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
    ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
    ['node.kubernetes.io/unschedulable', 'NoSchedule'],
  ];
  if (hostNetwork) keys.push(['node.kubernetes.io/network-unavailable', 'NoSchedule']);
  return keys.map(([key, effect]) => ({ key, operator: 'Exists', effect }));
}

/**
 * `v1helper.AddOrUpdateTolerationInPodSpec` for each daemon toleration: one with the same key,
 * operator, value and effect is replaced in place (so a user's `tolerationSeconds: 300` on
 * not-ready is dropped), anything else is appended.
 */
export function withDaemonPodTolerations(tolerations: readonly TolerationView[] | undefined, hostNetwork: boolean): TolerationView[] {
  const out = [...(tolerations ?? [])];
  for (const toleration of daemonPodTolerations(hostNetwork)) {
    const same = (t: TolerationView): boolean => (t.key ?? '') === toleration.key && (t.operator ?? '') === toleration.operator
      && (t.value ?? '') === '' && (t.effect ?? '') === toleration.effect;
    const index = out.findIndex(same);
    if (index < 0) out.push(toleration);
    else out[index] = toleration;
  }
  return out;
}

/** `util.ReplaceDaemonSetPodNodeNameNodeAffinity`: the affinity with its required node terms replaced by `metadata.name In [node]`. */
export function pinToNode(affinity: DaemonPodSpec['affinity'], nodeName: string): NonNullable<DaemonPodSpec['affinity']> {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  const copy = structuredClone(affinity ?? {});
  const nodeAffinity = copy.nodeAffinity ?? {};
  // Preferred terms and pod (anti-)affinity stay; only the required node terms are replaced.
  copy.nodeAffinity = { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required };
  return copy;
}

/**
 * `util.GetTargetNodeName`: `spec.nodeName` once bound; before that the node named by the first
 * `metadata.name In [one value]` field term. Undefined for a pod that names no node (upstream
 * logs it and leaves the pod out of the node → pods map).
 */
export function targetNodeName(pod: KubeObject): string | undefined {
  const spec = podSpec(pod);
  if (spec.nodeName) return spec.nodeName;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In') return field.values?.length === 1 ? field.values[0] : undefined;
    }
  }
  return undefined;
}

/**
 * `util.CreatePodTemplate`: the DaemonSet's template with the daemon tolerations and the labels
 * `pod-template-generation` (when the DaemonSet has a template generation) and
 * `controller-revision-hash`. The node affinity is added per pod by `pinToNode`.
 */
export function daemonPodTemplate(template: PodTemplate | undefined, generation: number | undefined, hash: string): PodTemplate {
  const copy = structuredClone(template ?? {});
  const spec = (copy.spec ?? {}) as DaemonPodSpec & Record<string, unknown>;
  spec.tolerations = withDaemonPodTolerations(spec.tolerations, spec.hostNetwork === true);
  copy.spec = spec;
  const metadata = copy.metadata ?? {};
  const labels = { ...(metadata.labels ?? {}) };
  if (generation !== undefined) labels[podTemplateGenerationLabel] = String(generation);
  if (hash) labels[controllerRevisionHashLabel] = hash;
  copy.metadata = { ...metadata, labels };
  return copy;
}

/** `NodeShouldRunDaemonPod`'s answer for one node. */
export interface Placement {
  /** A daemon pod should be created here if there is none. */
  shouldRun: boolean;
  /** A daemon pod already here may stay (it tolerates the node's NoExecute taints). */
  shouldContinueRunning: boolean;
}

const nowhere: Placement = Object.freeze({ shouldRun: false, shouldContinueRunning: false });
const everywhere: Placement = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const stayOnly: Placement = Object.freeze({ shouldRun: false, shouldContinueRunning: true });

/**
 * `NodeShouldRunDaemonPod`, compiled once per DaemonSet: the template's nodeName, nodeSelector,
 * required node affinity and tolerations (with the daemon ones) are read once, then each node
 * costs a label and taint check. A node whose taint is only NoSchedule keeps the pods it has
 * (shouldContinueRunning) but gets no new one.
 */
export function placementFor(ds: KubeObject): (node: NodeInfo) => Placement {
  const spec = (dsSpec(ds).template?.spec ?? {}) as DaemonPodSpec;
  const nodeName = spec.nodeName ?? '';
  const tolerations = withDaemonPodTolerations(spec.tolerations, spec.hostNetwork === true) as Toleration[];
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms as NodeSelectorTerm[] | undefined;
  const required = { selector: Object.entries(spec.nodeSelector ?? {}), terms };
  return (node) => {
    if (nodeName !== '' && nodeName !== node.name) return nowhere;
    if (!matchesRequiredNodeAffinity(required, node)) return nowhere;
    let untoleratedNoSchedule = false;
    for (const taint of node.taints as readonly Taint[]) {
      if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
      if (tolerated(tolerations, taint)) continue;
      if (taint.effect === 'NoExecute') return nowhere;
      untoleratedNoSchedule = true;
    }
    return untoleratedNoSchedule ? stayOnly : everywhere;
  };
}
