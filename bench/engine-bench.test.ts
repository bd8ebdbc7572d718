import { describe, expect, it } from 'vitest';
import { runEngineBench } from './engine-bench.ts';
import { figures } from './report.ts';

describe('runEngineBench (quick)', () => {
  it('measures every engine figure of DESIGN.md, each a positive number with a row in the table', () => {
    const result = runEngineBench({ quick: true, only: ['schedulerPodsPerSec1k', 'deploy1kMs'] });
    expect(Object.keys(result).sort()).toEqual(['deploy1kMs', 'schedulerPodsPerSec1k']);
    for (const value of Object.values(result)) expect(value).toBeGreaterThan(0);
    for (const key of ['schedulerPodsPerSec1k', 'schedulerPodsPerSec5k', 'deploy1kMs', 'deploy10kMs', 'deploy30kMs', 'bytesPerPod', 'idleCpuMsPerVirtualMinute']) {
      expect(figures.map((f) => f.key)).toContain(key);
    }
  });
});
