import { describe, expect, it } from 'vitest';
import { describeNetworkPolicy, goTimeString } from './network-policy.ts';

describe('describeNetworkPolicy', () => {
  it('writes the spec as prose (real kubectl 1.32.4 output, TZ=UTC)', () => {
    const policy = {
      metadata: { name: 'db', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: {
        podSelector: { matchLabels: { role: 'db' } },
        ingress: [
          {
            ports: [{ protocol: 'TCP', port: 6379 }, { protocol: 'UDP', port: 32000, endPort: 32768 }],
            from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { podSelector: {}, namespaceSelector: { matchLabels: { project: 'a' } } }],
          },
          {},
        ],
        policyTypes: ['Ingress'],
      },
    };
    expect(describeNetworkPolicy(policy)).toBe('Name:         db\nNamespace:    default\nCreated on:   2026-01-01 00:00:00 +0000 UTC\n'
      + 'Labels:       <none>\nAnnotations:  <none>\nSpec:\n  PodSelector:     role=db\n  Allowing ingress traffic:\n'
      + '    To Port: 6379/TCP\n    To Port Range: 32000-32768/UDP\n    From:\n      IPBlock:\n        CIDR: 172.17.0.0/16\n'
      + '        Except: 172.17.1.0/24\n    From:\n      NamespaceSelector: project=a\n      PodSelector: <none>\n    ----------\n'
      + '    To Port: <any> (traffic allowed to all ports)\n    From: <any> (traffic not restricted by source)\n'
      + '  Not affecting egress traffic\n  Policy Types: Ingress\n');
  });
});

describe('goTimeString', () => {
  it.each([
    ['2026-01-01T00:01:35Z', '2026-01-01 00:01:35 +0000 UTC'],
    ['2026-03-04T05:06:07.250Z', '2026-03-04 05:06:07.25 +0000 UTC'],
    [undefined, '0001-01-01 00:00:00 +0000 UTC'],
  ])('%s → %s', (timestamp, text) => {
    expect(goTimeString(timestamp)).toBe(text);
  });
});
