/**
 * Event recorders, as client-go's: `EventRecorder` (core/v1, used by controllers and kubelets)
 * creates an Event once and then PATCHes `count` and `lastTimestamp` for identical repeats, and
 * drops events over a per-object token bucket (burst 25, one more per 300 s);
 * `SeriesRecorder` (events.k8s.io/v1, used by the scheduler) records `eventTime` and, from the
 * second occurrence on, a `series`. Events are written through the API like any other object.
 */
import { rfc3339Micro, type Clock } from '../clock.ts';
import { secondsText } from '../api/time-text.ts';
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
/** Similar events (same object, type and reason; other messages) before they are combined. */
const aggregateMaxEvents = 10;
const aggregateIntervalMs = 600_000;
const cacheEntries = 4096;

/** What the logger knows of an event it has seen: where it is stored and how often it happened. */
interface Observation {
  namespace: string;
  name: string;
  count: number;
  firstTimestamp: string;
}

/** Keep at most `cacheEntries` entries, dropping the oldest, as client-go's LRU caches do. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > cacheEntries) cache.delete(cache.keys().next().value!);
}

/**
 * A core/v1 event recorder for one component, with client-go's `EventCorrelator` in front of
 * the API: similar events are combined once ten differ only in their message within ten
 * minutes, identical ones are counted on the stored event (a strategic-merge PATCH), and a
 * token bucket per source and object (burst 25, one more per 300 s) drops the rest.
 */
export class EventRecorder {
  private sequence = 0;
  /** The aggregator's record per similar-events key: the distinct messages lately seen. */
  private aggregates = new Map<string, { messages: Set<string>; last: number }>();
  /** The logger: event key → the stored event's name and count. */
  private seen = new Map<string, Observation>();
  /** Spam filter per source and involved object: tokens left and when they were last refilled. */
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly api: ApiClient, private readonly clock: Clock, private readonly source: EventSource) {}

  /** Record `reason`/`message` about `object`, as `recorder.Event(obj, type, reason, message)` does. */
  event(object: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const involved = objectReference(object, fieldPath);
    const host = this.source.host ?? '';
    const objectKey = [this.source.component, host, involved.kind, involved.namespace ?? '', involved.name, involved.uid, involved.apiVersion].join('\u0000');
    const nowMs = this.clock.now();
    const now = secondsText(nowMs);
    // EventAggregate: the tenth distinct message of similar events becomes one combined event.
    const aggregateKey = [objectKey, type, reason, this.source.component, host].join('\u0000');
    let record = this.aggregates.get(aggregateKey);
    if (!record || nowMs - record.last > aggregateIntervalMs) record = { messages: new Set(), last: nowMs };
    record.messages.add(message);
    record.last = nowMs;
    remember(this.aggregates, aggregateKey, record);
    const combined = record.messages.size >= aggregateMaxEvents;
    if (combined) record.messages.delete(record.messages.values().next().value!);
    const key = combined ? `A\u0000${aggregateKey}` : `E\u0000${objectKey}\u0000${fieldPath ?? ''}\u0000${type}\u0000${reason}\u0000${message}`;
    const text = combined ? `(combined from similar events): ${message}` : message;
    // eventObserve counts the occurrence before the spam filter decides whether it is written.
    const namespace = eventNamespace(object);
    const previous = this.seen.get(key);
    const observation: Observation = previous
      ? { ...previous, count: previous.count + 1 }
      : { namespace, name: eventName(involved.name, this.clock, this.sequence++), count: 1, firstTimestamp: now };
    remember(this.seen, key, observation);
    if (!this.allow(objectKey)) return;
    if (previous) {
      const patched = this.api.handle({
        method: 'PATCH',
        path: `/api/v1/namespaces/${observation.namespace}/events/${observation.name}`,
        headers: { 'content-type': 'application/strategic-merge-patch+json' },
        body: { count: observation.count, lastTimestamp: now, message: text },
      });
      // The event may be gone (its TTL passed): recordEvent creates it again.
      if (patched.status !== 404) return;
    }
    const source: Record<string, string> = { component: this.source.component };
    if (this.source.host) source.host = this.source.host;
    let name: string | undefined = observation.name;
    observation.name = createEvent(this.api, `/api/v1/namespaces/${observation.namespace}/events`, () => {
      const next = name ?? eventName(involved.name, this.clock, this.sequence++);
      name = undefined;
      return next;
    }, (chosen) => ({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: chosen, namespace: observation.namespace },
      involvedObject: involved,
      reason, message: text, source,
      firstTimestamp: observation.firstTimestamp, lastTimestamp: now, count: observation.count, type,
      eventTime: null,
      // The combined event is a fresh v1.Event without the reporting fields (EventAggregate).
      reportingComponent: combined ? '' : this.source.component,
      reportingInstance: combined ? '' : this.source.host ?? '',
    }));
  }

  private allow(objectKey: string): boolean {
    const now = this.clock.now();
    const bucket = this.buckets.get(objectKey) ?? { tokens: burst, at: now };
    const refilled = Math.floor((now - bucket.at) / refillMs);
    if (refilled > 0) {
      bucket.tokens = Math.min(burst, bucket.tokens + refilled);
      bucket.at += refilled * refillMs;
    }
    remember(this.buckets, objectKey, bucket);
    if (bucket.tokens <= 0) return false;
    bucket.tokens--;
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
