import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workqueue.ts';

describe('WorkQueue', () => {
  it('queues a key once however often it is added, in order', () => {
    const q = new WorkQueue();
    for (const key of ['a', 'b', 'a', 'c', 'b']) q.add(key);
    expect([q.get(), q.get(), q.get(), q.get()]).toEqual(['a', 'b', 'c', undefined]);
  });

  it('lets a key processed now be added again', () => {
    const q = new WorkQueue();
    q.add('a');
    expect(q.get()).toBe('a');
    q.add('a');
    expect(q.length).toBe(1);
    expect(q.get()).toBe('a');
  });

  it('keeps order across compaction of a long queue', () => {
    const q = new WorkQueue();
    for (let i = 0; i < 5000; i++) q.add(`k${i}`);
    const out: string[] = [];
    for (let i = 0; i < 3000; i++) out.push(q.get()!);
    for (let i = 5000; i < 5010; i++) q.add(`k${i}`);
    let key: string | undefined;
    while ((key = q.get()) !== undefined) out.push(key);
    expect(out).toEqual(Array.from({ length: 5010 }, (_, i) => `k${i}`));
  });

  it('promotes delayed keys when their time comes, earliest time winning', () => {
    const q = new WorkQueue();
    q.addAt('a', 100);
    q.addAt('a', 50);
    expect(q.nextDue()).toBe(50);
    q.promote(49);
    expect(q.get()).toBeUndefined();
    q.promote(50);
    expect(q.get()).toBe('a');
  });
});
