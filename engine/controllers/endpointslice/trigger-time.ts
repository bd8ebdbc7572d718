/**
 * `TriggerTimeTracker`: the value of the `endpoints.kubernetes.io/last-change-trigger-time`
 * annotation. A new Service gets its creationTimestamp; after that, the earliest Ready-condition
 * transition (or Service creation) that changed since the previous sync; nothing (the annotation
 * is removed) when no trigger changed.
 */
import type { KubeObject } from '../../api/types.ts';
import { podView } from './pod-endpoint.ts';

/** The annotation both endpoint controllers write. */
export const lastChangeTriggerTimeAnnotation = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  serviceTriggerTime: string;
  podTriggerTimes: Map<string, string>;
}

/** Kubernetes writes these times in one form (`2026-01-01T00:00:05Z`), so text order is time order. */
function after(a: string, b: string): boolean {
  return a.length === b.length ? a > b : Date.parse(a) > Date.parse(b);
}

function earlier(current: string | undefined, candidate: string): string {
  return current === undefined || after(current, candidate) ? candidate : current;
}

/** One tracker per controller, keyed by Service. */
export class TriggerTimeTracker {
  private states = new Map<string, ServiceState>();

  /** The trigger time for this sync (RFC 3339), or undefined for none; remembers what it saw. */
  compute(service: KubeObject, pods: KubeObject[]): string | undefined {
    const key = `${service.metadata.namespace}/${service.metadata.name}`;
    const state = this.states.get(key);
    let minChanged: string | undefined;
    const podTriggerTimes = new Map<string, string>();
    for (const pod of pods) {
      const ready = podView(pod).status?.conditions?.find((c) => c.type === 'Ready');
      const time = ready?.lastTransitionTime;
      if (!time) continue;
      podTriggerTimes.set(pod.metadata.name!, time);
      const previous = state?.podTriggerTimes.get(pod.metadata.name!);
      if (previous === undefined || after(time, previous)) minChanged = earlier(minChanged, time);
    }
    const serviceTriggerTime = service.metadata.creationTimestamp ?? '';
    if (serviceTriggerTime && (!state?.serviceTriggerTime || after(serviceTriggerTime, state.serviceTriggerTime))) {
      minChanged = earlier(minChanged, serviceTriggerTime);
    }
    this.states.set(key, { serviceTriggerTime, podTriggerTimes });
    if (!state) return serviceTriggerTime || undefined;
    return minChanged;
  }

  delete(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
