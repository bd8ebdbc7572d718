import { describe, expect, it } from 'vitest';
import { unifiedHunks } from './unified-diff.ts';

// Expected hunks are GNU diff 3.x's `diff -u` output for the same two files (header lines removed).
describe('unifiedHunks', () => {
  it.each([
    ['equal texts', 'a\nb\n', 'a\nb\n', ''],
    ['a new file (diff -N against nothing)', '', 'a\nb\n', '@@ -0,0 +1,2 @@\n+a\n+b\n'],
    ['a removed file', 'a\n', '', '@@ -1 +0,0 @@\n-a\n'],
    ['one changed line with 3 lines of context', '1\n2\n3\n4\n5\n6\n7\n8\n', '1\n2\n3\n4\nX\n6\n7\n8\n', '@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n'],
    ['changes 7 lines apart make two hunks', '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n', 'X\n2\n3\n4\n5\n6\n7\n8\n9\nY\n', '@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n 4\n@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-10\n+Y\n'],
    ['changes 6 lines apart share a hunk', '1\n2\n3\n4\n5\n6\n7\n8\n', 'X\n2\n3\n4\n5\n6\n7\nY\n', '@@ -1,8 +1,8 @@\n-1\n+X\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+Y\n'],
    ['an insertion slides down past equal lines', 'a\nb\nb\nc\n', 'a\nb\nb\nb\nc\n', '@@ -1,4 +1,5 @@\n a\n b\n b\n+b\n c\n'],
  ])('%s', (_, before, after, expected) => {
    expect(unifiedHunks(before, after)).toBe(expected);
  });
});
