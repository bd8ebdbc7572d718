import { describe, expect, it } from 'vitest';
import { shareUnchanged } from './share-unchanged.ts';

const condition = (type: string, status: string) => ({ type, status, lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:01Z' });

describe('shareUnchanged', () => {
  const previous = {
    phase: 'Pending',
    conditions: [condition('Initialized', 'True'), condition('Ready', 'False')],
    hostIPs: [{ ip: '172.18.0.2' }],
    containerStatuses: [{ name: 'web', state: { waiting: { reason: 'ContainerCreating' } }, ready: false }],
  };

  it('returns the previous object itself when nothing changed', () => {
    const next = structuredClone(previous);
    expect(shareUnchanged(next, previous)).toBe(previous);
  });

  it('keeps the unchanged parts and the new values of the changed ones', () => {
    const next = { ...structuredClone(previous), phase: 'Running', containerStatuses: [{ name: 'web', state: { running: { startedAt: '2026-01-01T00:00:04Z' } }, ready: true }] };
    const shared = shareUnchanged(next, previous);
    expect(shared).not.toBe(previous);
    expect(shared.conditions).toBe(previous.conditions);
    expect(shared.hostIPs).toBe(previous.hostIPs);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(next));
  });

  it.each([
    ['a key order that differs', { b: 1, a: 2 }, { a: 2, b: 1 }],
    ['a key more', { a: 1, b: 2 }, { a: 1 }],
    ['a key less', { a: 1 }, { a: 1, b: 2 }],
    ['a longer list', [1, 2, 3], [1, 2]],
    ['a shorter list', [1], [1, 2]],
    ['a list for a map', [1], { 0: 1 }],
    ['null for a map', null, { a: 1 }],
  ])('never reuses the previous object for %s', (_what, next, previous) => {
    const shared = shareUnchanged(next, previous);
    expect(shared).not.toBe(previous);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(next));
  });

  it('shares the equal items of a changed list', () => {
    const next = { conditions: [condition('Initialized', 'True'), condition('Ready', 'True')] };
    const shared = shareUnchanged(next, previous);
    expect(shared.conditions[0]).toBe(previous.conditions[0]);
    expect(shared.conditions[1]).toEqual(condition('Ready', 'True'));
  });
});
