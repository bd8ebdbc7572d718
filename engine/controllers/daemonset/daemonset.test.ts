import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { eventsFor, list, ok, pods } from '../replicaset/test-helpers.ts';
import { templateHash } from './history.ts';
import { createDaemonSet, daemonSet, daemonSetCluster, patchSpec, podsByNode, revisionsPath, status } from './test-helpers.ts';

/** Pod names by node, for turning expected events into names. */
function podOn(cluster: Cluster, selector: string, node: string): string {
  const pod = pods(cluster, selector).find((p) => (p.spec as { nodeName?: string }).nodeName === node && !p.metadata.deletionTimestamp);
  if (!pod) throw new Error(`no pod on ${node}`);
  return pod.metadata.name!;
}

/** The hash label of the DaemonSet's revision with this number. */
function revisionHash(cluster: Cluster, revision: number): string {
  const found = list(cluster, revisionsPath).find((r) => (r as { revision?: number }).revision === revision);
  return found!.metadata.labels!['controller-revision-hash'];
}

function setNodeLabel(cluster: Cluster, node: string, key: string, value: string | null): void {
  ok(cluster, { method: 'PATCH', path: `/api/v1/nodes/${node}`, headers: { 'content-type': 'application/merge-patch+json' }, body: { metadata: { labels: { [key]: value } } } });
}

const tolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

describe('DaemonSet controller on the default cluster', () => {
  it('runs one pod per untainted node, pinned by node affinity, labelled with the revision, and reports it', () => {
    const c = daemonSetCluster();
    const ds = createDaemonSet(c, daemonSet('fluentd'));
    c.advance(10_000);
    const hash = revisionHash(c, 1);
    expect(podsByNode(c, 'app=fluentd')).toEqual([`node-1 Running fluentd:v1.16 ${hash}`, `node-2 Running fluentd:v1.16 ${hash}`, `node-3 Running fluentd:v1.16 ${hash}`]);

    const pod = pods(c, 'app=fluentd').find((p) => p.metadata.name === podOn(c, 'app=fluentd', 'node-2'))!;
    const spec = pod.spec as Record<string, unknown>;
    expect({ generateName: pod.metadata.generateName, labels: pod.metadata.labels, ownerReferences: pod.metadata.ownerReferences, affinity: spec.affinity, tolerations: spec.tolerations }).toEqual({
      generateName: 'fluentd-',
      labels: { app: 'fluentd', 'controller-revision-hash': hash, 'pod-template-generation': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }] } } },
      tolerations,
    });

    // Slow start 1 + 2, in node order.
    expect(eventsFor(c, 'fluentd')).toEqual(['node-1', 'node-2', 'node-3'].map((n) => `Normal SuccessfulCreate Created pod: ${podOn(c, 'app=fluentd', n)}`));
    expect(status(c, 'fluentd')).toEqual({
      currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3, observedGeneration: 1, updatedNumberScheduled: 3, numberAvailable: 3,
    });

    const [revision] = list(c, revisionsPath);
    expect({ name: revision.metadata.name, labels: revision.metadata.labels, owner: revision.metadata.ownerReferences?.[0].name, revision: (revision as { revision?: number }).revision, data: (revision as { data?: unknown }).data }).toEqual({
      name: `fluentd-${hash}`, labels: { app: 'fluentd', 'controller-revision-hash': hash }, owner: 'fluentd', revision: 1,
      data: { spec: { template: {
        $patch: 'replace',
        metadata: { creationTimestamp: null, labels: { app: 'fluentd' } },
        spec: {
          containers: [{ image: 'fluentd:v1.16', imagePullPolicy: 'IfNotPresent', name: 'fluentd', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
          dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 5,
        },
      } } },
    });
  });

  it.each([
    { name: 'no tolerations: the tainted control plane is skipped', podSpec: {}, want: ['node-1', 'node-2', 'node-3'] },
    {
      name: 'tolerating the control-plane taint: every node',
      podSpec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] },
      want: ['control-plane', 'node-1', 'node-2', 'node-3'],
    },
    { name: 'nodeSelector zone-a (the control plane is in zone-a too, but tainted)', podSpec: { nodeSelector: { 'topology.kubernetes.io/zone': 'zone-a' } }, want: ['node-1'] },
    {
      name: 'required node affinity NotIn zone-c, with the toleration',
      podSpec: {
        tolerations: [{ operator: 'Exists' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: ['zone-c'] }] }] } } },
      },
      want: ['control-plane', 'node-1', 'node-2'],
    },
  ])('$name', ({ podSpec, want }) => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('agent', 'busybox:1.36', { containers: [{ name: 'agent', image: 'busybox:1.36', command: ['sleep', '3600'] }], ...podSpec }));
    c.advance(10_000);
    expect(pods(c, 'app=agent').map((p) => (p.spec as { nodeName: string }).nodeName).sort()).toEqual(want);
    expect(status(c, 'agent')).toMatchObject({ desiredNumberScheduled: want.length, currentNumberScheduled: want.length, numberReady: want.length, numberMisscheduled: 0 });
  });
});

