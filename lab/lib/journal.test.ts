import { describe, expect, it } from 'vitest';
import { JournalStore, journalKey } from './journal.ts';

function memoryStorage(limit = Infinity): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() { return data.size; },
    clear: () => data.clear(),
    key: (i: number) => [...data.keys()][i] ?? null,
    getItem: (k: string) => data.get(k) ?? null,
    removeItem: (k: string) => void data.delete(k),
    setItem: (k: string, v: string) => {
      if (v.length > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(k, v);
    },
  };
}

describe('JournalStore', () => {
  it('saves each change and reads it back in a new page', () => {
    const storage = memoryStorage();
    const store = new JournalStore(storage, journalKey('playground'));
    expect(store.hasState).toBe(false);
    store.append({ at: 5000, op: 'kubectl', command: 'kubectl create deployment web --image=nginx' });
    store.setTime(9000, 1, 0);
    const reloaded = new JournalStore(storage, 'kubelab-playground-journal');
    expect(reloaded.journal).toEqual({ seed: 1, entries: [{ at: 5000, op: 'kubectl', command: 'kubectl create deployment web --image=nginx' }], time: 9000, speed: 1 });
    expect(reloaded.hasState).toBe(true);
  });

  it('starts again at a reset, with the new seed', () => {
    const store = new JournalStore(memoryStorage(), 'k');
    store.append({ at: 1000, op: 'control', method: 'addNode', params: { name: 'node-4' } });
    store.append({ at: 0, op: 'reset', seed: 9 });
    expect(store.journal).toEqual({ seed: 9, entries: [], time: 0, speed: undefined });
  });

  it('saves the time at most once a second of wall time', () => {
    const storage = memoryStorage();
    const store = new JournalStore(storage, 'k');
    store.setTime(100, 1, 5000);
    store.setTime(200, 1, 5500);
    expect(JSON.parse(storage.getItem('k')!).time).toBe(100);
    store.setTime(300, 1, 6000);
    expect(JSON.parse(storage.getItem('k')!).time).toBe(300);
  });

  it('reports a full storage as a message and keeps the journal in memory', () => {
    const store = new JournalStore(memoryStorage(50), 'k');
    expect(store.append({ at: 1, op: 'kubectl', command: `kubectl apply -f big.yaml` })).toBe('The quota has been exceeded.');
    expect(store.journal.entries).toHaveLength(1);
  });

  it('ignores a saved value that is not a journal', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{"entries": 3}');
    expect(new JournalStore(storage, 'k', 4).journal).toEqual({ seed: 4, entries: [] });
  });
});
