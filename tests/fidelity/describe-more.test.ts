/**
 * Real kubectl 1.32 `describe` for the kinds beyond the common workloads (Node, storage,
 * networking, autoscaling, RBAC, quotas, policy …) against `kubelab serve`, compared byte for byte
 * with the emulator's `describeObject`. Objects are created with the real kubectl; statuses the
 * engine has no controller for yet are written through /status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath, startRealKubectl, type RealKubectl } from '../support/kubectl.ts';
import { advance } from '../support/scenario.ts';
import { describeObject } from '../../engine/kubectl/describe/index.ts';
import type { KubeObject } from '../../engine/api/types.ts';

const manifests = `apiVersion: v1
kind: Node
metadata:
  name: edge-1
  labels: {kubernetes.io/hostname: edge-1, kubernetes.io/os: linux, node-role.kubernetes.io/control-plane: "", kubernetes.io/role: edge}
  annotations: {node.alpha.kubernetes.io/ttl: "0"}
spec:
  podCIDR: 10.244.1.0/24
  podCIDRs: [10.244.1.0/24]
  providerID: kind://docker/kind/edge-1
  taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}, {key: dedicated, value: gpu, effect: NoExecute}, {key: zone, effect: NoSchedule}]
---
apiVersion: v1
kind: Node
metadata: {name: edge-2}
spec: {unschedulable: true}
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: {name: edge-1, namespace: kube-node-lease}
spec: {holderIdentity: edge-1, leaseDurationSeconds: 40, renewTime: "2026-01-01T00:01:20.000000Z"}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, labels: {app: web}}
spec:
  nodeName: edge-1
  containers:
  - name: nginx
    image: nginx
    resources: {requests: {cpu: 250m, memory: 64Mi}, limits: {cpu: 500m, memory: 128Mi}}
  - name: sidecar
    image: busybox
    resources: {requests: {cpu: 100m, memory: 32Mi, ephemeral-storage: 1Gi, example.com/gpu: "1"}, limits: {example.com/gpu: "1"}}
  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
---
apiVersion: v1
kind: Pod
metadata: {name: proxy, namespace: kube-system}
spec:
  nodeName: edge-1
  initContainers: [{name: init, image: busybox, resources: {requests: {cpu: "1", memory: 16Mi}}}]
  containers: [{name: proxy, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: idle}
spec:
  nodeName: edge-1
  containers: [{name: main, image: busybox}]
---
apiVersion: v1
kind: Event
metadata: {name: edge-1.start, namespace: default}
involvedObject: {kind: Node, name: edge-1, uid: edge-1}
reason: Starting
message: "Starting kubelet."
type: Normal
source: {component: kubelet, host: edge-1}
firstTimestamp: "2026-01-01T00:00:10Z"
lastTimestamp: "2026-01-01T00:00:40Z"
count: 3
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-1, labels: {type: local}}
spec:
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce, ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: standard
  claimRef: {namespace: default, name: data}
  hostPath: {path: /mnt/data, type: DirectoryOrCreate}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-csi}
spec:
  capacity: {storage: 1500Mi}
  accessModes: [ReadOnlyMany]
  volumeMode: Block
  csi: {driver: hostpath.csi.k8s.io, volumeHandle: vol-1, fsType: ext4, volumeAttributes: {storage.kubernetes.io/csiProvisionerIdentity: abc, size: big}}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [edge-1, edge-2]}, {key: disk, operator: Exists}]
      - matchExpressions: [{key: zone, operator: NotIn, values: [z1]}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, labels: {app: web}}
spec:
  storageClassName: standard
  volumeName: pv-1
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: pending}
spec:
  accessModes: [ReadWriteOnce]
  volumeMode: Filesystem
  resources: {requests: {storage: 2Gi}}
  dataSource: {kind: PersistentVolumeClaim, name: data}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}
provisioner: rancher.io/local-path
parameters: {type: ssd, zone: z1}
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
mountOptions: [debug, noatime]
allowedTopologies:
- matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [z1, z2]}, {key: rack, values: [r1]}]
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: plain}
provisioner: example.com/none
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}, {name: admin, port: 9000}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-abc12, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}, {name: admin, port: 9000, protocol: TCP}]
endpoints:
- addresses: [10.244.1.5]
  conditions: {ready: true}
  nodeName: edge-1
  zone: z1
  targetRef: {kind: Pod, name: web-1, namespace: default}
- addresses: [10.244.1.6]
  conditions: {ready: false}
  hostname: web-2
- addresses: [10.244.1.7]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: empty-slice}
addressType: IPv6
---
apiVersion: v1
kind: Endpoints
metadata: {name: web-manual, labels: {app: web}}
subsets:
- addresses: [{ip: 10.244.1.5}, {ip: 10.244.1.7}]
  notReadyAddresses: [{ip: 10.244.1.6}]
  ports: [{name: http, port: 8080, protocol: TCP}, {name: dns, port: 53, protocol: UDP}]
- addresses: [{ip: 10.244.3.1}]
  ports: [{port: 8443, protocol: TCP}]
- addresses: [{ip: 10.244.2.9}]
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx-external, labels: {app: ingress}}
spec:
  controller: k8s.io/ingress-nginx
  parameters: {apiGroup: k8s.example.com, kind: IngressParameters, name: external, scope: Cluster}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}}
spec:
  ingressClassName: nginx
  tls: [{hosts: [web.example.com, www.example.com], secretName: web-tls}, {hosts: [sni.example.com]}]
  rules:
  - host: web.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /admin, pathType: Exact, backend: {service: {name: web, port: {name: admin}}}}
      - {path: /missing, pathType: Prefix, backend: {service: {name: nothing, port: {number: 8080}}}}
  - http:
      paths:
      - {path: /static, pathType: ImplementationSpecific, backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: assets}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fallback}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - {type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}
  - {type: Resource, resource: {name: memory, target: {type: AverageValue, averageValue: 100Mi}}}
  - {type: Pods, pods: {metric: {name: packets-per-second}, target: {type: AverageValue, averageValue: 1k}}}
  - {type: Object, object: {metric: {name: requests-per-second}, describedObject: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: web}, target: {type: Value, value: 10k}}}
  - {type: ContainerResource, containerResource: {name: cpu, container: nginx, target: {type: Utilization, averageUtilization: 60}}}
  - {type: External, external: {metric: {name: queue_messages}, target: {type: AverageValue, averageValue: "30"}}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
      policies: [{type: Percent, value: 100, periodSeconds: 15}]
    scaleUp:
      selectPolicy: Max
      policies: [{type: Pods, value: 4, periodSeconds: 15}, {type: Percent, value: 100, periodSeconds: 15}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: bare}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
  maxReplicas: 3
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder, labels: {team: ci}}
secrets: [{name: creds}, {name: gone}]
imagePullSecrets: [{name: registry}, {name: creds}]
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
stringData: {password: s3cret}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: compute}
spec: {hard: {requests.cpu: "2", requests.memory: 2Gi, pods: "10", limits.memory: 4Gi, count/configmaps: "5"}}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: best-effort}
spec: {hard: {pods: "3"}, scopes: [NotTerminating, BestEffort]}
---
apiVersion: v1
kind: LimitRange
metadata: {name: limits}
spec:
  limits:
  - {type: Container, default: {cpu: 500m}, defaultRequest: {cpu: 250m}, max: {cpu: "2"}, min: {cpu: 100m}, maxLimitRequestRatio: {cpu: "4"}}
  - {type: Pod, max: {memory: 1Gi}}
  - {type: PersistentVolumeClaim, min: {storage: 1Gi}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, labels: {app: backup}}
spec:
  schedule: "0 3 * * *"
  startingDeadlineSeconds: 120
  jobTemplate:
    spec:
      activeDeadlineSeconds: 600
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: backup, image: busybox, command: [sh, -c, "echo backup"]}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: suspended}
spec:
  schedule: "*/5 * * * *"
  suspend: true
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 1
  failedJobsHistoryLimit: 2
  jobTemplate:
    spec:
      parallelism: 2
      completions: 4
      template:
        metadata: {labels: {job: custom}}
        spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  replicas: 2
  selector: {app: legacy}
  template:
    metadata: {labels: {app: legacy}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, labels: {team: a}}
