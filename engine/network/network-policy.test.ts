import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { listersOf, podView } from './listers.ts';
import type { Peer } from './network-policy.ts';
import { inCidr, policyAllows, policyTypes } from './network-policy.ts';
import { makeNamespace, makePod } from './test-helpers.ts';

const policy = (name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });

const web = makePod('web', '10.244.1.2', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const db = makePod('db', '10.244.2.2', { app: 'db' }, { node: 'node-2' });
const client = makePod('client', '10.244.3.2', { access: 'true' }, { node: 'node-3' });
const stranger = makePod('stranger', '10.244.3.3', {}, { node: 'node-3' });
const monitor = makePod('prom', '10.244.2.9', { app: 'prom' }, { namespace: 'monitoring', node: 'node-2' });
const base = [makeNamespace('default'), makeNamespace('monitoring', { team: 'ops' }), web, db, client, stranger, monitor];
const peer = (pod: KubeObject): Peer => ({ ip: (pod.status as { podIP: string }).podIP, pod: podView(pod) });

describe('NetworkPolicy enforcement', () => {
  const denyAll = policy('default-deny', { podSelector: {} });
  const allowAccess = policy('access-web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { access: 'true' } } }] }] });
  it.each<[string, KubeObject[], KubeObject, KubeObject, number, boolean]>([
    ['no policy: everything flows', [], stranger, web, 8080, true],
    ['default deny ingress', [denyAll], stranger, web, 8080, false],
    ['default deny does not touch egress', [denyAll], web, monitor, 9090, true],
    ['allow rule admits access=true', [denyAll, allowAccess], client, web, 8080, true],
    ['allow rule still drops others', [denyAll, allowAccess], stranger, web, 8080, false],
    ['a podSelector peer is namespace-local', [allowAccess], makePod('c2', '10.244.2.7', { access: 'true' }, { namespace: 'monitoring' }), web, 8080, false],
    ['namespaceSelector admits any pod there', [policy('from-ops', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }] })], monitor, db, 5432, true],
    ['namespace and pod selector together', [policy('p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'other' } } }] }] })], monitor, db, 5432, false],
    ['named port', [policy('p', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] })], stranger, web, 8080, true],
    ['named port, other port', [policy('p', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] })], stranger, web, 9090, false],
    ['port range with endPort', [policy('p', { podSelector: {}, ingress: [{ ports: [{ port: 8000, endPort: 8100 }] }] })], stranger, web, 8080, true],
    ['protocol must match', [policy('p', { podSelector: {}, ingress: [{ ports: [{ protocol: 'UDP', port: 8080 }] }] })], stranger, web, 8080, false],
    ['ipBlock with except', [policy('p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.3.0/24'] } }] }] })], stranger, web, 8080, false],
    ['ipBlock admits', [policy('p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.244.3.0/24' } }] }] })], stranger, web, 8080, true],
    ['egress default deny', [policy('p', { podSelector: {}, policyTypes: ['Egress'] })], stranger, web, 8080, false],
    ['egress allowed to db only', [policy('p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }] })], stranger, db, 5432, true],
    ['policies in another namespace do not apply', [policy('p', { podSelector: {} }, 'monitoring')], stranger, web, 8080, true],
  ])('%s', (_name, policies, from, to, port, allowed) => {
    expect(policyAllows(listersOf([...base, ...policies]), peer(from), peer(to), port)).toBe(allowed);
  });

  it('always lets a node reach its own pods', () => {
    const listers = listersOf([...base, denyAll]);
    expect(policyAllows(listers, { ip: '172.18.0.3', node: 'node-1' }, peer(web), 8080)).toBe(true);
    expect(policyAllows(listers, { ip: '172.18.0.4', node: 'node-2' }, peer(web), 8080)).toBe(false);
  });

  it.each([
    [{}, ['Ingress']],
    [{ egress: [{}] }, ['Ingress', 'Egress']],
    [{ policyTypes: ['Egress'] }, ['Egress']],
  ])('defaults policyTypes of %j', (spec, expected) => {
    expect(policyTypes(spec)).toEqual(expected);
  });

  it.each([
    ['10.244.1.2', '10.244.0.0/16', true], ['10.245.1.2', '10.244.0.0/16', false], ['1.2.3.4', '0.0.0.0/0', true], ['1.2.3.4', '1.2.3.4/32', true], ['1.2.3.5', '1.2.3.4', false],
  ])('%s in %s', (ip, cidr, expected) => {
    expect(inCidr(ip, cidr)).toBe(expected);
  });
});
