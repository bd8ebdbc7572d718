import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import type { KubeObject } from '../engine/api/types.ts';
import { KubectlSession } from '../engine/kubectl/session.ts';
import { summarize } from './summaries.ts';
import type { NodeSummary } from './protocol.ts';

const node = (ready: string | undefined, unschedulable = false): KubeObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' },
  spec: unschedulable ? { unschedulable: true } : {},
  status: { conditions: ready === undefined ? [] : [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: ready }] },
});

const statusOf = (object: KubeObject): string => (summarize(object) as NodeSummary).status;

describe('node summary status', () => {
  // kubectl's node printer (printNode): True → Ready, any other status → NotReady, no Ready condition → Unknown.
  it.each([
    { ready: 'True', cordoned: false, expected: 'Ready' },
    { ready: 'False', cordoned: false, expected: 'NotReady' },
    { ready: 'Unknown', cordoned: false, expected: 'NotReady' },
    { ready: undefined, cordoned: false, expected: 'Unknown' },
    { ready: 'True', cordoned: true, expected: 'Ready,SchedulingDisabled' },
    { ready: 'Unknown', cordoned: true, expected: 'NotReady,SchedulingDisabled' },
  ])('Ready=$ready cordoned=$cordoned → $expected', ({ ready, cordoned, expected }) => {
    expect(statusOf(node(ready, cordoned))).toBe(expected);
  });

  it('says what `kubectl get nodes` says about a failed, cordoned node', () => {
    const cluster = new Cluster({ seed: 3, addons: false });
    const kubectl = new KubectlSession(cluster);
    cluster.kubelets.failNode('node-1');
    cluster.advance(60_000);
    kubectl.run('kubectl cordon node-1');
    const table = kubectl.run('kubectl get node node-1 --no-headers').stdout.split(/\s+/)[1];
    const object = cluster.handle({ method: 'GET', path: '/api/v1/nodes/node-1' }).body as KubeObject;
    expect({ table, card: statusOf(object) }).toEqual({ table: 'NotReady,SchedulingDisabled', card: 'NotReady,SchedulingDisabled' });
  });
});
