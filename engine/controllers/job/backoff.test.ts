import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { finishedTime, nextBackoffRecord, remainingBackoff } from './backoff.ts';

const t0 = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z');

/** A pod whose only container terminated at second `s`. */
function finishedAt(s: number): KubeObject {
  return { metadata: { name: `p${s}`, creationTimestamp: at(0) }, status: { containerStatuses: [{ state: { terminated: { finishedAt: at(s) } } }] } };
}

describe('pod failure back-off', () => {
  it.each([
    // failures, seconds since the last failure, remaining ms
    [1, 0, 10_000],
    [1, 4, 6_000],
    [2, 1, 19_000],
    [3, 0, 40_000],
    [6, 0, 320_000],
    [7, 0, 600_000], // 640 s is over the 10 min cap
    [12, 30, 570_000],
    [2, 25, 0],
  ])('%i failure(s), %i s later: wait %i ms', (failures, elapsed, remaining) => {
    expect(remainingBackoff({ failuresAfterLastSuccess: failures, lastFailureTime: t0 }, t0 + elapsed * 1000)).toBe(remaining);
  });

  it('counts failures after the latest success only, and remembers when the last one finished', () => {
    const record = nextBackoffRecord({ failuresAfterLastSuccess: 4, lastFailureTime: t0 }, [finishedAt(20)], [finishedAt(10), finishedAt(30), finishedAt(25)]);
    expect(record).toEqual({ failuresAfterLastSuccess: 2, lastFailureTime: t0 + 30_000 });
    expect(nextBackoffRecord(record, [], [finishedAt(40)])).toEqual({ failuresAfterLastSuccess: 3, lastFailureTime: t0 + 40_000 });
    expect(nextBackoffRecord(record, [finishedAt(50)], [])).toEqual({ failuresAfterLastSuccess: 0 });
  });

  it.each([
    ['all containers terminated', finishedAt(7), 7],
    ['Ready=False transition', { metadata: { creationTimestamp: at(0) }, status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: at(9) }], containerStatuses: [{ state: { running: {} } }] } }, 9],
    ['deletion minus grace', { metadata: { creationTimestamp: at(0), deletionTimestamp: at(40), deletionGracePeriodSeconds: 30 } }, 10],
    ['creation as the last resort', { metadata: { creationTimestamp: at(3) } }, 3],
  ])('finish time from %s', (_name, pod, seconds) => {
    expect(finishedTime(pod as KubeObject)).toBe(t0 + (seconds as number) * 1000);
  });
});
