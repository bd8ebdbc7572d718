import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../cache.ts';
import { makeNode, makePod, type PodBuilder } from '../test-helpers.ts';
import type { FilterPlugin, KubeNodeOptions, NodeInfo, PreFilterPlugin, ScorePlugin } from './test-types.ts';
import { defaultPlugins } from './index.ts';

/** A cache with the given nodes; `placed` pods are bound to the nodes their builder names. */
function view(nodes: [string, KubeNodeOptions][], placed: [PodBuilder, string][] = []): SchedulerCache {
  const cache = new SchedulerCache();
  for (const [name, options] of nodes) cache.setNode(makeNode(name, options));
  placed.forEach(([pod, node], i) => cache.addPod({ ...pod.toInfo(`placed-${i}`), nodeName: node }));
  return cache;
}

/** Run PreFilter (if any) then Filter for one node; the status as `[code, ...reasons]`. */
function filterOn(plugin: FilterPlugin & Partial<PreFilterPlugin>, pod: PodBuilder, node: string, cache: SchedulerCache): string[] {
  const state = new Map<string, unknown>();
  const info = pod.toInfo('incoming');
  if (plugin.preFilter) {
    const pre = plugin.preFilter(state, info, cache);
    if (pre.code === 'Skip') return ['Skip'];
    if (pre.code !== 'Success') return [pre.code, ...pre.reasons];
  }
  const status = plugin.filter(state, info, cache.node(node) as NodeInfo, cache);
  return [status.code, ...status.reasons];
}

const workers: [string, KubeNodeOptions][] = [['w1', { zone: 'a' }], ['w2', { zone: 'b' }], ['w3', { zone: 'c' }]];
const taint = (key: string, effect: string, value?: string) => ({ labels: {}, taints: [{ key, effect, ...(value ? { value } : {}) }] });

