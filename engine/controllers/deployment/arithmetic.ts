/**
 * The pure arithmetic of a Deployment rollout (pkg/controller/deployment/util): how many pods
 * may be over or under the desired count, how far the new ReplicaSet may grow, and how a resize
 * in the middle of a rollout is shared among ReplicaSets in proportion to their size.
 */
import type { IntOrString } from './types.ts';

/**
 * `intstr.GetScaledValueFromIntOrPercent`: an int as it is, a percentage of `total` rounded up
 * (surge) or down (unavailable). 25% of 10 is 3 rounded up and 2 rounded down.
 */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(-?\d+)%$/.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * `ResolveFenceposts`: maxSurge rounded up and maxUnavailable rounded down. Both zero would
 * deadlock a rollout, so maxUnavailable becomes 1 then (validation already forbids 0 and 0 as
 * written, but 10% of 5 replicas rounds down to 0).
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** The rollout parameters of one Deployment, already read from its spec. */
export interface RolloutLimits {
  replicas: number;
  rollingUpdate: boolean;
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
}

/** `MaxSurge`: 0 for Recreate. */
export function maxSurge(d: RolloutLimits): number {
  if (!d.rollingUpdate) return 0;
  return resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).surge;
}

/** `MaxUnavailable`: 0 for Recreate or no replicas, never more than the replicas. */
export function maxUnavailable(d: RolloutLimits): number {
  if (!d.rollingUpdate || d.replicas === 0) return 0;
  return Math.min(resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).unavailable, d.replicas);
}

/**
 * `NewRSNewReplicas`: how big the new ReplicaSet may be now. Rolling: the total may reach
 * replicas + maxSurge, so with 10 replicas, maxSurge 3 and 10 old pods, the new ReplicaSet may
 * grow from 0 to 3. Recreate: all at once.
 * `currentPodCount` is the sum of `spec.replicas` of every ReplicaSet passed in.
 */
export function newRSNewReplicas(d: RolloutLimits, currentPodCount: number, newRSReplicas: number): number {
  if (!d.rollingUpdate) return d.replicas;
  const maxTotalPods = d.replicas + maxSurge(d);
  if (currentPodCount >= maxTotalPods) return newRSReplicas;
  const scaleUpCount = Math.min(maxTotalPods - currentPodCount, d.replicas - newRSReplicas);
  return newRSReplicas + scaleUpCount;
}

/** Go's `math.Round`: halves away from zero (JavaScript's Math.round rounds -2.5 to -2). */
export function goRound(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** What proportional scaling needs to know about one ReplicaSet. */
export interface ProportionInput {
  /** `spec.replicas` of the ReplicaSet. */
  replicas: number;
  /** Its `max-replicas` annotation, if readable. */
  annotatedMaxReplicas?: number;
}

/**
 * `getReplicaSetFraction`: this ReplicaSet's share of the new size, from the Deployment size it
 * was last sized for (`max-replicas`). Scaling 10 (+3 surge) to 15 (+4 surge): an RS with 8 of
 * the 13 grows to round(8 × 19 / 13) = 12, a fraction of +4.
 */
export function replicaSetFraction(rs: ProportionInput, d: RolloutLimits, statusReplicas: number): number {
  if (d.replicas === 0) return -rs.replicas;
  const deploymentReplicas = d.replicas + maxSurge(d);
  const annotated = rs.annotatedMaxReplicas ?? statusReplicas;
  return goRound((rs.replicas * deploymentReplicas) / annotated) - rs.replicas;
}

/**
 * `GetReplicaSetProportion`: the fraction, capped so the ReplicaSets together never add (or
 * remove) more than `toAdd`; `added` is what earlier (larger) ReplicaSets already took.
 */
export function replicaSetProportion(rs: ProportionInput, d: RolloutLimits, statusReplicas: number, toAdd: number, added: number): number {
  if (rs.replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d, statusReplicas);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * The proportional-scaling plan for ReplicaSets already sorted (largest first; newer first when
 * scaling up, older first when scaling down): each one's new size. Leftovers from rounding go to
 * the first (largest) one, never below 0.
 */
export function proportionalSizes(sorted: ProportionInput[], d: RolloutLimits, statusReplicas: number, allowedSize: number): number[] {
  const current = sorted.reduce((sum, rs) => sum + rs.replicas, 0);
  const toAdd = allowedSize - current;
  let added = 0;
  const sizes = sorted.map((rs) => {
    if (toAdd === 0) return rs.replicas;
    const proportion = replicaSetProportion(rs, d, statusReplicas, toAdd, added);
    added += proportion;
    return rs.replicas + proportion;
  });
  if (toAdd !== 0 && sizes.length) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  return sizes;
}
