/**
 * How Elasticsearch writes its answers: compact JSON by default, Jackson's pretty printer with
 * `?pretty` (`"key" : value`, one array element a line), byte sizes as `_cat` prints them
 * (`225b`, `4.5kb`), and `_cat` tables (`?v` adds the header; numbers are right-aligned).
 */

/** Jackson's DefaultPrettyPrinter as ES configures it, for `?pretty` and for the `/` banner. */
export function prettyJson(value: unknown, indent = ''): string {
  if (value instanceof JavaDouble) return value.text();
  if (Array.isArray(value)) {
    // ES indents arrays with line feeds too (indentArraysWith), unlike Jackson's default.
    if (!value.length) return '[ ]';
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${prettyJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{ }';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return jsonScalar(value);
}

/** Java writes doubles with a fraction (`1.0`, `50.0`); integers stay integers. */
function jsonScalar(value: unknown): string {
  if (value instanceof JavaDouble) return value.text();
  return JSON.stringify(value) ?? 'null';
}

/** A number ES serialises as a Java double: `100.0`, not `100`. */
export class JavaDouble {
  constructor(readonly value: number) {}
  /** `50.0`, `66.66666666666666`. */
  text(): string {
    return Number.isInteger(this.value) ? this.value.toFixed(1) : String(this.value);
  }
}

/** Compact JSON, or pretty with a trailing newline when the query string asks (`?pretty`). */
export function esJson(value: unknown, pretty: boolean): string {
  if (pretty) return `${prettyJson(value)}\n`;
  // JSON.stringify drops JavaDouble's fraction; restore it with a marker pass.
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof JavaDouble ? `\u0000${v.text()}\u0000` : v)).replace(/"\\u0000([^"\\]*)\\u0000"/g, '$1');
}

/** `ByteSizeValue.toString()`: `225b`, `4.5kb`, `12mb`, one decimal at most. */
export function byteSize(bytes: number): string {
  const units = ['b', 'kb', 'mb', 'gb', 'tb'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}${units[unit]}`;
}

/** A `_cat` column: its header and whether its cells are right-aligned (numbers are). */
export interface CatColumn {
  header: string;
  right?: boolean;
}

/** A `_cat` table as RestTable prints it: cells padded to the column width, one space between; `select` is `?h=`. */
export function catTable(allColumns: CatColumn[], allRows: string[][], verbose: boolean, select?: string | null): string {
  // `?h=status,index` picks columns, in that order.
  const picked = select ? select.split(',').map((h) => allColumns.findIndex((c) => c.header === h.trim())).filter((i) => i >= 0) : allColumns.map((_, i) => i);
  const columns = picked.map((i) => allColumns[i]);
  const rows = allRows.map((r) => picked.map((i) => r[i]));
  const all = verbose ? [columns.map((c) => c.header), ...rows] : rows;
  const widths = columns.map((_, i) => Math.max(0, ...all.map((r) => (r[i] ?? '').length)));
  return all.map((row) => columns.map((c, i) => (c.right ? (row[i] ?? '').padStart(widths[i]) : (row[i] ?? '').padEnd(widths[i]))).join(' ').trimEnd() + '\n').join('');
}

/** An ES error body: `{"error":{"root_cause":[…],"type":…,"reason":…},"status":N}`. */
export function esError(status: number, type: string, reason: string, extra: Record<string, unknown> = {}): { status: number; body: Record<string, unknown> } {
  const cause = { type, reason, ...extra };
  return { status, body: { error: { root_cause: [cause], ...cause }, status } };
}
