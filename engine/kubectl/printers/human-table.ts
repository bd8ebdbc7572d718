/**
 * kubectl's human-readable printer for server-side Tables (cli-runtime tableprinter.go): priority
 * columns only with `-o wide`, NAMESPACE first with `-A`, `-L` label columns and LABELS last, the
 * `kind.group/` prefix on the name column when several types are printed, and no header for a
 * table without rows. It writes tab-separated lines; the caller's tabwriter aligns them.
 */
import { goSprint } from './go-json.ts';

interface ColumnDefinition {
  name: string;
  type?: string;
  format?: string;
  priority?: number;
}

interface TableRow {
  cells: unknown[];
  object?: { metadata?: { namespace?: string; labels?: Record<string, string> } };
}

/** A meta.k8s.io/v1 Table as the API server sends it. */
export interface ServerTable {
  kind: 'Table';
  columnDefinitions: ColumnDefinition[];
  /** `null` when the list is empty and the server marshals a nil slice (custom resources, CRDs). */
  rows: TableRow[] | null;
}

/** How to decorate a table (cli-runtime PrintOptions). */
export interface TablePrintOptions {
  wide: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  /** `deployment.apps` when the name column gets a kind prefix. */
  kindPrefix?: string;
  labelColumns: string[];
  showLabels: boolean;
}

/** labels.FormatLabels: `k=v` items sorted as whole strings, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const items = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return items.length ? items.join(',') : '<none>';
}

/** cli-runtime's WriteEscaped: terminal control characters made visible. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return escapeTerminal(goSprint(cell));
  // Only the first line of a multi-line cell is printed, followed by "...".
  const cut = cell.search(/[\f\n\r]/);
  return cut >= 0 ? `${escapeTerminal(cell.slice(0, cut))}...` : escapeTerminal(cell);
}

/** The printer of one resource type's tables: remembers whether it printed the header. */
export class TablePrinter {
  private lastColumns = '';
  private printedHeaders = false;

  constructor(private readonly options: TablePrintOptions) {}

  /** Tab-separated lines for one Table. */
  print(table: ServerTable): string {
    const options = this.options;
    const rows = table.rows ?? [];
    const columnsKey = JSON.stringify(table.columnDefinitions);
    let noHeaders = options.noHeaders;
    if (this.printedHeaders && columnsKey === this.lastColumns) noHeaders = true;
    if (columnsKey !== this.lastColumns) {
      this.lastColumns = columnsKey;
      this.printedHeaders = false;
    }
    if (rows.length > 0) this.printedHeaders = true;

    const shown = table.columnDefinitions.map((c) => (c.priority ?? 0) === 0 || options.wide);
    const nameColumn = options.kindPrefix ? table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
    const lines: string[] = [];
    if (!noHeaders) {
      if (rows.length === 0) return '';
      const headers = table.columnDefinitions.filter((_, i) => shown[i]).map((c) => c.name.toUpperCase());
      if (options.withNamespace) headers.unshift('NAMESPACE');
      for (const label of options.labelColumns) headers.push(label.split('/').pop()!.toUpperCase());
      if (options.showLabels) headers.push('LABELS');
      lines.push(headers.join('\t'));
    }
    for (const row of rows) {
      const cells: string[] = [];
      if (options.withNamespace) cells.push(row.object?.metadata ? row.object.metadata.namespace ?? '' : '<unknown>');
      row.cells.forEach((cell, i) => {
        if (i >= table.columnDefinitions.length || !shown[i]) return;
        const text = cellText(cell);
        cells.push(i === nameColumn ? `${options.kindPrefix}/${text}` : text);
      });
      const labels = row.object?.metadata?.labels ?? {};
      for (const key of options.labelColumns) cells.push(labels[key] ?? '');
      if (options.showLabels) cells.push(formatLabels(labels));
      lines.push(cells.join('\t'));
    }
    return lines.map((line) => `${line}\n`).join('');
  }
}