rules:
- {apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch]}
- {apiGroups: [apps], resources: [deployments], verbs: [get, update], resourceNames: [web, api]}
- {apiGroups: ["", apps], resources: [configmaps], verbs: [get]}
- {apiGroups: [""], resources: [pods], verbs: [delete]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ops}
rules:
- {nonResourceURLs: [/healthz, /metrics], verbs: [get]}
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
- {apiGroups: [batch], resources: [jobs, cronjobs], verbs: [create, delete]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}
- {kind: ServiceAccount, name: builder, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-binding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
subjects: [{kind: Group, name: ops-team, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, labels: {app: db}}
spec:
  podSelector: {matchLabels: {role: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24, 172.17.2.0/24]}
    - namespaceSelector: {matchLabels: {project: myproject}}
    - podSelector: {matchLabels: {role: frontend}}
    - namespaceSelector: {matchExpressions: [{key: env, operator: In, values: [prod, staging]}]}
      podSelector: {}
    ports: [{protocol: TCP, port: 6379}, {port: http}, {port: 32000, endPort: 32768}]
  - {}
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/24}}]
    ports: [{protocol: UDP, port: 53}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress}
spec:
  podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [cache]}]}
  policyTypes: [Egress]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: 2, selector: {matchLabels: {app: web}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: loose}
