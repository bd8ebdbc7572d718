/**
 * Ephemeral containers (`kubectl debug`): the kubelet starts each one that appears in
 * `spec.ephemeralContainers` once, beside the pod's other containers, and never restarts it. They
 * are kept apart from `run.containers` because they count for nothing in the pod's phase or
 * conditions, and report under `status.ephemeralContainerStatuses`.
 */
import type { KubeObject } from '../api/types.ts';
import type { ContainerRun, PodContainer, PodRun } from './pod-runtime.ts';

/** The ephemeral containers of `run`, with a new (idle) run added for each one the pod's spec has gained. */
export function ephemeralRuns(run: PodRun, pod: KubeObject, now: number): ContainerRun[] {
  const wanted = ((pod.spec as { ephemeralContainers?: PodContainer[] }).ephemeralContainers ?? []);
  const runs = (run.ephemeral ??= []);
  for (const spec of wanted) {
    if (runs.some((c) => c.name === spec.name)) continue;
    runs.push({
      name: spec.name, init: false, ephemeral: true, spec, step: 'idle', nextAt: now, restartCount: 0,
      ready: false, started: false, files: new Map(), probes: [], processTime: now,
    });
  }
  return runs;
}

/** Every container of the pod the kubelet knows, ephemeral ones last (for logs and exec by name). */
export function allContainerRuns(run: PodRun): ContainerRun[] {
  return run.ephemeral?.length ? [...run.containers, ...run.ephemeral] : run.containers;
}
