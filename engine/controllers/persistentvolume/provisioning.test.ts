import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { externalProvisioningMessage } from './claim-sync.ts';
import {
  claimPath, create, eventSources, eventsFor, get, makeClaim, makePodWithClaim, ok, storageCluster, strip, volumePath,
} from './test-helpers.ts';

const waiting = externalProvisioningMessage('rancher.io/local-path');

describe('dynamic provisioning on kind (standard class, WaitForFirstConsumer)', () => {
  it('waits for a consumer, provisions on the pod\'s node after the helper pod, then binds', () => {
    const cluster = storageCluster();
    const created = create(cluster, makeClaim('data'));
    cluster.advance(1_000);
    expect(get(cluster, claimPath('data'))?.status).toEqual({ phase: 'Pending' });
    expect(eventsFor(cluster, 'data')).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding (x2)']);

    create(cluster, makePodWithClaim('web', 'data'));
    const node = String((get(cluster, '/api/v1/namespaces/default/pods/web')?.spec as { nodeName: string }).nodeName);
    const uid = created.metadata.uid!;
    const pvName = `pvc-${uid}`;
    // The provisioner reacts after 100 ms; its helper pod is still creating the directory at 2 s.
    cluster.advance(2_000);
    expect(get(cluster, volumePath(pvName))).toBeUndefined();
    cluster.advance(100);

    const claim = get(cluster, claimPath('data'))!;
    expect(strip(claim)).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'data', namespace: 'default',
        annotations: {
          'pv.kubernetes.io/bind-completed': 'yes',
          'pv.kubernetes.io/bound-by-controller': 'yes',
          'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
          'volume.kubernetes.io/selected-node': node,
          'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
        },
        finalizers: ['kubernetes.io/pvc-protection'],
      },
      spec: {
        accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } },
        volumeName: pvName, storageClassName: 'standard', volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    });
    const volume = get(cluster, volumePath(pvName))!;
    expect(strip(volume)).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        annotations: { 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' },
        finalizers: ['kubernetes.io/pv-protection'],
      },
      spec: {
        capacity: { storage: '1Gi' },
        hostPath: { path: `/var/local-path-provisioner/${pvName}_default_data`, type: 'DirectoryOrCreate' },
        accessModes: ['ReadWriteOnce'],
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', apiVersion: 'v1' },
        persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', volumeMode: 'Filesystem',
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      },
      status: { phase: 'Bound', lastPhaseTransitionTime: '2026-01-01T00:00:03Z' },
    });
    expect((volume.spec as { claimRef: { uid: string } }).claimRef.uid).toBe(uid);
    expect(eventsFor(cluster, 'data')).toEqual([
      'Normal WaitForFirstConsumer waiting for first consumer to be created before binding (x2)',
      // Once when the scheduler's annotation arrives, again after the controller's own annotation update.
      `Normal ExternalProvisioning ${waiting} (x2)`,
      'Normal Provisioning External provisioner is provisioning volume for claim "default/data"',
      `Normal ProvisioningSucceeded Successfully provisioned volume ${pvName}`,
    ]);
    const sources = eventSources(cluster, 'data');
    expect(sources.ExternalProvisioning).toBe('persistentvolume-controller');
    expect(sources.ProvisioningSucceeded).toMatch(/^rancher\.io\/local-path_local-path-provisioner-7dc846544d-[a-z0-9]{5}_[0-9a-f-]{36}$/);
    expect(sources.Provisioning).toBe(sources.ProvisioningSucceeded);
    expect(cluster.controllers.errors).toEqual([]);
  });

  it('names the unscheduled pods while they wait (WaitForPodScheduled), every 15 s', () => {
    const cluster = storageCluster();
    create(cluster, makeClaim('data'));
    for (const name of ['a', 'b']) {
      const pod = makePodWithClaim(name, 'data');
      (pod.spec as Record<string, unknown>).nodeSelector = { disk: 'none-has-this' };
      create(cluster, pod);
    }
    cluster.advance(30_000);
    expect(eventsFor(cluster, 'data')).toEqual([
      'Normal WaitForFirstConsumer waiting for first consumer to be created before binding (x2)',
      'Normal WaitForPodScheduled waiting for pods a,b to be scheduled (x2)',
    ]);
  });
});

