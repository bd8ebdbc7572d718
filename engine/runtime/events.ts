/**
 * Event recorders, as client-go's: `EventRecorder` (core/v1, used by controllers and kubelets)
 * creates an Event once and then PATCHes `count` and `lastTimestamp` for identical repeats, and
 * drops events over a per-object token bucket (burst 25, one more per 300 s);
 * `SeriesRecorder` (events.k8s.io/v1, used by the scheduler) records `eventTime` and, from the
 * second occurrence on, a `series`. Events are written through the API like any other object.
 */
import { rfc3339, rfc3339Micro, type Clock } from '../clock.ts';
import type { KubeObject } from '../api/types.ts';
import type { ApiClient } from './informer.ts';

export interface EventSource {
  component: string;
  /** Node name for kubelets; empty for controllers. */
  host?: string;
}

export type EventType = 'Normal' | 'Warning';

/** The involvedObject of an event, taken from the object it is about. */
export function objectReference(object: KubeObject, fieldPath?: string): Record<string, string> {
  const ref: Record<string, string> = {
    kind: object.kind ?? '',
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name ?? '',
    uid: object.metadata.uid ?? '',
    apiVersion: object.apiVersion ?? '',
    resourceVersion: object.metadata.resourceVersion ?? '',
  };
  if (!ref.namespace) delete ref.namespace;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/** Events of cluster-scoped objects (Nodes) go to the `default` namespace. */
function eventNamespace(object: KubeObject): string {
  return object.metadata.namespace || 'default';
}

/**
 * POST an event under a fresh name. Real names carry nanoseconds and never meet; two recorders
 * here can pick the same name in the same virtual millisecond, so a name taken is skipped.
 */
function createEvent(api: ApiClient, path: string, nextName: () => string, body: (name: string) => Record<string, unknown>): string {
  for (let attempt = 0; ; attempt++) {
    const name = nextName();
    const response = api.handle({ method: 'POST', path, body: body(name) });
    if (response.status !== 409 || attempt >= 8) return name;
  }
}

/** `<name>.<hex of UnixNano>`: unique per recorder by adding a sequence to the nanoseconds. */
function eventName(objectName: string, clock: Clock, sequence: number): string {
  const nanos = BigInt(clock.now()) * 1_000_000n + BigInt(sequence % 1_000_000);
  return `${objectName}.${nanos.toString(16)}`;
}

const burst = 25;
const refillMs = 300_000;

/** A core/v1 event recorder for one component. */
export class EventRecorder {
  private sequence = 0;
  /** Dedup key → the stored event's name and count. */
  private seen = new Map<string, { namespace: string; name: string; count: number }>();
  /** Spam filter per involved object: tokens left and when they were last refilled. */
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly api: ApiClient, private readonly clock: Clock, private readonly source: EventSource) {}

  /** Record `reason`/`message` about `object`, as `recorder.Event(obj, type, reason, message)` does. */
  event(object: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const involved = objectReference(object, fieldPath);
    const objectKey = JSON.stringify([this.source, involved.kind, involved.namespace, involved.name, involved.uid, fieldPath ?? '']);
    if (!this.allow(objectKey)) return;
    const key = JSON.stringify([objectKey, type, reason, message]);
    const now = rfc3339(this.clock.now());
    const previous = this.seen.get(key);
    if (previous) {
      previous.count++;
      this.api.handle({
        method: 'PATCH',
        path: `/api/v1/namespaces/${previous.namespace}/events/${previous.name}`,
        headers: { 'content-type': 'application/strategic-merge-patch+json' },
        body: { count: previous.count, lastTimestamp: now },
      });
      return;
    }
    const namespace = eventNamespace(object);
    const source: Record<string, string> = { component: this.source.component };
    if (this.source.host) source.host = this.source.host;
    const name = createEvent(this.api, `/api/v1/namespaces/${namespace}/events`, () => eventName(involved.name, this.clock, this.sequence++), (name) => ({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace },
      involvedObject: involved,
      reason, message, source,
      firstTimestamp: now, lastTimestamp: now, count: 1, type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    }));
    this.seen.set(key, { namespace, name, count: 1 });
    if (this.seen.size > 4096) this.seen.delete(this.seen.keys().next().value!);
  }

  private allow(objectKey: string): boolean {
    const now = this.clock.now();
    const bucket = this.buckets.get(objectKey) ?? { tokens: burst, at: now };
    const refilled = Math.floor((now - bucket.at) / refillMs);
    if (refilled > 0) {
      bucket.tokens = Math.min(burst, bucket.tokens + refilled);
      bucket.at += refilled * refillMs;
    }
    if (bucket.tokens <= 0) {
      this.buckets.set(objectKey, bucket);
      return false;
    }
    bucket.tokens--;
    this.buckets.set(objectKey, bucket);
    return true;
  }
}

/** An events.k8s.io/v1 recorder (the scheduler's): eventTime, action, and a series for repeats. */
export class SeriesRecorder {
  private sequence = 0;
  private seen = new Map<string, { namespace: string; name: string; count: number }>();

  constructor(private readonly api: ApiClient, private readonly clock: Clock, private readonly controller: string, private readonly instance: string) {}

  /** `recorder.Eventf(regarding, related, type, reason, action, note)`. */
  event(regarding: KubeObject, type: EventType, reason: string, action: string, note: string): void {
    const ref = objectReference(regarding);
    const key = JSON.stringify([action, reason, ref.kind, ref.namespace, ref.name, ref.uid, type, note]);
    const now = rfc3339Micro(this.clock.now());
    const previous = this.seen.get(key);
    if (previous) {
      previous.count++;
      // Only the second occurrence is written at once; later ones wait for the periodic refresh.
      if (previous.count === 2) {
        this.api.handle({
          method: 'PATCH',
          path: `/apis/events.k8s.io/v1/namespaces/${previous.namespace}/events/${previous.name}`,
          headers: { 'content-type': 'application/merge-patch+json' },
          body: { series: { count: previous.count, lastObservedTime: now } },
        });
      }
      return;
    }
    const namespace = eventNamespace(regarding);
    const name = createEvent(this.api, `/apis/events.k8s.io/v1/namespaces/${namespace}/events`, () => eventName(ref.name, this.clock, this.sequence++), (name) => ({
      apiVersion: 'events.k8s.io/v1', kind: 'Event',
      metadata: { name, namespace },
      eventTime: now, reportingController: this.controller, reportingInstance: this.instance,
      action, reason, regarding: ref, note, type,
    }));
    this.seen.set(key, { namespace, name, count: 1 });
    if (this.seen.size > 4096) this.seen.delete(this.seen.keys().next().value!);
  }
}
