/**
 * Volumes in a running cluster: a claim's files outlive the pod, an emptyDir outlives a container
 * restart but not the pod, configMap volumes follow updates a sync period later (subPath mounts
 * do not), and a missing ConfigMap keeps a container in CreateContainerConfigError until it exists.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { KubeObject } from '../api/types.ts';
import { execPlan } from '../exec/plans.ts';
import { attachVolumes } from './volume-manager.ts';

function setup(): Cluster {
  const cluster = new Cluster({ seed: 1, addons: false });
  attachVolumes(cluster);
  return cluster;
}

function create(cluster: Cluster, object: KubeObject): void {
  const plural = `${(object.kind ?? '').toLowerCase()}s`;
  const scoped = object.kind === 'PersistentVolume' ? '' : `/namespaces/default`;
  const response = cluster.handle({ method: 'POST', path: `/api/v1${scoped}/${plural}`, body: object });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

function getPod(cluster: Cluster, name: string): KubeObject {
  return cluster.handle({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` }).body as KubeObject;
}

/** Run `sh -c SCRIPT` in the pod's first container; stdout and stderr together. */
function sh(cluster: Cluster, name: string, script: string): string {
  const pod = getPod(cluster, name);
  const container = (pod.spec as { containers: { name: string }[] }).containers[0].name;
  const plan = execPlan((p) => cluster.kubelets.podRun(p), pod, { container, command: ['sh', '-c', script], stdin: false, stdout: true, stderr: true, tty: false }, () => cluster.now(), 1);
  if (plan.kind !== 'run') return `exec failed: ${JSON.stringify(plan)}`;
  let text = '';
  const run = plan.start('');
  for (let step = run.next(); !step.done; step = run.next()) if (step.value.kind === 'output') text += step.value.text;
  return text;
}

const pod = (name: string, extra: Record<string, unknown>, container: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { nodeName: 'node-1', containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'], ...container }], ...extra },
});

function status(cluster: Cluster, name: string): { waiting?: { reason: string; message?: string }; running?: unknown } {
  return ((getPod(cluster, name).status as { containerStatuses?: { state: object }[] }).containerStatuses?.[0]?.state ?? {}) as never;
}

