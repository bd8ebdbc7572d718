import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.ts';

const names = { from: 'live/deployments.apps/web', to: 'applied/deployments.apps/web' };
const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it.each([
    ['equal texts', 'a\nb\n', 'a\nb\n', ''],
    ['a new object', '', 'kind: Service\nmetadata: {}\n', '--- L\n+++ R\n@@ -0,0 +1,2 @@\n+kind: Service\n+metadata: {}\n'],
    ['one changed line', 'spec:\n  replicas: 3\nstatus: {}\n', 'spec:\n  replicas: 4\nstatus: {}\n', '--- L\n+++ R\n@@ -1,3 +1,3 @@\n spec:\n-  replicas: 3\n+  replicas: 4\n status: {}\n'],
    ['a deleted last line', 'a\nb\n', 'a\n', '--- L\n+++ R\n@@ -1,2 +1 @@\n a\n-b\n'],
  ])('%s', (_name, before, after, expected) => {
    expect(unifiedDiff(before, after, { from: 'L', to: 'R' })).toBe(expected);
  });

  it('keeps distant changes in separate hunks with 3 lines of context', () => {
    const before = lines(20);
    const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', 'line eighteen\n');
    expect(unifiedDiff(before, after, names)).toBe([
      '--- live/deployments.apps/web', '+++ applied/deployments.apps/web',
      '@@ -1,5 +1,5 @@', ' line 1', '-line 2', '+line two', ' line 3', ' line 4', ' line 5',
      '@@ -15,6 +15,6 @@', ' line 15', ' line 16', ' line 17', '-line 18', '+line eighteen', ' line 19', ' line 20', '',
    ].join('\n'));
  });

  it('joins changes six lines apart into one hunk, as diff -u does', () => {
    const before = lines(12);
    const after = before.replace('line 3\n', 'x\n').replace('line 10\n', 'y\n');
    expect(unifiedDiff(before, after, names).split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,12 +1,12 @@']);
  });
});
