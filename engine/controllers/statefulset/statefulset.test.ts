import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster.ts';
import { eventsFor, get, ok } from '../replicaset/test-helpers.ts';
import { createSet, getSet, names, patchSet, podSummary, podsPath, revisionsPath, setPhase, setsPath, statefulCluster, statefulSet, withClaims } from './test-helpers.ts';

const revision = 'web-6c5f997cf5';

/** Put a pod on a node (no kubelet runs, so a deleted pod then stays Terminating until the test finishes it). */
function bind(c: Cluster, name: string): void {
  ok(c, { method: 'POST', path: `${podsPath}/${name}/binding`, body: { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } } });
}

/** What the kubelet does at the end of graceful termination. */
function finishTermination(c: Cluster, name: string): void {
  ok(c, { method: 'DELETE', path: `${podsPath}/${name}`, query: { gracePeriodSeconds: '0' } });
}

describe('StatefulSet controller: OrderedReady', () => {
  it('creates claims then pods one ordinal at a time, each after the previous is Running and Ready', () => {
    const c = statefulCluster();
    createSet(c, withClaims(statefulSet(3)));
    const steps = [podSummary(c)];
    setPhase(c, 'web-0', 'Running', false);
    steps.push(podSummary(c));
    setPhase(c, 'web-0', 'Running');
    steps.push(podSummary(c));
    setPhase(c, 'web-1', 'Running');
    setPhase(c, 'web-2', 'Running');
    expect(steps).toEqual([
      ['web-0 web-7d6d54cbf'],
      ['web-0 web-7d6d54cbf'],
      ['web-0 web-7d6d54cbf', 'web-1 web-7d6d54cbf'],
    ]);
    expect(eventsFor(c, 'web')).toEqual([
      'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'Normal SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'Normal SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    expect(getSet(c).status).toEqual({
      observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3,
      currentRevision: 'web-7d6d54cbf', updateRevision: 'web-7d6d54cbf', collisionCount: 0, availableReplicas: 3,
    });
  });

  it('waits minReadySeconds (strictly more) after Ready before creating the next pod', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(2, { minReadySeconds: 10 }));
    setPhase(c, 'web-0', 'Running');
    c.advance(10_000);
    expect([podSummary(c), getSet(c).status]).toEqual([[`web-0 ${revision}`], {
      observedGeneration: 1, replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1,
      currentRevision: revision, updateRevision: revision, collisionCount: 0, availableReplicas: 0,
    }]);
    c.advance(1);
    expect(podSummary(c)).toEqual([`web-0 ${revision}`, `web-1 ${revision}`]);
  });

  it('scales down from the highest ordinal, one pod at a time, waiting for each to terminate', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(3));
    for (const name of ['web-0', 'web-1', 'web-2']) {
      bind(c, name);
      setPhase(c, name, 'Running');
    }
    patchSet(c, { spec: { replicas: 1 } });
    const steps = [podSummary(c)];
    finishTermination(c, 'web-2');
    steps.push(podSummary(c));
    const terminating = getSet(c).status;
    finishTermination(c, 'web-1');
    steps.push(podSummary(c));
    expect(steps).toEqual([
      [`web-0 ${revision}`, `web-1 ${revision}`, `web-2 ${revision} (terminating)`],
      [`web-0 ${revision}`, `web-1 ${revision} (terminating)`],
      [`web-0 ${revision}`],
    ]);
    // A terminating pod still counts in replicas, not in current/updated.
    expect(terminating).toEqual({
      observedGeneration: 2, replicas: 2, readyReplicas: 2, currentReplicas: 1, updatedReplicas: 1,
      currentRevision: revision, updateRevision: revision, collisionCount: 0, availableReplicas: 2,
    });
    expect(eventsFor(c, 'web').slice(3)).toEqual([
      'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('does not scale down while a lower pod is unhealthy', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(2));
    setPhase(c, 'web-0', 'Running');
    setPhase(c, 'web-1', 'Running');
    setPhase(c, 'web-0', 'Running', false);
    patchSet(c, { spec: { replicas: 1 } });
    expect(podSummary(c)).toEqual([`web-0 ${revision}`, `web-1 ${revision}`]);
    setPhase(c, 'web-0', 'Running');
    expect(podSummary(c)).toEqual([`web-0 ${revision}`]);
  });

  it('honours spec.ordinals.start', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(2, { ordinals: { start: 5 } }));
    setPhase(c, 'web-5', 'Running');
    expect(podSummary(c)).toEqual([`web-5 ${revision}`, `web-6 ${revision}`]);
    expect(get(c, `${podsPath}/web-6`)!.metadata.labels!['apps.kubernetes.io/pod-index']).toBe('6');
  });

  it.each([
    ['Failed', 'Warning RecreatingFailedPod StatefulSet default/web is recreating failed Pod web-0'],
    ['Succeeded', 'Normal RecreatingTerminatedPod StatefulSet default/web is recreating terminated Pod web-0'],
  ] as const)('deletes and recreates a %s pod', (phase, event) => {
    const c = statefulCluster();
    createSet(c, statefulSet(1));
    bind(c, 'web-0');
    const before = get(c, `${podsPath}/web-0`)!.metadata.uid;
    setPhase(c, 'web-0', phase);
    const after = get(c, `${podsPath}/web-0`)!;
    expect([after.metadata.uid === before, (after.status as { phase: string }).phase]).toEqual([false, 'Pending']);
    expect(eventsFor(c, 'web')).toEqual([
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful (x2)',
      event,
      'Normal SuccessfulDelete delete Pod web-0 in StatefulSet web successful',
    ]);
  });
});

describe('StatefulSet controller: Parallel, adoption', () => {
  it('creates and deletes all pods at once', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(3, { podManagementPolicy: 'Parallel' }));
    expect(podSummary(c)).toEqual([`web-0 ${revision}`, `web-1 ${revision}`, `web-2 ${revision}`]);
    patchSet(c, { spec: { replicas: 0 } });
    expect(podSummary(c)).toEqual([]);
    expect(eventsFor(c, 'web').slice(3)).toEqual([
      'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
      'Normal SuccessfulDelete delete Pod web-0 in StatefulSet web successful',
    ]);
  });

  it('adopts the pods and revisions of a set deleted with --cascade=orphan', () => {
    const c = statefulCluster();
    createSet(c, statefulSet(2, { podManagementPolicy: 'Parallel' }));
    ok(c, { method: 'DELETE', path: `${setsPath}/web`, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
    expect(get(c, `${podsPath}/web-0`)!.metadata.ownerReferences).toBeUndefined();
    const next = createSet(c, statefulSet(2, { podManagementPolicy: 'Parallel' }));
    const owner = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: next.metadata.uid, controller: true, blockOwnerDeletion: true }];
    expect([get(c, `${podsPath}/web-0`)!.metadata.ownerReferences, get(c, `${revisionsPath}/${revision}`)!.metadata.ownerReferences]).toEqual([owner, owner]);
    expect(names(c, revisionsPath)).toEqual([revision]);
    expect(eventsFor(c, 'web').filter((e) => e.includes('create Pod'))).toEqual([
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful',
    ]);
  });
});
