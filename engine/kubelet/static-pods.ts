/**
 * Static pods: pods a kubelet runs from manifests on its node's disk (kubeadm's control plane),
 * and the mirror pods it creates in the API so that `kubectl get pods` shows them. A mirror pod
 * is owned by its Node, named `<manifest>-<node>`, and annotated with the manifest's hash; when
 * someone deletes it the kubelet simply creates it again, as the real kubelet does.
 */
import type { KubeObject } from '../api/types.ts';
import type { ApiClient } from '../runtime/informer.ts';
import { stableHex } from './images/digest.ts';

/** The annotation that marks a pod as the mirror of a static pod. */
export const mirrorAnnotation = 'kubernetes.io/config.mirror';

/** `kubernetes.io/config.seen`: RFC 3339 with the fraction trimmed, as Go's RFC3339Nano prints it. */
function seenTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0*Z$/, 'Z');
}

/** The mirror pod of `manifest` on `node` (the Node as registered, for its uid). */
export function mirrorPod(manifest: KubeObject, node: KubeObject, now: number): KubeObject {
  const nodeName = node.metadata.name!;
  const name = `${manifest.metadata.name}-${nodeName}`;
  const hash = stableHex(`${nodeName}:${JSON.stringify(manifest)}`).slice(0, 32);
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      name,
      namespace: manifest.metadata.namespace ?? 'default',
      annotations: {
        ...(manifest.metadata.annotations ?? {}),
        'kubernetes.io/config.hash': hash,
        [mirrorAnnotation]: hash,
        'kubernetes.io/config.seen': seenTime(now),
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid!, controller: true }],
    },
    spec: { ...(manifest.spec as object), nodeName },
  };
}

/** Create the mirror pods of a node's static pods that the API does not have. */
export function ensureMirrorPods(api: ApiClient, manifests: KubeObject[], node: KubeObject, now: number): void {
  for (const manifest of manifests) {
    const pod = mirrorPod(manifest, node, now);
    const namespace = pod.metadata.namespace!;
    const existing = api.handle({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}` });
    if (existing.status === 200) continue;
    api.handle({ method: 'POST', path: `/api/v1/namespaces/${namespace}/pods`, body: pod });
  }
}
