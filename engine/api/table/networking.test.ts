import { describe, expect, it } from 'vitest';
import {
  endpointSlicePrinter, endpointsPrinter, ingressClassPrinter, ingressPrinter, networkPolicyPrinter, servicePrinter,
} from './networking.ts';
import { makeObject, now } from './test-builders.ts';
import type { Printer } from './types.ts';

const cases: Array<[string, Printer, ReturnType<typeof makeObject>, unknown[]]> = [
  ['ClusterIP Service', servicePrinter,
    makeObject('v1', 'Service', 'web', { spec: { type: 'ClusterIP', clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] } }),
    ['web', 'ClusterIP', '10.96.12.34', '<none>', '80/TCP', '5m', 'app=web']],
  ['NodePort Service with two ports', servicePrinter,
    makeObject('v1', 'Service', 'web', { spec: { type: 'NodePort', clusterIPs: ['10.96.0.20'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }] } }),
    ['web', 'NodePort', '10.96.0.20', '<none>', '80:30080/TCP,443:30443/TCP', '5m', '<none>']],
  ['LoadBalancer Service pending', servicePrinter,
    makeObject('v1', 'Service', 'lb', { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.30'], ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }] }, status: { loadBalancer: {} } }),
    ['lb', 'LoadBalancer', '10.96.0.30', '<pending>', '80:31234/TCP', '5m', '<none>']],
  ['LoadBalancer Service with addresses and external IPs', servicePrinter,
    makeObject('v1', 'Service', 'lb', { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.30'], externalIPs: ['1.2.3.4'], ports: [{ port: 53, protocol: 'UDP' }] }, status: { loadBalancer: { ingress: [{ ip: '172.18.0.9' }, { hostname: 'a.example.com' }, { ip: '172.18.0.10' }, { ip: '172.18.0.9' }] } } }),
    ['lb', 'LoadBalancer', '10.96.0.30', '172.18.0.10,172.18.0.9,a.example.com,1.2.3.4', '53/UDP', '5m', '<none>']],
  ['headless Service', servicePrinter,
    makeObject('v1', 'Service', 'db', { spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' }, ports: [{ port: 5432, protocol: 'TCP' }] } }),
    ['db', 'ClusterIP', 'None', '<none>', '5432/TCP', '5m', 'app=db']],
  ['ExternalName Service', servicePrinter,
    makeObject('v1', 'Service', 'ext', { spec: { type: 'ExternalName', externalName: 'example.com' } }),
    ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '5m', '<none>']],
  ['Endpoints', endpointsPrinter,
    makeObject('v1', 'Endpoints', 'web', { subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], ports: [{ port: 8080, protocol: 'TCP' }] }] }),
    ['web', '10.244.1.5:8080,10.244.2.7:8080', '5m']],
  ['Endpoints with more than three', endpointsPrinter,
    makeObject('v1', 'Endpoints', 'web', { subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }, { addresses: [{ ip: 'fd00::1' }] }] }),
    ['web', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...', '5m']],
  ['Endpoints without subsets', endpointsPrinter, makeObject('v1', 'Endpoints', 'none'), ['none', '<none>', '5m']],
  ['Endpoints with only not-ready addresses', endpointsPrinter,
    makeObject('v1', 'Endpoints', 'web', { subsets: [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] }),
    ['web', '', '5m']],
  ['EndpointSlice', endpointSlicePrinter,
    makeObject('discovery.k8s.io/v1', 'EndpointSlice', 'web-abcde', { addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.7'] }] }),
    ['web-abcde', 'IPv4', '8080', '10.244.1.5,10.244.2.7', '5m']],
  ['EndpointSlice empty, with nameless ports', endpointSlicePrinter,
    makeObject('discovery.k8s.io/v1', 'EndpointSlice', 'x', { addressType: 'IPv4', ports: [{ name: 'http' }, {}], endpoints: [] }),
    ['x', 'IPv4', 'http,*', '<unset>', '5m']],
  ['EndpointSlice with many endpoints', endpointSlicePrinter,
    makeObject('discovery.k8s.io/v1', 'EndpointSlice', 'y', { addressType: 'IPv4', endpoints: [1, 2, 3, 4, 5].map((n) => ({ addresses: [`10.0.0.${n}`] })) }),
    ['y', 'IPv4', '<unset>', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '5m']],
  ['Ingress', ingressPrinter,
    makeObject('networking.k8s.io/v1', 'Ingress', 'web', { spec: { ingressClassName: 'nginx', rules: [{ host: 'web.example.com' }], tls: [{ hosts: ['web.example.com'] }] }, status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } } }),
    ['web', 'nginx', 'web.example.com', '192.168.49.2', '80, 443', '5m']],
  ['Ingress without class, hosts or address', ingressPrinter,
    makeObject('networking.k8s.io/v1', 'Ingress', 'any', { spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } } }),
    ['any', '<none>', '*', '', '80', '5m']],
  ['Ingress with five rules', ingressPrinter,
    makeObject('networking.k8s.io/v1', 'Ingress', 'many', { spec: { rules: [{ host: 'a' }, {}, { host: 'b' }, { host: 'c' }, { host: 'd' }] } }),
    ['many', '<none>', 'a,b,c + 2 more...', '', '80', '5m']],
  ['IngressClass', ingressClassPrinter,
    makeObject('networking.k8s.io/v1', 'IngressClass', 'nginx', { spec: { controller: 'k8s.io/ingress-nginx' } }),
    ['nginx', 'k8s.io/ingress-nginx', '<none>', '5m']],
  ['IngressClass with parameters', ingressClassPrinter,
    makeObject('networking.k8s.io/v1', 'IngressClass', 'lb', { spec: { controller: 'example.com/lb', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external' } } }),
    ['lb', 'example.com/lb', 'IngressParameters.k8s.example.com/external', '5m']],
  ['NetworkPolicy', networkPolicyPrinter,
    makeObject('networking.k8s.io/v1', 'NetworkPolicy', 'db', { spec: { podSelector: { matchLabels: { role: 'db' } } } }),
    ['db', 'role=db', '5m']],
  ['NetworkPolicy for every pod', networkPolicyPrinter,
    makeObject('networking.k8s.io/v1', 'NetworkPolicy', 'deny-all', { spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
    ['deny-all', '<none>', '5m']],
];

describe('networking printers', () => {
  it.each(cases)('%s', (_, printer, object, expected) => {
    const { cells } = printer.print(object, { now });
    expect(cells).toEqual(expected);
    expect(cells).toHaveLength(printer.columns.length);
  });

  it('names the Service columns as kubectl uppercases them', () => {
    expect(servicePrinter.columns.map((c) => c.name.toUpperCase())).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(servicePrinter.columns.map((c) => c.priority)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });
});
