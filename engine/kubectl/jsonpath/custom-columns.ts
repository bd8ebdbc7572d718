/**
 * `-o custom-columns=NAME:.metadata.name,…` and `-o custom-columns-file`: parsing the spec into
 * columns (kubectl's customcolumn.go) and computing one object's cells. Printing the table (the
 * tabwriter and the header) is the caller's.
 */
import { Executor } from './execute.ts';
import { JsonPathParseError, parseTemplate } from './parser.ts';
import { goSprint, type GoValue } from './values.ts';

/** One column: its header and its JSONPath template (always `{.…}`). */
export interface CustomColumn {
  header: string;
  fieldSpec: string;
}

type Parsed = { ok: true; columns: CustomColumn[] } | { ok: false; error: string };

const relaxed = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** `RelaxedJSONPathExpression`: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPathExpression(path: string): { ok: true; template: string } | { ok: false; error: string } {
  if (path === '') return { ok: true, template: '' };
  const match = relaxed.exec(path);
  if (!match) {
    return { ok: false, error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
  }
  return { ok: true, template: `{.${match[1] || match[2]}}` };
}

/** Parse `-o custom-columns=SPEC`; errors carry kubectl's messages. */
export function parseCustomColumns(spec: string): Parsed {
  if (spec === '') return { ok: false, error: 'custom-columns format specified but no custom columns given' };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const path = relaxedJsonPathExpression(part.slice(colon + 1));
    if (!path.ok) return path;
    columns.push({ header: part.slice(0, colon), fieldSpec: path.template });
  }
  return { ok: true, columns };
}

/** Parse a `-o custom-columns-file` template: a line of headers, then a line of field specs. */
export function parseCustomColumnsTemplate(text: string): Parsed {
  // bufio.Scanner's lines: a trailing newline does not start another line.
  const lines = text === '' ? [] : text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (text.endsWith('\n')) lines.pop();
  const shape = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (lines.length < 1) return { ok: false, error: `invalid template, missing header line. ${shape}` };
  if (lines.length < 2) return { ok: false, error: `invalid template, missing spec line. ${shape}` };
  const words = (line: string): string[] => line.split(/\s+/).filter(Boolean);
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    return { ok: false, error: `number of headers (${headers.length}) and field specifications (${specs.length}) don't match` };
  }
  const columns: CustomColumn[] = [];
  for (let i = 0; i < headers.length; i++) {
    const path = relaxedJsonPathExpression(specs[i]);
    if (!path.ok) return path;
    columns.push({ header: headers[i], fieldSpec: path.template });
  }
  return { ok: true, columns };
}

/**
 * The cells of one object's row: each column's values printed with Go's `%v` (so a map is
 * `map[a:b]`) and joined by commas, `<none>` when nothing matches, ESC and CR escaped.
 */
export function customColumnCells(columns: CustomColumn[], object: unknown): { ok: true; cells: string[] } | { ok: false; error: string } {
  const cells: string[] = [];
  for (const column of columns) {
    let results: GoValue[][];
    try {
      results = new Executor(parseTemplate(column.fieldSpec), true).findResults(object);
    } catch (error) {
      if (error instanceof Error) return { ok: false, error: error.message };
      throw error;
    }
    const values = results.flat().map((value) => escapeTerminal(goSprint(value)));
    cells.push(results.length === 0 || results[0].length === 0 ? ['<none>', ...values].join(',') : values.join(','));
  }
  return { ok: true, cells };
}

/** cli-runtime's EscapeTerminal: ESC becomes `^[`, CR becomes `\r`. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

export { JsonPathParseError };
