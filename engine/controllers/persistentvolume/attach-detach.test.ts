/**
 * ReadWriteOnce across nodes: an attachable disk (a CSI volume) serves one node at a time, so the
 * second node's pod gets the attach/detach controller's Multi-Attach warning and waits in
 * ContainerCreating until the first pod is gone; ReadWriteMany disks attach everywhere; a hostPath
 * volume is not attachable, so both pods run, each with its own node's directory.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { Cluster } from '../../cluster.ts';
import { execPlan } from '../../exec/plans.ts';
import { multiAttachMessage } from './attach-detach.ts';

function post(cluster: Cluster, path: string, body: Record<string, unknown>): void {
  const response = cluster.handle({ method: 'POST', path, body: body as KubeObject });
  if (response.status !== 201) throw new Error(`POST ${path}: ${JSON.stringify(response.body)}`);
}

/** A PV (`source`: its volume source), a claim pre-bound to it, and pods `a` on node-1, `b` on node-2. */
function setup(accessModes: string[], source: Record<string, unknown>, csiDrivers: Record<string, unknown>[] = []): Cluster {
  const cluster = new Cluster({ seed: 5, addons: false });
  for (const driver of csiDrivers) post(cluster, '/apis/storage.k8s.io/v1/csidrivers', driver);
  post(cluster, '/api/v1/persistentvolumes', {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'disk' },
    spec: { capacity: { storage: '1Gi' }, accessModes, storageClassName: '', ...source },
  });
  post(cluster, '/api/v1/namespaces/default/persistentvolumeclaims', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
    spec: { accessModes, storageClassName: '', volumeName: 'disk', resources: { requests: { storage: '1Gi' } } },
  });
  for (const [name, nodeName] of [['a', 'node-1'], ['b', 'node-2']]) {
    post(cluster, '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name },
      spec: {
        nodeName,
        containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
    });
  }
  cluster.advance(20_000);
  return cluster;
}

