/**
 * Indexed Jobs (indexed_job_utils.go): each pod carries a completion index in the annotation
 * (and label) `batch.kubernetes.io/job-completion-index`, gets hostname `<job>-<index>` and a
 * name `<job>-<index>-<suffix>`, and the Job is done when every index in 0…completions-1 has
 * succeeded once. `status.completedIndexes` lists them compactly: "0-2,4,6,7".
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodReady, podStatus, timeOf } from '../replicaset/types.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import { completionIndexAnnotation, completionIndexEnv, hasTrackingFinalizer, jobSpec, jobStatus } from './types.ts';

/** `unknownCompletionIndex`. */
export const unknownIndex = -1;

/** `getCompletionIndex`: the pod's index, or -1 when the annotation is missing or not a number. */
export function completionIndex(pod: KubeObject): number {
  const value = pod.metadata.annotations?.[completionIndexAnnotation];
  if (value === undefined || !/^[0-9]+$/.test(value)) return unknownIndex;
  const index = Number(value);
  return Number.isSafeInteger(index) ? index : unknownIndex;
}

/**
 * `orderedIntervals.String()`: ascending indexes as intervals. Two neighbours are written with a
 * comma ("6,7"), three or more as a range ("0-2").
 */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j === i) parts.push(String(sorted[i]));
    else parts.push(`${sorted[i]}${j === i + 1 ? ',' : '-'}${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** `parseIndexesFromString`: the indexes below `completions` in "0-2,4". */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  if (!text) return out;
  for (const part of text.split(',')) {
    const [first, last = first] = part.split('-').map(Number);
    if (!Number.isInteger(first) || !Number.isInteger(last)) continue;
    for (let i = first; i <= Math.min(last, completions - 1); i++) out.add(i);
  }
  return out;
}

/**
 * `calculateSucceededIndexes`: the indexes already in status, and those plus every index whose
 * pod succeeded and still has its tracking finalizer (not counted yet).
 */
export function succeededIndexes(job: KubeObject, pods: KubeObject[]): { previous: Set<number>; current: Set<number> } {
  const completions = jobSpec(job).completions ?? 0;
  const previous = parseIndexes(jobStatus(job).completedIndexes, completions);
  const current = new Set(previous);
  for (const pod of pods) {
    const index = completionIndex(pod);
    if (podStatus(pod).phase === 'Succeeded' && index !== unknownIndex && index < completions && hasTrackingFinalizer(pod)) current.add(index);
  }
  return { previous, current };
}

/** `firstPendingIndexes`: the lowest `count` indexes neither succeeded nor held by an active pod. */
export function firstPendingIndexes(active: KubeObject[], succeeded: Set<number>, count: number, completions: number): number[] {
  const taken = new Set(succeeded);
  for (const pod of active) taken.add(completionIndex(pod));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/**
 * `controller.ActivePods` order: the pod to give up first comes first — unscheduled before
 * scheduled, Pending before Running, not ready before ready, newer before older.
 */
export function compareActivePods(a: KubeObject, b: KubeObject): number {
  const scheduled = (p: KubeObject): number => ((p.spec as { nodeName?: string } | undefined)?.nodeName ? 1 : 0);
  const phaseRank = (p: KubeObject): number => ({ Pending: 0, Unknown: 1, Running: 2 } as Record<string, number>)[podStatus(p).phase ?? 'Pending'] ?? 0;
  return (scheduled(a) - scheduled(b)) || (phaseRank(a) - phaseRank(b)) || (Number(isPodReady(a)) - Number(isPodReady(b)))
    || (timeOf(b.metadata.creationTimestamp) - timeOf(a.metadata.creationTimestamp));
}

/**
 * `activePodsForRemoval`: for Indexed Jobs first the pods without a valid index or with an index
 * out of range, and all but the most advanced pod of a repeated index; then, if that is not
 * enough, the least advanced of the rest.
 */
export function activePodsForRemoval(job: KubeObject, pods: KubeObject[], atLeast: number): KubeObject[] {
  const remove: KubeObject[] = [];
  let left = pods;
  if (jobSpec(job).completionMode === 'Indexed') {
    const completions = jobSpec(job).completions ?? 0;
    const byIndex = new Map<number, KubeObject[]>();
    left = [];
    for (const pod of pods) {
      const index = completionIndex(pod);
      if (index === unknownIndex || index >= completions) remove.push(pod);
      else byIndex.set(index, [...(byIndex.get(index) ?? []), pod]);
    }
    for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
      const same = byIndex.get(index)!.sort(compareActivePods);
      remove.push(...same.slice(0, -1));
      left.push(same[same.length - 1]);
    }
  }
  if (remove.length < atLeast) remove.push(...[...left].sort(compareActivePods).slice(0, atLeast - remove.length));
  return remove;
}

/** `podGenerateNameWithIndex`: `<job>-<index>-`, the job name cut so the pod name fits in 63. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const appendix = `-${index}-`;
  const maxGeneratedNameLength = 58;
  const base = jobName.length + appendix.length > maxGeneratedNameLength ? jobName.slice(0, maxGeneratedNameLength - appendix.length) : jobName;
  return `${base}${appendix}`;
}

interface ContainerView { env?: { name: string }[]; [key: string]: unknown }

/** `addCompletionIndexEnvVariables`: JOB_COMPLETION_INDEX from the annotation, in every container. */
export function withCompletionIndexEnv(template: PodTemplate): PodTemplate {
  const spec = structuredClone(template.spec ?? {}) as { containers?: ContainerView[]; initContainers?: ContainerView[] };
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if (container.env?.some((e) => e.name === completionIndexEnv)) continue;
    container.env = [...(container.env ?? []), {
      name: completionIndexEnv,
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${completionIndexAnnotation}']` } },
    } as { name: string }];
  }
  return { ...template, spec };
}

/** The template of one index's pod: annotation and label with the index, hostname `<job>-<index>`. */
export function templateForIndex(template: PodTemplate, jobName: string, index: number): PodTemplate {
  const metadata = { ...(template.metadata ?? {}) };
  metadata.annotations = { ...(metadata.annotations ?? {}), [completionIndexAnnotation]: String(index) };
  metadata.labels = { ...(metadata.labels ?? {}), [completionIndexAnnotation]: String(index) };
  return { metadata, spec: { ...(template.spec ?? {}), hostname: `${jobName}-${index}` } };
}
