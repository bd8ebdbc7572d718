/**
 * Go's text/tabwriter as kubectl configures it (minwidth 6, padding 3, pad with spaces, no flags):
 * tab-terminated cells are aligned in columns whose width is worked out over each block of
 * consecutive lines that have that column; the text after a line's last tab is never padded.
 * Widths count code points (runes), as Go does.
 */

/** Settings of a tabwriter; kubectl's printers all use `kubectlTabwriter`. */
export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

/** printers.GetNewTabWriter: minwidth 6, tabwidth 4 (unused with space padding), padding 3. */
export const kubectlTabwriter: TabwriterOptions = { minWidth: 6, padding: 3 };

const runeCount = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/** Lay out tab-separated text the way a flushed Go tabwriter writes it. */
export function formatTabs(text: string, options: TabwriterOptions = kubectlTabwriter): string {
  const lines = text.split('\n').map((line) => line.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      for (let j = 0; j < cells.length; j++) {
        out.push(cells[j]);
        if (j < widths.length && j < cells.length - 1) out.push(' '.repeat(Math.max(0, widths[j] - runeCount(cells[j]))));
      }
      // The last line is the unterminated remainder after the final newline.
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  // Go's recursive column-block algorithm: each column's width is fixed per block of lines that have it.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current].length - 1) continue;
      writeLines(start, current);
      start = current;
      let width = options.minWidth;
      for (; current < line1; current++) {
        const cells = lines[current];
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column]) + options.padding);
      }
      widths.push(width);
      format(start, current);
      widths.pop();
      start = current;
      // `current` now points at the first line without this column; the loop's ++ must not skip it.
      current--;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('');
}
