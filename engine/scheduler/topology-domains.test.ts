import { describe, expect, it } from 'vitest';
import { newNodeInfo } from './node-info.ts';
import { countDomains, domainId, topologyKeyId } from './topology-domains.ts';
import { makeNode } from './test-helpers.ts';
import type { NodeInfo } from './types.ts';

const zone = 'topology.kubernetes.io/zone';
const node = (name: string, labels: Record<string, string>): NodeInfo => newNodeInfo(makeNode(name, { labels }), name);
const nodes = [
  node('a', { [zone]: 'z1' }), node('b', { [zone]: 'z2' }), node('c', { [zone]: 'z1' }),
  node('d', {}), node('e', { [zone]: 'z3', gpu: 'yes' }),
];

describe('countDomains', () => {
  it.each([
    { name: 'zones of every node', key: zone, of: nodes, want: 3 },
    { name: 'hostnames', key: 'kubernetes.io/hostname', of: nodes, want: 5 },
    { name: 'zones of the first three', key: zone, of: nodes.slice(0, 3), want: 2 },
    { name: 'a label only one node has', key: 'gpu', of: nodes, want: 1 },
    { name: 'a label no node has', key: 'rack', of: nodes, want: 0 },
    { name: 'no nodes', key: zone, of: [], want: 0 },
    { name: 'zones of eligible nodes only', key: zone, of: nodes, eligible: (n: NodeInfo) => n.name !== 'b', want: 2 },
  ])('$name: $want', ({ key, of, eligible, want }) => {
    expect(countDomains(of, key, eligible)).toBe(want);
  });

  it('counts each pass afresh (stamps from the previous pass do not count)', () => {
    expect([countDomains(nodes, zone), countDomains(nodes.slice(1, 2), zone), countDomains(nodes, zone)]).toEqual([3, 1, 3]);
  });

  it('sees a changed node through its new NodeInfo', () => {
    const before = node('a', { [zone]: 'z1' });
    const after = node('a', { [zone]: 'z9' });
    const keyId = topologyKeyId(zone);
    expect([domainId(before, keyId, zone) === domainId(nodes[0], keyId, zone), domainId(after, keyId, zone) === domainId(before, keyId, zone)]).toEqual([true, false]);
    expect(countDomains([before, after, nodes[0]], zone)).toBe(2);
  });
});
