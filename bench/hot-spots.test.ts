import { describe, expect, it } from 'vitest';
import { hotSpots } from './hot-spots.ts';

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

describe('hotSpots', () => {
  // root → handle → create → canonicalize, and handle → validate; two samples in canonicalize.
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2] },
      { id: 2, callFrame: frame('handle', 'file:///work/main/engine/api/server.ts'), children: [3, 5] },
      { id: 3, callFrame: frame('create', 'file:///work/main/engine/api/handlers/write.ts'), children: [4] },
      { id: 4, callFrame: frame('canonicalize', 'file:///work/main/engine/api/defaulting/canonical-order.ts') },
      { id: 5, callFrame: frame('validate', 'node:internal/x') },
    ],
    samples: [4, 4, 5, 2],
    timeDeltas: [1000, 2000, 500, 250],
  };

  it('adds self time at the leaf and total time up the stack', () => {
    const byName = new Map(hotSpots(profile).map((s) => [s.name, s]));
    expect(byName.get('canonicalize engine/api/defaulting/canonical-order.ts')).toEqual({ name: 'canonicalize engine/api/defaulting/canonical-order.ts', selfMs: 3, totalMs: 3 });
    expect(byName.get('handle engine/api/server.ts')).toEqual({ name: 'handle engine/api/server.ts', selfMs: 0.25, totalMs: 3.75 });
    expect(byName.get('validate node:internal/x:1')).toEqual({ name: 'validate node:internal/x:1', selfMs: 0.5, totalMs: 0.5 });
  });
});
