/**
 * DaemonSet status, as `updateDaemonSetStatus` computes it: per node that should run a pod,
 * desiredNumberScheduled; of those with a pod, currentNumberScheduled; of their oldest pods,
 * numberReady, numberAvailable (Ready for longer than minReadySeconds) and updatedNumberScheduled
 * (current revision); pods on nodes that should not run one are numberMisscheduled.
 */
import type { KubeObject } from '../../api/types.ts';
import { isPodAvailable, isPodReady } from '../replicaset/types.ts';
import { byCreationTimestampAndPhase } from './manage.ts';
import { isPodUpdated } from './rolling.ts';
import type { DaemonSetStatus } from './types.ts';
import { dsStatus } from './types.ts';

/** The seven counts the controller writes. */
export interface DaemonSetCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/** What the counts are computed from. */
export interface StatusInput {
  /** Every node with whether the DaemonSet should run there (`shouldRun`). */
  nodes: Iterable<{ name: string; shouldRun: boolean }>;
  nodeToDaemonPods: ReadonlyMap<string, readonly KubeObject[]>;
  hash: string;
  generation: number | undefined;
  minReadySeconds: number;
  now: number;
}

/** The counts for `status`; numberUnavailable is desired minus available. */
export function calculateCounts(input: StatusInput): DaemonSetCounts {
  const counts: DaemonSetCounts = {
    desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0,
    updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0,
  };
  for (const node of input.nodes) {
    const pods = input.nodeToDaemonPods.get(node.name);
    const scheduled = pods !== undefined && pods.length > 0;
    if (!node.shouldRun) {
      if (scheduled) counts.numberMisscheduled++;
      continue;
    }
    counts.desiredNumberScheduled++;
    if (!scheduled) continue;
    counts.currentNumberScheduled++;
    // The oldest pod speaks for the node (a surge pod beside it does not count twice).
    const pod = [...pods].sort(byCreationTimestampAndPhase)[0];
    if (isPodReady(pod)) {
      counts.numberReady++;
      if (isPodAvailable(pod, input.minReadySeconds, input.now)) counts.numberAvailable++;
    }
    if (isPodUpdated(pod, input.hash, input.generation)) counts.updatedNumberScheduled++;
  }
  counts.numberUnavailable = counts.desiredNumberScheduled - counts.numberAvailable;
  return counts;
}

/** `storeDaemonSetStatus`'s skip test: same counts and the generation already observed. */
export function statusUpToDate(ds: KubeObject, counts: DaemonSetCounts): boolean {
  const status = dsStatus(ds) as Record<string, number | undefined>;
  for (const [field, value] of Object.entries(counts)) if ((status[field] ?? 0) !== value) return false;
  return (dsStatus(ds).observedGeneration ?? 0) >= (ds.metadata.generation ?? 0);
}

/**
 * The status to write, in the field order of the Go struct. The first four counts are always
 * written; the others are `omitempty`. `observedGeneration` moves only when the sync acted on
 * this generation (not while waiting on expectations).
 */
export function nextStatus(ds: KubeObject, counts: DaemonSetCounts, observeGeneration: boolean): DaemonSetStatus {
  const old = dsStatus(ds);
  const status: DaemonSetStatus = {
    currentNumberScheduled: counts.currentNumberScheduled,
    numberMisscheduled: counts.numberMisscheduled,
    desiredNumberScheduled: counts.desiredNumberScheduled,
    numberReady: counts.numberReady,
  };
  const observed = observeGeneration ? ds.metadata.generation ?? 0 : old.observedGeneration ?? 0;
  if (observed) status.observedGeneration = observed;
  if (counts.updatedNumberScheduled) status.updatedNumberScheduled = counts.updatedNumberScheduled;
  if (counts.numberAvailable) status.numberAvailable = counts.numberAvailable;
  if (counts.numberUnavailable) status.numberUnavailable = counts.numberUnavailable;
  if (old.collisionCount !== undefined) status.collisionCount = old.collisionCount;
  if (old.conditions?.length) status.conditions = old.conditions;
  return status;
}
