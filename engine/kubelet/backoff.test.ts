import { describe, expect, it } from 'vitest';
import { Backoff, goDuration } from './backoff.ts';

describe('goDuration', () => {
  it.each([[0, '0s'], [872, '872ms'], [1561, '1.561s'], [2100, '2.1s'], [10_000, '10s'], [80_000, '1m20s'], [62_500, '1m2.5s'], [300_000, '5m0s'], [3_600_000, '1h0m0s']])('%d ms is %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});

describe('the kubelet back-off', () => {
  it('doubles from 10 s to the 5 min cap and forgets an entry idle for 10 min', () => {
    const backoff = new Backoff();
    const seen: number[] = [];
    let t = 0;
    for (let i = 0; i < 7; i++) {
      backoff.next('c', t);
      seen.push(backoff.get('c'));
      t += backoff.get('c');
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(backoff.isInBackOffSince('c', t, t + 299_000)).toBe(true);
    backoff.next('c', t + 600_001 + 300_000);
    expect(backoff.get('c')).toBe(10_000);
  });
});
