import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { formatResolvConf, podResolvConf, searchCandidates } from './resolv-conf.ts';

const pod = (spec: Record<string, unknown>, namespace = 'shop'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace }, spec });

describe('a pod\'s resolv.conf', () => {
  it.each([
    ['ClusterFirst (the default)', {}, 'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'],
    ['hostNetwork with ClusterFirst falls back to the node', { hostNetwork: true }, 'nameserver 172.18.0.1\noptions ndots:0\n'],
    ['ClusterFirstWithHostNet keeps cluster DNS', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, 'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'],
    ['Default', { dnsPolicy: 'Default' }, 'nameserver 172.18.0.1\noptions ndots:0\n'],
    ['None with dnsConfig', { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } },
      'search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 1.2.3.4\noptions ndots:2 edns0\n'],
    ['ClusterFirst merged with dnsConfig', { dnsConfig: { searches: ['cluster.local', 'extra.example'], options: [{ name: 'ndots', value: '1' }] } },
      'search shop.svc.cluster.local svc.cluster.local cluster.local extra.example\nnameserver 10.96.0.10\noptions ndots:1\n'],
  ])('%s', (_name, spec, expected) => {
    expect(formatResolvConf(podResolvConf(pod(spec)))).toBe(expected);
  });
});

describe('search-list expansion', () => {
  const conf = podResolvConf(pod({}, 'default'));
  it.each([
    ['web', ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']],
    ['web.default', ['web.default.default.svc.cluster.local', 'web.default.svc.cluster.local', 'web.default.cluster.local', 'web.default']],
    ['a.b.c.d.e.f', ['a.b.c.d.e.f', 'a.b.c.d.e.f.default.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local']],
    ['web.default.svc.cluster.local.', ['web.default.svc.cluster.local']],
  ])('%s', (name, expected) => {
    expect(searchCandidates(name, conf)).toEqual(expected);
  });
});
