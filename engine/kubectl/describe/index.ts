/**
 * `kubectl describe` as kubectl 1.32's describers print it. `describeObject` makes the same extra
 * reads real kubectl makes (events, a Deployment's ReplicaSets, a Service's EndpointSlices, the
 * pods of a controller, a Namespace's quotas and limits) through the API's front door.
 */
import type { ResourceInfo } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { DescribeClient } from './client.ts';
import { describeHorizontalPodAutoscaler } from './autoscaling.ts';
import { getObject } from './client.ts';
import { describeConfigMap, describeNamespace, describeSecret } from './config.ts';
import { describeCronJob, describeReplicationController } from './controllers.ts';
import { describeEndpointSlice, describeEndpoints } from './endpoints.ts';
import { searchEvents } from './events.ts';
import { obj, str, type Obj } from './format.ts';
import { describeGeneric } from './generic.ts';
import { describeIngress, describeIngressClass } from './ingress.ts';
import { describeNetworkPolicy } from './network-policy.ts';
import { describeNodeWithReads } from './node.ts';
import { describePod } from './pod.ts';
import { describeLimitRange, describeResourceQuota } from './quota.ts';
import { describeRole, describeRoleBinding } from './rbac.ts';
import { describePodDisruptionBudget, describePriorityClass } from './scheduling.ts';
import { describeService } from './service.ts';
import { describeServiceAccount, serviceAccountSecrets } from './service-account.ts';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, podsForClaim } from './storage.ts';
import { describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeStatefulSet } from './workloads.ts';

export type { DescribeClient } from './client.ts';
export { PrefixWriter, layoutTabs } from './writer.ts';

/**
 * The text `kubectl describe` prints for one object (ending in a newline). Several objects are
 * joined by the caller with `"\n\n"` before each one after the first, as kubectl does.
 */
export function describeObject(client: DescribeClient, info: ResourceInfo, object: KubeObject, now: number): string {
  const target = object as unknown as Obj;
  const metadata = obj(target.metadata);
  const ref = { kind: info.kind, name: str(metadata.name), namespace: str(metadata.namespace), uid: str(metadata.uid) };
  const events = (): Obj[] | undefined => searchEvents(client, ref);
  const kind = `${info.group}/${info.kind}`;
  switch (kind) {
    case '/Pod': {
      // The Pod describer leaves the kind out of its event search; mirror pods use the mirror's UID.
      const mirror = obj(metadata.annotations)['kubernetes.io/config.mirror'];
      return describePod(target, searchEvents(client, { ...ref, kind: '', uid: typeof mirror === 'string' ? mirror : ref.uid }), now);
    }
    case 'apps/Deployment':
      return describeDeployment(client, target, events(), now);
    case 'apps/ReplicaSet':
      return describeReplicaSet(client, target, events(), now);
    case 'apps/StatefulSet':
      return describeStatefulSet(client, target, events(), now);
    case 'apps/DaemonSet':
      return describeDaemonSet(client, target, events(), now);
    case 'batch/Job':
      return describeJob(target, events(), now);
    case '/Service':
      return describeService(client, target, events(), now);
    case '/ConfigMap':
      return describeConfigMap(target, events(), now);
    case '/Secret':
      return describeSecret(target);
    case '/Namespace':
      return describeNamespace(client, target);
    case '/Node':
      return describeNodeWithReads(client, target, now);
    case '/PersistentVolumeClaim':
      return describePersistentVolumeClaim(target, podsForClaim(client, target), events(), now);
    case '/PersistentVolume':
      return describePersistentVolume(target, events(), now);
    case 'storage.k8s.io/StorageClass':
      return describeStorageClass(target, events(), now);
    case 'networking.k8s.io/Ingress':
      return describeIngress(client, target, events(), now);
    case 'networking.k8s.io/IngressClass':
      return describeIngressClass(target, events(), now);
    case 'networking.k8s.io/NetworkPolicy':
      return describeNetworkPolicy(target);
    case 'autoscaling/HorizontalPodAutoscaler': {
      // The describer always reads autoscaling/v2, whatever version the object was fetched in.
      const v2 = target.apiVersion === 'autoscaling/v2' ? target
        : getObject(client, `/apis/autoscaling/v2/namespaces/${ref.namespace}/horizontalpodautoscalers/${encodeURIComponent(ref.name)}`) ?? target;
      return describeHorizontalPodAutoscaler(v2, events(), now);
    }
    case '/ServiceAccount': {
      const { tokens, missing } = serviceAccountSecrets(client, target);
      return describeServiceAccount(target, tokens, missing, events(), now);
    }
    case '/ResourceQuota':
      return describeResourceQuota(target);
    case '/LimitRange':
      return describeLimitRange(target);
    case '/Endpoints':
      return describeEndpoints(target, events(), now);
    case 'discovery.k8s.io/EndpointSlice':
      return describeEndpointSlice(target, events(), now);
    case 'batch/CronJob':
      return describeCronJob(target, events(), now);
    case '/ReplicationController':
      return describeReplicationController(client, target, events(), now);
    case 'rbac.authorization.k8s.io/Role':
    case 'rbac.authorization.k8s.io/ClusterRole':
      return describeRole(target);
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      return describeRoleBinding(target);
    case 'policy/PodDisruptionBudget':
      return describePodDisruptionBudget(target, events(), now);
    case 'scheduling.k8s.io/PriorityClass':
      return describePriorityClass(target, events(), now);
    default:
      return describeGeneric(target, events(), now);
  }
}
