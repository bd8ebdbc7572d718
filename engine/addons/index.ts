/**
 * The add-ons of the default cluster (DESIGN.md contract 4), in the order kubeadm, kind and the
 * ingress-nginx manifest create them. The control plane's static pods are not here: the
 * control-plane node's kubelet runs them (control-plane.ts, kubelet/static-pods.ts).
 */
import type { KubeObject } from '../api/types.ts';
import { coreDNSObjects } from './coredns.ts';
import { ingressNginxObjects } from './ingress-nginx.ts';
import { localPathObjects } from './local-path.ts';
import { nodeAgentObjects } from './node-agents.ts';

export { controlPlaneStaticPods } from './control-plane.ts';
export { clusterDNSIP } from './coredns.ts';

/** Every add-on object, in creation order. */
export function addonObjects(): KubeObject[] {
  return [...coreDNSObjects(), ...nodeAgentObjects(), ...localPathObjects(), ...ingressNginxObjects()];
}
