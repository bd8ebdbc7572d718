import { describe, expect, it } from 'vitest';
import { formatTabs } from './tabwriter.ts';

describe('formatTabs', () => {
  it.each([
    ['pads every cell but the last to the widest plus 3, at least 6',
      'NAME\tREADY\tAGE\nweb-7d4b9c8f5-abcde\t1/1\t5m\n',
      'NAME                  READY   AGE\nweb-7d4b9c8f5-abcde   1/1     5m\n'],
    ['pads an empty last cell into trailing spaces',
      'NAME\tAPP\nalpha\t\n',
      'NAME    APP\nalpha   \n'],
    ['counts runes, not UTF-16 units',
      'a\tb\n\u{1F600}\tc\n',
      'a     b\n\u{1F600}     c\n'],
    ['keeps a line without tabs out of the columns',
      'x\ty\nlong line without tabs\nxx\tz\n',
      'x     y\nlong line without tabs\nxx    z\n'],
    ['works out a column block per run of lines that have it',
      'a\tb\tc\nlonger-cell\td\n',
      'a             b     c\nlonger-cell   d\n'],
  ])('%s', (_, input, expected) => {
    expect(formatTabs(input)).toBe(expected);
  });
});
