/**
 * `kubectl get -w` / `--watch-only` in a streaming session (kubectl 1.32's GetOptions.watch): list
 * the one resource type as a Table (unless --watch-only), print it, then watch from the list's
 * resourceVersion and print one row per event as virtual time moves the cluster. Each print is a
 * tabwriter flush, but kubectl's tabwriter (liggitt/tabwriter, RememberWidths) keeps every
 * column's widest width across flushes, so later rows line up with the header unless they are wider.
 */
import type { WatchEvent } from '../../api/types.ts';
import { KubectlError, kubectlUserAgent, responseError, tableAccept } from '../client/api-client.ts';
import { collectionPath, resourceRequests } from '../client/builder.ts';
import { kindPrefix } from '../client/rest-mapper.ts';
import type { CommandContext, StreamControl } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { parseOutputFormat, printGeneric, shownByPrinter } from '../printers/generic.ts';
import { TablePrinter, type ServerTable } from '../printers/human-table.ts';
import { restMapper, type Json } from './write-support.ts';

const runeCount = (text: string): number => [...text].length;

/** A Go tabwriter (minwidth 6, padding 3) that remembers each column's width across flushes. */
export class RememberingTabwriter {
  private readonly widths: number[] = [];

  /** Lay out one flush of tab-separated lines (each ending in a newline). */
  flush(text: string): string {
    const lines = text.split('\n').slice(0, -1).map((line) => line.split('\t'));
    const columns = Math.max(0, ...lines.map((cells) => cells.length - 1));
    for (let c = 0; c < columns; c++) {
      let width = Math.max(6, this.widths[c] ?? 0);
      for (const cells of lines) if (c < cells.length - 1) width = Math.max(width, runeCount(cells[c]) + 3);
      this.widths[c] = width;
    }
    return lines.map((cells) => cells.map((cell, c) => (c < cells.length - 1 ? cell + ' '.repeat(this.widths[c] - runeCount(cell)) : cell)).join('') + '\n').join('');
  }
}

/** kubectl's formatEventType pads the known types to 8 characters (`ADDED   `, `MODIFIED`, `DELETED `). */
function formatEventType(eventType: string): string {
  return ['ADDED', 'MODIFIED', 'DELETED', 'ERROR'].includes(eventType) ? eventType.padEnd(8) : eventType;
}

/** The EVENT column kubectl puts before all others with --output-watch-events. */
function withEventColumn(text: string, eventType: string, hasHeader: boolean): string {
  return text.split('\n').slice(0, -1).map((line, i) => `${hasHeader && i === 0 ? 'EVENT' : formatEventType(eventType)}\t${line}\n`).join('');
}

/**
 * Run `get -w` with the session's stream: prints the initial table into `context.out`, then
 * keeps the watch open (closed by Ctrl-C through `stream.hold`) and prints each event's row.
 */
export function runGetWatch(context: CommandContext, stream: StreamControl): number {
  const { flags, args } = context;
  if (flagList(flags, 'filename').length) throw KubectlError.client('kubelab: get -f with --watch is not supported in this lab yet');
  const format = parseOutputFormat(flagString(flags, 'output'));
  const human = format.kind === 'human';
  const requests = resourceRequests(restMapper(context), args);
  if (new Set(requests.map((r) => `${r.mapping.group}/${r.mapping.resource}`)).size > 1) throw KubectlError.client('you may only specify a single resource type');
  if (requests.length > 1) throw KubectlError.client('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  const [request] = requests;
  const { mapping } = request;
  const allNamespaces = flagBool(flags, 'all-namespaces') && request.name === undefined;
  const path = collectionPath(mapping, allNamespaces ? undefined : context.namespace);
  const headers = { accept: human ? tableAccept : 'application/json', 'user-agent': kubectlUserAgent };
  const selectors: Record<string, string> = {};
  if (flagString(flags, 'selector')) selectors.labelSelector = flagString(flags, 'selector');
  if (flagString(flags, 'field-selector')) selectors.fieldSelector = flagString(flags, 'field-selector');
  const watchEvents = flagBool(flags, 'output-watch-events');
  const printer = new TablePrinter({
    wide: human && format.wide, noHeaders: flagBool(flags, 'no-headers'), withNamespace: allNamespaces && mapping.namespaced,
    kindPrefix: flagBool(flags, 'show-kind') ? kindPrefix(mapping) : undefined,
    labelColumns: flagList(flags, 'label-columns'), showLabels: flagBool(flags, 'show-labels'),
  });
  const tabwriter = new RememberingTabwriter();
  let lastColumns: ServerTable['columnDefinitions'] = [];
  let printedObjects = 0;
  // Print one Table (human) or object (-o yaml|json|name…), as one tabwriter flush.
  const print = (object: Json, eventType: string | undefined): string => {
    if (!human) {
      let shown = shownByPrinter(format, object, flagBool(flags, 'show-managed-fields'));
      if (eventType && watchEvents) shown = { type: eventType, object: shown };
      const text = printGeneric(format, shown, { noHeaders: false, files: context.files });
      return format.kind === 'yaml' && printedObjects++ > 0 ? `---\n${text}` : text;
    }
    const table = object as unknown as ServerTable;
    if (table.columnDefinitions?.length) lastColumns = table.columnDefinitions;
    else table.columnDefinitions = lastColumns;
    let text = printer.print(table);
    const hasHeader = text.split('\n').length - 1 > (table.rows ?? []).length;
    if (eventType && watchEvents) text = withEventColumn(text, eventType, hasHeader);
    return tabwriter.flush(text);
  };
  let resourceVersion = '0';
  let outputObjects = !flagBool(flags, 'watch-only');
  const single = request.name !== undefined;
  if (outputObjects || !single) {
    const listPath = single ? `${path}/${encodeURIComponent(request.name!)}` : path;
    const response = context.api.handle({ method: 'GET', path: listPath, query: single ? {} : { ...selectors, limit: '500' }, headers });
    if (response.status >= 300) throw responseError(response);
    const body = response.body as Json;
    if (!single) resourceVersion = String(((body.metadata ?? {}) as Json).resourceVersion ?? '0');
    if (outputObjects) {
      const items = human || single ? [body] : ((body.items ?? []) as Json[]).map((item) => ({ apiVersion: body.apiVersion, kind: String(body.kind ?? '').replace(/List$/, ''), ...item }));
      for (const item of items) context.out.stdout.push(print(item, watchEvents ? 'ADDED' : undefined));
    }
  }
  // A list is followed by every change; a single object's first event repeats what was printed.
  outputObjects = !single;
  const query: Record<string, string> = { ...selectors, resourceVersion, watch: 'true' };
  if (single) query.fieldSelector = `metadata.name=${request.name!}`;
  const response = context.api.handle({ method: 'GET', path, query, headers });
  if (response.status >= 300) throw responseError(response);
  const watch = response.watch;
  if (!watch) return 0;
  stream.hold(() => watch.close());
  watch.start((event: WatchEvent) => {
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'ERROR') {
      const status = event.object as Json;
      stream.write('stderr', `Error from server (${String(status.reason ?? '')}): ${String(status.message ?? '')}\n`);
      stream.end(1);
      return;
    }
    if (outputObjects) stream.write('stdout', print(event.object as Json, event.type));
    outputObjects = true;
  }, () => stream.end(0));
  return 0;
}
