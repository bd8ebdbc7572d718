import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import type { ApiRequest, ApiResponse, KubeObject } from '../../api/types.ts';
import { EventRecorder } from '../../runtime/events.ts';
import { PodControl, slowStartBatch } from './pod-control.ts';

describe('slowStartBatch', () => {
  it.each([
    // count, first failing call → successes, calls made
    [10, Infinity, 10, 10], // batches 1 + 2 + 4 + 3
    [10, 2, 1, 3], // batch 1 succeeds; batch 2 has a failure and still finishes; no batch 3
    [10, 5, 4, 7], // batches 1 + 2 succeed; in batch 4 only the first call does
    [0, Infinity, 0, 0],
  ])('%i creations, failing from call %s: %i successes after %i calls', (count, failFrom, successes, calls) => {
    let made = 0;
    expect(slowStartBatch(count, 1, () => ++made < failFrom)).toBe(successes);
    expect(made).toBe(calls);
  });
});

describe('PodControl', () => {
  it('records FailedCreate with the API error on the owner', () => {
    const requests: ApiRequest[] = [];
    const api = {
      handle(request: ApiRequest): ApiResponse {
        requests.push(request);
        if (request.method === 'POST' && request.path.endsWith('/pods')) {
          return { status: 403, headers: {}, body: { kind: 'Status', message: 'pods "web-" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2' } };
        }
        return { status: 201, headers: {}, body: {} };
      },
    };
    const owner: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'u1' } };
    const control = new PodControl(api, new EventRecorder(api, new ManualClock(), { component: 'replicaset-controller' }));
    expect(control.createPod({ metadata: { labels: { app: 'web' } }, spec: {} }, owner).status).toBe(403);
    const event = requests[1].body as { reason: string; type: string; message: string };
    expect([event.type, event.reason, event.message]).toEqual(['Warning', 'FailedCreate', 'Error creating: pods "web-" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2']);
  });
});
