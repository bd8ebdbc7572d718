import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { prepareForCreate, prepareForUpdate } from './prepare-for-create.ts';
import { create, resource, storedMeta } from './test-helpers.ts';

const now = Date.UTC(2026, 0, 1, 0, 5, 0);

describe('prepareForCreate', () => {
  it('golden: the Job "pi" from the kubernetes.io docs', () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1', kind: 'Job', metadata: storedMeta('pi'),
      spec: {
        template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }], restartPolicy: 'Never' } },
        backoffLimit: 4,
      },
    };
    const uid = '5f0c2a9e-1b7d-4c11-9a3e-2d5b8f6a7c01';
    expect(stringify(create(resource('batch', 'v1', 'Job'), job))).toBe(`kind: Job
apiVersion: batch/v1
metadata:
  name: pi
  namespace: default
  uid: ${uid}
  resourceVersion: "1"
  generation: 1
  creationTimestamp: 2026-01-01T00:00:00Z
  labels:
    batch.kubernetes.io/controller-uid: ${uid}
    batch.kubernetes.io/job-name: pi
    controller-uid: ${uid}
    job-name: pi
spec:
  parallelism: 1
  completions: 1
  backoffLimit: 4
  selector:
    matchLabels:
      batch.kubernetes.io/controller-uid: ${uid}
  manualSelector: false
  template:
    metadata:
      creationTimestamp: null
      labels:
        batch.kubernetes.io/controller-uid: ${uid}
        batch.kubernetes.io/job-name: pi
        controller-uid: ${uid}
        job-name: pi
    spec:
      containers:
        - name: pi
          image: perl:5.34.0
          command:
            - perl
            - -Mbignum=bpi
            - -wle
            - print bpi(2000)
          resources: {}
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
          imagePullPolicy: IfNotPresent
      restartPolicy: Never
      terminationGracePeriodSeconds: 30
      dnsPolicy: ClusterFirst
      securityContext: {}
      schedulerName: default-scheduler
  completionMode: NonIndexed
  suspend: false
  podReplacementPolicy: TerminatingOrFailed
status: {}
`);
  });

  it('a Job with its own labels and parallelism keeps them; completions stays unset', () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1', kind: 'Job', metadata: storedMeta('work', { labels: { team: 'a' } }),
      spec: { parallelism: 3, template: { metadata: { labels: { app: 'w' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox' }] } } },
    };
    const out = create(resource('batch', 'v1', 'Job'), job);
    const spec = out.spec as Record<string, unknown>;
    expect([out.metadata.labels, spec.parallelism, spec.completions]).toEqual([{ team: 'a' }, 3, undefined]);
  });

  const cases: { name: string; info: [string, string, string]; input: KubeObject; want: Record<string, unknown> }[] = [
    {
      name: 'Namespace: finalizer kubernetes, phase Active, metadata.name label',
      info: ['', 'v1', 'Namespace'],
      input: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } },
      want: {
        kind: 'Namespace', apiVersion: 'v1',
        metadata: { name: 'dev', creationTimestamp: null, labels: { 'kubernetes.io/metadata.name': 'dev' } },
        spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
      },
    },
    {
      name: 'PersistentVolume: Pending with the phase transition time',
      info: ['', 'v1', 'PersistentVolume'],
      input: { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/data' }, accessModes: ['ReadWriteOnce'] }, status: { phase: 'Bound' } },
      want: {
        kind: 'PersistentVolume', apiVersion: 'v1', metadata: { name: 'pv1', creationTimestamp: null },
        spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/data', type: '' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' },
        status: { phase: 'Pending', lastPhaseTransitionTime: '2026-01-01T00:05:00Z' },
      },
    },
    {
      name: 'Ingress: status reset to an empty load balancer, generation 1',
      info: ['networking.k8s.io', 'v1', 'Ingress'],
      input: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default' }, spec: { ingressClassName: 'nginx' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } },
      want: {
        kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: { name: 'web', namespace: 'default', generation: 1, creationTimestamp: null },
        spec: { ingressClassName: 'nginx' }, status: { loadBalancer: {} },
      },
    },
  ];
  it.each(cases)('$name', ({ info, input, want }) => {
    const i = resource(...info);
    const out = prepareForCreate(i, create(i, input), { now });
    expect(JSON.stringify(out)).toBe(JSON.stringify(want));
  });

  it('calls the Service allocator hook after the IP families are set', () => {
    const info = resource('', 'v1', 'Service');
    const input: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', ports: [{ port: 5432 }] } };
    const seen: unknown[] = [];
    const out = prepareForCreate(info, input, {
      now,
      allocateServiceAddresses: (spec) => {
        seen.push(spec.ipFamilyPolicy);
        spec.clusterIPs = ['None'];
      },
    });
    expect(seen).toEqual(['RequireDualStack']);
    expect(Object.keys(out.spec as object)).toEqual(['ports', 'clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']);
  });
});

describe('prepareForUpdate', () => {
  const info = resource('apps', 'v1', 'Deployment');
  const stored: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation: 3 }, spec: { replicas: 2 }, status: { replicas: 2 } };
  it.each([
    { name: 'a spec change bumps the generation and keeps the stored status', spec: { replicas: 5 }, want: [4, { replicas: 2 }] },
    { name: 'an unchanged spec keeps the generation', spec: { replicas: 2 }, want: [3, { replicas: 2 }] },
  ])('$name', ({ spec, want }) => {
    const out = prepareForUpdate(info, { ...stored, metadata: { name: 'web', generation: 3 }, spec, status: { replicas: 9 } }, stored);
    expect([out.metadata.generation, out.status]).toEqual(want);
  });
});
