/**
 * The Endpoints and EndpointSlice of the `default/kubernetes` Service. No controller makes these:
 * kube-apiserver's endpoint reconciler (pkg/controlplane/reconcilers) writes them with its own
 * address and secure port. The Endpoints carries `endpointslice.kubernetes.io/skip-mirror: "true"`
 * so that mirroring leaves it alone; the slice, named `kubernetes`, has no managed-by label.
 */
import type { KubeObject } from '../../api/types.ts';
import { serviceNameLabel } from './reconciler.ts';

/** Set on Endpoints that EndpointSlice mirroring must not copy. */
export const skipMirrorLabel = 'endpointslice.kubernetes.io/skip-mirror';

/** kube-apiserver's `--secure-port` on a kind control plane. */
export const apiServerPort = 6443;

/**
 * `[Endpoints, EndpointSlice]` for `default/kubernetes` pointing at `address:6443` (the control
 * plane's InternalIP, `172.18.0.2` on kind). Create them as the API server (its user agent).
 */
export function kubernetesEndpointObjects(address: string): [KubeObject, KubeObject] {
  const endpoints: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { [skipMirrorLabel]: 'true' } },
    subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }] }],
  };
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { [serviceNameLabel]: 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [address], conditions: { ready: true } }],
    ports: [{ name: 'https', port: apiServerPort, protocol: 'TCP' }],
  };
  return [endpoints, slice];
}
