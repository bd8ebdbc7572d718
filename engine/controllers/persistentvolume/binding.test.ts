import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { claimPath, create, eventsFor, get, makeClaim, makeVolume, storageCluster, strip, volumePath } from './test-helpers.ts';

/** Claims and volumes with `storageClassName: ""`: static binding, no provisioner involved. */
const noClass = { storageClassName: '' };

function phases(cluster: ReturnType<typeof storageCluster>, claims: string[], volumes: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of claims) {
    const claim = get(cluster, claimPath(name));
    result[`pvc/${name}`] = `${String((claim?.status as { phase?: string })?.phase)} ${String((claim?.spec as { volumeName?: string })?.volumeName ?? '')}`.trim();
  }
  for (const name of volumes) result[`pv/${name}`] = String((get(cluster, volumePath(name))?.status as { phase?: string })?.phase);
  return result;
}

describe('static binding', () => {
  it('binds a claim to the smallest Available volume that fits, both ways', () => {
    const cluster = storageCluster();
    create(cluster, makeVolume('big', { capacity: { storage: '10Gi' } }));
    create(cluster, makeVolume('fit', { capacity: { storage: '2Gi' } }));
    const claim = create(cluster, makeClaim('data', noClass));
    const volume = get(cluster, volumePath('fit'))!;
    expect(strip(volume)).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: 'fit', annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' }, finalizers: ['kubernetes.io/pv-protection'] },
      spec: {
        capacity: { storage: '2Gi' }, hostPath: { path: '/mnt/fit', type: '' }, accessModes: ['ReadWriteOnce'],
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', apiVersion: 'v1' },
        persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound', lastPhaseTransitionTime: '2026-01-01T00:00:00Z' },
    });
    expect((volume.spec as { claimRef: { uid: string } }).claimRef.uid).toBe(claim.metadata.uid);
    expect(strip(get(cluster, claimPath('data')))).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'data', namespace: 'default',
        annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' },
        finalizers: ['kubernetes.io/pvc-protection'],
      },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'fit', storageClassName: '', volumeMode: 'Filesystem' },
      // The claim gets the volume's capacity, not its request.
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } },
    });
    expect(phases(cluster, [], ['big'])).toEqual({ 'pv/big': 'Available' });
    expect(eventsFor(cluster, 'data')).toEqual([]);
  });

  const cases: { name: string; volumes: KubeObject[]; claim: KubeObject; later?: KubeObject[]; after?: number; want: Record<string, string>; events: string[] }[] = [
    {
      name: 'no volume and no class',
      volumes: [makeVolume('small', { capacity: { storage: '500Mi' } })],
      claim: makeClaim('data', noClass),
      after: 30_000,
      want: { 'pvc/data': 'Pending', 'pv/small': 'Available' },
      // Once on create, once for the finalizer update, then every 15 s.
      events: ['Normal FailedBinding no persistent volumes available for this claim and no storage class is set (x4)'],
    },
    {
      name: 'a volume that appears later is bound on the next resync',
      volumes: [],
      claim: makeClaim('data', noClass),
      later: [makeVolume('late')],
      after: 15_000,
      want: { 'pvc/data': 'Bound late', 'pv/late': 'Bound' },
      events: ['Normal FailedBinding no persistent volumes available for this claim and no storage class is set (x2)'],
    },
    {
      name: 'selector picks by label',
      volumes: [makeVolume('ssd', { capacity: { storage: '5Gi' } }, { labels: { disk: 'ssd' } }), makeVolume('hdd', {}, { labels: { disk: 'hdd' } })],
      claim: makeClaim('data', { ...noClass, selector: { matchLabels: { disk: 'ssd' } } }),
      want: { 'pvc/data': 'Bound ssd', 'pv/ssd': 'Bound', 'pv/hdd': 'Available' },
      events: [],
    },
    {
      name: 'class must match',
      volumes: [makeVolume('slow', { storageClassName: 'slow' }), makeVolume('fast', { storageClassName: 'fast', capacity: { storage: '3Gi' } })],
      claim: makeClaim('data', { storageClassName: 'fast' }),
      want: { 'pvc/data': 'Bound fast', 'pv/slow': 'Available', 'pv/fast': 'Bound' },
      events: [],
    },
    {
      name: 'Block claims only take Block volumes',
      volumes: [makeVolume('fs'), makeVolume('blk', { volumeMode: 'Block', capacity: { storage: '4Gi' } })],
      claim: makeClaim('data', { ...noClass, volumeMode: 'Block' }),
      want: { 'pvc/data': 'Bound blk', 'pv/fs': 'Available', 'pv/blk': 'Bound' },
      events: [],
    },
    {
      name: 'spec.volumeName binds the named volume even if a smaller one fits',
      volumes: [makeVolume('small'), makeVolume('named', { capacity: { storage: '8Gi' } })],
      claim: makeClaim('data', { ...noClass, volumeName: 'named' }),
      want: { 'pvc/data': 'Bound named', 'pv/small': 'Available', 'pv/named': 'Bound' },
      events: [],
    },
    {
      name: 'spec.volumeName of a volume that is too small',
      volumes: [makeVolume('tiny', { capacity: { storage: '100Mi' } })],
      claim: makeClaim('data', { ...noClass, volumeName: 'tiny' }),
      want: { 'pvc/data': 'Pending tiny', 'pv/tiny': 'Available' },
      events: ['Warning VolumeMismatch Cannot bind to requested volume "tiny": requested PV is too small (x2)'],
    },
    {
      name: 'spec.volumeName of a volume that does not exist (yet)',
      volumes: [],
      claim: makeClaim('data', { ...noClass, volumeName: 'later' }),
      want: { 'pvc/data': 'Pending later' },
      events: [],
    },
    {
      name: 'a volume pre-bound by claimRef goes to that claim only',
      volumes: [makeVolume('reserved', { claimRef: { namespace: 'default', name: 'data' } }), makeVolume('other', { claimRef: { namespace: 'default', name: 'someone-else' } })],
      claim: makeClaim('data', noClass),
      want: { 'pvc/data': 'Bound reserved', 'pv/reserved': 'Bound', 'pv/other': 'Available' },
      events: [],
    },
  ];
  it.each(cases)('$name', ({ volumes, claim, later, after, want, events }) => {
    const cluster = storageCluster();
    for (const volume of volumes) create(cluster, volume);
    create(cluster, claim);
    if (later) {
      cluster.advance(1_000);
      for (const volume of later) create(cluster, volume);
    }
    cluster.advance(after ?? 0);
    const volumeNames = Object.keys(want).filter((k) => k.startsWith('pv/')).map((k) => k.slice(3));
    expect(phases(cluster, ['data'], volumeNames)).toEqual(want);
    expect(eventsFor(cluster, 'data')).toEqual(events);
  });

  it('a claim naming a volume bound to another claim waits and says so', () => {
    const cluster = storageCluster();
    create(cluster, makeVolume('pv1'));
    create(cluster, makeClaim('first', noClass));
    create(cluster, makeClaim('second', { ...noClass, volumeName: 'pv1' }));
    expect(phases(cluster, ['first', 'second'], ['pv1'])).toEqual({ 'pvc/first': 'Bound pv1', 'pvc/second': 'Pending pv1', 'pv/pv1': 'Bound' });
    expect(eventsFor(cluster, 'second')).toEqual(['Warning FailedBinding volume "pv1" already bound to a different claim. (x2)']);
  });
});