describe('Filter plugins', () => {
  it.each<{ plugin: keyof typeof defaultPlugins; pod: PodBuilder; nodes?: [string, KubeNodeOptions][]; placed?: [PodBuilder, string][]; node?: string; want: string[] }>([
    { plugin: 'NodeName', pod: makePod('p'), want: ['Skip'] },
    { plugin: 'NodeName', pod: makePod('p').spec({ nodeName: 'w2' }), want: ['UnschedulableAndUnresolvable', "node(s) didn't match the requested node name"] },
    { plugin: 'NodeName', pod: makePod('p').spec({ nodeName: 'w1' }), want: ['Success'] },
    { plugin: 'NodeUnschedulable', pod: makePod('p'), nodes: [['w1', { unschedulable: true }]], want: ['UnschedulableAndUnresolvable', 'node(s) were unschedulable'] },
    { plugin: 'NodeUnschedulable', pod: makePod('p').spec({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), nodes: [['w1', { unschedulable: true }]], want: ['Success'] },
    { plugin: 'TaintToleration', pod: makePod('p'), nodes: [['w1', taint('node-role.kubernetes.io/control-plane', 'NoSchedule')]], want: ['UnschedulableAndUnresolvable', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
    { plugin: 'TaintToleration', pod: makePod('p'), nodes: [['w1', taint('dedicated', 'NoExecute', 'gpu')]], want: ['UnschedulableAndUnresolvable', 'node(s) had untolerated taint {dedicated: gpu}'] },
    { plugin: 'TaintToleration', pod: makePod('p'), nodes: [['w1', taint('dedicated', 'PreferNoSchedule', 'gpu')]], want: ['Success'] },
    { plugin: 'TaintToleration', pod: makePod('p').spec({ tolerations: [{ operator: 'Exists' }] }), nodes: [['w1', taint('dedicated', 'NoSchedule', 'gpu')]], want: ['Success'] },
    { plugin: 'TaintToleration', pod: makePod('p').spec({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }] }), nodes: [['w1', taint('dedicated', 'NoSchedule', 'gpu')]], want: ['UnschedulableAndUnresolvable', 'node(s) had untolerated taint {dedicated: gpu}'] },
    { plugin: 'NodeAffinity', pod: makePod('p'), want: ['Skip'] },
    { plugin: 'NodeAffinity', pod: makePod('p').spec({ nodeSelector: { 'topology.kubernetes.io/zone': 'b' } }), want: ['UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector"] },
    { plugin: 'NodeAffinity', pod: makePod('p').spec({ nodeSelector: { 'topology.kubernetes.io/zone': 'a' } }), want: ['Success'] },
    {
      plugin: 'NodeAffinity', pod: makePod('p').spec({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: ['a'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }] },
      ] } } } }), want: ['Success'],
    },
    {
      plugin: 'NodeAffinity', pod: makePod('p').spec({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
        { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['b', 'c'] }] },
      ] } } } }), want: ['UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector"],
    },
    { plugin: 'NodeResourcesFit', pod: makePod('p').cpu('4'), want: ['Success'] },
    { plugin: 'NodeResourcesFit', pod: makePod('p').cpu('4001m'), want: ['Unschedulable', 'Insufficient cpu'] },
    { plugin: 'NodeResourcesFit', pod: makePod('p').cpu('3'), placed: [[makePod('q').cpu('1500m'), 'w1']], want: ['Unschedulable', 'Insufficient cpu'] },
    { plugin: 'NodeResourcesFit', pod: makePod('p').requests({ cpu: '5', memory: '9Gi', 'nvidia.com/gpu': '1' }), want: ['Unschedulable', 'Insufficient cpu', 'Insufficient memory', 'Insufficient nvidia.com/gpu'] },
    { plugin: 'NodeResourcesFit', pod: makePod('p'), nodes: [['w1', { pods: '1' }]], placed: [[makePod('q'), 'w1']], want: ['Unschedulable', 'Too many pods'] },
    {
      plugin: 'PodTopologySpread',
      pod: makePod('p').labels({ app: 'db' }).spec({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } }] }),
      nodes: workers, placed: [[makePod('db-0').labels({ app: 'db' }), 'w1']], want: ['Unschedulable', "node(s) didn't match pod topology spread constraints"],
    },
    {
      plugin: 'PodTopologySpread',
      pod: makePod('p').labels({ app: 'db' }).spec({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } }] }),
      nodes: workers, want: ['UnschedulableAndUnresolvable', "node(s) didn't match pod topology spread constraints (missing required label)"],
    },
    {
      plugin: 'InterPodAffinity',
      pod: makePod('p').spec({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'cache' } } }] } } }),
      nodes: workers, placed: [[makePod('cache').labels({ app: 'cache' }), 'w2']], want: ['UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules"],
    },
    {
      plugin: 'InterPodAffinity',
      pod: makePod('p').labels({ app: 'web' }).spec({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'web' } } }] } } }),
      nodes: workers, want: ['Success'], // the first pod of a group that wants to be with itself may go anywhere
    },
    {
      plugin: 'InterPodAffinity',
      pod: makePod('p').spec({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } } }),
      nodes: workers, placed: [[makePod('web').labels({ app: 'web' }), 'w1']], want: ['Unschedulable', "node(s) didn't match pod anti-affinity rules"],
    },
    {
      plugin: 'InterPodAffinity', pod: makePod('p').labels({ app: 'db' }), nodes: workers,
      placed: [[makePod('lonely').spec({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'db' } } }] } } }), 'w1']],
      want: ['Unschedulable', "node(s) didn't satisfy existing pods anti-affinity rules"],
    },
    { plugin: 'InterPodAffinity', pod: makePod('p'), nodes: workers, want: ['Skip'] },
    { plugin: 'VolumeBinding', pod: makePod('p'), want: ['Skip'] },
    { plugin: 'VolumeBinding', pod: makePod('p').spec({ volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] }), want: ['UnschedulableAndUnresolvable', 'persistentvolumeclaim "data" not found'] },
  ])('$plugin: $want', ({ plugin, pod, nodes, placed, node, want }) => {
    const cache = view(nodes ?? [['w1', { zone: 'a' }]], placed);
    expect(filterOn(defaultPlugins[plugin] as FilterPlugin, pod, node ?? 'w1', cache)).toEqual(want);
  });
});