describe('provisioning that cannot happen', () => {
  const cases: { name: string; classSpec?: Record<string, unknown>; claimSpec?: Record<string, unknown>; localPath?: false; advance: number; want: string[] }[] = [
    {
      name: 'an Immediate local-path class: no node to put the directory on',
      classSpec: { volumeBindingMode: 'Immediate' }, advance: 16_000,
      // A repeat is the same event with a higher count: three syncs at once, one resync at 15 s; the
      // provisioner retries 15 s after its first attempt at 100 ms.
      want: [
        `Normal ExternalProvisioning ${waiting} (x4)`,
        'Normal Provisioning External provisioner is provisioning volume for claim "default/data" (x2)',
        'Warning ProvisioningFailed failed to provision volume with StorageClass "local": configuration error, no node was specified (x2)',
      ],
    },
    {
      name: 'ReadWriteMany is not node-local',
      classSpec: { volumeBindingMode: 'Immediate' }, claimSpec: { accessModes: ['ReadWriteMany'] }, advance: 100,
      want: [
        `Normal ExternalProvisioning ${waiting} (x3)`,
        'Normal Provisioning External provisioner is provisioning volume for claim "default/data"',
        'Warning ProvisioningFailed failed to provision volume with StorageClass "local": NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes',
      ],
    },
    {
      name: 'a class that does not exist',
      claimSpec: { storageClassName: 'missing' }, advance: 15_000,
      want: ['Warning ProvisioningFailed storageclass.storage.k8s.io "missing" not found (x3)'],
    },
    {
      name: 'no provisioner running: the controller keeps saying so every 15 s',
      classSpec: { volumeBindingMode: 'Immediate' }, localPath: false, advance: 45_000,
      // Three syncs at once (created, annotated, finalizer added), then one per resync.
      want: [`Normal ExternalProvisioning ${waiting} (x6)`],
    },
  ];
  it.each(cases)('$name', ({ classSpec, claimSpec, localPath, advance, want }) => {
    const cluster = storageCluster({ localPath });
    if (classSpec) {
      create(cluster, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'rancher.io/local-path', ...classSpec });
    }
    create(cluster, makeClaim('data', { storageClassName: 'local', ...claimSpec }));
    cluster.advance(advance);
    expect(eventsFor(cluster, 'data')).toEqual(want);
    expect(get(cluster, claimPath('data'))?.status).toEqual({ phase: 'Pending' });
  });
});

describe('default StorageClass', () => {
  it('is stored as kind has it and is what claims without a class get', () => {
    const cluster = storageCluster();
    const stored = ok(cluster, { method: 'GET', path: '/apis/storage.k8s.io/v1/storageclasses/standard' });
    expect(strip(stored)).toEqual({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
      metadata: {
        name: 'standard',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}\n',
          'storageclass.kubernetes.io/is-default-class': 'true',
        },
      },
      provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect((create(cluster, makeClaim('data')).spec as { storageClassName: string }).storageClassName).toBe('standard');
  });

  it('is given retroactively to a claim created before any default class existed', () => {
    const cluster = storageCluster({ withDefaultClass: false });
    create(cluster, makeClaim('early'));
    expect(eventsFor(cluster, 'early')).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set (x2)']);
    create(cluster, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' } as KubeObject);
    cluster.advance(15_000);
    const claim = get(cluster, claimPath('early'))!;
    expect((claim.spec as { storageClassName: string }).storageClassName).toBe('standard');
    expect(eventsFor(cluster, 'early').at(-1)).toBe('Normal WaitForFirstConsumer waiting for first consumer to be created before binding');
  });
});