describe('nodes coming and going', () => {
  it('gives a node added later its pod', () => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('fluentd'));
    c.advance(10_000);
    c.kubelets.addNode({ name: 'node-4', labels: { 'topology.kubernetes.io/zone': 'zone-a' } });
    c.settle();
    expect(status(c, 'fluentd')).toEqual({
      currentNumberScheduled: 4, numberMisscheduled: 0, desiredNumberScheduled: 4, numberReady: 3, observedGeneration: 1, updatedNumberScheduled: 4, numberAvailable: 3, numberUnavailable: 1,
    });
    c.advance(10_000);
    const hash = revisionHash(c, 1);
    expect(podsByNode(c, 'app=fluentd')).toEqual(['node-1', 'node-2', 'node-3', 'node-4'].map((n) => `${n} Running fluentd:v1.16 ${hash}`));
    expect(eventsFor(c, 'fluentd').at(-1)).toBe(`Normal SuccessfulCreate Created pod: ${podOn(c, 'app=fluentd', 'node-4')}`);
    expect(status(c, 'fluentd')).toMatchObject({ desiredNumberScheduled: 4, numberAvailable: 4 });
  });

  it('follows node labels: a pod when a node starts to match, deleted when it stops', () => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('ssd-monitor', 'fluentd:v1.16', { nodeSelector: { disk: 'ssd' } }));
    c.advance(5_000);
    expect(pods(c, 'app=ssd-monitor')).toEqual([]);
    setNodeLabel(c, 'node-2', 'disk', 'ssd');
    c.advance(5_000);
    const name = podOn(c, 'app=ssd-monitor', 'node-2');
    expect(status(c, 'ssd-monitor')).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1 });
    setNodeLabel(c, 'node-2', 'disk', null);
    c.advance(10_000);
    expect(pods(c, 'app=ssd-monitor')).toEqual([]);
    expect(eventsFor(c, 'ssd-monitor')).toEqual([`Normal SuccessfulCreate Created pod: ${name}`, `Normal SuccessfulDelete Deleted pod: ${name}`]);
    expect(status(c, 'ssd-monitor')).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, observedGeneration: 1 });
  });

  it('stops counting a deleted node', () => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('fluentd'));
    c.advance(10_000);
    ok(c, { method: 'DELETE', path: '/api/v1/nodes/node-3' });
    expect(status(c, 'fluentd')).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberAvailable: 2 });
  });

  it('replaces a failed daemon pod, with FailedDaemonPod', () => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('fluentd'));
    c.advance(10_000);
    const failed = podOn(c, 'app=fluentd', 'node-2');
    ok(c, { method: 'PATCH', path: `/api/v1/namespaces/default/pods/${failed}/status`, headers: { 'content-type': 'application/merge-patch+json' }, body: { status: { phase: 'Failed' } } });
    c.advance(10_000);
    const replacement = podOn(c, 'app=fluentd', 'node-2');
    expect(replacement).not.toBe(failed);
    expect(eventsFor(c, 'fluentd').slice(3)).toEqual([
      `Warning FailedDaemonPod Found failed daemon pod default/${failed} on node node-2, will try to kill it`,
      `Normal SuccessfulDelete Deleted pod: ${failed}`,
      `Normal SuccessfulCreate Created pod: ${replacement}`,
    ]);
    expect(status(c, 'fluentd')).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 3 });
  });
});

