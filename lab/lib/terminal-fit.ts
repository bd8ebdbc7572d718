/**
 * Fitting the terminal to its pane without @xterm/addon-fit: the terminal's own cell size (its
 * screen element is exactly cols × rows cells) decides how many columns and rows the pane holds.
 */

/** The width xterm's vertical scrollbar takes when there is scrollback (addon-fit's default). */
export const scrollbarWidth = 14;

/** What fitting needs to know, all in CSS pixels. */
export interface FitInput {
  /** The screen element's size and the terminal's current columns and rows: they give the cell size. */
  screenWidth: number;
  screenHeight: number;
  cols: number;
  rows: number;
  /** The space inside the pane (its content box, padding already taken off). */
  availableWidth: number;
  availableHeight: number;
}

/** Columns and rows that fill the pane, or undefined while the terminal is not laid out (a hidden pane). */
export function fitTerminal(input: FitInput): { cols: number; rows: number } | undefined {
  const cellWidth = input.screenWidth / input.cols;
  const cellHeight = input.screenHeight / input.rows;
  if (!(cellWidth > 0) || !(cellHeight > 0) || input.availableWidth <= 0 || input.availableHeight <= 0) return undefined;
  return {
    // kubectl's tables need some width; a terminal of 2 columns helps nobody.
    cols: Math.max(20, Math.floor((input.availableWidth - scrollbarWidth) / cellWidth)),
    rows: Math.max(2, Math.floor(input.availableHeight / cellHeight)),
  };
}