describe('volumes in a cluster', () => {
  it('keeps a claim\'s files across pods, through the bound PV on its node', () => {
    const cluster = setup();
    create(cluster, {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-data' },
      spec: {
        capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual',
        hostPath: { path: '/mnt/data' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] }] } },
      },
    });
    create(cluster, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } } });
    cluster.advance(20_000);
    const volumes = { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] };
    const mounts = { volumeMounts: [{ name: 'data', mountPath: '/data' }] };
    create(cluster, pod('writer', volumes, mounts));
    cluster.advance(30_000);
    expect(sh(cluster, 'writer', 'echo hi > /data/f; mkdir -p /data/sub/deep; echo more >> /data/f; ls /data')).toBe('f\nsub\n');
    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/writer', body: { gracePeriodSeconds: 0 } });
    cluster.advance(5_000);
    create(cluster, pod('reader', volumes, mounts));
    cluster.advance(30_000);
    expect(sh(cluster, 'reader', 'cat /data/f; wc -l /data/f; ls /tmp/nothing')).toBe('hi\nmore\n2 /data/f\nls: /tmp/nothing: No such file or directory\n');
  });

  it('keeps an emptyDir across a container restart but not its writable layer, and drops it with the pod', () => {
    const cluster = setup();
    create(cluster, pod('cache', { volumes: [{ name: 'cache', emptyDir: {} }] }, { command: ['sh', '-c', 'sleep 30; exit 1'], volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }));
    cluster.advance(20_000);
    expect(sh(cluster, 'cache', 'echo kept > /cache/f && echo lost > /tmp/f && cat /cache/f /tmp/f')).toBe('kept\nlost\n');
    cluster.advance(40_000);
    expect((getPod(cluster, 'cache').status as { containerStatuses: { restartCount: number }[] }).containerStatuses[0].restartCount).toBe(1);
    expect(sh(cluster, 'cache', 'cat /cache/f /tmp/f')).toBe("kept\ncat: can't open '/tmp/f': No such file or directory\n");
    const manager = attachVolumes(cluster);
    const uid = getPod(cluster, 'cache').metadata.uid;
    expect(manager.trees.has(`pod:${uid}/cache`)).toBe(true);
    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/cache', body: { gracePeriodSeconds: 0 } });
    cluster.advance(5_000);
    expect(manager.trees.has(`pod:${uid}/cache`)).toBe(false);
  });

  it('propagates a ConfigMap update to its volume a sync period later, but not to a subPath mount; the volume is read-only', () => {
    const cluster = setup();
    create(cluster, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { 'app.conf': 'v1\n' } });
    create(cluster, pod('web', { volumes: [{ name: 'config', configMap: { name: 'app' } }] }, {
      volumeMounts: [{ name: 'config', mountPath: '/etc/app' }, { name: 'config', mountPath: '/etc/pinned.conf', subPath: 'app.conf' }],
    }));
    cluster.advance(20_000);
    expect(sh(cluster, 'web', 'cat /etc/app/app.conf /etc/pinned.conf; echo x > /etc/app/new')).toBe('v1\nv1\nsh: can\'t create /etc/app/new: Read-only file system\n');
    cluster.handle({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/app', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app' }, data: { 'app.conf': 'v2\n' } } });
    cluster.advance(30_000);
    expect(sh(cluster, 'web', 'cat /etc/app/app.conf')).toBe('v1\n');
    cluster.advance(31_000);
    expect(sh(cluster, 'web', 'cat /etc/app/app.conf /etc/pinned.conf')).toBe('v2\nv1\n');
  });

  it('drops a local-path volume\'s data when its PV is deleted (Delete) and keeps it when retained (Retain)', () => {
    const cluster = new Cluster({ seed: 3 });
    const manager = attachVolumes(cluster);
    cluster.handle({ method: 'POST', path: '/apis/storage.k8s.io/v1/storageclasses', body: {
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'keep' }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer',
    } });
    for (const [claim, className] of [['gone', 'standard'], ['kept', 'keep']]) {
      create(cluster, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: className, resources: { requests: { storage: '1Gi' } } } });
    }
    const { nodeName: _bound, ...spec } = pod('w', {}, { volumeMounts: [{ name: 'a', mountPath: '/a' }, { name: 'b', mountPath: '/b' }] }).spec as Record<string, unknown>;
    create(cluster, { ...pod('w', {}), spec: { ...spec, volumes: [{ name: 'a', persistentVolumeClaim: { claimName: 'gone' } }, { name: 'b', persistentVolumeClaim: { claimName: 'kept' } }] } });
    cluster.advance(60_000);
    const claims = (cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/persistentvolumeclaims' }).body as { items: { metadata: { name: string }; spec: { volumeName: string } }[] }).items;
    const identities = claims.map((c) => [...manager.trees.keys()].find((id) => id.includes(`${c.spec.volumeName}_default_${c.metadata.name}`)));
    expect(identities.every((id) => id?.startsWith('host:node-'))).toBe(true);
    for (const id of identities) manager.tree(id!).write('f', 'x', cluster.now(), true);
    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/w', body: { gracePeriodSeconds: 0 } });
    for (const claim of ['gone', 'kept']) cluster.handle({ method: 'DELETE', path: `/api/v1/namespaces/default/persistentvolumeclaims/${claim}` });
    cluster.advance(120_000);
    expect(identities.map((id) => manager.trees.get(id!)?.files.get('f')?.data)).toEqual([undefined, 'x']);
  });

  it('keeps a pod ContainerCreating with FailedMount while its configMap volume\'s ConfigMap is missing', () => {
    const cluster = setup();
    create(cluster, pod('mounty', { volumes: [{ name: 'config', configMap: { name: 'later' } }] }, { volumeMounts: [{ name: 'config', mountPath: '/etc/later' }] }));
    cluster.advance(20_000);
    expect(status(cluster, 'mounty').waiting).toEqual({ reason: 'ContainerCreating' });
    const events = cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/events' }).body as { items: { reason: string; message: string }[] };
    expect(events.items.find((e) => e.reason === 'FailedMount')?.message).toBe('MountVolume.SetUp failed for volume "config" : configmap "later" not found');
    create(cluster, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later' }, data: { k: 'v' } });
    cluster.advance(11_000);
    expect(sh(cluster, 'mounty', 'cat /etc/later/k')).toBe('v');
  });

  it('waits in CreateContainerConfigError until the ConfigMap exists, then starts with its values', () => {
    const cluster = setup();
    create(cluster, pod('envy', {}, {
      env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'settings' } }],
    }));
    cluster.advance(20_000);
    expect(status(cluster, 'envy').waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    const events = cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/events' }).body as { items: { reason: string; message: string }[] };
    expect(events.items.find((e) => e.reason === 'Failed')?.message).toBe('Error: configmap "settings" not found');
    create(cluster, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { other: '1' } });
    cluster.advance(11_000);
    expect(status(cluster, 'envy').waiting).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key mode in ConfigMap default/settings" });
    cluster.handle({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/settings', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { other: '1', mode: 'fast' } } });
    cluster.advance(11_000);
    expect(status(cluster, 'envy').running).toBeDefined();
    expect(sh(cluster, 'envy', 'echo $MODE $POD $CFG_other')).toBe('fast envy 1\n');
  });
});
