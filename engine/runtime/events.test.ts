import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { KubeObject } from '../api/types.ts';
import { EventRecorder, SeriesRecorder } from './events.ts';

function setup() {
  const c = new Cluster({ seed: 3 });
  const cm = c.handle({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } } }).body as KubeObject;
  return { c, cm: { ...cm, apiVersion: 'v1', kind: 'ConfigMap' } };
}

// Only the ConfigMap's events: the nodes' kubelets record theirs in `default` too.
const events = (c: Cluster) => (c.handle({ method: 'GET', path: '/api/v1/namespaces/default/events', query: { fieldSelector: 'involvedObject.kind=ConfigMap' } }).body as { items: KubeObject[] }).items;

describe('EventRecorder', () => {
  it('creates an event once, then counts identical repeats on the same object', () => {
    const { c, cm } = setup();
    const recorder = new EventRecorder(c.api, c.clock, { component: 'deployment-controller' });
    recorder.event(cm, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-1 from 0 to 3');
    c.advance(5_000);
    recorder.event(cm, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-1 from 0 to 3');
    const [event] = events(c);
    expect(event).toMatchObject({
      involvedObject: { kind: 'ConfigMap', name: 'web', namespace: 'default', uid: cm.metadata.uid },
      reason: 'ScalingReplicaSet', type: 'Normal', count: 2, source: { component: 'deployment-controller' },
      firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:05Z', reportingComponent: 'deployment-controller',
    });
    expect(event.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });

  it('combines similar events from the tenth distinct message on, and drops what exceeds the burst of 25', () => {
    const { c, cm } = setup();
    const recorder = new EventRecorder(c.api, c.clock, { component: 'kubelet', host: 'node-1' });
    for (let i = 0; i < 30; i++) recorder.event(cm, 'Warning', 'BackOff', `message ${i}`);
    const stored = events(c);
    // Messages 0–8 are events of their own; 9–24 go into one combined event (1 create, 15 patches); 25–29 are over the burst.
    expect(stored.map((e) => [e.message, e.count])).toEqual([
      ...Array.from({ length: 9 }, (_, i) => [`message ${i}`, 1]),
      ['(combined from similar events): message 24', 16],
    ]);
    expect(stored[9]).toMatchObject({ reason: 'BackOff', type: 'Warning', source: { component: 'kubelet', host: 'node-1' }, reportingComponent: '', reportingInstance: '' });
  });

  it('counts identical events apart from similar ones, and starts over after ten quiet minutes', () => {
    const { c, cm } = setup();
    const recorder = new EventRecorder(c.api, c.clock, { component: 'replicaset-controller' });
    for (let i = 0; i < 9; i++) recorder.event(cm, 'Normal', 'SuccessfulCreate', `Created pod: web-${i}`);
    recorder.event(cm, 'Normal', 'SuccessfulCreate', 'Created pod: web-0');
    c.advance(600_001);
    recorder.event(cm, 'Normal', 'SuccessfulCreate', 'Created pod: web-9');
    expect(events(c).map((e) => [e.message, e.count])).toEqual([
      ['Created pod: web-0', 2],
      ...Array.from({ length: 9 }, (_, i) => [`Created pod: web-${i + 1}`, 1]),
    ]);
  });
});

describe('SeriesRecorder', () => {
  it('writes eventTime first and a series from the second occurrence', () => {
    const { c, cm } = setup();
    const recorder = new SeriesRecorder(c.api, c.clock, 'default-scheduler', 'default-scheduler-control-plane');
    recorder.event(cm, 'Warning', 'FailedScheduling', 'Scheduling', '0/3 nodes are available');
    c.advance(60_000);
    recorder.event(cm, 'Warning', 'FailedScheduling', 'Scheduling', '0/3 nodes are available');
    const event = (c.handle({ method: 'GET', path: '/apis/events.k8s.io/v1/namespaces/default/events' }).body as { items: KubeObject[] }).items
      .find((e) => e.reason === 'FailedScheduling');
    expect(event).toMatchObject({
      reason: 'FailedScheduling', action: 'Scheduling', note: '0/3 nodes are available', reportingController: 'default-scheduler',
      eventTime: '2026-01-01T00:00:00.000000Z', series: { count: 2, lastObservedTime: '2026-01-01T00:01:00.000000Z' },
    });
  });
});
