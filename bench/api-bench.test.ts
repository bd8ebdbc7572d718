import { describe, expect, it } from 'vitest';
import { runApiBench } from './api-bench.ts';

describe('runApiBench', () => {
  it('measures every API figure on a small cluster, and heap figures only with gc', () => {
    const result = runApiBench({ pods: 300, watches: 2, seconds: 0.01 });
    expect(Object.keys(result).sort()).toEqual([
      'apiCreatePerSec', 'apiGetPerSec', 'apiListMs30k', 'apiListSerializeMs30k', 'apiListTableMs30k',
      'apiListTablePage500Ms30k', 'apiStatusPerSec', 'apiUpdatePerSec', 'apiWatchEventsPerSec', 'listBytesPerPod',
    ]);
    for (const value of Object.values(result)) expect(value).toBeGreaterThan(0);
  });
});
