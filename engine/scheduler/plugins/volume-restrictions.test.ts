import { describe, expect, it } from 'vitest';
import type { Volume } from 'kubernetes-types/core/v1';
import { SchedulerCache } from '../cache.ts';
import { create, createPod, getPod, makeNode, makePod, podEvents, schedulerCluster, type PodBuilder } from '../test-helpers.ts';
import type { NodeInfo } from './test-types.ts';
import { volumeRestrictions } from './volume-restrictions.ts';

const claims: Record<string, string[]> = { solo: ['ReadWriteOncePod'], shared: ['ReadWriteOnce'] };
const lookup = {
  get: (resource: string, key: string) => {
    const name = key.split('/')[1];
    return resource === 'persistentvolumeclaims' && claims[name] ? { metadata: { name, namespace: 'default' }, spec: { accessModes: claims[name] } } : undefined;
  },
  list: () => [],
};

const withVolumes = (name: string, volumes: Volume[]): PodBuilder => makePod(name).spec({ volumes });
const claim = (claimName: string): Volume => ({ name: 'data', persistentVolumeClaim: { claimName } });
const gce = (pdName: string, readOnly = false): Volume => ({ name: 'disk', gcePersistentDisk: { pdName, readOnly } });

/** PreFilter then Filter on w1 and w2, with `placed` pods on w1; `[code, ...reasons]` per node. */
function run(pod: PodBuilder, placed: PodBuilder[]): string[][] {
  const cache = new SchedulerCache(lookup);
  for (const node of ['w1', 'w2']) cache.setNode(makeNode(node));
  placed.forEach((p, i) => cache.addPod({ ...p.toInfo(`placed-${i}`), nodeName: 'w1' }));
  const state = new Map<string, unknown>();
  const pre = volumeRestrictions.preFilter(state, pod.toInfo('incoming'), cache);
  if (pre.code !== 'Success') return [[pre.code, ...pre.reasons]];
  return ['w1', 'w2'].map((n) => {
    const status = volumeRestrictions.filter(state, pod.toInfo('incoming'), cache.node(n) as NodeInfo);
    return [status.code, ...status.reasons];
  });
}

const rwop = ['Unschedulable', 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode'];
const disk = ['Unschedulable', 'node(s) had no available disk'];
const ok = ['Success'];

describe('VolumeRestrictions', () => {
  it.each<[string, PodBuilder, PodBuilder[], string[][]]>([
    ['skips a pod without claims or restricted disks', makePod('p'), [], [['Skip']]],
    ['skips a ReadWriteOncePod claim nobody uses', withVolumes('p', [claim('solo')]), [], [['Skip']]],
    ['refuses every node while another pod uses the RWOP claim', withVolumes('p', [claim('solo')]), [withVolumes('holder', [claim('solo')])], [rwop, rwop]],
    ['lets a ReadWriteOnce claim be shared', withVolumes('p', [claim('shared')]), [withVolumes('holder', [claim('shared')])], [['Skip']]],
    ['stops at a missing claim', withVolumes('p', [claim('nope')]), [], [['UnschedulableAndUnresolvable', 'persistentvolumeclaim "nope" not found']]],
    ['refuses the node with the same GCE disk read-write', withVolumes('p', [gce('pd-1')]), [withVolumes('holder', [gce('pd-1')])], [disk, ok]],
    ['allows a GCE disk read-only everywhere', withVolumes('p', [gce('pd-1', true)]), [withVolumes('holder', [gce('pd-1', true)])], [ok, ok]],
    ['refuses the same EBS volume even read-only', withVolumes('p', [{ name: 'ebs', awsElasticBlockStore: { volumeID: 'vol-1', readOnly: true } }]),
      [withVolumes('holder', [{ name: 'ebs', awsElasticBlockStore: { volumeID: 'vol-1', readOnly: true } }])], [disk, ok]],
    ['refuses an RBD image sharing a monitor', withVolumes('p', [{ name: 'r', rbd: { monitors: ['a', 'b'], image: 'img' } }]),
      [withVolumes('holder', [{ name: 'r', rbd: { monitors: ['b'], image: 'img' } }])], [disk, ok]],
  ])('%s', (_name, pod, placed, want) => {
    expect(run(pod, placed)).toEqual(want);
  });
});

describe('VolumeRestrictions in the scheduler', () => {
  it('keeps a second pod of a ReadWriteOncePod claim Pending until the first is gone', () => {
    const { cluster } = schedulerCluster();
    create(cluster, '/api/v1/persistentvolumes', {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-solo' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOncePod'], storageClassName: 'manual', hostPath: { path: '/mnt/solo' } },
    });
    create(cluster, '/api/v1/namespaces/default/persistentvolumeclaims', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'solo' },
      spec: { accessModes: ['ReadWriteOncePod'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } },
    });
    cluster.advance(20_000);
    createPod(cluster, withVolumes('first', [claim('solo')]));
    cluster.advance(1_000);
    expect(getPod(cluster, 'first').spec?.nodeName).toMatch(/^worker-/);
    createPod(cluster, withVolumes('second', [claim('solo')]));
    cluster.advance(1_000);
    expect(podEvents(cluster, 'second')).toEqual([['Warning', 'FailedScheduling', 'Scheduling',
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, '
      + '3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. '
      + 'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.']]);
    // A terminating pod still holds the claim (no kubelet here finishes it); only its removal frees it.
    const remove = () => cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/first', body: { gracePeriodSeconds: 0 } });
    remove();
    cluster.advance(30_000);
    expect(getPod(cluster, 'second').spec?.nodeName).toBeUndefined();
    remove();
    cluster.advance(2_000);
    expect(getPod(cluster, 'second').spec?.nodeName).toMatch(/^worker-/);
  });
});
