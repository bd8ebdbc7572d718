import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../api/types.ts';
import { claimPath, create, eventsFor, get, makeClaim, makePodWithClaim, makeVolume, ok, storageCluster, volumePath } from './test-helpers.ts';

const podPath = (name: string): string => `/api/v1/namespaces/default/pods/${name}`;

function phase(object: KubeObject | undefined): string {
  if (!object) return 'gone';
  const status = object.status as { phase?: string } | undefined;
  return `${String(status?.phase)}${object.metadata.deletionTimestamp ? ' (Terminating)' : ''}`;
}

/** A claim bound to a dynamically provisioned volume, its pod deleted again. Returns the volume name. */
function provisioned(cluster: Cluster): string {
  const claim = create(cluster, makeClaim('data'));
  create(cluster, makePodWithClaim('web', 'data'));
  cluster.advance(3_000);
  ok(cluster, { method: 'DELETE', path: podPath('web') });
  cluster.advance(60_000);
  expect(get(cluster, podPath('web'))).toBeUndefined();
  return `pvc-${claim.metadata.uid}`;
}

describe('reclaim policy', () => {
  it('Delete (provisioned): Released, then the provisioner removes it after its helper pod', () => {
    const cluster = storageCluster();
    const pv = provisioned(cluster);
    expect(phase(get(cluster, volumePath(pv)))).toBe('Bound');
    ok(cluster, { method: 'DELETE', path: claimPath('data') });
    expect(get(cluster, claimPath('data'))).toBeUndefined();
    expect(phase(get(cluster, volumePath(pv)))).toBe('Released');
    cluster.advance(2_000);
    expect(phase(get(cluster, volumePath(pv)))).toBe('Released');
    cluster.advance(100);
    expect(get(cluster, volumePath(pv))).toBeUndefined();
    expect(cluster.controllers.errors).toEqual([]);
  });

  const cases: { name: string; volume: KubeObject; want: string; status: Record<string, unknown>; events: string[] }[] = [
    {
      name: 'Retain: stays Released with its claimRef for an administrator',
      volume: makeVolume('kept', { persistentVolumeReclaimPolicy: 'Retain' }),
      want: 'Released', status: { phase: 'Released' }, events: [],
    },
    {
      name: 'Delete of a manual hostPath outside /tmp: the in-tree deleter refuses',
      volume: makeVolume('mnt', { persistentVolumeReclaimPolicy: 'Delete' }),
      want: 'Failed',
      status: { phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /mnt/mnt' },
      events: ['Warning VolumeFailedDelete host_path deleter only supports /tmp/.+ but received provided /mnt/mnt'],
    },
    {
      name: 'Delete of a manual volume no in-tree plugin can delete',
      volume: makeVolume('nfs', { persistentVolumeReclaimPolicy: 'Delete', hostPath: undefined, nfs: { server: '10.0.0.1', path: '/exports' } }),
      want: 'Failed',
      status: { phase: 'Failed', message: 'error getting deleter volume plugin for volume "nfs": no deletable volume plugin matched' },
      events: ['Warning VolumeFailedDelete error getting deleter volume plugin for volume "nfs": no deletable volume plugin matched'],
    },
    {
      name: 'Delete of a manual hostPath under /tmp: deleted',
      volume: makeVolume('scratch', { persistentVolumeReclaimPolicy: 'Delete', hostPath: { path: '/tmp/scratch' } }),
      want: 'gone', status: {}, events: [],
    },
    {
      name: 'Recycle of a hostPath: scrubbed and Available again',
      volume: makeVolume('reuse', { persistentVolumeReclaimPolicy: 'Recycle' }),
      want: 'Available', status: { phase: 'Available' }, events: ['Normal VolumeRecycled Volume recycled'],
    },
  ];
  it.each(cases)('$name', ({ volume, want, status, events }) => {
    const cluster = storageCluster();
    const name = volume.metadata.name!;
    create(cluster, volume);
    create(cluster, makeClaim('data', { storageClassName: '' }));
    expect(phase(get(cluster, volumePath(name)))).toBe('Bound');
    ok(cluster, { method: 'DELETE', path: claimPath('data') });
    cluster.advance(60_000);
    const after = get(cluster, volumePath(name));
    expect(phase(after)).toBe(want);
    if (after) {
      const { lastPhaseTransitionTime, ...rest } = after.status as { lastPhaseTransitionTime: string };
      expect(rest).toEqual(status);
      expect(lastPhaseTransitionTime).toBe('2026-01-01T00:00:00Z');
    }
    expect(eventsFor(cluster, name)).toEqual(events);
  });
});

describe('in-use protection', () => {
  it('a claim a pod uses is kept until the pod is gone', () => {
    const cluster = storageCluster();
    const claim = create(cluster, makeClaim('data'));
    create(cluster, makePodWithClaim('web', 'data'));
    cluster.advance(3_000);
    ok(cluster, { method: 'DELETE', path: claimPath('data') });
    cluster.advance(60_000);
    const kept = get(cluster, claimPath('data'))!;
    expect(phase(kept)).toBe('Bound (Terminating)');
    expect(kept.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    ok(cluster, { method: 'DELETE', path: podPath('web') });
    cluster.advance(60_000);
    expect(get(cluster, podPath('web'))).toBeUndefined();
    expect(get(cluster, claimPath('data'))).toBeUndefined();
    // …and its provisioned volume followed it.
    expect(get(cluster, volumePath(`pvc-${claim.metadata.uid}`))).toBeUndefined();
  });

  it('a claim only pods that are not scheduled use is not protected', () => {
    const cluster = storageCluster();
    create(cluster, makeClaim('data'));
    const pod = makePodWithClaim('stuck', 'data');
    (pod.spec as Record<string, unknown>).nodeSelector = { disk: 'none-has-this' };
    create(cluster, pod);
    ok(cluster, { method: 'DELETE', path: claimPath('data') });
    expect(get(cluster, claimPath('data'))).toBeUndefined();
  });

  it('a Bound volume is kept until its claim is gone', () => {
    const cluster = storageCluster();
    create(cluster, makeVolume('pv1'));
    create(cluster, makeClaim('data', { storageClassName: '' }));
    ok(cluster, { method: 'DELETE', path: volumePath('pv1') });
    cluster.advance(30_000);
    expect(phase(get(cluster, volumePath('pv1')))).toBe('Bound (Terminating)');
    expect(phase(get(cluster, claimPath('data')))).toBe('Bound');
    ok(cluster, { method: 'DELETE', path: claimPath('data') });
    expect(get(cluster, volumePath('pv1'))).toBeUndefined();
  });

  it('a claim whose volume vanished anyway is Lost', () => {
    const cluster = storageCluster();
    create(cluster, makeVolume('pv1'));
    create(cluster, makeClaim('data', { storageClassName: '' }));
    // An administrator deletes the volume and strips the protection finalizer by hand.
    ok(cluster, { method: 'DELETE', path: volumePath('pv1') });
    const volume = get(cluster, volumePath('pv1'))!;
    ok(cluster, { method: 'PUT', path: volumePath('pv1'), body: { ...volume, metadata: { ...volume.metadata, finalizers: [] } } });
    cluster.advance(1_000);
    expect(phase(get(cluster, claimPath('data')))).toBe('Lost');
    expect(eventsFor(cluster, 'data')).toEqual(['Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!']);
  });
});