/** Advance second by second until the rollout settles, recording the most nodes ever without an available pod and the most pods on a node. */
function rollOut(c: Cluster, name: string, seconds: number): { maxUnavailable: number; maxPodsOnANode: number } {
  let maxUnavailable = 0, maxPodsOnANode = 0;
  for (let i = 0; i < seconds; i++) {
    c.advance(1_000);
    const s = status(c, name) as { desiredNumberScheduled: number; numberAvailable?: number };
    maxUnavailable = Math.max(maxUnavailable, s.desiredNumberScheduled - (s.numberAvailable ?? 0));
    const perNode = new Map<string, number>();
    for (const pod of pods(c, `app=${name}`)) {
      const node = (pod.spec as { nodeName?: string }).nodeName ?? '';
      perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    maxPodsOnANode = Math.max(maxPodsOnANode, ...perNode.values());
  }
  return { maxUnavailable, maxPodsOnANode };
}

describe('updates', () => {
  it.each([
    { name: 'RollingUpdate maxUnavailable 1: one node at a time, delete then create', strategy: {}, want: { maxUnavailable: 1, maxPodsOnANode: 1 }, deleteFirst: true },
    {
      name: 'RollingUpdate maxSurge 1, maxUnavailable 0: the new pod starts beside the old one',
      strategy: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }, want: { maxUnavailable: 0, maxPodsOnANode: 2 }, deleteFirst: false,
    },
  ])('$name', ({ strategy, want, deleteFirst }) => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('fluentd', 'fluentd:v1.16', {}, strategy));
    c.advance(10_000);
    const before = new Map(['node-1', 'node-2', 'node-3'].map((n) => [n, podOn(c, 'app=fluentd', n)]));
    patchSpec(c, 'fluentd', { template: { spec: { containers: [{ name: 'fluentd', image: 'fluentd:v1.17' }] } } });
    expect(rollOut(c, 'fluentd', 30)).toEqual(want);

    const hash = revisionHash(c, 2);
    expect(podsByNode(c, 'app=fluentd')).toEqual(['node-1', 'node-2', 'node-3'].map((n) => `${n} Running fluentd:v1.17 ${hash}`));
    const perNode = ['node-1', 'node-2', 'node-3'].flatMap((n) => {
      const created = `Normal SuccessfulCreate Created pod: ${podOn(c, 'app=fluentd', n)}`, deleted = `Normal SuccessfulDelete Deleted pod: ${before.get(n)}`;
      return deleteFirst ? [deleted, created] : [created, deleted];
    });
    expect(eventsFor(c, 'fluentd').slice(3)).toEqual(perNode);
    expect(status(c, 'fluentd')).toEqual({
      currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3, observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3,
    });
    expect(list(c, revisionsPath).map((r) => `${r.metadata.name} ${(r as { revision?: number }).revision}`).sort()).toEqual([`fluentd-${revisionHash(c, 1)} 1`, `fluentd-${hash} 2`].sort());
  });

  it('OnDelete: a new template reaches a node only when its pod is deleted', () => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('fluentd', 'fluentd:v1.16', {}, { updateStrategy: { type: 'OnDelete' } }));
    c.advance(10_000);
    patchSpec(c, 'fluentd', { template: { spec: { containers: [{ name: 'fluentd', image: 'fluentd:v1.17' }] } } });
    c.advance(10_000);
    expect(status(c, 'fluentd')).toEqual({ currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3, observedGeneration: 2, numberAvailable: 3 });
    ok(c, { method: 'DELETE', path: `/api/v1/namespaces/default/pods/${podOn(c, 'app=fluentd', 'node-1')}` });
    c.advance(10_000);
    const [old, current] = [revisionHash(c, 1), revisionHash(c, 2)];
    expect(podsByNode(c, 'app=fluentd')).toEqual([`node-1 Running fluentd:v1.17 ${current}`, `node-2 Running fluentd:v1.16 ${old}`, `node-3 Running fluentd:v1.16 ${old}`]);
    expect(status(c, 'fluentd')).toMatchObject({ updatedNumberScheduled: 1, numberAvailable: 3 });
  });

  it('keeps revisionHistoryLimit old revisions, and rolling back reuses a revision under a new number', () => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('fluentd', 'fluentd:v1.16', {}, { revisionHistoryLimit: 1 }));
    c.advance(10_000);
    for (const image of ['fluentd:v1.17', 'fluentd:v1.18', 'fluentd:v1.16']) {
      patchSpec(c, 'fluentd', { template: { spec: { containers: [{ name: 'fluentd', image }] } } });
      c.advance(30_000);
    }
    const revisions = list(c, revisionsPath).map((r) => (r as { revision?: number }).revision).sort();
    // v1.16 was revision 1 and becomes 4; v1.17 (2) is pruned; v1.18 (3) is the one old revision kept.
    expect(revisions).toEqual([3, 4]);
    expect(podsByNode(c, 'app=fluentd')).toEqual(['node-1', 'node-2', 'node-3'].map((n) => `${n} Running fluentd:v1.16 ${revisionHash(c, 4)}`));
  });
});

