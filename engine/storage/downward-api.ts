/**
 * The downward API: pod fields and container resources as text, for `env[].valueFrom.fieldRef`,
 * `resourceFieldRef` and downwardAPI volume files. The kubelet fills a limit the container does
 * not set with the node's allocatable (`limits.cpu` of an unlimited container is the node's CPUs).
 */
import type { Container, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { milliValue, parseQuantity } from '../api/validation/quantity.ts';

/** What the kubelet knows about the pod beyond its object: its IP and its node. */
export interface PodFacts {
  podIP?: string;
  hostIP: string;
  nodeName: string;
  /** The node's allocatable cpu and memory (quantities). */
  allocatable: { cpu: string; memory: string };
}

/** `key="value"` lines, sorted, as the downward API writes labels and annotations to a file. */
export function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {}).sort().map((k) => `${k}="${(map ?? {})[k]}"`).join('\n');
}

/** The value of a pod field, or undefined when the field path is not supported. */
export function podFieldValue(pod: KubeObject, fieldPath: string, facts: PodFacts, forVolume = false): string | undefined {
  const meta = pod.metadata;
  const subscript = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (subscript) return (subscript[1] === 'labels' ? meta.labels : meta.annotations)?.[subscript[2]] ?? '';
  const spec = pod.spec as { nodeName?: string; serviceAccountName?: string };
  switch (fieldPath) {
    case 'metadata.name': return meta.name ?? '';
    case 'metadata.namespace': return meta.namespace ?? '';
    case 'metadata.uid': return meta.uid ?? '';
    case 'metadata.labels': return forVolume ? formatMap(meta.labels) : undefined;
    case 'metadata.annotations': return forVolume ? formatMap(meta.annotations) : undefined;
    case 'spec.nodeName': return spec.nodeName ?? facts.nodeName;
    case 'spec.serviceAccountName': return spec.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs': return facts.hostIP;
    case 'status.podIP':
    case 'status.podIPs': return facts.podIP ?? '';
    default: return undefined;
  }
}

/**
 * A container resource in units of the divisor, rounded up: `limits.memory` 64Mi with divisor
 * 1Mi is `64`; `limits.cpu` 250m with the default divisor 1 is `1`, with divisor 1m `250`.
 */
export function resourceFieldValue(container: Container, selector: ResourceFieldSelector, facts: PodFacts): string {
  const [kind, name] = selector.resource.split('.') as ['limits' | 'requests', string];
  const set = container.resources?.[kind]?.[name] ?? container.resources?.limits?.[name];
  const fallback = kind === 'limits' ? facts.allocatable[name as 'cpu' | 'memory'] : undefined;
  const value = set ?? fallback ?? '0';
  const divisor = selector.divisor !== undefined ? String(selector.divisor) : '1';
  const amount = milliValue(parseQuantity(String(value)));
  const unit = milliValue(parseQuantity(divisor)) || 1000;
  return String(Math.ceil(amount / unit));
}
