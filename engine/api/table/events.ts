/**
 * The Event printer. Both core/v1 and events.k8s.io/v1 Events are one stored kind, printed from
 * the core shape; an events.k8s.io/v1 object is mapped back first (regarding → involvedObject,
 * note → message, deprecated* → the old fields), as the API server's conversion does.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { Event as EventV1 } from 'kubernetes-types/events/v1';
import type { KubeObject } from '../types.ts';
import { column, nameOf, text } from './columns.ts';
import { timestampSince } from './duration.ts';
import type { Printer } from './types.ts';

/** An Event in the core/v1 shape, whichever API group the object came from. */
export function toCoreEvent(object: KubeObject): Event {
  if (object.apiVersion !== 'events.k8s.io/v1') return object as unknown as Event;
  const event = object as unknown as EventV1;
  return {
    metadata: event.metadata ?? {},
    involvedObject: event.regarding ?? {},
    reason: event.reason,
    message: event.note,
    source: event.deprecatedSource,
    firstTimestamp: event.deprecatedFirstTimestamp,
    lastTimestamp: event.deprecatedLastTimestamp,
    count: event.deprecatedCount,
    type: event.type,
    eventTime: event.eventTime,
    series: event.series ? { count: event.series.count, lastObservedTime: event.series.lastObservedTime } : undefined,
    action: event.action,
    related: event.related,
    reportingComponent: event.reportingController ?? '',
    reportingInstance: event.reportingInstance ?? '',
  };
}

/** The SOURCE cell: component (or reportingController), then `, host` (or reportingInstance) when known. */
export function formatEventSource(event: Event): string {
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** The OBJECT cell: `pod/web-1`, or the lowercased kind alone when the object has no name. */
export function eventObject(event: Event): string {
  const kind = (event.involvedObject?.kind ?? '').toLowerCase();
  return event.involvedObject?.name ? `${kind}/${event.involvedObject.name}` : kind;
}

/** LAST SEEN, FIRST SEEN and COUNT, with the fallbacks for events that only have eventTime or a series. */
export function eventTimes(event: Event, now: number): { lastSeen: string; firstSeen: string; count: number } {
  const firstSeen = event.firstTimestamp ? timestampSince(event.firstTimestamp, now) : timestampSince(event.eventTime, now);
  let lastSeen = event.lastTimestamp ? timestampSince(event.lastTimestamp, now) : firstSeen;
  let count = event.count ?? 0;
  if (event.series) {
    lastSeen = timestampSince(event.series.lastObservedTime, now);
    count = event.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events of the new API carry no count.
    count = 1;
  }
  return { lastSeen, firstSeen, count };
}

/** Event: LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds SUBOBJECT and SOURCE before MESSAGE, FIRST SEEN COUNT NAME after. */
export const eventPrinter: Printer = {
  columns: [
    text('Last Seen', 'core/v1 Event.lastTimestamp'),
    text('Type', 'core/v1 Event.type'),
    text('Reason', 'core/v1 Event.reason'),
    text('Object', 'core/v1 Event.involvedObject'),
    text('Subobject', 'core/v1 ObjectReference.fieldPath', 1),
    text('Source', 'core/v1 Event.source', 1),
    text('Message', 'core/v1 Event.message'),
    text('First Seen', 'core/v1 Event.firstTimestamp', 1),
    text('Count', 'core/v1 Event.count', 1),
    column('Name', 'string', 'meta/v1 ObjectMeta.name', 1, 'name'),
  ],
  print(object, { now }) {
    const event = toCoreEvent(object);
    const { lastSeen, firstSeen, count } = eventTimes(event, now);
    return {
      cells: [
        lastSeen,
        event.type ?? '',
        event.reason ?? '',
        eventObject(event),
        event.involvedObject?.fieldPath ?? '',
        formatEventSource(event),
        (event.message ?? '').trim(),
        firstSeen,
        count,
        nameOf(event),
      ],
    };
  },
};
