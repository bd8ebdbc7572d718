/**
 * `kubectl describe node`: taints, the node's Lease in kube-node-lease, conditions, addresses,
 * capacity, System Info, then the non-terminated pods on the node with their requests and limits.
 */
import { collectionPath, listAll, type DescribeClient } from './client.ts';
import { describeEvents, searchEvents } from './events.ts';
import { arr, obj, printAnnotations, printLabels, printTaints, rfc1123z, sortStrings, str, type Obj } from './format.ts';
import { describeNodeResource } from './node-resources.ts';
import { quantityText, sortedNames } from './resource-list.ts';
import { PrefixWriter } from './writer.ts';

const nodeRolePrefix = 'node-role.kubernetes.io/';

/** `findNodeRoles`: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
export function findNodeRoles(labels: Record<string, string>): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith(nodeRolePrefix)) {
      const role = key.slice(nodeRolePrefix.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
  }
  return sortStrings([...roles]);
}

/**
 * The NodeDescriber's reads: the node's non-terminated pods in every namespace, and events about the
 * node found twice — by its UID (controllers) and by its name as UID (the kubelet) — then merged.
 */
export function describeNodeWithReads(client: DescribeClient, node: Obj, now: number): string {
  const metadata = obj(node.metadata);
  const name = str(metadata.name);
  const fieldSelector = `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`;
  const pods = listAll(client, collectionPath('', 'v1', 'pods', ''), { fieldSelector });
  const ref = { kind: 'Node', name, namespace: '', uid: str(metadata.uid) };
  const byUid = searchEvents(client, ref);
  const byName = searchEvents(client, { ...ref, uid: name });
  const events = byUid ? [...byUid, ...(byName ?? [])] : undefined;
  const lease = client.handle({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(name)}` });
  const leaseResult = lease.status === 200 ? { lease: obj(lease.body) } : { error: str(obj(lease.body).message) };
  return describeNode(node, pods, events, leaseResult, now);
}

/** The Lease read: the object, or the error text of the failed get. */
export type LeaseResult = { lease: Obj } | { error: string };

/** `describeNode`; `pods` undefined prints `Pods:  not authorized` as for a forbidden list. */
export function describeNode(node: Obj, pods: Obj[] | undefined, events: Obj[] | undefined, lease: LeaseResult, now: number): string {
  const metadata = obj(node.metadata);
  const spec = obj(node.spec);
  const status = obj(node.status);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  const roles = findNodeRoles(obj(metadata.labels) as Record<string, string>);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', metadata.labels);
  printAnnotations(w, 'Annotations', metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(metadata.creationTimestamp)}\n`);
  printTaints(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  if ('lease' in lease) describeNodeLease(lease.lease, w);
  else w.write(0, `Lease:\tFailed to get lease: ${lease.error}\n`);
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const address of arr(status.addresses)) w.write(1, `${str(address.type)}:\t${str(address.address)}\n`);
  for (const [title, list] of [['Capacity', obj(status.capacity)], ['Allocatable', obj(status.allocatable)]] as const) {
    if (Object.keys(list).length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const resource of sortedNames(list)) w.write(0, `  ${resource}:\t${quantityText(list[resource])}\n`);
  }
  const info = obj(status.nodeInfo);
  w.write(0, 'System Info:\n');
  const infoFields: Array<[string, string]> = [
    ['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion'],
  ];
  for (const [title, field] of infoFields) w.write(0, `  ${title}:\t${str(info[field])}\n`);
  if (str(spec.podCIDR)) w.write(0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
  const cidrs = arr(spec.podCIDRs).map(str);
  if (cidrs.length > 0) w.write(0, `PodCIDRs:\t${cidrs.join(',')}\n`);
  if (str(spec.providerID)) w.write(0, `ProviderID:\t${str(spec.providerID)}\n`);
  if (pods) describeNodeResource(pods, node, w, now);
  else w.write(0, 'Pods:\tnot authorized\n');
  if (events) describeEvents(events, w, now);
  return w.text();
}

/** `describeNodeLease`: holder, acquire and renew times, each `<unset>` when missing. */
function describeNodeLease(lease: Obj, w: PrefixWriter): void {
  const spec = obj(lease.spec);
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`);
}
