/**
 * The empty object of a kind as the API server compares a create against it. In Go a new object is
 * a zero struct, and its JSON still holds the non-pointer structs (`spec: {}`, `status: {}`) and
 * the fields without `omitempty` (`selector: null`, `containers: null`, `creationTimestamp: null`).
 * That is why a created Deployment's managedFields show `f:spec:` without `.` and
 * `f:containers:` without `.`, while `f:labels:` (absent before) has one.
 */
import type { JsonValue } from './fieldpath.ts';
import type { GroupKind } from './schema.ts';

type Obj = { [key: string]: JsonValue };

const meta = (): Obj => ({ creationTimestamp: null });
const podTemplate = (): Obj => ({ metadata: meta(), spec: { containers: null } });

/** Zero specs (and statuses) per `group/Kind`; kinds not listed start from `metadata` alone. */
const zeroBodies: Record<string, () => Obj> = {
  '/Pod': () => ({ spec: { containers: null }, status: {} }),
  '/PodTemplate': () => ({ template: podTemplate() }),
  '/ReplicationController': () => ({ spec: {}, status: { replicas: 0 } }),
  '/Service': () => ({ spec: {}, status: { loadBalancer: {} } }),
  '/Namespace': () => ({ spec: {}, status: {} }),
  '/Node': () => ({ spec: {}, status: { daemonEndpoints: { kubeletEndpoint: { Port: 0 } }, nodeInfo: {} } }),
  '/PersistentVolumeClaim': () => ({ spec: { resources: {} }, status: {} }),
  '/PersistentVolume': () => ({ spec: {}, status: {} }),
  '/ResourceQuota': () => ({ spec: {}, status: {} }),
  '/LimitRange': () => ({ spec: { limits: null } }),
  'apps/Deployment': () => ({ spec: { selector: null, template: podTemplate(), strategy: {} }, status: {} }),
  'apps/ReplicaSet': () => ({ spec: { selector: null, template: podTemplate() }, status: { replicas: 0 } }),
  'apps/StatefulSet': () => ({ spec: { selector: null, template: podTemplate(), serviceName: '', updateStrategy: {} }, status: { replicas: 0 } }),
  'apps/DaemonSet': () => ({
    spec: { selector: null, template: podTemplate(), updateStrategy: {} },
    status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
  }),
  'batch/Job': () => ({ spec: { template: podTemplate() }, status: {} }),
  'batch/CronJob': () => ({ spec: { schedule: '', jobTemplate: { metadata: meta(), spec: { template: podTemplate() } } }, status: {} }),
  'autoscaling/HorizontalPodAutoscaler': () => ({ spec: { scaleTargetRef: { kind: '', name: '' }, maxReplicas: 0 }, status: {} }),
  // request ([]byte) and signerName have no omitempty: a created CSR's writer owns them without `f:spec: .`.
  'certificates.k8s.io/CertificateSigningRequest': () => ({ spec: { request: null, signerName: '' }, status: {} }),
  'networking.k8s.io/Ingress': () => ({ spec: {}, status: { loadBalancer: {} } }),
  'networking.k8s.io/NetworkPolicy': () => ({ spec: { podSelector: {} } }),
  'policy/PodDisruptionBudget': () => ({ spec: {}, status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 } }),
  'rbac.authorization.k8s.io/Role': () => ({ rules: null }),
  'rbac.authorization.k8s.io/ClusterRole': () => ({ rules: null }),
  'rbac.authorization.k8s.io/RoleBinding': () => ({ roleRef: { apiGroup: '', kind: '', name: '' } }),
  'rbac.authorization.k8s.io/ClusterRoleBinding': () => ({ roleRef: { apiGroup: '', kind: '', name: '' } }),
  'storage.k8s.io/StorageClass': () => ({ provisioner: '' }),
};

/** The zero object of a kind, the left-hand side a create is compared with. */
export function zeroObject(gk: GroupKind): Obj {
  return { metadata: meta(), ...(zeroBodies[`${gk.group}/${gk.kind}`]?.() ?? {}) };
}
