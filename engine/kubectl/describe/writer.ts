/**
 * The output machinery of kubectl describe: a PrefixWriter (`Write(level, text)` indents by two
 * spaces per level) over Go's text/tabwriter configured as `tabbedString` does it (minwidth 0,
 * tabwidth 8, padding 2, pad with spaces, no flags). Alignment is computed per column block — the
 * run of consecutive lines that have a tab-terminated cell in that column — so a line without a tab
 * ends every block; `flush()` (the Events table does one) ends them too.
 */

/** Indentation levels of describe.go (LEVEL_0 … LEVEL_4). */
export const enum Level {
  L0 = 0,
  L1 = 1,
  L2 = 2,
  L3 = 3,
  L4 = 4,
}

/** kubectl's PrefixWriter writing into a tabwriter; `text()` flushes and returns the layout. */
export class PrefixWriter {
  private segments: string[] = [];
  private pending = '';

  /** `Write(level, format, …)`: the text, prefixed by two spaces per level, terminal-escaped. */
  write(level: number, text: string): void {
    this.pending += escapeTerminal('  '.repeat(level) + text);
  }

  /** `WriteLine(…)`: the text and a newline, unindented. */
  writeLine(text: string): void {
    this.pending += escapeTerminal(`${text}\n`);
  }

  /** `Flush()`: lay out everything written so far; later lines align separately. */
  flush(): void {
    this.segments.push(layoutTabs(this.pending));
    this.pending = '';
  }

  /** Everything written, laid out. */
  text(): string {
    return this.segments.join('') + layoutTabs(this.pending);
  }
}

/** printers.WriteEscaped: ESC becomes `^[` and CR becomes `\r`, so output cannot drive a terminal. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

const padding = 2;

function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Go's text/tabwriter `format`: each column's width is the widest cell of its block plus the padding;
 * the text after a line's last tab is never padded. An unterminated last line is written as is.
 */
export function layoutTabs(text: string): string {
  if (text === '') return '';
  const lines = text.split('\n').map((line) => line.split('\t'));
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      cells.forEach((cell, j) => {
        out.push(cell);
        if (j < cells.length - 1 && j < widths.length) out.push(' '.repeat(widths[j] - runeCount(cell)));
      });
      if (i < lines.length - 1 || endsWithNewline) out.push('\n');
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current].length - 1) continue;
      writeLines(line0, current);
      line0 = current;
      let width = 0;
      for (; current < line1; current++) {
        const cells = lines[current];
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column]) + padding);
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
      // The Go loop's `this++` moves past the line that ended the block; step back so it is examined.
      current--;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}
