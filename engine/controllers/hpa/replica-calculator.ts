/**
 * The HPA's replica arithmetic (pkg/controller/podautoscaler/replica_calculator.go): from the
 * pods' metrics and requests to a replica count, with the 0.1 tolerance and the rules for pods
 * that are missing metrics, not yet ready, or being deleted.
 *
 * Worked example: 1 replica of php-apache requesting 200m uses 500m (throttled at its limit); the
 * target is 50%. Utilization = 500 × 100 / 200 = 250%, ratio 250 / 50 = 5.0, so
 * ceil(5.0 × 1) = 5 replicas — then the scale-up rate limit decides how many of those come now.
 */
import type { KubeObject } from '../../api/types.ts';
import { milliValue, parseQuantity } from '../../api/validation/quantity.ts';

/** One pod's metric: its value in milli-units, when it was measured and over what window. */
export interface PodMetric {
  timestamp: number;
  windowMs: number;
  value: number;
}

/** Metrics by pod name. */
export type PodMetricsInfo = Map<string, PodMetric>;

/** The controller's knobs (kube-controller-manager flags). */
export interface CalculatorOptions {
  /** `--horizontal-pod-autoscaler-tolerance` (0.1). */
  tolerance: number;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period` (5 min). */
  cpuInitializationPeriodMs: number;
  /** `--horizontal-pod-autoscaler-initial-readiness-delay` (30 s). */
  delayOfInitialReadinessStatusMs: number;
}

/** The defaults of kube-controller-manager v1.32. */
export const defaultCalculatorOptions: CalculatorOptions = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 5 * 60_000,
  delayOfInitialReadinessStatusMs: 30_000,
};

/** A replica count proposal and what was measured. */
export interface ResourceProposal {
  replicas: number;
  /** Average utilization, percent of request (Utilization targets only). */
  utilization?: number;
  /** Average usage per pod, milli-units. */
  rawAverage: number;
  timestamp: number;
}

interface PodStatusView {
  phase?: string;
  startTime?: string;
  conditions?: { type: string; status: string; lastTransitionTime?: string }[];
}

interface Grouped {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/**
 * Sort the pods as `groupPods` does: deleted or failed pods are ignored, pending ones are unready,
 * pods without metrics are missing; for CPU, a pod still initializing (started under 5 min ago)
 * counts only when ready and measured one whole window after turning ready, and an older pod is
 * left out only if it is unready and has never been ready since its first 30 s.
 */
export function groupPods(pods: KubeObject[], metrics: PodMetricsInfo, resource: string, now: number, options: CalculatorOptions): Grouped {
  const out: Grouped = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    const name = pod.metadata.name!;
    const status = (pod.status ?? {}) as PodStatusView;
    if (pod.metadata.deletionTimestamp || status.phase === 'Failed') { out.ignored.add(name); continue; }
    if (status.phase === 'Pending') { out.unready.add(name); continue; }
    const metric = metrics.get(name);
    if (!metric) { out.missing.add(name); continue; }
    if (resource === 'cpu') {
      const ready = status.conditions?.find((c) => c.type === 'Ready');
      let unready: boolean;
      if (!ready || !status.startTime) unready = true;
      else {
        const start = Date.parse(status.startTime);
        const transition = Date.parse(ready.lastTransitionTime ?? status.startTime);
        if (start + options.cpuInitializationPeriodMs > now) {
          unready = ready.status === 'False' || metric.timestamp < transition + metric.windowMs;
        } else {
          unready = ready.status === 'False' && start + options.delayOfInitialReadinessStatusMs > transition;
        }
      }
      if (unready) { out.unready.add(name); continue; }
    }
    out.readyPodCount++;
  }
  return out;
}

/** The sum of a pod's container requests for `resource`, in milli-units; an error names the first container without one. */
export function calculatePodRequests(pods: KubeObject[], resource: string): Map<string, number> | { error: string } {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
    // Regular containers and sidecars (restartable init containers) both count.
    const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    let sum = 0;
    for (const c of containers) {
      const raw = c.resources?.requests?.[resource];
      const value = raw === undefined ? 0 : milliValue(parseQuantity(String(raw)));
      if (value === 0) return { error: `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}` };
      sum += value;
    }
    requests.set(pod.metadata.name!, sum);
  }
  return requests;
}

interface Container {
  name: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, unknown> };
}

/** `GetResourceUtilizationRatio`: usage over requests of the pods that have both. */
export function utilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, target: number): { ratio: number; utilization: number; rawAverage: number } | { error: string } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entities = 0;
  for (const [name, metric] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    entities++;
  }
  if (requestsTotal === 0) return { error: 'no metrics returned matched known pods' };
  // Go's integer division truncates toward zero.
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / entities) };
}

/** `GetMetricUsageRatio`: the average usage against an average-value target. */
function usageRatio(metrics: PodMetricsInfo, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const metric of metrics.values()) total += metric.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

/**
 * `GetResourceReplicas`: the replicas a Utilization target asks for. `metrics` is consumed
 * (unready and ignored pods are removed, missing ones filled in as the real calculator does).
 */
export function resourceReplicas(currentReplicas: number, target: number, resource: string, pods: KubeObject[], metrics: PodMetricsInfo, timestamp: number, now: number, options = defaultCalculatorOptions): ResourceProposal | { error: string } {
  if (!pods.length) return { error: 'no pods returned by selector while calculating replica count' };
  const groups = groupPods(pods, metrics, resource, now, options);
  for (const name of [...groups.ignored, ...groups.unready]) metrics.delete(name);
  const requests = calculatePodRequests(pods, resource);
  if ('error' in requests) return requests;
  if (!metrics.size) return { error: 'did not receive metrics for targeted pods (pods might be unready)' };
  const first = utilizationRatio(metrics, requests, target);
  if ('error' in first) return first;
  const base = { utilization: first.utilization, rawAverage: first.rawAverage, timestamp };
  const scaleUpWithUnready = groups.unready.size > 0 && first.ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1.0 - first.ratio) <= options.tolerance) return { ...base, replicas: currentReplicas };
    return { ...base, replicas: Math.ceil(first.ratio * groups.readyPodCount) };
  }
  if (groups.missing.size) {
    // Scaling down, a pod without metrics is taken to use all it requested (or the target above 100%);
    // scaling up, nothing — so that missing metrics never make the change bigger.
    const fallback = Math.max(100, target);
    for (const name of groups.missing) {
      metrics.set(name, { timestamp, windowMs: 0, value: first.ratio < 1.0 ? Math.trunc(((requests.get(name) ?? 0) * fallback) / 100) : 0 });
    }
  }
  if (scaleUpWithUnready) for (const name of groups.unready) metrics.set(name, { timestamp, windowMs: 0, value: 0 });
  const second = utilizationRatio(metrics, requests, target);
  if ('error' in second) return second;
  return { ...base, replicas: settle(currentReplicas, first.ratio, second.ratio, metrics.size, options.tolerance) };
}

/** `GetRawResourceReplicas` (calcPlainMetricReplicas): the replicas an AverageValue target asks for. */
export function rawResourceReplicas(currentReplicas: number, target: number, resource: string, pods: KubeObject[], metrics: PodMetricsInfo, timestamp: number, now: number, options = defaultCalculatorOptions): ResourceProposal | { error: string } {
  if (!pods.length) return { error: 'no pods returned by selector while calculating replica count' };
  const groups = groupPods(pods, metrics, resource, now, options);
  for (const name of [...groups.ignored, ...groups.unready]) metrics.delete(name);
  if (!metrics.size) return { error: 'did not receive metrics for targeted pods (pods might be unready)' };
  const first = usageRatio(metrics, target);
  const base = { rawAverage: first.usage, timestamp };
  const scaleUpWithUnready = groups.unready.size > 0 && first.ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1.0 - first.ratio) <= options.tolerance) return { ...base, replicas: currentReplicas };
    return { ...base, replicas: Math.ceil(first.ratio * groups.readyPodCount) };
  }
  for (const name of groups.missing) metrics.set(name, { timestamp, windowMs: 0, value: first.ratio < 1.0 ? target : 0 });
  if (scaleUpWithUnready) for (const name of groups.unready) metrics.set(name, { timestamp, windowMs: 0, value: 0 });
  const second = usageRatio(metrics, target);
  return { ...base, replicas: settle(currentReplicas, first.ratio, second.ratio, metrics.size, options.tolerance) };
}

/** The re-run with filled-in pods: no change if it lands within tolerance or flips direction. */
function settle(currentReplicas: number, ratio: number, newRatio: number, count: number, tolerance: number): number {
  if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) return currentReplicas;
  const replicas = Math.ceil(newRatio * count);
  if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) return currentReplicas;
  return replicas;
}
