import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { newNodeInfo } from '../../scheduler/node-info.ts';
import { daemonPodTemplate, pinToNode, placementFor, targetNodeName, withDaemonPodTolerations } from './placement.ts';

function node(name: string, labels: Record<string, string> = {}, taints: Record<string, string>[] = []): ReturnType<typeof newNodeInfo> {
  return newNodeInfo({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: { taints } }, name);
}

function daemonSet(podSpec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }], ...podSpec } } } };
}

const defaults = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

describe('withDaemonPodTolerations', () => {
  it.each([
    { name: 'none: the six defaults in order', given: undefined, hostNetwork: false, want: defaults },
    {
      name: 'hostNetwork adds network-unavailable', given: undefined, hostNetwork: true,
      want: [...defaults, { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' }],
    },
    {
      name: 'a matching toleration with tolerationSeconds is replaced in place', hostNetwork: false,
      given: [{ key: 'app', operator: 'Equal', value: 'x', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      want: [{ key: 'app', operator: 'Equal', value: 'x', effect: 'NoSchedule' }, ...defaults],
    },
    {
      name: 'a toleration of the same key with another effect is kept beside the default', hostNetwork: false,
      given: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      want: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, ...defaults],
    },
  ])('$name', ({ given, hostNetwork, want }) => {
    expect(withDaemonPodTolerations(given, hostNetwork)).toEqual(want);
  });
});

describe('placementFor (NodeShouldRunDaemonPod)', () => {
  const controlPlane = node('control-plane', { 'node-role.kubernetes.io/control-plane': '' }, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  const worker = node('node-1', { 'topology.kubernetes.io/zone': 'zone-a' });
  const noExecute = node('node-2', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]);
  const notReady = node('node-3', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
  const preferNo = node('node-4', {}, [{ key: 'spot', effect: 'PreferNoSchedule' }]);
  const nodes = [controlPlane, worker, noExecute, notReady, preferNo];
  const run = { shouldRun: true, shouldContinueRunning: true };
  const stay = { shouldRun: false, shouldContinueRunning: true };
  const no = { shouldRun: false, shouldContinueRunning: false };

  it.each([
    { name: 'plain template: NoSchedule keeps existing pods, NoExecute removes them', spec: {}, want: [stay, run, no, run, run] },
    { name: 'tolerating the control-plane taint', spec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }, want: [run, run, no, run, run] },
    { name: 'an empty-key Exists toleration tolerates everything', spec: { tolerations: [{ operator: 'Exists' }] }, want: [run, run, run, run, run] },
    { name: 'nodeSelector', spec: { nodeSelector: { 'topology.kubernetes.io/zone': 'zone-a' } }, want: [no, run, no, no, no] },
    {
      name: 'required node affinity',
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }] }] } } } },
      want: [no, run, no, run, run],
    },
    { name: 'spec.nodeName pins the template to one node', spec: { nodeName: 'node-4' }, want: [no, no, no, no, run] },
  ])('$name', ({ spec, want }) => {
    const fits = placementFor(daemonSet(spec));
    expect(nodes.map((n) => fits(n))).toEqual(want);
  });
});

describe('pod pinning', () => {
  const pinned = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }] } } };

  it.each([
    { name: 'no affinity', affinity: undefined, want: pinned },
    {
      name: 'required terms are replaced, preferred terms and pod anti-affinity kept',
      affinity: {
        podAntiAffinity: { x: 1 },
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }],
        },
      },
      want: {
        podAntiAffinity: { x: 1 },
        nodeAffinity: { ...pinned.nodeAffinity, preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }] },
      },
    },
  ])('pinToNode: $name', ({ affinity, want }) => {
    expect(pinToNode(affinity, 'node-2')).toEqual(want);
  });

  it.each([
    { name: 'bound pod: spec.nodeName', spec: { nodeName: 'node-1', affinity: pinned }, want: 'node-1' },
    { name: 'pending pod: the matchFields term', spec: { affinity: pinned }, want: 'node-2' },
    { name: 'no affinity', spec: {}, want: undefined },
    { name: 'two values are not one node', spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }] } } } }, want: undefined },
  ])('targetNodeName: $name', ({ spec, want }) => {
    expect(targetNodeName({ metadata: { name: 'p', namespace: 'default' }, spec })).toBe(want);
  });

  it('daemonPodTemplate adds the labels and tolerations without touching the DaemonSet', () => {
    const template = { metadata: { labels: { app: 'fluentd' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    expect(daemonPodTemplate(template, 3, '6b9f7c8d5')).toEqual({
      metadata: { labels: { app: 'fluentd', 'pod-template-generation': '3', 'controller-revision-hash': '6b9f7c8d5' } },
      spec: { containers: [{ name: 'c', image: 'x' }], tolerations: defaults },
    });
    expect(template).toEqual({ metadata: { labels: { app: 'fluentd' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  });
});