function pod(cluster: Cluster, name: string): Pod {
  return cluster.handle({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}` }).body as Pod;
}

/** `[phase, waiting reason]` of a pod's container. */
function state(cluster: Cluster, name: string): [string | undefined, string | undefined] {
  const p = pod(cluster, name);
  return [p.status?.phase, p.status?.containerStatuses?.[0]?.state?.waiting?.reason];
}

/** The pod's events as `source: reason message`, oldest first. */
function events(cluster: Cluster, name: string, reasons: string[]): string[] {
  const list = cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/events' }).body as { items: Record<string, unknown>[] };
  return list.items
    .filter((e) => (e.involvedObject as { name: string }).name === name && reasons.includes(e.reason as string))
    .map((e) => `${(e.source as { component: string }).component}: ${e.reason as string} ${e.message as string}`);
}

function sh(cluster: Cluster, name: string, script: string): string {
  const object = pod(cluster, name) as unknown as KubeObject;
  const plan = execPlan((p) => cluster.kubelets.podRun(p), object, { container: 'box', command: ['sh', '-c', script], stdin: false, stdout: true, stderr: true, tty: false }, () => cluster.now(), 1);
  if (plan.kind !== 'run') return `exec failed: ${plan.kind}`;
  let text = '';
  const run = plan.start('');
  for (let step = run.next(); !step.done; step = run.next()) if (step.value.kind === 'output') text += step.value.text;
  return text;
}

const ebs = { csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0abc' } };
const attachNodeStatus = [{ name: 'kubernetes.io/csi/ebs.csi.aws.com^vol-0abc', devicePath: '' }];

describe('attach/detach controller: ReadWriteOnce means one node', () => {
  it('attaches a ReadWriteOnce disk to the first node only; the other pod waits until the first is gone', () => {
    const cluster = setup(['ReadWriteOnce'], ebs);
    expect([state(cluster, 'a'), state(cluster, 'b')]).toEqual([['Running', undefined], ['Pending', 'ContainerCreating']]);
    const node = (name: string) => cluster.handle({ method: 'GET', path: `/api/v1/nodes/${name}` }).body as { status: { volumesAttached?: unknown } };
    expect([node('node-1').status.volumesAttached, node('node-2').status.volumesAttached]).toEqual([attachNodeStatus, undefined]);
    expect(events(cluster, 'a', ['SuccessfulAttachVolume'])).toEqual(['attachdetach-controller: SuccessfulAttachVolume AttachVolume.Attach succeeded for volume "disk"']);
    expect(events(cluster, 'b', ['FailedAttachVolume', 'FailedMount'])).toEqual([
      'attachdetach-controller: FailedAttachVolume Multi-Attach error for volume "disk" Volume is already used by pod(s) a',
      'kubelet: FailedMount Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: timed out waiting for the condition',
    ]);

    cluster.handle({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/a', query: { gracePeriodSeconds: '0' } });
    cluster.advance(20_000);
    expect(state(cluster, 'b')).toEqual(['Running', undefined]);
    expect([node('node-1').status.volumesAttached, node('node-2').status.volumesAttached]).toEqual([undefined, attachNodeStatus]);
  });

  const noAttach = { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'hostpath.csi.k8s.io' }, spec: { attachRequired: false } };
  it.each([
    ['a ReadWriteMany disk attaches to both nodes', ['ReadWriteMany'], ebs, [], 2],
    ['a CSI driver whose CSIDriver says attachRequired: false is mounted on both', ['ReadWriteOnce'], { csi: { driver: 'hostpath.csi.k8s.io', volumeHandle: 'h' } }, [noAttach], 0],
    ['without a CSIDriver object the driver is assumed to need attaching', ['ReadWriteOnce'], { csi: { driver: 'hostpath.csi.k8s.io', volumeHandle: 'h' } }, [], 1],
  ])('%s', (_name, accessModes, source, drivers, attachEvents) => {
    const cluster = setup(accessModes, source, drivers);
    const expected: [string, string | undefined][] = attachEvents === 1 ? [['Running', undefined], ['Pending', 'ContainerCreating']] : [['Running', undefined], ['Running', undefined]];
    expect([state(cluster, 'a'), state(cluster, 'b')]).toEqual(expected);
    expect([...events(cluster, 'a', ['SuccessfulAttachVolume']), ...events(cluster, 'b', ['SuccessfulAttachVolume'])]).toHaveLength(attachEvents);
  });

  it('mounts a ReadWriteOnce hostPath volume on both nodes, each node with its own directory', () => {
    const cluster = setup(['ReadWriteOnce'], { hostPath: { path: '/mnt/data' } });
    expect([state(cluster, 'a'), state(cluster, 'b')]).toEqual([['Running', undefined], ['Running', undefined]]);
    expect(sh(cluster, 'a', 'echo from-a > /data/f; cat /data/f')).toBe('from-a\n');
    expect(sh(cluster, 'b', 'cat /data/f')).toBe("cat: can't open '/data/f': No such file or directory\n");
    expect(events(cluster, 'b', ['FailedAttachVolume', 'SuccessfulAttachVolume'])).toEqual([]);
  });
});

describe('multiAttachMessage', () => {
  const at = (name: string, namespace: string) => ({ metadata: { name, namespace } }) as Pod;
  it.each([
    ['pods of the waiting pod\'s namespace by name', [at('web-0', 'shop'), at('web-1', 'shop')], 'Volume is already used by pod(s) web-0, web-1'],
    ['others only counted', [at('web-0', 'shop'), at('x', 'other'), at('y', 'third')], 'Volume is already used by pod(s) web-0 and 2 pod(s) in different namespaces'],
    ['no local pod', [at('x', 'other')], 'Volume is already used by 1 pod(s) in different namespaces'],
  ])('%s', (_name, blockers, suffix) => {
    expect(multiAttachMessage('pvc-1', 'shop', blockers)).toBe(`Multi-Attach error for volume "pvc-1" ${suffix}`);
  });
});
