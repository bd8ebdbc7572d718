import { describe, expect, it } from 'vitest';
import { secondsText } from './time-text.ts';

describe('secondsText', () => {
  it.each([
    [Date.UTC(2026, 0, 1), '2026-01-01T00:00:00Z'],
    [Date.UTC(2026, 0, 1, 0, 0, 4) + 103, '2026-01-01T00:00:04Z'],
    [Date.UTC(2026, 0, 1, 0, 0, 4) + 999, '2026-01-01T00:00:04Z'],
    [Date.UTC(2026, 0, 1, 23, 59, 59) + 500, '2026-01-01T23:59:59Z'],
  ])('formats %i as metav1.Time does (whole seconds)', (ms, text) => {
    expect(secondsText(ms)).toBe(text);
    expect(secondsText(ms)).toBe(text);
  });
});
