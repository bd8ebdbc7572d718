import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import type { ManageHooks } from './manage.ts';
import { podsShouldBeOnNode, unscheduledPodsWithoutNode } from './manage.ts';
import { calculateCounts } from './status.ts';

const now = Date.UTC(2026, 0, 1, 0, 10);

interface PodOptions {
  hash?: string;
  phase?: string;
  ready?: boolean;
  created?: number;
  bound?: boolean;
  deleting?: boolean;
}

function pod(name: string, o: PodOptions = {}): KubeObject {
  const metadata: KubeObject['metadata'] = {
    name, namespace: 'default', creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, o.created ?? 0)).toISOString().replace('.000Z', 'Z'),
    labels: { 'controller-revision-hash': o.hash ?? 'h2' },
  };
  if (o.deleting) metadata.deletionTimestamp = '2026-01-01T00:09:00Z';
  return {
    metadata,
    spec: o.bound === false ? {} : { nodeName: 'node-1' },
    status: { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: '2026-01-01T00:01:00Z' }] },
  };
}

const run = { shouldRun: true, shouldContinueRunning: true };
const stay = { shouldRun: false, shouldContinueRunning: true };
const no = { shouldRun: false, shouldContinueRunning: false };

describe('podsShouldBeOnNode', () => {
  it.each([
    { name: 'a fitting node without pods gets one', placement: run, pods: undefined, want: { create: true, delete: [] }, events: [] },
    { name: 'a node the DaemonSet left loses its pods (not the terminating one)', placement: no, pods: [pod('a'), pod('b', { deleting: true })], want: { create: false, delete: ['a'] }, events: [] },
    { name: 'a NoSchedule taint keeps the pod there', placement: stay, pods: [pod('a')], want: { create: false, delete: [] }, events: [] },
    {
      name: 'failed pods are deleted with FailedDaemonPod (the second is in back-off)', placement: run,
      pods: [pod('a', { phase: 'Failed' }), pod('b', { phase: 'Failed' })], want: { create: false, delete: ['a'] }, events: ['failed a', 'failed b'],
    },
    { name: 'succeeded pods are deleted with SucceededDaemonPod', placement: run, pods: [pod('a', { phase: 'Succeeded' })], want: { create: false, delete: ['a'] }, events: ['succeeded a'] },
    {
      name: 'one pod per node: the oldest bound pod stays', placement: run,
      pods: [pod('young', { created: 5 }), pod('old', { created: 1 }), pod('unbound', { created: 0, bound: false })], want: { create: false, delete: ['young', 'unbound'] }, events: [],
    },
  ])('$name', ({ placement, pods, want, events }) => {
    const seen: string[] = [];
    let failures = 0;
    const hooks: ManageHooks = {
      failedPod: (p) => { seen.push(`failed ${p.metadata.name}`); return failures++ === 0; },
      succeededPod: (p) => { seen.push(`succeeded ${p.metadata.name}`); },
    };
    expect(podsShouldBeOnNode('node-1', placement, pods, { hash: 'h2', surge: false, minReadySeconds: 0, now }, hooks)).toEqual(want);
    expect(seen).toEqual(events);
  });

  it.each([
    { name: 'surge: a new pod not yet available keeps the ready old one', pods: [pod('old', { hash: 'h1', created: 1 }), pod('new', { ready: false, created: 2 })], want: [] },
    { name: 'surge: the new pod is available, the old one goes', pods: [pod('old', { hash: 'h1', created: 1 }), pod('new', { created: 2 })], want: ['old'] },
    { name: 'surge: the old pod is no longer ready, it goes', pods: [pod('old', { hash: 'h1', ready: false, created: 1 }), pod('new', { ready: false, created: 2 })], want: ['old'] },
    { name: 'surge: a third pod always goes', pods: [pod('old', { hash: 'h1', created: 1 }), pod('new', { ready: false, created: 2 }), pod('new2', { created: 3 })], want: ['new2'] },
  ])('$name', ({ pods, want }) => {
    const hooks: ManageHooks = { failedPod: () => true, succeededPod: () => undefined };
    expect(podsShouldBeOnNode('node-1', run, pods, { hash: 'h2', surge: true, minReadySeconds: 0, now }, hooks)).toEqual({ create: false, delete: want });
  });

  it('deletes only unbound pods aimed at nodes that are gone', () => {
    const map = new Map([['node-1', [pod('a')]], ['gone', [pod('bound'), pod('pending', { bound: false })]]]);
    expect(unscheduledPodsWithoutNode(map, (name) => name === 'node-1')).toEqual(['pending']);
  });
});

describe('calculateCounts', () => {
  it('counts per node, looking at the oldest pod of each', () => {
    const map = new Map([
      ['node-1', [pod('n1-new', { created: 2 }), pod('n1-old', { hash: 'h1', created: 1 })]],
      ['node-2', [pod('n2', { ready: false })]],
      ['control-plane', [pod('misplaced')]],
    ]);
    const nodes = [{ name: 'control-plane', shouldRun: false }, { name: 'node-1', shouldRun: true }, { name: 'node-2', shouldRun: true }, { name: 'node-3', shouldRun: true }];
    expect(calculateCounts({ nodes, nodeToDaemonPods: map, hash: 'h2', generation: undefined, minReadySeconds: 0, now })).toEqual({
      desiredNumberScheduled: 3, currentNumberScheduled: 2, numberMisscheduled: 1, numberReady: 1,
      updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 2,
    });
  });
});
