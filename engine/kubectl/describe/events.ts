/**
 * The Events section: `searchEvents` (events whose involvedObject matches by field selector) and
 * `DescribeEvents` (the table sorted by lastTimestamp, ages such as `69s (x3 over 4m9s)`).
 */
import { humanDuration } from '../../api/table/duration.ts';
import { collectionPath, listAll, type DescribeClient } from './client.ts';
import { obj, num, str, type Obj } from './format.ts';
import type { PrefixWriter } from './writer.ts';

/** What `reference.GetReference` gives for the described object. */
export interface EventReference {
  kind: string;
  name: string;
  namespace: string;
  uid: string;
}

/**
 * The events about an object: `involvedObject.kind/name/namespace/uid` as a field selector (kind is
 * left out when empty, as the Pod describer does). Undefined when the list fails.
 */
export function searchEvents(client: DescribeClient, ref: EventReference): Obj[] | undefined {
  const fields: Array<[string, string]> = [
    ...(ref.kind ? [['involvedObject.kind', ref.kind] as [string, string]] : []),
    ['involvedObject.name', ref.name],
    ['involvedObject.namespace', ref.namespace],
    ...(ref.uid ? [['involvedObject.uid', ref.uid] as [string, string]] : []),
  ];
  const fieldSelector = fields.map(([key, value]) => `${key}=${escapeFieldValue(value)}`).join(',');
  return listAll(client, collectionPath('', 'v1', 'events', ref.namespace), { fieldSelector });
}

/** fields.EscapeValue: `\`, `,` and `=` are backslash-escaped. */
function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

function since(timestamp: unknown, now: number): string {
  const at = typeof timestamp === 'string' && timestamp !== '' ? Date.parse(timestamp) : NaN;
  return Number.isNaN(at) ? '<unknown>' : humanDuration(now - at);
}

/** `DescribeEvents`: `Events:  <none>`, or a flushed table of events oldest first. */
export function describeEvents(events: Obj[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const lastSeen = (event: Obj): number => {
    const at = Date.parse(str(event.lastTimestamp));
    return Number.isNaN(at) ? -Infinity : at;
  };
  const sorted = [...events].sort((a, b) => lastSeen(a) - lastSeen(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const event of sorted) {
    const first = event.eventTime ? since(event.eventTime, now) : since(event.firstTimestamp, now);
    const series = event.series ? obj(event.series) : undefined;
    let interval = first;
    if (series) interval = `${since(series.lastObservedTime, now)} (x${num(series.count)} over ${first})`;
    else if (num(event.count) > 1) interval = `${since(event.lastTimestamp, now)} (x${num(event.count)} over ${first})`;
    const source = str(obj(event.source).component) || str(event.reportingComponent);
    w.write(1, `${str(event.type)}\t${str(event.reason)}\t${interval}\t${source}\t${str(event.message).trim()}\n`);
  }
}
