/**
 * The scheduler hot loop on its own (perf-anchors §5.1): N nodes of m5 sizes in three zones, 5 %
 * tainted for GPUs, and pods from 200 templates (40 % pinned to a zone, 10 % to an instance type,
 * 10 % tolerating the GPU taint, 100m–1 cpu, 128Mi–1Gi). Each pod is parsed, scheduled by the
 * default profile, recorded, and assumed onto its node — everything but the API round trip.
 * Not a test: bench/run.ts calls it and prints the figure. Budget: ≥ 50,000 pods/s at 1,000 nodes.
 */
import type { KubeObject } from '../api/types.ts';
import { Random } from '../clock.ts';
import { SchedulerCache } from './cache.ts';
import { SchedulerDecisions } from './decisions.ts';
import { Framework } from './framework.ts';
import { newPodInfo } from './pod-info.ts';

export interface SchedulerBenchOptions {
  seed?: number;
  percentageOfNodesToScore?: number;
  /** All pods belong to one ReplicaSet, so the default topology spreading scores every node (a Deployment). */
  replicaSet?: boolean;
  /** Wall clock in ms; the engine has no other. */
  now?: () => number;
}

export interface SchedulerBenchResult {
  podsPerSecond: number;
  scheduled: number;
  unschedulable: number;
  /** Time to schedule the pods, ms. */
  ms: number;
}

const sizes = [
  { type: 'm5.large', cpu: '1930m', memory: '7Gi' },
  { type: 'm5.xlarge', cpu: '3920m', memory: '14Gi' },
  { type: 'm5.2xlarge', cpu: '7910m', memory: '29Gi' },
  { type: 'm5.4xlarge', cpu: '15890m', memory: '58Gi' },
];
const zones = ['zone-a', 'zone-b', 'zone-c'];

function benchNode(i: number, random: Random): KubeObject {
  const size = sizes[random.int(sizes.length)];
  const name = `node-${i}`;
  const allocatable = { cpu: size.cpu, memory: size.memory, pods: '110', 'ephemeral-storage': '95Gi' };
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zones[i % 3], 'node.kubernetes.io/instance-type': size.type } },
    spec: random.float() < 0.05 ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {},
    status: { allocatable, capacity: allocatable },
  };
}

function benchTemplate(random: Random): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: `${100 * (1 + random.int(10))}m`, memory: `${128 * (1 + random.int(8))}Mi` } } }],
  };
  const roll = random.float();
  if (roll < 0.4) spec.nodeSelector = { 'topology.kubernetes.io/zone': zones[random.int(3)] };
  else if (roll < 0.5) spec.nodeSelector = { 'node.kubernetes.io/instance-type': sizes[random.int(sizes.length)].type };
  if (random.float() < 0.1) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }];
  return spec;
}

/** Schedule `podCount` pods onto `nodeCount` nodes and report pods per second. */
export function benchScheduler(nodeCount: number, podCount: number, options: SchedulerBenchOptions = {}): SchedulerBenchResult {
  const random = new Random(options.seed ?? 1);
  const now = options.now ?? (() => performance.now());
  const replicaSet = { metadata: { name: 'web-5d4f8', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } };
  const cache = new SchedulerCache({
    get: (resource) => (options.replicaSet && resource === 'replicasets' ? replicaSet : undefined),
    list: () => [],
  });
  for (let i = 0; i < nodeCount; i++) cache.setNode(benchNode(i, random));
  const templates = Array.from({ length: 200 }, () => benchTemplate(random));
  const pods: KubeObject[] = [];
  for (let i = 0; i < podCount; i++) {
    const metadata: KubeObject['metadata'] = { name: `pod-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web' } };
    if (options.replicaSet) metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f8', uid: 'rs', controller: true }];
    pods.push({ apiVersion: 'v1', kind: 'Pod', metadata, spec: templates[i % templates.length] });
  }
  const framework = new Framework({ percentageOfNodesToScore: options.percentageOfNodesToScore });
  const decisions = new SchedulerDecisions();
  let scheduled = 0;
  const start = now();
  for (const object of pods) {
    const pod = newPodInfo(object);
    const { decision } = framework.schedulePod(pod, cache, random, { attempt: 1, time: 0 });
    decisions.record(decision);
    if (decision.selectedNode) {
      cache.assume(pod, decision.selectedNode);
      scheduled++;
    }
  }
  const ms = now() - start;
  return { podsPerSecond: Math.round((podCount / ms) * 1000), scheduled, unschedulable: podCount - scheduled, ms: Math.round(ms) };
}
