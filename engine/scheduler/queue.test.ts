import { describe, expect, it } from 'vitest';
import { newPodInfo } from './pod-info.ts';
import { SchedulingQueue, backoffDuration } from './queue.ts';
import { makePod } from './test-helpers.ts';

const info = (name: string, priority = 0) => newPodInfo({ ...makePod(name).spec({ priority }).toObject(), metadata: { name, namespace: 'default', uid: name } });

describe('SchedulingQueue', () => {
  it.each([[1, 1_000], [2, 2_000], [3, 4_000], [4, 8_000], [5, 10_000], [12, 10_000]])('back-off after %i attempts is %i ms', (attempts, ms) => {
    expect(backoffDuration(attempts)).toBe(ms);
  });

  it('pops the highest priority first, then the oldest', () => {
    const q = new SchedulingQueue();
    q.add(info('old-low'), 0);
    q.add(info('high', 1000), 5);
    q.add(info('new-low'), 10);
    expect([q.pop()?.pod.name, q.pop()?.pod.name, q.pop()?.pod.name, q.pop()]).toEqual(['high', 'old-low', 'new-low', undefined]);
  });

  it('parks an unschedulable pod until a cluster event, then honours its back-off', () => {
    const q = new SchedulingQueue();
    q.add(info('web'), 0);
    const entry = q.pop()!;
    q.addUnschedulable(entry, 0, q.cycle());
    expect([q.where('default/web'), q.nextWake()]).toEqual(['unschedulable', 300_000]);
    q.moveAllToActiveOrBackoff(400); // within the 1 s back-off
    expect([q.where('default/web'), q.nextWake()]).toEqual(['backoff', 1_000]);
    q.flush(999);
    expect(q.where('default/web')).toBe('backoff');
    q.flush(1_000);
    expect([q.where('default/web'), q.pop()?.attempts]).toEqual(['active', 2]);
  });

  it('backs off instead of parking when an event arrived during the attempt', () => {
    const q = new SchedulingQueue();
    q.add(info('web'), 0);
    const entry = q.pop()!;
    const cycle = q.cycle();
    q.moveAllToActiveOrBackoff(0);
    q.addUnschedulable(entry, 0, cycle);
    expect(q.where('default/web')).toBe('backoff');
  });

  it('forgets deleted pods', () => {
    const q = new SchedulingQueue();
    q.add(info('a'), 0);
    q.add(info('b'), 1);
    q.delete('default/a');
    expect([q.pop()?.pod.name, q.has('default/a')]).toEqual(['b', false]);
  });
});
