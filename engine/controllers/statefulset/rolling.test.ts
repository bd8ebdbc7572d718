import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { eventsFor, list, ok } from '../replicaset/test-helpers.ts';
import type { StatefulPodControl } from './pod-control.ts';
import { rollingUpdate, statefulSetMaxUnavailable } from './rolling.ts';
import type { StatefulSetGates } from './rolling.ts';
import { createSet, getSet, patchSet, podSummary, podsPath, revisionsPath, setPhase, statefulCluster, statefulSet } from './test-helpers.ts';

const v24 = 'web-6c5f997cf5';
const v27 = 'web-798fcfd56';
const image = (tag: string): unknown => ({ spec: { template: { spec: { containers: [{ name: 'nginx', image: `registry.k8s.io/nginx-slim:${tag}` }] } } } });
/** Play the kubelet until every pod is Running and Ready (OrderedReady creates the next one each time). */
const allRunning = (c: ReturnType<typeof statefulCluster>): void => {
  for (;;) {
    const waiting = list(c, podsPath).find((pod) => (pod.status as { phase: string }).phase !== 'Running');
    if (!waiting) return;
    setPhase(c, waiting.metadata.name!, 'Running');
  }
};
const revisions = (c: ReturnType<typeof statefulCluster>): string[] => list(c, revisionsPath).map((r: KubeObject) => `${r.metadata.name} ${String(r.revision)}`);

describe('statefulSetMaxUnavailable', () => {
  it.each([
    [undefined, 5, 1], [2, 5, 2], ['50%', 5, 2], ['10%', 5, 1], ['100%', 3, 3],
  ] as const)('maxUnavailable %j of %i replicas → %i', (value, replicas, expected) => {
    expect(statefulSetMaxUnavailable(value, replicas)).toBe(expected);
  });
});

describe('RollingUpdate', () => {
  it('replaces pods from the highest ordinal down to the partition, one healthy pod at a time', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    allRunning(c);
    patchSet(c, image('0.27'));
    const steps = [podSummary(c)];
    allRunning(c);
    steps.push(podSummary(c));
    allRunning(c);
    const partitioned = getSet(c).status;
    patchSet(c, { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } });
    steps.push(podSummary(c));
    allRunning(c);
    expect(steps).toEqual([
      [`web-0 ${v24}`, `web-1 ${v24}`, `web-2 ${v27}`],
      [`web-0 ${v24}`, `web-1 ${v27}`, `web-2 ${v27}`],
      [`web-0 ${v27}`, `web-1 ${v27}`, `web-2 ${v27}`],
    ]);
    expect(partitioned).toEqual({
      observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 2,
      currentRevision: v24, updateRevision: v27, collisionCount: 0, availableReplicas: 3,
    });
    expect(getSet(c).status).toEqual({
      observedGeneration: 3, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3,
      currentRevision: v27, updateRevision: v27, collisionCount: 0, availableReplicas: 3,
    });
    expect(eventsFor(c, 'web').slice(3)).toEqual([
      'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
      'Normal SuccessfulDelete delete Pod web-0 in StatefulSet web successful',
    ]);
  });

  it('ignores maxUnavailable in v1.32: the API server drops it while MaxUnavailableStatefulSet is off', () => {
    const c = statefulCluster();
    const set = createSet(c, statefulSet(4, { podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } }));
    expect((set.spec as { updateStrategy: unknown }).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    allRunning(c);
    patchSet(c, image('0.27'));
    expect(podSummary(c)).toEqual([`web-0 ${v24}`, `web-1 ${v24}`, `web-2 ${v24}`, `web-3 ${v27}`]);
  });

  it.each<[string, StatefulSetGates, string[], string | undefined, number]>([
    ['gate off: one pod', {}, ['web-3'], undefined, 0],
    ['gate on, maxUnavailable 2: two pods, highest first', { maxUnavailableStatefulSet: true }, ['web-3', 'web-2'], undefined, 0],
    ['gate on, but one pod already unavailable', { maxUnavailableStatefulSet: true }, ['web-3'], 'web-0', 0],
    ['gate on, partition 3', { maxUnavailableStatefulSet: true }, ['web-3'], undefined, 3],
  ])('rollingUpdate step with maxUnavailable 2, %s', (_what, gates, deleted, unready, partition) => {
    const maxUnavailable = 2;
    const set: KubeObject = { metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition, maxUnavailable } } } };
    const pods = [0, 1, 2, 3].map((i): KubeObject => ({
      metadata: { name: `web-${i}`, labels: { 'controller-revision-hash': 'web-old' } },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: `web-${i}` === unready ? 'False' : 'True' }] },
    }));
    const calls: string[] = [];
    const podControl = { deleteStatefulPod: (_set: KubeObject, pod: KubeObject) => { calls.push(pod.metadata.name!); return { status: 200 }; } } as unknown as StatefulPodControl;
    const status = { replicas: 4, availableReplicas: 4, currentReplicas: 4 };
    rollingUpdate(set, pods, 'web-new', status, podControl, gates);
    expect([calls, status.currentReplicas]).toEqual([deleted, 4 - deleted.length]);
  });

  it('rolls back to an earlier revision by renumbering it (kubectl rollout undo), and trims history to revisionHistoryLimit', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(1, { revisionHistoryLimit: 1 }));
    allRunning(c);
    patchSet(c, image('0.27'));
    allRunning(c);
    expect(revisions(c)).toEqual([`${v24} 1`, `${v27} 2`]);
    patchSet(c, image('0.24'));
    allRunning(c);
    expect(revisions(c)).toEqual([`${v24} 3`, `${v27} 2`]);
    patchSet(c, image('0.25'));
    allRunning(c);
    // 0.27 (revision 2) is neither current, update, nor any pod's: it goes; 0.24 stays as history.
    expect(revisions(c)).toEqual([`${v24} 3`, 'web-8657956ffd 4']);
  });
});

describe('OnDelete', () => {
  it('changes no pod until it is deleted, then recreates it at the update revision', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(2, { updateStrategy: { type: 'OnDelete' } }));
    allRunning(c);
    patchSet(c, image('0.27'));
    expect(podSummary(c)).toEqual([`web-0 ${v24}`, `web-1 ${v24}`]);
    ok(c, { method: 'DELETE', path: `${podsPath}/web-0` });
    allRunning(c);
    expect(podSummary(c)).toEqual([`web-0 ${v27}`, `web-1 ${v24}`]);
    expect(getSet(c).status).toEqual({
      observedGeneration: 2, replicas: 2, readyReplicas: 2, currentReplicas: 1, updatedReplicas: 1,
      currentRevision: v24, updateRevision: v27, collisionCount: 0, availableReplicas: 2,
    });
  });
});
