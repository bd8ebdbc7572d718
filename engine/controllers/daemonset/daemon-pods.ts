/**
 * The pods and revisions a DaemonSet controls (`getDaemonPods`, `controlledHistories`) and the
 * node → daemon pods map (`getNodesToDaemonPods`) every step of a sync reads. Candidates come
 * from the owner index — the DaemonSet's own objects plus orphans in its namespace — so the cost
 * follows the DaemonSet's pods, not every pod in the cluster.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Selector } from '../../api/selectors/labels.ts';
import type { ApiClient } from '../../runtime/informer.ts';
import { claim } from '../replicaset/controller-ref.ts';
import type { OwnerIndex } from '../replicaset/pod-index.ts';
import { podStatus } from '../replicaset/types.ts';
import { targetNodeName } from './placement.ts';

const ownerKind = { apiVersion: 'apps/v1', kind: 'DaemonSet' };

/** Claim from `index` for `ds`: adopt matching orphans, release owned objects that stopped matching. */
function claimFrom(api: ApiClient, ds: KubeObject, selector: Selector, index: OwnerIndex, collection: string): KubeObject[] {
  const namespace = ds.metadata.namespace!;
  return claim({
    api, owner: ds, ownerKind, ownerPath: `/apis/apps/v1/namespaces/${namespace}/daemonsets`, selector,
    pathOf: (object) => `${collection.replace('{ns}', namespace)}/${object.metadata.name}`,
  }, [...index.owned(ds.metadata.uid!), ...index.orphansIn(namespace)]);
}

/** `getDaemonPods`: the pods the DaemonSet controls after claiming (finished and terminating ones too). */
export function claimDaemonPods(api: ApiClient, ds: KubeObject, selector: Selector, pods: OwnerIndex): KubeObject[] {
  return claimFrom(api, ds, selector, pods, '/api/v1/namespaces/{ns}/pods');
}

/** `controlledHistories`: the ControllerRevisions the DaemonSet controls after claiming. */
export function claimRevisions(api: ApiClient, ds: KubeObject, selector: Selector, revisions: OwnerIndex): KubeObject[] {
  return claimFrom(api, ds, selector, revisions, '/apis/apps/v1/namespaces/{ns}/controllerrevisions');
}

/**
 * `getNodesToDaemonPods`: pods by the node they are bound or pinned to. A pod both finished and
 * being deleted has nothing left for the DaemonSet to do and is left out, unless
 * `includeDeletedTerminal` (history cleanup still counts its hash as live).
 */
export function nodeToDaemonPods(pods: readonly KubeObject[], includeDeletedTerminal: boolean): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const pod of pods) {
    const phase = podStatus(pod).phase;
    if (!includeDeletedTerminal && (phase === 'Succeeded' || phase === 'Failed') && pod.metadata.deletionTimestamp) continue;
    const nodeName = targetNodeName(pod);
    if (nodeName === undefined) continue;
    const list = out.get(nodeName);
    if (list) list.push(pod);
    else out.set(nodeName, [pod]);
  }
  return out;
}
