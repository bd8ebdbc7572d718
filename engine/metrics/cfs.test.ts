import { describe, expect, test } from 'vitest';
import { CfsBandwidth } from './cfs.ts';

describe('CfsBandwidth', () => {
  test.each([
    { name: 'no limit: the work takes its CPU time', limit: undefined, requests: [[0, 20]], finishes: [20] },
    { name: 'within the quota: no throttling', limit: 500, requests: [[0, 20], [30, 20]], finishes: [20, 50] },
    // The worked example of cfs.ts: the third request gets the last 10 ms of quota, waits for the refill at 100 ms.
    { name: 'quota spent: throttled until the next period', limit: 500, requests: [[0, 20], [30, 20], [60, 20]], finishes: [20, 50, 110] },
    { name: 'more CPU than one period allows: 50 ms per 100 ms', limit: 500, requests: [[0, 120]], finishes: [220] },
    { name: 'a quarter CPU: 25 ms per period', limit: 250, requests: [[10, 30]], finishes: [105] },
    { name: 'a fresh period refills the quota', limit: 500, requests: [[0, 50], [100, 20]], finishes: [50, 120] },
    { name: 'one thread cannot use more than the wall time left in a period', limit: 2000, requests: [[90, 30]], finishes: [120] },
  ])('$name', ({ limit, requests, finishes }) => {
    const cfs = new CfsBandwidth(limit);
    expect(requests.map(([at, cpuMs]) => cfs.run(at, cpuMs))).toEqual(finishes);
  });

  test('the quota is 100 ms × the limit in cores', () => {
    expect([new CfsBandwidth(500).quotaMs, new CfsBandwidth(1500).quotaMs, new CfsBandwidth().quotaMs]).toEqual([50, 150, Infinity]);
  });
});
