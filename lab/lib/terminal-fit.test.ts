import { describe, expect, it } from 'vitest';
import { fitTerminal } from './terminal-fit.ts';

describe('fitTerminal', () => {
  it.each([
    // 80×24 cells of 7.8×17 px: a 700×400 pane takes (700 - 14) / 7.8 = 87 columns, 400 / 17 = 23 rows.
    { name: 'fills a pane from the cell size', input: { screenWidth: 624, screenHeight: 408, cols: 80, rows: 24, availableWidth: 700, availableHeight: 400 }, fit: { cols: 87, rows: 23 } },
    { name: 'shrinks with a narrow pane, to 20 columns at least', input: { screenWidth: 624, screenHeight: 408, cols: 80, rows: 24, availableWidth: 100, availableHeight: 20 }, fit: { cols: 20, rows: 2 } },
    { name: 'uses the cells of a bigger font', input: { screenWidth: 1000, screenHeight: 500, cols: 100, rows: 25, availableWidth: 514, availableHeight: 300 }, fit: { cols: 50, rows: 15 } },
    { name: 'waits while the terminal is not laid out', input: { screenWidth: 0, screenHeight: 0, cols: 80, rows: 24, availableWidth: 700, availableHeight: 400 }, fit: undefined },
    { name: 'waits while the pane is hidden', input: { screenWidth: 624, screenHeight: 408, cols: 80, rows: 24, availableWidth: 0, availableHeight: 0 }, fit: undefined },
  ])('$name', ({ input, fit }) => {
    expect(fitTerminal(input)).toEqual(fit);
  });
});
