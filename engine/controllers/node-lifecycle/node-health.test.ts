import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import type { NodeCondition, Taint } from './node-health.ts';
import { noExecuteChange, ownedNoScheduleTaints, silencedConditions, swapTaints, wantedNoScheduleTaints } from './node-health.ts';

const t0 = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z');

function node(conditions: NodeCondition[], spec: Record<string, unknown> = {}): KubeObject {
  return { metadata: { name: 'node-2', creationTimestamp: at(0) }, spec, status: { conditions } };
}

const healthy: NodeCondition[] = [
  { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: at(10), lastTransitionTime: at(0), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', lastHeartbeatTime: at(10), lastTransitionTime: at(0), reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', lastHeartbeatTime: at(10), lastTransitionTime: at(0), reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', lastHeartbeatTime: at(10), lastTransitionTime: at(0), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

const unknown = (type: string): NodeCondition => ({
  type, status: 'Unknown', lastHeartbeatTime: at(10), lastTransitionTime: at(85), reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.',
});

describe('silencedConditions', () => {
  it('turns every kubelet condition Unknown, keeping the last heartbeat', () => {
    expect(silencedConditions(node(healthy), t0 + 85_000)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map(unknown));
  });

  it('adds conditions the kubelet never posted and leaves Unknown ones alone', () => {
    const already = { ...unknown('Ready'), lastTransitionTime: at(40) };
    expect(silencedConditions(node([already]), t0 + 85_000)).toEqual([
      already,
      ...['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({
        type, status: 'Unknown', lastHeartbeatTime: at(0), lastTransitionTime: at(85), reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
      })),
    ]);
  });
});

describe('NoSchedule taints from conditions', () => {
  it.each<[string, NodeCondition[], Record<string, unknown>, string[]]>([
    ['healthy', healthy, {}, []],
    ['Ready Unknown', [unknown('Ready')], {}, ['node.kubernetes.io/unreachable']],
    ['Ready False', [{ type: 'Ready', status: 'False' }], {}, ['node.kubernetes.io/not-ready']],
    ['memory and disk pressure', [{ type: 'MemoryPressure', status: 'True' }, { type: 'DiskPressure', status: 'True' }], {}, ['node.kubernetes.io/memory-pressure', 'node.kubernetes.io/disk-pressure']],
    ['cordoned', healthy, { unschedulable: true }, ['node.kubernetes.io/unschedulable']],
  ])('%s', (_name, conditions, spec, keys) => {
    expect(wantedNoScheduleTaints(node(conditions, spec))).toEqual(keys.map((key) => ({ key, effect: 'NoSchedule' })));
  });

  it('owns only condition and unschedulable NoSchedule taints', () => {
    const taints: Taint[] = [
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ];
    expect(ownedNoScheduleTaints(node([], { taints }))).toEqual([taints[1], taints[3]]);
  });
});

describe('swapTaints and noExecuteChange', () => {
  const control: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
  const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at(90) };
  it.each<[string, Taint[], string, Taint[] | undefined]>([
    ['Unknown adds unreachable, stamped', [control], 'Unknown', [control, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: at(100) }]],
    ['Unknown again changes nothing', [control, unreachable], 'Unknown', undefined],
    ['False swaps unreachable for not-ready', [unreachable], 'False', [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: at(100) }]],
    ['True removes it', [control, unreachable], 'True', [control]],
    ['True with nothing to remove', [control], 'True', undefined],
  ])('%s', (_name, current, ready, expected) => {
    const { add, remove } = noExecuteChange(ready);
    expect(swapTaints(current, add, remove, t0 + 100_000)).toEqual(expected);
  });
});
