/**
 * What metrics-server scrapes from each node's kubelet (its `/metrics/resource` endpoint): the
 * CPU and memory of every running container and of the node itself. The kubelets implement
 * `MetricsSource`; the metrics API (api.ts) reads it through `setMetricsSource`, as the pod log
 * handler reads the kubelets' LogSource.
 */
import type { ApiContext } from '../api/context.ts';
import type { KubeObject } from '../api/types.ts';
import type { ContainerRun, PodRun } from '../kubelet/pod-runtime.ts';
import { parseQuantity, milliValue } from '../api/validation/quantity.ts';
import { nodeOverhead } from './usage.ts';

/** One container's usage over a window: millicores (average) and bytes (at the window's end). */
export interface ContainerSample {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
}

/** A node's usage over a window. */
export interface NodeSample {
  cpuMillicores: number;
  memoryBytes: number;
}

/** The kubelets' side of a scrape. */
export interface MetricsSource {
  /**
   * The pod's containers measured over [from, to); undefined when the pod does not run here, or
   * when a container has not been running since `from` (metrics-server needs two scrapes of it).
   */
  podUsage(pod: KubeObject, from: number, to: number): ContainerSample[] | undefined;
  /** The node's usage over [from, to); undefined when its kubelet is down or registered after `from`. */
  nodeUsage(name: string, from: number, to: number): NodeSample | undefined;
}

const sources = new WeakMap<ApiContext, MetricsSource>();

/** Register the kubelets' metrics source for a cluster's API server. */
export function setMetricsSource(ctx: ApiContext, source: MetricsSource): void {
  sources.set(ctx, source);
}

/** The registered metrics source, if any. */
export function metricsSourceOf(ctx: ApiContext): MetricsSource | undefined {
  return sources.get(ctx);
}

/** The container's CPU limit in millicores (its CFS quota), if it has one. */
function cpuLimit(c: ContainerRun): number | undefined {
  const limit = c.spec.resources?.limits?.cpu;
  if (limit === undefined) return undefined;
  try {
    return milliValue(parseQuantity(String(limit)));
  } catch {
    return undefined;
  }
}

function sample(c: ContainerRun, from: number, to: number): ContainerSample {
  const usage = c.process!.usage!;
  return { name: c.name, cpuMillicores: usage.cpuMillicores(from, to, cpuLimit(c)), memoryBytes: usage.memoryBytes(to) };
}

/** A pod run's usage over [from, to): every regular container must have run the whole window. */
export function podRunUsage(run: PodRun, from: number, to: number): ContainerSample[] | undefined {
  const out: ContainerSample[] = [];
  for (const c of run.containers) {
    if (c.init) continue;
    if (c.step !== 'running' || !c.process?.usage || !c.running || c.running.startedAt > from) return undefined;
    out.push(sample(c, from, to));
  }
  return out.length ? out : undefined;
}

/** A node's usage: its own overhead plus every container running on it. */
export function nodeRunUsage(runs: Iterable<PodRun | undefined>, from: number, to: number): NodeSample {
  let cpu = nodeOverhead.millicores;
  let memory = nodeOverhead.memoryBytes;
  for (const run of runs) {
    for (const c of run?.containers ?? []) {
      if (c.step !== 'running' || !c.process?.usage) continue;
      const s = sample(c, Math.max(from, c.running?.startedAt ?? from), to);
      cpu += s.cpuMillicores;
      memory += s.memoryBytes;
    }
  }
  return { cpuMillicores: cpu, memoryBytes: memory };
}
