import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { defaultOffGates, dropDisabledFields } from './drop-disabled.ts';
import { resource } from './test-helpers.ts';

const pod = (spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec, ...(status ? { status } : {}),
});
const ctr = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', image: 'nginx', ...extra });
const podInfo = resource('', 'v1', 'Pod');

describe('dropDisabledFields on a Pod create (v1.32 defaults)', () => {
  it.each([
    ['pod-level resources (PodLevelResources, alpha 1.32)',
      { resources: { limits: { cpu: '1' }, requests: { cpu: '0.5' } }, containers: [ctr()] },
      { containers: [ctr()] }],
    ['supplementalGroupsPolicy (SupplementalGroupsPolicy, alpha 1.31)',
      { securityContext: { runAsUser: 1000, supplementalGroups: [4000], supplementalGroupsPolicy: 'Strict' }, containers: [ctr()] },
      { securityContext: { runAsUser: 1000, supplementalGroups: [4000] }, containers: [ctr()] }],
    ['seLinuxChangePolicy (SELinuxChangePolicy, alpha 1.32)',
      { securityContext: { seLinuxChangePolicy: 'MountOption' }, containers: [ctr()] },
      { securityContext: {}, containers: [ctr()] }],
    ['an image volume: the volume and its mounts go (ImageVolume, alpha 1.31)',
      { containers: [ctr({ volumeMounts: [{ name: 'volume', mountPath: '/volume', subPath: 'dir' }] })],
        volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v2', pullPolicy: 'IfNotPresent' } }] },
      { containers: [ctr()] }],
    ['an image volume beside other volumes',
      { containers: [ctr({ volumeMounts: [{ name: 'img', mountPath: '/a' }, { name: 'cache', mountPath: '/b' }] })],
        volumes: [{ name: 'img', image: { reference: 'x' } }, { name: 'cache', emptyDir: {} }] },
      { containers: [ctr({ volumeMounts: [{ name: 'cache', mountPath: '/b' }] })], volumes: [{ name: 'cache', emptyDir: {} }] }],
    ['resizePolicy in every container list (InPlacePodVerticalScaling, alpha)',
      { initContainers: [ctr({ name: 'i', restartPolicy: 'Always', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] })],
        containers: [ctr({ resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }] })] },
      { initContainers: [ctr({ name: 'i', restartPolicy: 'Always' })], containers: [ctr()] }],
    ['procMount is forced to Default, not removed (ProcMountType, beta off)',
      { containers: [ctr({ securityContext: { procMount: 'Unmasked' } })] },
      { containers: [ctr({ securityContext: { procMount: 'Default' } })] }],
    ['hostUsers (UserNamespacesSupport, beta off)', { hostUsers: false, containers: [ctr()] }, { containers: [ctr()] }],
    ['resource claims (DynamicResourceAllocation, beta off)',
      { resourceClaims: [{ name: 'gpu', resourceClaimName: 'c' }], containers: [ctr({ resources: { claims: [{ name: 'gpu' }] } })] },
      { containers: [ctr({ resources: {} })] }],
    ['a clusterTrustBundle projection (ClusterTrustBundleProjection, alpha)',
      { containers: [ctr()], volumes: [{ name: 'v', projected: { sources: [{ clusterTrustBundle: { name: 'b', path: 'ca.pem' } }, { configMap: { name: 'c' } }] } }] },
      { containers: [ctr()], volumes: [{ name: 'v', projected: { sources: [{}, { configMap: { name: 'c' } }] } }] }],
    ['fields whose gates are on in 1.32 stay (recursiveReadOnly, sleep, restartPolicy Always)',
      { initContainers: [ctr({ name: 'side', restartPolicy: 'Always' })],
        containers: [ctr({ volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: 'IfPossible' }],
          lifecycle: { preStop: { sleep: { seconds: 5 } } } })] },
      { initContainers: [ctr({ name: 'side', restartPolicy: 'Always' })],
        containers: [ctr({ volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: 'IfPossible' }],
          lifecycle: { preStop: { sleep: { seconds: 5 } } } })] }],
  ])('%s', (_name, spec, expected) => {
    expect(dropDisabledFields(podInfo, pod(spec)).spec).toEqual(expected);
  });

  it('drops the gated Pod status fields', () => {
    const status = {
      phase: 'Running', resize: 'Proposed', resourceClaimStatuses: [{ name: 'gpu' }],
      containerStatuses: [{ name: 'app', ready: true, user: { linux: { uid: 0, gid: 0 } }, allocatedResources: { cpu: '1' },
        resources: { requests: { cpu: '1' } }, allocatedResourcesStatus: [{ name: 'cpu', resources: [] }] }],
    };
    expect(dropDisabledFields(podInfo, pod({ containers: [ctr()] }, status)).status)
      .toEqual({ phase: 'Running', containerStatuses: [{ name: 'app', ready: true }] });
  });

  it('returns a copy and leaves its input alone', () => {
    const input = pod({ resources: { limits: { cpu: '1' } }, containers: [ctr()] });
    const output = dropDisabledFields(podInfo, input);
    expect(input.spec).toEqual({ resources: { limits: { cpu: '1' } }, containers: [ctr()] });
    expect(output).not.toBe(input);
  });
});

