/**
 * VolumeBinding in the running scheduler: a Pending pod is retried as soon as a claim, volume or
 * class it waits for appears (queueing hints), and pods sharing a WaitForFirstConsumer claim
 * follow the first one to the node the claim was provisioned on.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { create, createPod, getPod, makePod, schedulerCluster } from '../test-helpers.ts';

const claim = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const storageClass = (name: string, volumeBindingMode: string): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'rancher.io/local-path', volumeBindingMode,
});
const hostPathVolume = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: '', hostPath: { path: '/mnt/data' } },
});
const withClaim = (pod: string, claimName: string) => makePod(pod).spec({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] });
const claims = '/api/v1/namespaces/default/persistentvolumeclaims';

describe('VolumeBinding: a Pending pod is retried when what it waits for appears', () => {
  it.each<{ name: string; before: [string, KubeObject][]; waiting: string; fix: [string, KubeObject][]; within?: number }>([
    {
      name: 'the missing claim is created',
      before: [],
      waiting: 'persistentvolumeclaim "data" not found',
      fix: [[claims, claim('data', { storageClassName: 'standard' })]],
    },
    {
      name: 'the claim\'s StorageClass is created (WaitForFirstConsumer)',
      before: [[claims, claim('data', { storageClassName: 'later' })]],
      waiting: 'pod has unbound immediate PersistentVolumeClaims',
      fix: [['/apis/storage.k8s.io/v1/storageclasses', storageClass('later', 'WaitForFirstConsumer')]],
    },
    {
      name: 'a PersistentVolume the claim binds to is created',
      before: [[claims, claim('data', { storageClassName: '' })]],
      waiting: 'pod has unbound immediate PersistentVolumeClaims',
      fix: [['/api/v1/persistentvolumes', hostPathVolume('manual')]],
      // The binder finds the new volume at its next claim resync (every 15 s); the claim update wakes the pod.
      within: 16_000,
    },
  ])('$name: scheduled at once, not after the 5-minute flush', ({ before, waiting, fix, within = 1_000 }) => {
    const { cluster } = schedulerCluster();
    create(cluster, '/apis/storage.k8s.io/v1/storageclasses', storageClass('standard', 'WaitForFirstConsumer'));
    for (const [path, body] of before) create(cluster, path, body);
    createPod(cluster, withClaim('db', 'data'));
    cluster.advance(30_000);
    const pending = getPod(cluster, 'db');
    expect(pending.spec?.nodeName).toBeUndefined();
    expect(pending.status?.conditions?.[0].message).toBe(
      `0/4 nodes are available: ${waiting}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`,
    );
    for (const [path, body] of fix) create(cluster, path, body);
    cluster.advance(within);
    expect(getPod(cluster, 'db').spec?.nodeName).toMatch(/^worker-[123]$/);
  });
});

describe('VolumeBinding: only pods a volume event may help are retried (EventsToRegister)', () => {
  it('retries the pod waiting for the claim, and leaves the pod that lacks cpu waiting', () => {
    const { cluster, scheduler } = schedulerCluster();
    create(cluster, '/apis/storage.k8s.io/v1/storageclasses', storageClass('standard', 'WaitForFirstConsumer'));
    createPod(cluster, makePod('big').cpu('5'));
    createPod(cluster, withClaim('db', 'data'));
    cluster.advance(30_000);
    const attempts = (name: string) => scheduler.decisions.find('default', name)?.attempt;
    expect([attempts('big'), attempts('db')]).toEqual([1, 1]);
    create(cluster, claims, claim('data', { storageClassName: 'standard' }));
    cluster.advance(1_000);
    expect(getPod(cluster, 'db').spec?.nodeName).toMatch(/^worker-[123]$/);
    expect([attempts('big'), scheduler.schedulingQueue.where('default/big')]).toEqual([1, 'unschedulable']);
  });
});

describe('VolumeBinding: ReadWriteOnce claims on kind', () => {
  it('puts every pod of a local-path claim on the node the claim was provisioned for', () => {
    const cluster = new Cluster({ seed: 3 });
    create(cluster, claims, claim('shared'));
    for (const name of ['a', 'b', 'c']) {
      createPod(cluster, makePod(name).spec({ volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'shared' } }] }));
    }
    cluster.advance(30_000);
    const pods = ['a', 'b', 'c'].map((name) => getPod(cluster, name));
    const nodes = new Set(pods.map((pod: Pod) => pod.spec?.nodeName));
    expect(nodes.size).toBe(1);
    expect([...nodes][0]).toMatch(/^node-[123]$/);
    expect(pods.map((pod) => pod.status?.phase)).toEqual(['Running', 'Running', 'Running']);
  });
});
