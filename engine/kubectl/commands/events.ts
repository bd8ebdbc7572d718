/**
 * `kubectl events [--for TYPE/NAME] [--types=Normal,Warning] [-A]` (kubectl 1.32): list core/v1
 * Events, keep the wanted types, sort by last time seen, and print LAST SEEN, TYPE, REASON,
 * OBJECT and MESSAGE through kubectl's tabwriter — or, with `-o`, print the typed EventList through
 * PrintFlags. `-w` would stream; this terminal cannot.
 */
import { canonicalize } from '../../api/defaulting/canonical-order.ts';
import { humanDuration } from '../../api/table/duration.ts';
import type { KubeObject } from '../../api/types.ts';
import { KubectlError } from '../client/api-client.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { marshalIndent } from '../printers/go-json.ts';
import { printGeneric, shownByPrinter } from '../printers/generic.ts';
import { formatTabs } from '../printers/tabwriter.ts';
import { goSort } from './go-sort.ts';
import { printFlagsFormat, type ObjectFormat } from './print-flags.ts';
import { eventsHelp } from './help/events.ts';
import { specFromHelp } from './help/types.ts';
import { bodyOf, clockOf, restMapper, send, type Json } from './write-support.ts';

/** An RFC 3339 time in microseconds: MicroTime keeps six fractional digits, and ties are decided on them. */
function micros(timestamp: unknown): number {
  const text = String(timestamp);
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  return Math.floor(Date.parse(text.replace(/\.\d+/, '')) / 1000) * 1_000_000 + Number(fraction.slice(0, 6).padEnd(6, '0'));
}

/** eventTime: the series' last observation, else lastTimestamp, else eventTime (the zero time, first of all, when none). */
function eventTime(event: Json): number {
  const series = event.series as Json | undefined;
  if (series?.lastObservedTime) return micros(series.lastObservedTime);
  if (event.lastTimestamp) return micros(event.lastTimestamp);
  return event.eventTime ? micros(event.eventTime) : Number.NEGATIVE_INFINITY;
}

/** getInterval: `5m`, or `2m (x3 over 10m)` for a repeated event or a series. */
export function eventInterval(event: Json, now: number): string {
  const since = (timestamp: unknown): string => (timestamp ? humanDuration(now - Date.parse(String(timestamp))) : '<unknown>');
  const first = event.eventTime ? since(event.eventTime) : since(event.firstTimestamp);
  const series = event.series as Json | undefined;
  if (series) return `${since(series.lastObservedTime)} (x${String(series.count ?? 0)} over ${first})`;
  if (typeof event.count === 'number' && event.count > 1) return `${since(event.lastTimestamp)} (x${event.count} over ${first})`;
  return first;
}

/** printers.EscapeTerminal. */
const escape = (text: unknown): string => String(text ?? '').replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

/** The event table as EventPrinter writes it (header once, NAMESPACE first with -A). */
export function eventTable(events: Json[], now: number, options: { allNamespaces: boolean; noHeaders: boolean }): string {
  const lines: string[] = [];
  if (!options.noHeaders) lines.push(`${options.allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
  for (const event of events) {
    const involved = (event.involvedObject ?? {}) as Json;
    const namespace = options.allNamespaces ? `${String(((event.metadata ?? {}) as Json).namespace ?? '')}\t` : '';
    lines.push(`${namespace}${eventInterval(event, now)}\t${escape(event.type)}\t${escape(event.reason)}\t${escape(involved.kind)}/${escape(involved.name)}\t${escape(String(event.message ?? '').trim())}\n`);
  }
  return formatTabs(lines.join(''));
}

/** SortableEvents through Go's sort.Sort: ties (same second) end in pdqsort's order, as in kubectl. */
function sortEvents(events: Json[]): Json[] {
  return goSort([...events], (a, b) => eventTime(a) < eventTime(b));
}

/** `--for TYPE/NAME` as a field selector on involvedObject kind, apiVersion and name. */
function forSelector(context: CommandContext, value: string): string {
  if (!value.includes('/')) throw KubectlError.client('--for must be in resource/name form');
  const parts = value.split('/');
  if (parts.length !== 2) throw KubectlError.client('arguments in resource/name form may not have more than one slash');
  const mapping = restMapper(context).mappingFor(parts[0].toLowerCase());
  const apiVersion = mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version;
  return `involvedObject.kind=${mapping.kind},involvedObject.apiVersion=${apiVersion},involvedObject.name=${parts[1]}`;
}

/**
 * The typed EventList (kubectl decodes events into Go structs): `-o json` keeps Go's field order
 * (`kind`, `apiVersion`, `metadata`, `items`), zero fields appear; only JSON and YAML omit managedFields.
 */
function printEventList(context: CommandContext, format: ObjectFormat, events: Json[]): string {
  const showManagedFields = flagBool(context.flags, 'show-managed-fields');
  const items = events.map((event) => canonicalize({ ...shownByPrinter(format, event, showManagedFields), kind: 'Event', apiVersion: 'v1' } as KubeObject) as unknown as Json);
  // The name printer refuses typed lists ("list types are not supported by name printing"), and Run
  // drops PrintObj's error: `kubectl events -o name` prints nothing and succeeds.
  if (format.kind === 'name') return '';
  const list: Json = { kind: 'EventList', apiVersion: 'v1', metadata: {}, items };
  if (format.kind === 'json') return marshalIndent(list, '    ', true);
  return printGeneric(format, list, { noHeaders: false, files: context.files, allowMissingKeys: flagBool(context.flags, 'allow-missing-template-keys', true) });
}

function runEvents(context: CommandContext): number {
  const { flags, out } = context;
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const forObject = flagString(flags, 'for');
  const query: Record<string, string> = { limit: String(flags.values.get('chunk-size') ?? 500) };
  if (forObject) query.fieldSelector = forSelector(context, forObject);
  // ToOptions builds the PrintFlags printer only when -o is given (`--template` alone keeps the table).
  const format = flagString(flags, 'output') ? printFlagsFormat(context) : undefined;
  const types = [...new Set(flagList(flags, 'types'))].sort();
  if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')) throw KubectlError.client('valid --types are Normal or Warning');
  if (flagBool(flags, 'watch')) throw KubectlError.client('kubelab: events -w is not supported in this terminal; run events again to see new ones');
  const path = allNamespaces ? '/api/v1/events' : `/api/v1/namespaces/${context.namespace}/events`;
  const items = ((bodyOf(send(context, 'GET', path, { query })).items ?? []) as Json[])
    .filter((event) => !types.length || types.some((t) => t.toLowerCase() === String(event.type ?? '').toLowerCase()));
  if (!items.length) {
    out.stderr.push(allNamespaces ? 'No events found.\n' : `No events found in ${context.namespace} namespace.\n`);
    return 0;
  }
  const sorted = sortEvents(items);
  out.stdout.push(format ? printEventList(context, format, sorted) : eventTable(sorted, clockOf(context), { allNamespaces, noHeaders: flagBool(flags, 'no-headers') }));
  return 0;
}

/** The `events` command. */
export const eventsCommand: CommandSpec = specFromHelp('events', eventsHelp, runEvents);
