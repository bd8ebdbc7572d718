/**
 * Printers for Service, Endpoints, EndpointSlice, Ingress, IngressClass and NetworkPolicy. The
 * server always prints wide, so load-balancer addresses are never clipped to 16 characters.
 */
import type { Endpoints, Service, ServicePort, LoadBalancerIngress } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass, IngressRule, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { ageColumn, nameColumn, nameOf, text } from './columns.ts';
import { timestampSince } from './duration.ts';
import { compareBytes, formatLabelSelector, formatLabels, listWithMore } from './format.ts';
import type { Printer } from './types.ts';

/** Load-balancer ingress points as a sorted set: the IP, or the hostname when there is no IP. */
export function loadBalancerAddresses(ingress: LoadBalancerIngress[] | undefined): string[] {
  const set = new Set<string>();
  for (const point of ingress ?? []) {
    if (point.ip) set.add(point.ip);
    else if (point.hostname) set.add(point.hostname);
  }
  return [...set].sort(compareBytes);
}

/** The EXTERNAL-IP cell: externalIPs, load-balancer addresses, `<pending>`, `<none>` or the ExternalName. */
export function serviceExternalIP(service: Service): string {
  const spec = service.spec ?? {};
  const externalIPs = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(service.status?.loadBalancer?.ingress), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** The PORT(S) cell: `80/TCP`, `80:30080/TCP`, joined with `,`; `<none>` without ports. */
export function formatServicePorts(ports: ServicePort[] | undefined): string {
  const text = (ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
  return text || '<none>';
}

/** The service's first cluster IP: spec.clusterIPs[0], or clusterIP, from which the API fills clusterIPs. */
export function serviceClusterIP(service: Service): string {
  return service.spec?.clusterIPs?.[0] || service.spec?.clusterIP || '<none>';
}

/** Service: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
export const servicePrinter: Printer = {
  columns: [
    nameColumn,
    text('Type', 'core/v1 ServiceSpec.type'),
    text('Cluster-IP', 'core/v1 ServiceSpec.clusterIP'),
    text('External-IP', 'core/v1 ServiceSpec.externalIPs'),
    text('Port(s)', 'core/v1 ServiceSpec.ports'),
    ageColumn,
    text('Selector', 'core/v1 ServiceSpec.selector', 1),
  ],
  print(object, { now }) {
    const service = object as Service;
    return {
      cells: [
        nameOf(service),
        service.spec?.type ?? '',
        serviceClusterIP(service),
        serviceExternalIP(service),
        formatServicePorts(service.spec?.ports),
        timestampSince(service.metadata?.creationTimestamp, now),
        formatLabels(service.spec?.selector),
      ],
    };
  },
};

/** `net.JoinHostPort`: IPv6 addresses get brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The ENDPOINTS cell: up to three `ip:port` (bare `ip` for a subset without ports), then ` + N more...`. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const address of addresses) if (list.length < 3) list.push(address.ip);
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const address of addresses) if (list.length < 3) list.push(joinHostPort(address.ip, port.port));
    }
  }
  // Upstream counts only what it could not show; with at most 3 shown that is count - 3.
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

/** Endpoints: NAME ENDPOINTS AGE. */
export const endpointsPrinter: Printer = {
  columns: [nameColumn, text('Endpoints', 'core/v1 Endpoints.subsets'), ageColumn],
  print(object, { now }) {
    const endpoints = object as Endpoints;
    return { cells: [nameOf(endpoints), formatEndpoints(endpoints), timestampSince(endpoints.metadata?.creationTimestamp, now)] };
  },
};

/** EndpointSlice: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSlicePrinter: Printer = {
  columns: [
    nameColumn,
    text('AddressType', 'discovery/v1beta1 EndpointSlice.addressType'),
    text('Ports', 'discovery/v1beta1 EndpointSlice.ports'),
    text('Endpoints', 'discovery/v1beta1 EndpointSlice.endpoints'),
    ageColumn,
  ],
  print(object, { now }) {
    const slice = object as unknown as EndpointSlice;
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*')));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return {
      cells: [
        nameOf(slice),
        slice.addressType ?? '',
        listWithMore(ports, ports.length),
        listWithMore(addresses, addresses.length),
        timestampSince(slice.metadata?.creationTimestamp, now),
      ],
    };
  },
};

/** The HOSTS cell: up to three rule hosts, ` + N more...` counting rules, `*` when no rule names a host. */
export function formatIngressHosts(rules: IngressRule[] | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${(rules ?? []).length - 3} more...` : list.join(',');
}

/** Ingress: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressPrinter: Printer = {
  columns: [
    nameColumn,
    text('Class', { text: 'The name of the IngressClass resource that should be used for additional configuration' }),
    text('Hosts', { text: 'Hosts that incoming requests are matched against before the ingress rule' }),
    text('Address', { text: 'Address is a list containing ingress points for the load-balancer' }),
    text('Ports', { text: 'Ports of TLS configurations that open' }),
    ageColumn,
  ],
  print(object, { now }) {
    const ingress = object as Ingress;
    return {
      cells: [
        nameOf(ingress),
        ingress.spec?.ingressClassName ?? '<none>',
        formatIngressHosts(ingress.spec?.rules),
        loadBalancerAddresses(ingress.status?.loadBalancer?.ingress).join(','),
        (ingress.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
        timestampSince(ingress.metadata?.creationTimestamp, now),
      ],
    };
  },
};

/** IngressClass: NAME CONTROLLER PARAMETERS AGE. */
export const ingressClassPrinter: Printer = {
  columns: [
    nameColumn,
    text('Controller', { text: 'Controller that is responsible for handling this class' }),
    text('Parameters', { text: 'A reference to a resource with additional parameters' }),
    ageColumn,
  ],
  print(object, { now }) {
    const ingressClass = object as IngressClass;
    const parameters = ingressClass.spec?.parameters;
    const reference = parameters
      ? `${parameters.kind}${parameters.apiGroup !== undefined && parameters.apiGroup !== null ? `.${parameters.apiGroup}` : ''}/${parameters.name}`
      : '<none>';
    return { cells: [nameOf(ingressClass), ingressClass.spec?.controller ?? '', reference, timestampSince(ingressClass.metadata?.creationTimestamp, now)] };
  },
};

/** NetworkPolicy: NAME POD-SELECTOR AGE. */
export const networkPolicyPrinter: Printer = {
  columns: [nameColumn, text('Pod-Selector', 'extensions/v1beta1 NetworkPolicySpec.podSelector'), ageColumn],
  print(object, { now }) {
    const policy = object as NetworkPolicy;
    return { cells: [nameOf(policy), formatLabelSelector(policy.spec?.podSelector ?? {}), timestampSince(policy.metadata?.creationTimestamp, now)] };
  },
};
