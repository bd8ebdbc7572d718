import { describe, expect, it } from 'vitest';
import { CompletionLedger, completionLedgerKey, type LedgerStorage } from './completion-ledger.ts';

/** localStorage as a Map: what survives a reload is what the map holds. */
function memoryStorage(initial: Record<string, string> = {}): LedgerStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

type Step = ['claim' | 'started', string];

describe('CompletionLedger', () => {
  it.each<[string, Step[], boolean[]]>([
    ['a completion is announced once', [['claim', 'apply'], ['claim', 'apply']], [true, false]],
    ['a new start makes the next completion new', [['claim', 'apply'], ['started', 'apply'], ['claim', 'apply']], [true, true]],
    ['lessons are apart', [['claim', 'apply'], ['claim', 'scale'], ['started', 'scale'], ['claim', 'apply']], [true, true, false]],
  ])('%s', (_name, steps, claims) => {
    const ledger = new CompletionLedger(memoryStorage(), completionLedgerKey('apply'));
    const answers = steps.flatMap(([op, lesson]) => (op === 'claim' ? [ledger.claim(lesson)] : (ledger.started(lesson), [])));
    expect(answers).toEqual(claims);
  });

  it('survives a reload: a new ledger on the same storage does not announce again', () => {
    const storage = memoryStorage();
    expect(new CompletionLedger(storage, completionLedgerKey('apply')).claim('apply')).toBe(true);
    expect(storage.items.get('kubelab-apply-lesson-session')).toBe('{"announced":["apply"]}');
    expect(new CompletionLedger(storage, completionLedgerKey('apply')).claim('apply')).toBe(false);
    // Another workspace keeps its own.
    expect(new CompletionLedger(storage, completionLedgerKey('mine')).claim('apply')).toBe(true);
  });

  it.each<[string, LedgerStorage | undefined]>([
    ['unreadable JSON', memoryStorage({ 'kubelab-apply-lesson-session': '{nope' })],
    ['a foreign shape', memoryStorage({ 'kubelab-apply-lesson-session': '{"announced":"apply"}' })],
    ['storage that throws', { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); } }],
    ['no storage', undefined],
  ])('treats %s as nothing announced', (_name, storage) => {
    expect(new CompletionLedger(storage, completionLedgerKey('apply')).claim('apply')).toBe(true);
  });
});
