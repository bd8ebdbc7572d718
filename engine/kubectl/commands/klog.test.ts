import { describe, expect, it } from 'vitest';
import { klogWarning } from './klog.ts';

describe('klogWarning', () => {
  it.each([
    [Date.UTC(2026, 10, 27, 20, 20, 6, 908), 'helpers.go:702', '--dry-run is deprecated and can be replaced with --dry-run=client.',
      'W1127 20:20:06.908000   12345 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n'],
    [Date.UTC(2026, 0, 1, 0, 0, 0, 0), 'prune.go:71', 'x', 'W0101 00:00:00.000000   12345 prune.go:71] x\n'],
  ])('at %i from %s', (now, source, message, line) => {
    expect(klogWarning(now, source, message)).toBe(line);
  });
});
