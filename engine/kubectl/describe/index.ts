/**
 * `kubectl describe` as kubectl 1.32's describers print it. `describeObject` makes the same extra
 * reads real kubectl makes (events, a Deployment's ReplicaSets, a Service's EndpointSlices, the
 * pods of a controller, a Namespace's quotas and limits) through the API's front door.
 */
import type { ResourceInfo } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { DescribeClient } from './client.ts';
import { describeConfigMap, describeNamespace, describeSecret } from './config.ts';
import { searchEvents } from './events.ts';
import { obj, str, type Obj } from './format.ts';
import { describeGeneric } from './generic.ts';
import { describePod } from './pod.ts';
import { describeService } from './service.ts';
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
    default:
      return describeGeneric(target, events(), now);
  }
}