describe('dropDisabledFields on update and with gates enabled', () => {
  const withResources = pod({ resources: { limits: { cpu: '1' } }, containers: [ctr()] });

  it.each([
    ['keeps pod-level resources the stored Pod already has', withResources, { limits: { cpu: '1' } }],
    ['drops them when the stored Pod had none', pod({ containers: [ctr()] }), undefined],
    ['an empty resources: {} in the stored Pod does not count as use', pod({ resources: {}, containers: [ctr()] }), undefined],
  ])('%s', (_name, old, expected) => {
    expect((dropDisabledFields(podInfo, withResources, old).spec as Record<string, unknown>).resources).toEqual(expected);
  });

  it('keeps a field whose gate is enabled', () => {
    const out = dropDisabledFields(podInfo, withResources, undefined, new Set(['PodLevelResources']));
    expect(out.spec).toEqual(withResources.spec);
  });

  it('keeps an image volume the stored Pod already uses', () => {
    const spec = { containers: [ctr({ volumeMounts: [{ name: 'v', mountPath: '/v' }] })], volumes: [{ name: 'v', image: { reference: 'x' } }] };
    expect(dropDisabledFields(podInfo, pod(spec), pod(spec)).spec).toEqual(spec);
  });
});

describe('dropDisabledFields on other kinds', () => {
  const template = { metadata: { labels: { app: 'a' } }, spec: { resources: { limits: { memory: '1Gi' } }, containers: [ctr()] } };
  const droppedTemplate = { metadata: { labels: { app: 'a' } }, spec: { containers: [ctr()] } };

  it.each([
    ['apps', 'Deployment', { spec: { replicas: 1, template } }, { spec: { replicas: 1, template: droppedTemplate } }],
    ['batch', 'CronJob', { spec: { schedule: '* * * * *', jobTemplate: { spec: { template } } } },
      { spec: { schedule: '* * * * *', jobTemplate: { spec: { template: droppedTemplate } } } }],
    ['', 'PodTemplate', { template }, { template: droppedTemplate }],
    ['apps', 'StatefulSet', { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } } },
      { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } } }],
    ['', 'PersistentVolumeClaim', { spec: { volumeAttributesClassName: 'gold', accessModes: ['ReadWriteOnce'] } },
      { spec: { accessModes: ['ReadWriteOnce'] } }],
    ['', 'PersistentVolumeClaim', { spec: { dataSourceRef: { kind: 'VolumeSnapshot', name: 's', namespace: 'other' } } }, { spec: {} }],
    ['', 'PersistentVolumeClaim', { spec: { dataSourceRef: { kind: 'VolumeSnapshot', name: 's' } } },
      { spec: { dataSourceRef: { kind: 'VolumeSnapshot', name: 's' } } }],
    ['', 'Node', { status: { features: { supplementalGroupsPolicy: true }, capacity: { cpu: '4' } } }, { status: { capacity: { cpu: '4' } } }],
    ['coordination.k8s.io', 'Lease', { spec: { holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b' } },
      { spec: { holderIdentity: 'a' } }],
    ['', 'Service', { spec: { trafficDistribution: 'PreferClose', ports: [{ port: 80 }] } },
      { spec: { trafficDistribution: 'PreferClose', ports: [{ port: 80 }] } }],
  ])('%s %s', (group, kind, body, expected) => {
    const info = resource(group, 'v1', kind);
    const { metadata: _metadata, ...rest } = dropDisabledFields(info, { metadata: { name: 'x' }, ...body });
    expect(rest).toEqual(expected);
  });
});

describe('defaultOffGates', () => {
  it('lists each gate once, all off by default in 1.32', () => {
    const names = defaultOffGates.map((g) => g.gate);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('PodLevelResources');
    expect(names).not.toContain('RecursiveReadOnlyMounts'); // beta and on since 1.31
  });
});
