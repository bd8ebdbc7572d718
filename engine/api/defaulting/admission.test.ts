import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { admitDefaults } from './admission.ts';
import { create, resource, storedMeta, testAdmission } from './test-helpers.ts';

const podInfo = resource('', 'v1', 'Pod');
const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: storedMeta('nginx'), spec });

describe('admitDefaults on Pods', () => {
  it('golden: `kubectl run nginx --image=nginx --port=80` as the API server returns it', () => {
    const input: KubeObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: storedMeta('nginx', { labels: { run: 'nginx' } }),
      spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
    };
    expect(stringify(create(podInfo, input))).toBe(`kind: Pod
apiVersion: v1
metadata:
  name: nginx
  namespace: default
  uid: 5f0c2a9e-1b7d-4c11-9a3e-2d5b8f6a7c01
  resourceVersion: "1"
  creationTimestamp: 2026-01-01T00:00:00Z
  labels:
    run: nginx
spec:
  volumes:
    - name: kube-api-access-x7k2q
      projected:
        sources:
          - serviceAccountToken:
              expirationSeconds: 3607
              path: token
          - configMap:
              name: kube-root-ca.crt
              items:
                - key: ca.crt
                  path: ca.crt
          - downwardAPI:
              items:
                - path: namespace
                  fieldRef:
                    apiVersion: v1
                    fieldPath: metadata.namespace
        defaultMode: 420
  containers:
    - name: nginx
      image: nginx
      ports:
        - containerPort: 80
          protocol: TCP
      resources: {}
      volumeMounts:
        - name: kube-api-access-x7k2q
          readOnly: true
          mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      terminationMessagePath: /dev/termination-log
      terminationMessagePolicy: File
      imagePullPolicy: Always
  restartPolicy: Always
  terminationGracePeriodSeconds: 30
  dnsPolicy: ClusterFirst
  serviceAccountName: default
  serviceAccount: default
  securityContext: {}
  schedulerName: default-scheduler
  tolerations:
    - key: node.kubernetes.io/not-ready
      operator: Exists
      effect: NoExecute
      tolerationSeconds: 300
    - key: node.kubernetes.io/unreachable
      operator: Exists
      effect: NoExecute
      tolerationSeconds: 300
  priority: 0
  enableServiceLinks: true
  preemptionPolicy: PreemptLowerPriority
status:
  phase: Pending
  qosClass: BestEffort
`);
  });

  it('appends the token volume and mounts after the user’s own, and mounts in init containers too', () => {
    const out = admitDefaults(podInfo, pod({
      volumes: [{ name: 'data', emptyDir: {} }],
      initContainers: [{ name: 'init', image: 'busybox' }],
      containers: [{ name: 'app', image: 'app', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    }), testAdmission);
    const spec = out.spec as { volumes: { name: string }[]; initContainers: { volumeMounts: { name: string }[] }[]; containers: { volumeMounts: { name: string }[] }[] };
    expect(spec.volumes.map((v) => v.name)).toEqual(['data', 'kube-api-access-x7k2q']);
    expect(spec.initContainers[0].volumeMounts.map((m) => m.name)).toEqual(['kube-api-access-x7k2q']);
    expect(spec.containers[0].volumeMounts.map((m) => m.name)).toEqual(['data', 'kube-api-access-x7k2q']);
  });

  const cases: { name: string; spec: Record<string, unknown>; ctx?: Partial<typeof testAdmission>; check: (spec: Record<string, unknown>) => unknown; want: unknown }[] = [
    {
      name: 'automountServiceAccountToken: false → no token volume',
      spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: 'i' }] },
      check: (s) => [s.volumes, s.serviceAccountName], want: [undefined, 'default'],
    },
    {
      name: 'a ServiceAccount with automount false → no token volume',
      spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'i' }] },
      ctx: { serviceAccountAutomount: () => false },
      check: (s) => [s.volumes, s.serviceAccount], want: [undefined, 'robot'],
    },
    {
      name: 'an existing not-ready toleration is kept, only unreachable is added',
      spec: { containers: [{ name: 'c', image: 'i' }], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] },
      check: (s) => s.tolerations,
      want: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    {
      name: 'a tolerate-everything toleration needs no additions',
      spec: { containers: [{ name: 'c', image: 'i' }], tolerations: [{ operator: 'Exists' }] },
      check: (s) => s.tolerations, want: [{ operator: 'Exists' }],
    },
    {
      name: 'system-node-critical priority',
      spec: { priorityClassName: 'system-node-critical', containers: [{ name: 'c', image: 'i' }] },
      check: (s) => [s.priority, s.preemptionPolicy], want: [2000001000, 'PreemptLowerPriority'],
    },
    {
      name: 'a global default class applies when none is named',
      spec: { containers: [{ name: 'c', image: 'i' }] },
      ctx: { globalDefaultPriorityClass: () => ({ name: 'normal', info: { value: 100, preemptionPolicy: 'Never' } }) },
      check: (s) => [s.priorityClassName, s.priority, s.preemptionPolicy], want: ['normal', 100, 'Never'],
    },
  ];
  it.each(cases)('$name', ({ spec, ctx, check, want }) => {
    const out = admitDefaults(podInfo, pod(spec), { ...testAdmission, ...ctx });
    expect(check(out.spec as Record<string, unknown>)).toEqual(want);
  });
});

describe('admitDefaults on PersistentVolumeClaims', () => {
  const pvcInfo = resource('', 'v1', 'PersistentVolumeClaim');
  const claim = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec });
  it.each([
    { name: 'missing → the default class', spec: {}, want: 'standard' },
    { name: 'empty string → stays "" (explicitly no class)', spec: { storageClassName: '' }, want: '' },
    { name: 'named → kept', spec: { storageClassName: 'gp2' }, want: 'gp2' },
  ])('$name', ({ spec, want }) => {
    expect((admitDefaults(pvcInfo, claim(spec), testAdmission).spec as { storageClassName?: string }).storageClassName).toBe(want);
  });
});
