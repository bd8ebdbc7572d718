/**
 * Fluent builders for the printer tests: `makePod('web').phase('Running').container(running('app'))`.
 * Times are offsets in seconds before the test's `now`, so expectations read as ages.
 */
import type { ContainerStatus, PodCondition, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { KubeObject, ObjectMeta } from '../types.ts';

/** The virtual now of every printer test: 2026-01-01T00:00:00Z. */
export const now = Date.UTC(2026, 0, 1);

/** An RFC 3339 timestamp `seconds` before `now`. */
export function ago(seconds: number): string {
  return new Date(now - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** A container status that is running and ready. */
export function running(name: string, restartCount = 0): ContainerStatus {
  return { name, image: 'nginx', imageID: '', ready: true, restartCount, started: true, state: { running: { startedAt: ago(60) } } };
}

/** A container status waiting with a reason (`ContainerCreating`, `CrashLoopBackOff`, …). */
export function waiting(name: string, reason: string, restartCount = 0): ContainerStatus {
  return { name, image: 'nginx', imageID: '', ready: false, restartCount, state: { waiting: { reason } } };
}

/** A container status that terminated with an exit code and optional reason or signal. */
export function terminated(name: string, exitCode: number, reason?: string, signal?: number): ContainerStatus {
  return { name, image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, reason, signal } } };
}

/** Give a status a restart count and a last termination `secondsAgo`. */
export function restarted(status: ContainerStatus, count: number, secondsAgo: number): ContainerStatus {
  return { ...status, restartCount: count, lastState: { terminated: { exitCode: 1, finishedAt: ago(secondsAgo) } } };
}

class PodBuilder {
  // Mutable stand-ins for kubernetes-types' Pod, whose server-set fields are readonly.
  private pod: { apiVersion: string; kind: string; metadata: ObjectMeta; spec: PodSpec; status: PodStatus };

  constructor(name: string) {
    this.pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', creationTimestamp: ago(300) },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
      status: { phase: 'Pending' },
    };
  }

  /** Spec containers by name (replacing the default `app`). */
  containers(...names: string[]): this {
    this.pod.spec.containers = names.map((name) => ({ name, image: 'nginx' }));
    return this;
  }

  /** Spec init containers; names ending in `*` are sidecars (restartPolicy Always). */
  initContainers(...names: string[]): this {
    this.pod.spec.initContainers = names.map((name) =>
      name.endsWith('*') ? { name: name.slice(0, -1), image: 'busybox', restartPolicy: 'Always' } : { name, image: 'busybox' });
    return this;
  }

  phase(phase: string, reason?: string): this {
    this.pod.status = { ...this.pod.status, phase, reason };
    return this;
  }

  statuses(...statuses: ContainerStatus[]): this {
    this.pod.status.containerStatuses = statuses;
    return this;
  }

  initStatuses(...statuses: ContainerStatus[]): this {
    this.pod.status.initContainerStatuses = statuses;
    return this;
  }

  condition(type: string, status: string, reason?: string): this {
    const condition: PodCondition = { type, status, reason };
    this.pod.status.conditions = [...(this.pod.status.conditions ?? []), condition];
    return this;
  }

  on(node: string, ip?: string): this {
    this.pod.spec.nodeName = node;
    if (ip) this.pod.status = { ...this.pod.status, podIP: ip, podIPs: [{ ip }] };
    return this;
  }

  deleting(): this {
    this.pod.metadata.deletionTimestamp = ago(5);
    return this;
  }

  readinessGates(...types: string[]): this {
    this.pod.spec.readinessGates = types.map((conditionType) => ({ conditionType }));
    return this;
  }

  build(): KubeObject {
    return structuredClone(this.pod) as KubeObject;
  }
}

/** Start a pod `name`, created 5 minutes ago, one container `app`, phase Pending. */
export function makePod(name: string): PodBuilder {
  return new PodBuilder(name);
}

/** A generic object of a kind, created `ageSeconds` ago, with the given top-level fields. */
export function makeObject(apiVersion: string, kind: string, name: string, fields: Record<string, unknown> = {}, ageSeconds = 300): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'default', creationTimestamp: ago(ageSeconds) }, ...fields };
}
