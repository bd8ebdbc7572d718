/**
 * The fields of DaemonSets and ControllerRevisions this controller reads, typed once, and the
 * label and annotation keys it writes. Objects come from informers as `KubeObject`; these views
 * only narrow them and never change them.
 */
import type { KubeObject } from '../../api/types.ts';
import type { LabelSelector } from '../../api/selectors/label-selector.ts';
import type { PodTemplate } from '../replicaset/types.ts';

/** `apps.DefaultDaemonSetUniqueLabelKey`: the ControllerRevision hash on pods and revisions. */
export const controllerRevisionHashLabel = 'controller-revision-hash';

/** `extensions.DaemonSetTemplateGenerationKey`: the template generation a pod was made from. */
export const podTemplateGenerationLabel = 'pod-template-generation';

/** `apps.DeprecatedTemplateGeneration`: where apps/v1 keeps `spec.templateGeneration`. */
export const templateGenerationAnnotation = 'deprecated.daemonset.template.generation';

/** An int or a percentage, as `maxUnavailable` and `maxSurge` are written. */
export type IntOrString = number | string;

/** `spec.updateStrategy` of a DaemonSet. */
export interface DaemonSetUpdateStrategy {
  type?: 'RollingUpdate' | 'OnDelete' | string;
  rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
}

/** `spec` of a DaemonSet (the API server has defaulted it). */
export interface DaemonSetSpec {
  selector?: LabelSelector;
  template?: PodTemplate;
  updateStrategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

/** `status` of a DaemonSet. */
export interface DaemonSetStatus {
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: unknown[];
}

/** The spec of a DaemonSet object. */
export function dsSpec(ds: KubeObject): DaemonSetSpec {
  return (ds.spec ?? {}) as DaemonSetSpec;
}

/** The status of a DaemonSet object. */
export function dsStatus(ds: KubeObject): DaemonSetStatus {
  return (ds.status ?? {}) as DaemonSetStatus;
}

/** `revision` of a ControllerRevision. */
export function revisionOf(history: KubeObject): number {
  return (history as { revision?: number }).revision ?? 0;
}

/**
 * `util.GetTemplateGeneration`: the template generation from the deprecated annotation, or
 * undefined when there is none or it does not parse (upstream then relies on the hash alone).
 */
export function templateGeneration(ds: KubeObject): number | undefined {
  const annotation = ds.metadata.annotations?.[templateGenerationAnnotation];
  if (annotation === undefined) return undefined;
  return /^-?\d+$/.test(annotation) ? Number(annotation) : undefined;
}

/** The pod's spec fields placement and rolling updates read. */
export interface DaemonPodSpec {
  nodeName?: string;
  hostNetwork?: boolean;
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTermView[] }; [key: string]: unknown }; [key: string]: unknown };
  tolerations?: TolerationView[];
}

/** A node selector term, as far as `GetTargetNodeName` reads it. */
export interface NodeSelectorTermView {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
  matchFields?: { key: string; operator: string; values?: string[] }[];
}

/** A toleration as written in a pod spec. */
export interface TolerationView {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** The spec of a Pod object, narrowed. */
export function podSpec(pod: KubeObject): DaemonPodSpec {
  return (pod.spec ?? {}) as DaemonPodSpec;
}
