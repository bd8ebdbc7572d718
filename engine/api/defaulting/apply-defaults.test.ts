import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { applyDefaults } from './apply-defaults.ts';
import { create, resource, storedMeta } from './test-helpers.ts';

// Goldens are the wire JSON of a real v1.32 API server (Go field order), shown as YAML.
describe('create goldens', () => {
  it('minimal Deployment', () => {
    const deployment: KubeObject = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: storedMeta('web', { labels: { app: 'web' } }),
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } },
      },
    };
    expect(stringify(create(resource('apps', 'v1', 'Deployment'), deployment))).toBe(`kind: Deployment
apiVersion: apps/v1
metadata:
  name: web
  namespace: default
  uid: 5f0c2a9e-1b7d-4c11-9a3e-2d5b8f6a7c01
  resourceVersion: "1"
  generation: 1
  creationTimestamp: 2026-01-01T00:00:00Z
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          ports:
            - containerPort: 80
              protocol: TCP
          resources: {}
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
          imagePullPolicy: IfNotPresent
      restartPolicy: Always
      terminationGracePeriodSeconds: 30
      dnsPolicy: ClusterFirst
      securityContext: {}
      schedulerName: default-scheduler
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 25%
      maxSurge: 25%
  revisionHistoryLimit: 10
  progressDeadlineSeconds: 600
status: {}
`);
  });

  it('StatefulSet with a volumeClaimTemplate (the kubernetes.io tutorial "web")', () => {
    const sts: KubeObject = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: storedMeta('web'),
      spec: {
        selector: { matchLabels: { app: 'nginx' } }, serviceName: 'nginx', replicas: 3,
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
        },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    };
    expect(stringify(create(resource('apps', 'v1', 'StatefulSet'), sts))).toBe(`kind: StatefulSet
apiVersion: apps/v1
metadata:
  name: web
  namespace: default
  uid: 5f0c2a9e-1b7d-4c11-9a3e-2d5b8f6a7c01
  resourceVersion: "1"
  generation: 1
  creationTimestamp: 2026-01-01T00:00:00Z
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: registry.k8s.io/nginx-slim:0.24
          ports:
            - name: web
              containerPort: 80
              protocol: TCP
          resources: {}
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
          imagePullPolicy: IfNotPresent
      restartPolicy: Always
      terminationGracePeriodSeconds: 30
      dnsPolicy: ClusterFirst
      securityContext: {}
      schedulerName: default-scheduler
  volumeClaimTemplates:
    - kind: PersistentVolumeClaim
      apiVersion: v1
      metadata:
        name: www
        creationTimestamp: null
      spec:
        accessModes:
          - ReadWriteOnce
        resources:
          requests:
            storage: 1Gi
        volumeMode: Filesystem
      status:
        phase: Pending
  serviceName: nginx
  podManagementPolicy: OrderedReady
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 0
  revisionHistoryLimit: 10
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
status:
  replicas: 0
  availableReplicas: 0
`);
  });

  it('HPA autoscaling/v2 (the php-apache walkthrough)', () => {
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: storedMeta('php-apache'),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      },
    };
    expect(stringify(create(resource('autoscaling', 'v2', 'HorizontalPodAutoscaler'), hpa))).toBe(`kind: HorizontalPodAutoscaler
apiVersion: autoscaling/v2
metadata:
  name: php-apache
  namespace: default
  uid: 5f0c2a9e-1b7d-4c11-9a3e-2d5b8f6a7c01
  resourceVersion: "1"
  creationTimestamp: 2026-01-01T00:00:00Z
spec:
  scaleTargetRef:
    kind: Deployment
    name: php-apache
    apiVersion: apps/v1
  minReplicas: 1
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 50
status:
  desiredReplicas: 0
  currentMetrics: null
`);
  });

  it('ClusterRoleBinding from the EFK addon: apiGroup "" is defaulted, the namespace dropped', () => {
    // corpus/efk/kubernetes-cluster-addons-fluentd-elasticsearch/es-statefulset.yaml, as written there.
    const binding: KubeObject = {
      kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: {
        namespace: 'kube-system', name: 'elasticsearch-logging',
        labels: { 'k8s-app': 'elasticsearch-logging', 'kubernetes.io/cluster-service': 'true', 'addonmanager.kubernetes.io/mode': 'Reconcile' },
        uid: '5f0c2a9e-1b7d-4c11-9a3e-2d5b8f6a7c01', resourceVersion: '1', creationTimestamp: '2026-01-01T00:00:00Z',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'elasticsearch-logging', namespace: 'kube-system', apiGroup: '' }],
      roleRef: { kind: 'ClusterRole', name: 'elasticsearch-logging', apiGroup: '' },
    };
    expect(stringify(create(resource('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding'), binding))).toBe(`kind: ClusterRoleBinding
apiVersion: rbac.authorization.k8s.io/v1
metadata:
  name: elasticsearch-logging
  uid: 5f0c2a9e-1b7d-4c11-9a3e-2d5b8f6a7c01
  resourceVersion: "1"
  creationTimestamp: 2026-01-01T00:00:00Z
  labels:
    addonmanager.kubernetes.io/mode: Reconcile
    k8s-app: elasticsearch-logging
    kubernetes.io/cluster-service: "true"
subjects:
  - kind: ServiceAccount
    name: elasticsearch-logging
    namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: elasticsearch-logging
`);
  });
});

