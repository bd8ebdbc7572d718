import { describe, expect, it } from 'vitest';
import type { PodSummary } from '../../worker/protocol.ts';
import { PodGroups } from './pod-groups.ts';

function pod(namespace: string, name: string, nodeName?: string, status = 'Running'): PodSummary {
  return { kind: 'Pod', key: `Pod/${namespace}/${name}`, namespace, name, nodeName, phase: status, status, ready: '1/1', restarts: 0 };
}

const names = (pods: readonly PodSummary[]): string[] => pods.map((p) => `${p.namespace}/${p.name}`);

describe('PodGroups', () => {
  const cases: { name: string; batches: [PodSummary[], string[]][]; touched: string[]; lists: Record<string, string[]> }[] = [
    {
      name: 'groups by node, unscheduled under the empty name, sorted by namespace then name (byte order, as kubectl)',
      batches: [[[pod('default', 'web-b', 'node-1'), pod('kube-system', 'a', 'node-1'), pod('default', 'Web-a', 'node-1'), pod('default', 'pending')], []]],
      touched: ['node-1', ''],
      lists: { 'node-1': ['default/Web-a', 'default/web-b', 'kube-system/a'], '': ['default/pending'] },
    },
    {
      name: 'a pod that is scheduled leaves the unscheduled group and joins its node',
      batches: [[[pod('default', 'web', undefined, 'Pending')], []], [[pod('default', 'web', 'node-2')], []]],
      touched: ['', 'node-2'],
      lists: { '': [], 'node-2': ['default/web'] },
    },
    {
      name: 'a status change touches only its own node',
      batches: [[[pod('default', 'a', 'node-1'), pod('default', 'b', 'node-2')], []], [[pod('default', 'a', 'node-1', 'Terminating')], []]],
      touched: ['node-1'],
      lists: { 'node-1': ['default/a'], 'node-2': ['default/b'] },
    },
    {
      name: 'a removal empties its group; removed keys of other kinds are ignored',
      batches: [[[pod('default', 'a', 'node-1')], []], [[], ['Pod/default/a', 'Node//node-1', 'Pod/default/never-seen']]],
      touched: ['node-1'],
      lists: { 'node-1': [] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const groups = new PodGroups();
      let touched = new Set<string>();
      for (const [changed, removed] of c.batches) touched = groups.apply(changed, removed);
      expect([...touched].sort()).toEqual([...c.touched].sort());
      for (const [node, want] of Object.entries(c.lists)) expect(names(groups.list(node))).toEqual(want);
    });
  }

  it('keeps the same array for a group that did not change, and a new one for a group that did', () => {
    const groups = new PodGroups();
    groups.apply([pod('default', 'a', 'node-1'), pod('default', 'b', 'node-2')], []);
    const [one, two] = [groups.list('node-1'), groups.list('node-2')];
    groups.apply([pod('default', 'b', 'node-2', 'Terminating')], []);
    expect(groups.list('node-1')).toBe(one);
    expect(groups.list('node-2')).not.toBe(two);
    expect(groups.list('node-2')[0].status).toBe('Terminating');
  });

  it('clear forgets every pod and names the groups that had some', () => {
    const groups = new PodGroups();
    groups.apply([pod('default', 'a', 'node-1'), pod('default', 'b')], []);
    expect([...groups.clear()].sort()).toEqual(['', 'node-1']);
    expect(groups.size).toBe(0);
    expect(groups.list('node-1')).toEqual([]);
  });
});
