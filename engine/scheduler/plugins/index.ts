/**
 * The default profile's plugins, in v1.32's order (the order Filter runs them: a node is rejected
 * by the first plugin that says no, and only that plugin's reasons count in the message).
 */
import type { Plugin } from '../types.ts';
import { interPodAffinity } from './inter-pod-affinity.ts';
import { nodeAffinity } from './node-affinity.ts';
import { nodeName } from './node-name.ts';
import { nodeResourcesBalancedAllocation } from './node-resources-balanced-allocation.ts';
import { nodeResourcesFit } from './node-resources-fit.ts';
import { nodeUnschedulable } from './node-unschedulable.ts';
import { podTopologySpread } from './pod-topology-spread.ts';
import { taintToleration } from './taint-toleration.ts';
import { volumeBinding } from './volume-binding.ts';
import { volumeRestrictions } from './volume-restrictions.ts';

/** Every plugin of the default profile by name. */
export const defaultPlugins = {
  NodeUnschedulable: nodeUnschedulable,
  NodeName: nodeName,
  TaintToleration: taintToleration,
  NodeAffinity: nodeAffinity,
  NodeResourcesFit: nodeResourcesFit,
  VolumeRestrictions: volumeRestrictions,
  VolumeBinding: volumeBinding,
  PodTopologySpread: podTopologySpread,
  InterPodAffinity: interPodAffinity,
  NodeResourcesBalancedAllocation: nodeResourcesBalancedAllocation,
} satisfies Record<string, Plugin>;