describe('applyDefaults', () => {
  it('never mutates its input', () => {
    const input: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const before = JSON.stringify(input);
    applyDefaults(resource('', 'v1', 'Pod'), input);
    expect(JSON.stringify(input)).toBe(before);
  });

  const service = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec });
  const serviceCases = [
    {
      name: 'ClusterIP: TCP, targetPort = port, internal policy Cluster',
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      want: { ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }], selector: { app: 'web' }, type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'NodePort adds externalTrafficPolicy',
      spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http', protocol: 'UDP' }] },
      want: { ports: [{ protocol: 'UDP', port: 80, targetPort: 'http' }], type: 'NodePort', sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'LoadBalancer adds allocateLoadBalancerNodePorts',
      spec: { type: 'LoadBalancer', ports: [{ port: 443 }] },
      want: { ports: [{ protocol: 'TCP', port: 443, targetPort: 443 }], type: 'LoadBalancer', sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true, internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ClientIP affinity gets the 10800 s timeout',
      spec: { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] },
      want: { ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }], type: 'ClusterIP', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ExternalName gets no traffic policies',
      spec: { type: 'ExternalName', externalName: 'example.com' },
      want: { type: 'ExternalName', sessionAffinity: 'None', externalName: 'example.com' },
    },
  ];
  it.each(serviceCases)('Service: $name', ({ spec, want }) => {
    const out = applyDefaults(resource('', 'v1', 'Service'), service(spec));
    expect(JSON.stringify(out.spec)).toBe(JSON.stringify(want));
  });

  const kindCases: { name: string; info: [string, string, string]; input: KubeObject; field: string; want: unknown }[] = [
    { name: 'Secret type Opaque', info: ['', 'v1', 'Secret'], input: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }, field: 'type', want: 'Opaque' },
    {
      name: 'Namespace label and phase', info: ['', 'v1', 'Namespace'],
      input: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', namespace: 'x' } },
      field: 'metadata', want: { name: 'dev', creationTimestamp: null, labels: { 'kubernetes.io/metadata.name': 'dev' } },
    },
    { name: 'PVC volumeMode', info: ['', 'v1', 'PersistentVolumeClaim'], input: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: {} }, field: 'spec', want: { resources: {}, volumeMode: 'Filesystem' } },
    { name: 'PV reclaim Retain', info: ['', 'v1', 'PersistentVolume'], input: { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' }, spec: {} }, field: 'spec', want: { persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' } },
    { name: 'StorageClass', info: ['storage.k8s.io', 'v1', 'StorageClass'], input: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, provisioner: 'p' }, field: 'volumeBindingMode', want: 'Immediate' },
    { name: 'PriorityClass', info: ['scheduling.k8s.io', 'v1', 'PriorityClass'], input: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 }, field: 'preemptionPolicy', want: 'PreemptLowerPriority' },
    {
      name: 'NetworkPolicy with egress rules', info: ['networking.k8s.io', 'v1', 'NetworkPolicy'],
      input: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } },
      field: 'spec', want: { podSelector: {}, egress: [{ ports: [{ protocol: 'TCP', port: 53 }] }], policyTypes: ['Ingress', 'Egress'] },
    },
    {
      name: 'HPA v2 behavior is completed', info: ['autoscaling', 'v2', 'HorizontalPodAutoscaler'],
      input: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } },
      field: 'spec',
      want: {
        scaleTargetRef: { kind: 'Deployment', name: 'd' }, minReplicas: 1, maxReplicas: 3,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        behavior: {
          scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
          scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
        },
      },
    },
    {
      // kubectl autoscale --cpu-percent=50 posts autoscaling/v1; the write path has converted it to v2 already.
      name: 'HPA v1 converted to v2 keeps its target and gets no stray v1 default', info: ['autoscaling', 'v1', 'HorizontalPodAutoscaler'],
      input: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } },
      field: 'spec',
      want: {
        scaleTargetRef: { kind: 'Deployment', name: 'd' }, minReplicas: 1, maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      },
    },
    {
      name: 'CronJob jobTemplate gets pod defaults but no Job defaults', info: ['batch', 'v1', 'CronJob'],
      input: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28' }] } } } } } },
      field: 'spec',
      want: {
        schedule: '* * * * *', concurrencyPolicy: 'Allow', suspend: false,
        jobTemplate: {
          metadata: { creationTimestamp: null },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: {
                containers: [{ name: 'hello', image: 'busybox:1.28', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
                restartPolicy: 'OnFailure', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler',
              },
            },
          },
        },
        successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
      },
    },
    {
      name: 'CRD conversion None, singular and listKind', info: ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition'],
      input: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'crontabs.stable.example.com' }, spec: { group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'crontabs', kind: 'CronTab' }, versions: [{ name: 'v1', served: true, storage: true }] } },
      field: 'spec',
      want: { group: 'stable.example.com', names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }], conversion: { strategy: 'None' } },
    },
  ];
  it.each(kindCases)('$name', ({ info, input, field, want }) => {
    const out = applyDefaults(resource(...info), input);
    expect(JSON.stringify(out[field])).toBe(JSON.stringify(want));
  });
});
