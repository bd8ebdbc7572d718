/**
 * Small summaries of nodes, pods and namespaces for the cluster view: only what a card shows, so a
 * change batch stays a few hundred bytes per object instead of the whole object.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { nodeStatus } from '../engine/api/table/cluster.ts';
import type { KubeObject } from '../engine/api/types.ts';
import type { NamespaceSummary, NodeSummary, ObjectSummary, PodSummary } from './protocol.ts';

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string }; running?: unknown };
}

/** The key of an object in a batch: `Kind/namespace/name` (cluster-scoped objects leave the namespace empty). */
export function summaryKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function nodeSummary(object: KubeObject): NodeSummary {
  const spec = (object.spec ?? {}) as { unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
  const status = (object.status ?? {}) as { capacity?: Record<string, string> };
  const labels = object.metadata.labels ?? {};
  const roles = Object.keys(labels).filter((l) => l.startsWith('node-role.kubernetes.io/')).map((l) => l.slice('node-role.kubernetes.io/'.length));
  return {
    kind: 'Node', key: summaryKey('Node', undefined, object.metadata.name!), name: object.metadata.name!,
    // The STATUS column of `kubectl get nodes`, from the same printer the API server's Table uses:
    // a Ready condition of False or Unknown is `NotReady`; only a node with no Ready condition is `Unknown`.
    status: nodeStatus(object as Node), roles, cpu: status.capacity?.cpu ?? '', memory: status.capacity?.memory ?? '',
    zone: labels['topology.kubernetes.io/zone'],
    taints: (spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
  };
}

/** The STATUS column of `kubectl get pods`, simplified: Terminating, a container's waiting or terminated reason, else the phase. */
function podStatusText(object: KubeObject, phase: string, containers: ContainerStatus[]): string {
  if (object.metadata.deletionTimestamp) return 'Terminating';
  const status = (object.status ?? {}) as { reason?: string };
  if (status.reason) return status.reason;
  for (const c of containers) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason;
    if (c.state?.terminated?.reason && phase !== 'Succeeded') return c.state.terminated.reason;
  }
  return phase;
}

function podSummary(object: KubeObject): PodSummary {
  const spec = (object.spec ?? {}) as { nodeName?: string; containers?: unknown[] };
  const status = (object.status ?? {}) as { phase?: string; containerStatuses?: ContainerStatus[] };
  const containers = status.containerStatuses ?? [];
  const phase = status.phase ?? 'Pending';
  const total = spec.containers?.length ?? containers.length;
  return {
    kind: 'Pod', key: summaryKey('Pod', object.metadata.namespace, object.metadata.name!),
    namespace: object.metadata.namespace ?? 'default', name: object.metadata.name!, nodeName: spec.nodeName,
    phase, status: podStatusText(object, phase, containers),
    ready: `${containers.filter((c) => c.ready).length}/${total}`,
    restarts: containers.reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
    ownerKind: object.metadata.ownerReferences?.[0]?.kind,
  };
}

function namespaceSummary(object: KubeObject): NamespaceSummary {
  const status = (object.status ?? {}) as { phase?: string };
  return { kind: 'Namespace', key: summaryKey('Namespace', undefined, object.metadata.name!), name: object.metadata.name!, phase: status.phase ?? 'Active' };
}

/** The summary of a watched object, by its kind. */
export function summarize(object: KubeObject): ObjectSummary {
  switch (object.kind) {
    case 'Node': return nodeSummary(object);
    case 'Namespace': return namespaceSummary(object);
    default: return podSummary(object);
  }
}