/** Normalized scores of one plugin over the cache's nodes, by node name. */
function scores(plugin: ScorePlugin, pod: PodBuilder, cache: SchedulerCache): Record<string, number> | 'Skip' {
  const state = new Map<string, unknown>();
  const info = pod.toInfo('incoming');
  const nodes = cache.nodes();
  if (plugin.preScore && plugin.preScore(state, info, nodes, cache).code === 'Skip') return 'Skip';
  const out = new Float64Array(nodes.length);
  nodes.forEach((n, j) => { out[j] = plugin.score(state, info, n, cache); });
  plugin.normalize?.(state, out);
  return Object.fromEntries(nodes.map((n, j) => [n.name, out[j]]));
}

describe('Score plugins', () => {
  it.each<{ name: string; plugin: ScorePlugin; pod: PodBuilder; nodes: [string, KubeNodeOptions][]; placed?: [PodBuilder, string][]; want: Record<string, number> | 'Skip' }>([
    {
      // 1 cpu of 4 → 75; memory: the 200Mi default of 8Gi → 97; mean 86. With 2 more cpu placed: 25 and 97 → 61.
      name: 'LeastAllocated', plugin: defaultPlugins.NodeResourcesFit, pod: makePod('p').cpu('1'), nodes: workers.slice(0, 2),
      placed: [[makePod('q').requests({ cpu: '2', memory: '0' }), 'w2']], want: { w1: 86, w2: 61 },
    },
    {
      // w1: cpu 1/4 = .25, memory 1Gi/8Gi = .125 → std .0625 → 93. w2: cpu .25, memory 5Gi/8Gi → std .1875 → 81.
      name: 'BalancedAllocation', plugin: defaultPlugins.NodeResourcesBalancedAllocation, pod: makePod('p').requests({ cpu: '1', memory: '1Gi' }), nodes: workers.slice(0, 2),
      placed: [[makePod('q').requests({ memory: '4Gi' }), 'w2']], want: { w1: 93, w2: 81 },
    },
    { name: 'BalancedAllocation skips a BestEffort pod', plugin: defaultPlugins.NodeResourcesBalancedAllocation, pod: makePod('p'), nodes: workers, want: 'Skip' },
    {
      name: 'TaintToleration PreferNoSchedule', plugin: defaultPlugins.TaintToleration, pod: makePod('p'),
      nodes: [['w1', {}], ['w2', taint('spot', 'PreferNoSchedule')]], want: { w1: 100, w2: 0 },
    },
    {
      name: 'NodeAffinity preferred', plugin: defaultPlugins.NodeAffinity,
      pod: makePod('p').spec({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 80, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }] } },
        { weight: 20, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a', 'b'] }] } },
      ] } } }),
      nodes: workers, want: { w1: 100, w2: 20, w3: 0 },
    },
    {
      // zone counts a:2 b:1 c:0, weight log(3+2): raw = count·1.609 + 0 → 3, 2, 0 → 100·(3+0−s)/3.
      name: 'PodTopologySpread ScheduleAnyway', plugin: defaultPlugins.PodTopologySpread,
      pod: makePod('p').labels({ app: 'db' }).spec({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'db' } } }] }),
      nodes: workers, placed: [[makePod('a').labels({ app: 'db' }), 'w1'], [makePod('b').labels({ app: 'db' }), 'w1'], [makePod('c').labels({ app: 'db' }), 'w2']],
      want: { w1: 0, w2: 33, w3: 100 },
    },
    { name: 'PodTopologySpread without constraints or owners', plugin: defaultPlugins.PodTopologySpread, pod: makePod('p'), nodes: workers, want: 'Skip' },
    {
      name: 'InterPodAffinity preferred', plugin: defaultPlugins.InterPodAffinity,
      pod: makePod('p').spec({ affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'cache' } } } }] } } }),
      nodes: workers, placed: [[makePod('c1').labels({ app: 'cache' }), 'w2'], [makePod('c2').labels({ app: 'cache' }), 'w2'], [makePod('c3').labels({ app: 'cache' }), 'w3']],
      want: { w1: 0, w2: 100, w3: 50 },
    },
  ])('$name', ({ plugin, pod, nodes, placed, want }) => {
    expect(scores(plugin, pod, view(nodes, placed))).toEqual(want);
  });
});
