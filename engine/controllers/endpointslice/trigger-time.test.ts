import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { TriggerTimeTracker } from './trigger-time.ts';

const service: KubeObject = { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' } };
const pod = (name: string, readySince: string): KubeObject => ({ metadata: { name }, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] } });

describe('TriggerTimeTracker', () => {
  it('gives a new Service its creation time, then the earliest changed readiness, then nothing', () => {
    const tracker = new TriggerTimeTracker();
    expect(tracker.compute(service, [pod('a', '2026-01-01T00:00:03Z')])).toBe('2026-01-01T00:00:00Z');
    expect(tracker.compute(service, [pod('a', '2026-01-01T00:00:03Z')])).toBeUndefined();
    expect(tracker.compute(service, [pod('a', '2026-01-01T00:00:09Z'), pod('b', '2026-01-01T00:00:07Z')])).toBe('2026-01-01T00:00:07Z');
    tracker.delete('default', 'web');
    expect(tracker.compute(service, [])).toBe('2026-01-01T00:00:00Z');
  });
});