spec: {maxUnavailable: 25%}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high, annotations: {owner: platform}}
value: 1000000
description: "For the critical path."
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low-default}
value: -5
globalDefault: true
preemptionPolicy: Never
`;

/** Statuses written through /status, as the components the engine does not run yet would write them. */
const statuses: Array<[path: string, status: Record<string, unknown>]> = [
  ['/api/v1/nodes/edge-1', {
    capacity: { cpu: '4', memory: '8142320Ki', pods: '110', 'ephemeral-storage': '61202244Ki', 'hugepages-2Mi': '0', 'example.com/gpu': '2' },
    allocatable: { cpu: '3500m', memory: '7Gi', pods: '110', 'ephemeral-storage': '50Gi', 'hugepages-2Mi': '0', 'example.com/gpu': '2' },
    conditions: [
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: '2026-01-01T00:01:00Z', lastTransitionTime: '2026-01-01T00:00:05Z', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
      { type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-01T00:01:00Z', lastTransitionTime: '2026-01-01T00:00:20Z', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    ],
    addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'edge-1' }],
    nodeInfo: {
      machineID: 'm1', systemUUID: 'u1', bootID: 'b1', kernelVersion: '6.8.0', osImage: 'Debian GNU/Linux 12 (bookworm)',
      operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.22', kubeletVersion: 'v1.32.0', kubeProxyVersion: 'v1.32.0',
    },
  }],
  ['/api/v1/namespaces/default/pods/web-1', { phase: 'Running' }],
  ['/api/v1/namespaces/kube-system/pods/proxy', { phase: 'Pending' }],
  ['/api/v1/namespaces/default/pods/idle', { phase: 'Succeeded' }],
  ['/api/v1/persistentvolumes/pv-1', { phase: 'Bound' }],
  ['/api/v1/persistentvolumes/pv-csi', { phase: 'Available', message: 'waiting for a claim' }],
  ['/api/v1/namespaces/default/persistentvolumeclaims/data', {
    phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' },
    conditions: [{ type: 'Resizing', status: 'True', lastTransitionTime: '2026-01-01T00:00:50Z' }],
  }],
  ['/apis/networking.k8s.io/v1/namespaces/default/ingresses/web', { loadBalancer: { ingress: [{ ip: '172.18.0.9' }, { hostname: 'lb.example.com' }, { ip: '172.18.0.3' }] } }],
  ['/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web', {
    currentReplicas: 3, desiredReplicas: 4,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 72, averageValue: '180m' } } },
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '80Mi' } } },
    ],
    conditions: [
      { type: 'AbleToScale', status: 'True', lastTransitionTime: '2026-01-01T00:00:30Z', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 4' },
      { type: 'ScalingActive', status: 'True', lastTransitionTime: '2026-01-01T00:00:30Z', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' },
    ],
  }],
  ['/api/v1/namespaces/default/resourcequotas/compute', {
    hard: { 'requests.cpu': '2', 'requests.memory': '2Gi', pods: '10', 'limits.memory': '4Gi', 'count/configmaps': '5' },
    used: { 'requests.cpu': '350m', 'requests.memory': '500M', pods: '1', 'limits.memory': '0' },
  }],
  ['/apis/batch/v1/namespaces/default/cronjobs/nightly', {
    lastScheduleTime: '2026-01-01T00:01:00Z', active: [{ kind: 'Job', name: 'nightly-123', namespace: 'default' }, { kind: 'Job', name: 'nightly-456', namespace: 'default' }],
  }],
  ['/api/v1/namespaces/default/replicationcontrollers/legacy', {
    replicas: 1, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' }],
  }],
  ['/apis/policy/v1/namespaces/default/poddisruptionbudgets/web', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 }],
];

interface Case {
  args: string;
  path: string;
  resource: string;
  group: string;
}

const core = (args: string, path: string, resource: string): Case => ({ args, path: `/api/v1/${path}`, resource, group: '' });
const grouped = (args: string, group: string, version: string, path: string, resource: string): Case => ({
  args, path: `/apis/${group}/${version}/${path}`, resource, group,
});

const cases: Case[] = [
  core('node edge-1', 'nodes/edge-1', 'nodes'),
  core('node edge-2', 'nodes/edge-2', 'nodes'),
  // Nodes the lab's simulated kubelets register and heartbeat (with their node-lifecycle events).
  core('node control-plane', 'nodes/control-plane', 'nodes'),
  core('node node-1', 'nodes/node-1', 'nodes'),
  core('pvc data', 'namespaces/default/persistentvolumeclaims/data', 'persistentvolumeclaims'),
  core('pvc pending', 'namespaces/default/persistentvolumeclaims/pending', 'persistentvolumeclaims'),
  core('pv pv-1', 'persistentvolumes/pv-1', 'persistentvolumes'),
  core('pv pv-csi', 'persistentvolumes/pv-csi', 'persistentvolumes'),
  grouped('storageclass fast', 'storage.k8s.io', 'v1', 'storageclasses/fast', 'storageclasses'),
  grouped('storageclass plain', 'storage.k8s.io', 'v1', 'storageclasses/plain', 'storageclasses'),
  grouped('ingress web', 'networking.k8s.io', 'v1', 'namespaces/default/ingresses/web', 'ingresses'),
  grouped('ingress fallback', 'networking.k8s.io', 'v1', 'namespaces/default/ingresses/fallback', 'ingresses'),
  grouped('ingressclass nginx-external', 'networking.k8s.io', 'v1', 'ingressclasses/nginx-external', 'ingressclasses'),
  grouped('hpa web', 'autoscaling', 'v2', 'namespaces/default/horizontalpodautoscalers/web', 'horizontalpodautoscalers'),
  grouped('hpa bare', 'autoscaling', 'v2', 'namespaces/default/horizontalpodautoscalers/bare', 'horizontalpodautoscalers'),
  core('serviceaccount builder', 'namespaces/default/serviceaccounts/builder', 'serviceaccounts'),
  core('serviceaccount default', 'namespaces/default/serviceaccounts/default', 'serviceaccounts'),
  core('resourcequota compute', 'namespaces/default/resourcequotas/compute', 'resourcequotas'),
  core('resourcequota best-effort', 'namespaces/default/resourcequotas/best-effort', 'resourcequotas'),
  // The Namespace describer lists the quotas (with scope help) and limit ranges above.
  core('namespace default', 'namespaces/default', 'namespaces'),
  core('limitrange limits', 'namespaces/default/limitranges/limits', 'limitranges'),
  core('endpoints web-manual', 'namespaces/default/endpoints/web-manual', 'endpoints'),
  grouped('endpointslice web-abc12', 'discovery.k8s.io', 'v1', 'namespaces/default/endpointslices/web-abc12', 'endpointslices'),
  grouped('endpointslice empty-slice', 'discovery.k8s.io', 'v1', 'namespaces/default/endpointslices/empty-slice', 'endpointslices'),
  grouped('cronjob nightly', 'batch', 'v1', 'namespaces/default/cronjobs/nightly', 'cronjobs'),
  grouped('cronjob suspended', 'batch', 'v1', 'namespaces/default/cronjobs/suspended', 'cronjobs'),
  core('replicationcontroller legacy', 'namespaces/default/replicationcontrollers/legacy', 'replicationcontrollers'),
  grouped('role reader', 'rbac.authorization.k8s.io', 'v1', 'namespaces/default/roles/reader', 'roles'),
  grouped('clusterrole ops', 'rbac.authorization.k8s.io', 'v1', 'clusterroles/ops', 'clusterroles'),
  grouped('rolebinding read-pods', 'rbac.authorization.k8s.io', 'v1', 'namespaces/default/rolebindings/read-pods', 'rolebindings'),
  grouped('clusterrolebinding ops-binding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings/ops-binding', 'clusterrolebindings'),
  grouped('networkpolicy db', 'networking.k8s.io', 'v1', 'namespaces/default/networkpolicies/db', 'networkpolicies'),
  grouped('networkpolicy deny-all', 'networking.k8s.io', 'v1', 'namespaces/default/networkpolicies/deny-all', 'networkpolicies'),
  grouped('networkpolicy deny-egress', 'networking.k8s.io', 'v1', 'namespaces/default/networkpolicies/deny-egress', 'networkpolicies'),
  grouped('pdb web', 'policy', 'v1', 'namespaces/default/poddisruptionbudgets/web', 'poddisruptionbudgets'),
  grouped('pdb loose', 'policy', 'v1', 'namespaces/default/poddisruptionbudgets/loose', 'poddisruptionbudgets'),
  grouped('priorityclass high', 'scheduling.k8s.io', 'v1', 'priorityclasses/high', 'priorityclasses'),
  grouped('priorityclass low-default', 'scheduling.k8s.io', 'v1', 'priorityclasses/low-default', 'priorityclasses'),
];

describe.skipIf(!kubectlPath)('real kubectl: describe (more kinds)', () => {
  let k: RealKubectl;
  beforeAll(async () => {
    k = await startRealKubectl();
    const created = await k.run('create -f all.yaml', { files: { 'all.yaml': manifests } });
    expect(created.stderr).toBe('');
    advance(k, 35);
    const cluster = k.lab.control.cluster;
    for (const [path, status] of statuses) {
      const response = cluster.handle({ method: 'PATCH', path: `${path}/status`, headers: { 'content-type': 'application/merge-patch+json' }, body: { status } });
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    }
    // A token Secret for the builder account needs the account's UID in its annotation.
    const account = cluster.handle({ method: 'GET', path: '/api/v1/namespaces/default/serviceaccounts/builder' }).body as KubeObject;
    const token = cluster.handle({
      method: 'POST', path: '/api/v1/namespaces/default/secrets',
      body: {
        apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
        metadata: { name: 'builder-token', annotations: { 'kubernetes.io/service-account.name': 'builder', 'kubernetes.io/service-account.uid': account.metadata.uid } },
      },
    });
    expect(token.status).toBe(201);
    advance(k, 60);
  }, 60_000);
  afterAll(async () => {
    await k.stop();
  });

  it.each(cases)('describe $args', async ({ args, path, resource, group }) => {
    const real = await k.run(`describe ${args}`, { env: { TZ: 'UTC' } });
    expect(real.stderr).toBe('');
    const cluster = k.lab.control.cluster;
    const object = cluster.api.handle({ method: 'GET', path }).body as KubeObject;
    const info = cluster.api.context.registry.all().find((r) => r.resource === resource && r.group === group)!;
    // kubectl measures ages (pods on a node, events) from its own wall clock, not the lab's virtual
    // one; at a day's granularity (the lab starts on 2026-01-01) they agree unless a day turns over.
    expect(describeObject(cluster.api, info, object, Date.now())).toBe(real.stdout);
  });
});
