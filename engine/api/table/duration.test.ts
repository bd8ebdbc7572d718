import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration, timestampSince } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'], // int(-1.999s) is -1: within the skew allowance
    [-1 * s, '0s'],
    [0, '0s'],
    [999, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [3 * m + 20 * s, '3m20s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h + 59 * m, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [2 * y, '2y'],
    [3 * y + 45 * d, '3y45d'],
    [8 * y, '8y'],
    [20 * y + 100 * d, '20y'],
  ])('%d ms → %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [23 * h, '23h'],
    [5 * d + 3 * h, '5d'],
    [364 * d, '364d'],
    [3 * y + 45 * d, '3y'],
  ])('%d ms → %s', (ms, expected) => {
    expect(shortHumanDuration(ms)).toBe(expected);
  });
});

describe('timestampSince', () => {
  const now = Date.UTC(2026, 0, 1);
  it.each([
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['', '<unknown>'],
    ['2025-12-31T23:56:40Z', '3m20s'],
    ['2025-12-31T23:59:59.500000Z', '0s'],
    ['2026-01-01T00:00:05Z', '<invalid>'],
    ['2025-12-31T22:00:00-02:00', '0s'],
  ])('%s → %s', (timestamp, expected) => {
    expect(timestampSince(timestamp, now)).toBe(expected);
  });
});
