import { describe, expect, it } from 'vitest';
import { podTone } from './pod-colour.ts';

describe('podTone', () => {
  it.each([
    ['Running', 'Running', '1/1', 'ok'],
    ['Running', 'Running', '0/1', 'starting'],
    ['Pending', 'ContainerCreating', '0/1', 'starting'],
    ['Pending', 'Pending', '0/1', 'starting'],
    ['Pending', 'ImagePullBackOff', '0/1', 'error'],
    ['Running', 'CrashLoopBackOff', '0/1', 'error'],
    ['Failed', 'Error', '0/1', 'error'],
    ['Succeeded', 'Completed', '0/1', 'done'],
    ['Running', 'Terminating', '1/1', 'going'],
  ] as const)('%s / %s / %s is %s', (phase, status, ready, tone) => {
    expect(podTone({ phase, status, ready })).toBe(tone);
  });
});