describe('deletion', () => {
  it('leaves the pods and revisions to the garbage collector when the DaemonSet is deleted', () => {
    const c = daemonSetCluster();
    createDaemonSet(c, daemonSet('fluentd'));
    c.advance(10_000);
    ok(c, { method: 'DELETE', path: '/apis/apps/v1/namespaces/default/daemonsets/fluentd' });
    c.advance(40_000);
    expect({ pods: pods(c, 'app=fluentd'), revisions: list(c, revisionsPath), errors: c.controllers.errors }).toEqual({ pods: [], revisions: [], errors: [] });
    expect(eventsFor(c, 'fluentd')).toHaveLength(3);
  });
});

describe('adoption', () => {
  it('adopts an orphan pod that matches the selector (OnDelete keeps it though it has no revision hash)', () => {
    const c = daemonSetCluster();
    const orphan: KubeObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'fluentd' } },
      spec: { nodeName: 'node-1', containers: [{ name: 'fluentd', image: 'fluentd:v1.16' }] },
    };
    ok(c, { method: 'POST', path: '/api/v1/namespaces/default/pods', body: orphan });
    const ds = createDaemonSet(c, daemonSet('fluentd', 'fluentd:v1.16', {}, { updateStrategy: { type: 'OnDelete' } }));
    c.advance(10_000);
    const adopted = pods(c, 'app=fluentd').find((p) => p.metadata.name === 'stray')!;
    expect(adopted.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pods(c, 'app=fluentd').map((p) => (p.spec as { nodeName: string }).nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(status(c, 'fluentd')).toMatchObject({ currentNumberScheduled: 3, updatedNumberScheduled: 2 });
  });
});

describe('history', () => {
  it('resolves a revision name taken by another template by bumping collisionCount', () => {
    const c = daemonSetCluster();
    const manifest = daemonSet('fluentd');
    // What the API server will store, so the hash is the one the controller computes first.
    const stored = ok(c, { method: 'POST', path: '/apis/apps/v1/namespaces/default/daemonsets', query: { dryRun: 'All' }, body: manifest });
    const taken = `fluentd-${templateHash(stored)}`;
    ok(c, { method: 'POST', path: revisionsPath, body: { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: taken }, data: { other: true }, revision: 1 } });
    createDaemonSet(c, manifest);
    c.advance(10_000);
    const hash = revisionHash(c, 1);
    expect(hash).not.toBe(templateHash(stored));
    expect(list(c, revisionsPath).map((r) => r.metadata.name).sort()).toEqual([taken, `fluentd-${hash}`].sort());
    expect(status(c, 'fluentd')).toMatchObject({ collisionCount: 1, numberAvailable: 3, updatedNumberScheduled: 3 });
    expect(c.controllers.errors.map((e) => e.message)).toEqual([`failed to construct revisions of DaemonSet: controllerrevisions.apps "${taken}" already exists`]);
  });
});
