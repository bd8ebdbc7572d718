import { describe, expect, it } from 'vitest';
import type { DnsType } from './dns.ts';
import { queryDns, resolveHost } from './dns.ts';
import { listersOf } from './listers.ts';
import { makeNamespace, makeService, makeSlice } from './test-helpers.ts';

const listers = listersOf([
  makeNamespace('default'), makeNamespace('kube-system'),
  makeService('web', { clusterIP: '10.96.12.3', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
  makeSlice('web', [{ ip: '10.244.1.3' }, { ip: '10.244.2.4', ready: false }], [{ name: 'http', port: 8080 }]),
  makeService('db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] }),
  makeSlice('db', [{ ip: '10.244.1.7', hostname: 'db-0' }, { ip: '10.244.2.8', hostname: 'db-1' }, { ip: '10.244.3.9', hostname: 'db-2', ready: false }], [{ name: 'pg', port: 5432 }]),
  makeService('lonely', { clusterIP: 'None' }),
  makeService('all', { clusterIP: 'None', publishNotReadyAddresses: true }),
  makeSlice('all', [{ ip: '10.244.3.3', ready: false }], []),
  makeService('ext', { type: 'ExternalName', externalName: 'example.com' }),
  makeService('alias', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' }),
  makeService('alias2', { type: 'ExternalName', externalName: 'alias.default.svc.cluster.local.' }),
  makeService('dangling', { type: 'ExternalName', externalName: 'nope.default.svc.cluster.local' }),
  makeService('loop', { type: 'ExternalName', externalName: 'loop.default.svc.cluster.local' }),
]);

describe('CoreDNS answers', () => {
  it.each<[string, DnsType, string]>([
    ['web.default.svc.cluster.local', 'A', 'NOERROR A 10.96.12.3'],
    ['WEB.default.svc.cluster.local.', 'A', 'NOERROR A 10.96.12.3'],
    ['web.default.svc.cluster.local', 'AAAA', 'NOERROR'],
    ['web.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['nope.default.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['web.nons.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['default.svc.cluster.local', 'A', 'NOERROR'],
    ['example.com', 'A', 'NXDOMAIN'],
    ['db.default.svc.cluster.local', 'A', 'NOERROR A 10.244.1.7,A 10.244.2.8'],
    ['db-1.db.default.svc.cluster.local', 'A', 'NOERROR A 10.244.2.8'],
    ['db-2.db.default.svc.cluster.local', 'A', 'NXDOMAIN'],
    ['10-244-1-3.web.default.svc.cluster.local', 'A', 'NOERROR A 10.244.1.3'],
    ['lonely.default.svc.cluster.local', 'A', 'NOERROR'],
    ['all.default.svc.cluster.local', 'A', 'NOERROR A 10.244.3.3'],
    ['ext.default.svc.cluster.local', 'A', 'NOERROR CNAME example.com'],
    ['ext.default.svc.cluster.local', 'AAAA', 'NOERROR CNAME example.com'],
    ['alias.default.svc.cluster.local', 'A', 'NOERROR CNAME web.default.svc.cluster.local,A 10.96.12.3'],
    ['alias2.default.svc.cluster.local', 'A', 'NOERROR CNAME alias.default.svc.cluster.local.,CNAME web.default.svc.cluster.local,A 10.96.12.3'],
    ['alias.default.svc.cluster.local', 'AAAA', 'NOERROR'],
    ['alias.default.svc.cluster.local', 'CNAME', 'NOERROR CNAME web.default.svc.cluster.local'],
    ['dangling.default.svc.cluster.local', 'A', 'NOERROR'],
    ['loop.default.svc.cluster.local', 'A', 'NOERROR'],
    ['10-244-9-9.default.pod.cluster.local', 'A', 'NOERROR A 10.244.9.9'],
    ['10-244-9-999.default.pod.cluster.local', 'A', 'NXDOMAIN'],
    ['_http._tcp.web.default.svc.cluster.local', 'SRV', 'NOERROR SRV 0 100 80 web.default.svc.cluster.local'],
    ['_pg._tcp.db.default.svc.cluster.local', 'SRV', 'NOERROR SRV 0 50 5432 db-0.db.default.svc.cluster.local,SRV 0 50 5432 db-1.db.default.svc.cluster.local'],
    ['_http._udp.web.default.svc.cluster.local', 'SRV', 'NXDOMAIN'],
    ['3.12.96.10.in-addr.arpa', 'PTR', 'NOERROR PTR web.default.svc.cluster.local'],
    ['7.1.244.10.in-addr.arpa', 'PTR', 'NOERROR PTR db-0.db.default.svc.cluster.local'],
  ])('%s %s', (name, type, expected) => {
    const answer = queryDns(listers, name, type);
    expect([answer.rcode, answer.records.map((r) => `${r.type} ${r.data}`).join(',')].filter(Boolean).join(' ')).toBe(expected);
  });

  it('resolves the first search candidate with addresses, as getaddrinfo does', () => {
    expect(resolveHost(listers, ['web.svc.cluster.local', 'web.default.svc.cluster.local', 'web'])).toEqual({ name: 'web.default.svc.cluster.local', addresses: ['10.96.12.3'] });
    expect(resolveHost(listers, ['nope.default.svc.cluster.local', 'nope'])).toBeUndefined();
    expect(resolveHost(listers, ['alias2.default.svc.cluster.local'])).toEqual({ name: 'alias2.default.svc.cluster.local', addresses: ['10.96.12.3'] });
    expect(resolveHost(listers, ['loop.default.svc.cluster.local', 'ext.default.svc.cluster.local'])).toBeUndefined();
  });
});
