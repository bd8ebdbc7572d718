import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { groupValidators } from './groups.ts';

const run = (kind: string, obj: KubeObject, old?: KubeObject) => groupValidators[`networking.k8s.io/${kind}`](obj, old).map(errorText);

const backend = { service: { name: 'web', port: { number: 80 } } };
const httpPath = (extra: Record<string, unknown>) => ({ path: '/', pathType: 'Prefix', backend, ...extra });

function ingress(spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default', annotations },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'web.example.com', http: { paths: [httpPath({})] } }], ...spec },
  };
}
const withPath = (extra: Record<string, unknown>) => ingress({ rules: [{ http: { paths: [httpPath(extra)] } }] });
const p0 = 'spec.rules[0].http.paths[0]';

describe('networking.k8s.io/Ingress', () => {
  const subdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const cases: [string, KubeObject, string[]][] = [
    ['a valid Ingress', ingress(), []],
    ['no pathType', withPath({ pathType: undefined }), [`${p0}.pathType: Required value: pathType must be specified`]],
    ['an unknown pathType', withPath({ pathType: 'Regex' }), [
      `${p0}.pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"`,
    ]],
    ['a relative Prefix path', withPath({ path: 'api' }), [`${p0}.path: Invalid value: "api": must be an absolute path`]],
    ['a path with //', withPath({ path: '/a//b' }), [`${p0}.path: Invalid value: "/a//b": must not contain '//'`]],
    ['a path ending in /..', withPath({ path: '/a/..', pathType: 'Exact' }), [`${p0}.path: Invalid value: "/a/..": cannot end with '/..'`]],
    ['a relative ImplementationSpecific path', withPath({ path: 'api', pathType: 'ImplementationSpecific' }), [`${p0}.path: Invalid value: "api": must be an absolute path`]],
    ['port name and number', withPath({ backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }), [
      `${p0}.backend: Invalid value: "": cannot set both port name & port number`,
    ]],
    ['no port', withPath({ backend: { service: { name: 'web' } } }), [`${p0}.backend: Required value: port name or number is required`]],
    ['port 0x10000', withPath({ backend: { service: { name: 'web', port: { number: 65536 } } } }), [
      `${p0}.backend.service.port.number: Invalid value: 65536: must be between 1 and 65535, inclusive`,
    ]],
    ['both service and resource', withPath({ backend: { ...backend, resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } } }), [
      `${p0}.backend: Invalid value: "": cannot set both resource and service backends`,
    ]],
    ['no backend at all', withPath({ backend: {} }), [`${p0}.backend: Invalid value: "": resource or service backend is required`]],
    ['no rules and no default backend', ingress({ rules: undefined }), ['spec: Invalid value: null: either `defaultBackend` or `rules` must be specified']],
    ['an IP address as host', ingress({ rules: [{ host: '10.0.0.1', http: { paths: [httpPath({})] } }] }), [
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    ]],
    ['an upper-case host', ingress({ rules: [{ host: 'Web.example.com', http: { paths: [httpPath({})] } }] }), [
      `spec.rules[0].host: Invalid value: "Web.example.com": ${subdomainMsg}`,
    ]],
    ['a wildcard host', ingress({ rules: [{ host: '*.example.com', http: { paths: [httpPath({})] } }] }), []],
    ['a wildcard in the middle', ingress({ rules: [{ host: 'web.*.com', http: { paths: [httpPath({})] } }] }), [
      "spec.rules[0].host: Invalid value: \"web.*.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]],
    ['rules with http but no paths', ingress({ rules: [{ http: { paths: [] } }] }), ['spec.rules[0].http.paths: Required value']],
    ['a TLS secret name with upper case', ingress({ tls: [{ hosts: ['web.example.com'], secretName: 'Web-TLS' }] }), [
      `spec.tls[0].secretName: Invalid value: "Web-TLS": ${subdomainMsg}`,
    ]],
    ['a class annotation that disagrees with ingressClassName', ingress({}, { 'kubernetes.io/ingress.class': 'traefik' }), [
      'annotations[kubernetes.io/ingress.class]: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('Ingress', obj)).toEqual(expected);
  });
});

describe('networking.k8s.io/IngressClass', () => {
  const ingressClass = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec,
  });
  it.each([
    ['valid', ingressClass({ controller: 'k8s.io/ingress-nginx' }), []],
    ['a controller without a domain', ingressClass({ controller: 'nginx' }), [
      'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    ]],
    ['no controller', ingressClass({}), ['spec.controller: Required value']],
    ['Namespace-scoped parameters without a namespace', ingressClass({ controller: 'k8s.io/ingress-nginx', parameters: { kind: 'Params', name: 'p', scope: 'Namespace' } }), [
      "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
    ]],
  ] as [string, KubeObject, string[]][])('%s', (_n, obj, expected) => {
    expect(run('IngressClass', obj)).toEqual(expected);
  });

  it('keeps the controller immutable', () => {
    expect(run('IngressClass', ingressClass({ controller: 'example.com/other' }), ingressClass({ controller: 'k8s.io/ingress-nginx' }))).toEqual([
      'spec.controller: Invalid value: "example.com/other": field is immutable',
    ]);
  });
});

describe('networking.k8s.io/NetworkPolicy', () => {
  const policy = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db', namespace: 'default' },
    spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ...spec },
  });
  const from = (peer: Record<string, unknown>) => ({ ingress: [{ from: [peer] }] });
  const cases: [string, KubeObject, string[]][] = [
    ['valid', policy({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }] }), []],
    ['an empty peer', policy(from({})), ['spec.ingress[0].from[0]: Required value: must specify a peer']],
    ['ipBlock with another peer', policy(from({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} })), [
      'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
    ]],
    ['a bad CIDR', policy(from({ ipBlock: { cidr: '10.0.0.0/33' } })), ['spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": not a valid CIDR']],
    ['no CIDR', policy(from({ ipBlock: {} })), ['spec.ingress[0].from[0].ipBlock.cidr: Required value']],
    ['an except outside the CIDR', policy(from({ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24', '192.168.0.0/24', '10.0.0.0/16'] } })), [
      'spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: "192.168.0.0/24": must be a strict subset of `cidr`',
      'spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
    ]],
    ['an IPv6 except inside the CIDR', policy(from({ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } })), []],
    ['port 70000 and protocol ICMP', policy({ egress: [{ ports: [{ protocol: 'ICMP', port: 70000 }] }], policyTypes: ['Egress'] }), [
      'spec.egress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      'spec.egress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]],
    ['endPort below port', policy({ ingress: [{ ports: [{ port: 32000, endPort: 31000 }] }] }), [
      'spec.ingress[0].ports[0].endPort: Invalid value: 32000: must be greater than or equal to `port`',
    ]],
    ['an unknown policy type', policy({ policyTypes: ['Both'] }), ['spec.policyTypes[0]: Unsupported value: "Both": supported values: "Ingress", "Egress"']],
    ['three policy types', policy({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }), [
      'spec.policyTypes: Invalid value: ["Ingress","Egress","Ingress"]: may not specify more than two policyTypes',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('NetworkPolicy', obj)).toEqual(expected);
  });
});
