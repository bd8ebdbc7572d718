/**
 * CoreDNS's `kubernetes` plugin over the cluster.local zone (kind's Corefile: `pods insecure`,
 * ttl 30): Service A records, headless per-endpoint records, pod A records, ExternalName CNAMEs,
 * SRV for named ports and PTR for Service and endpoint IPs. Names outside the zone are forwarded
 * upstream, which the simulation has none of: NXDOMAIN.
 */
import type { Listers, ServiceSpec } from './listers.ts';
import { findService, serviceSpec, sliceEndpoints, slicePorts, slicesOf } from './listers.ts';
import { clusterDomain } from './resolv-conf.ts';

/** The query types the simulated clients send. */
export type DnsType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME';

/** One answer record; `data` is the address, target name or SRV `priority weight port target`. */
export interface DnsRecord {
  name: string;
  type: DnsType;
  data: string;
  srv?: { priority: number; weight: number; port: number; target: string };
}

/** An answer: NOERROR with records (none is NODATA), or NXDOMAIN. */
export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  records: DnsRecord[];
}

const nxdomain: DnsAnswer = { rcode: 'NXDOMAIN', records: [] };
const nodata: DnsAnswer = { rcode: 'NOERROR', records: [] };

/** `10-244-1-3` for an endpoint without a hostname: CoreDNS's endpoint name. */
export function dashedIP(ip: string): string {
  return ip.replace(/\./g, '-');
}

/** Endpoints that get DNS records: ready ones (publishNotReadyAddresses makes the controller mark all ready). */
function readyEndpoints(listers: Listers, namespace: string, service: string, spec: ServiceSpec): { ip: string; hostname?: string }[] {
  const out: { ip: string; hostname?: string }[] = [];
  const seen = new Set<string>();
  for (const slice of slicesOf(listers, namespace, service)) {
    for (const e of sliceEndpoints(slice)) {
      if (!(spec.publishNotReadyAddresses || e.conditions?.ready !== false)) continue;
      for (const ip of e.addresses) {
        if (seen.has(ip)) continue;
        seen.add(ip);
        out.push({ ip, hostname: e.hostname });
      }
    }
  }
  return out;
}

const namespaceExists = (listers: Listers, name: string): boolean => listers.namespaces().some((n) => n.metadata.name === name);

/**
 * An ExternalName's CNAME. CoreDNS chases a target inside its own zone and answers with the CNAME
 * and the target's addresses — or with nothing when the target has none (an AAAA question, a
 * Service without a ClusterIP). A target outside the zone goes upstream, which the simulation
 * lacks: the CNAME alone.
 */
function externalName(listers: Listers, name: string, target: string, qtype: DnsType, hops: number): DnsAnswer {
  if (qtype !== 'A' && qtype !== 'AAAA' && qtype !== 'CNAME') return nodata;
  const cname: DnsRecord = { name, type: 'CNAME', data: target };
  const inZone = `.${target.toLowerCase().replace(/\.$/, '')}`.endsWith(`.${clusterDomain}`);
  if (qtype === 'CNAME' || !inZone) return { rcode: 'NOERROR', records: [cname] };
  // CoreDNS stops after 8 CNAMEs (a loop).
  const next = hops < 7 ? queryDns(listers, target, qtype, hops + 1) : nodata;
  return { rcode: 'NOERROR', records: next.records.length ? [cname, ...next.records] : [] };
}

/** Answer one question the way CoreDNS does for a kind cluster; `hops` counts the CNAMEs already followed. */
export function queryDns(listers: Listers, qname: string, qtype: DnsType, hops = 0): DnsAnswer {
  const name = qname.toLowerCase().replace(/\.$/, '');
  if (qtype === 'PTR') return reverse(listers, name);
  const zone = `.${clusterDomain}`;
  if (name === clusterDomain) return nodata;
  if (!name.endsWith(zone)) return nxdomain;
  const labels = name.slice(0, -zone.length).split('.');
  const kind = labels[labels.length - 1];
  if (kind === 'pod') return podRecord(listers, name, labels.slice(0, -1), qtype);
  if (kind !== 'svc') return nxdomain;
  const parts = labels.slice(0, -1);
  if (parts.length === 0) return nodata;
  const namespace = parts[parts.length - 1];
  if (!namespaceExists(listers, namespace)) return nxdomain;
  if (parts.length === 1) return nodata;
  const serviceName = parts[parts.length - 2];
  const service = findService(listers, namespace, serviceName);
  if (!service) return nxdomain;
  const spec = serviceSpec(service);
  const rest = parts.slice(0, -2);
  if (rest.length === 2 && rest[0].startsWith('_') && rest[1].startsWith('_')) return srvRecords(listers, name, namespace, serviceName, spec, rest[0].slice(1), rest[1].slice(1), qtype);
  if (rest.length === 1) {
    // hostname.svc.ns.svc.cluster.local: an endpoint by hostname, or by dashed IP.
    const endpoint = readyEndpoints(listers, namespace, serviceName, spec).find((e) => (e.hostname ?? dashedIP(e.ip)) === rest[0]);
    if (!endpoint) return nxdomain;
    return qtype === 'A' ? { rcode: 'NOERROR', records: [{ name, type: 'A', data: endpoint.ip }] } : nodata;
  }
  if (rest.length > 0) return nxdomain;
  if (spec.type === 'ExternalName') return externalName(listers, name, spec.externalName ?? '', qtype, hops);
  if (qtype !== 'A') return nodata;
  if (spec.clusterIP === 'None') {
    return { rcode: 'NOERROR', records: readyEndpoints(listers, namespace, serviceName, spec).map((e) => ({ name, type: 'A' as const, data: e.ip })) };
  }
  return spec.clusterIP ? { rcode: 'NOERROR', records: [{ name, type: 'A', data: spec.clusterIP }] } : nodata;
}

/** `a-b-c-d.ns.pod.cluster.local`: with `pods insecure`, any well-formed address in an existing namespace. */
function podRecord(listers: Listers, name: string, parts: string[], qtype: DnsType): DnsAnswer {
  if (parts.length !== 2 || !namespaceExists(listers, parts[1])) return nxdomain;
  const octets = parts[0].split('-');
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) return nxdomain;
  return qtype === 'A' ? { rcode: 'NOERROR', records: [{ name, type: 'A', data: octets.join('.') }] } : nodata;
}

/**
 * `_http._tcp.web.default.svc.cluster.local`: one SRV per matching named port; a ClusterIP
 * Service points at its own name, a headless one at each endpoint's name. CoreDNS weights
 * records equally so they add up to 100.
 */
function srvRecords(listers: Listers, name: string, namespace: string, service: string, spec: ServiceSpec, portName: string, protocol: string, qtype: DnsType): DnsAnswer {
  const ports = (spec.ports ?? []).filter((p) => p.name === portName && (p.protocol ?? 'TCP').toLowerCase() === protocol);
  if (!ports.length) return nxdomain;
  if (qtype !== 'SRV') return nodata;
  const base = `${service}.${namespace}.svc.${clusterDomain}`;
  const targets: { target: string; port: number }[] = [];
  if (spec.clusterIP === 'None') {
    const endpoints = readyEndpoints(listers, namespace, service, spec);
    const slicePort = slicesOf(listers, namespace, service).flatMap(slicePorts).find((p) => p.name === portName);
    for (const e of endpoints) targets.push({ target: `${e.hostname ?? dashedIP(e.ip)}.${base}`, port: slicePort?.port ?? ports[0].port });
  } else {
    for (const p of ports) targets.push({ target: base, port: p.port });
  }
  const weight = targets.length ? Math.floor(100 / targets.length) : 0;
  return {
    rcode: 'NOERROR',
    records: targets.map(({ target, port }) => ({ name, type: 'SRV' as const, data: `0 ${weight} ${port} ${target}`, srv: { priority: 0, weight, port, target } })),
  };
}

/** PTR for a Service ClusterIP (`svc.ns.svc.cluster.local`) or an endpoint (`host.svc.ns.svc.cluster.local`). */
function reverse(listers: Listers, name: string): DnsAnswer {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
  if (!match) return nxdomain;
  const ip = [match[4], match[3], match[2], match[1]].join('.');
  for (const service of listers.services()) {
    if (serviceSpec(service).clusterIP === ip) {
      return { rcode: 'NOERROR', records: [{ name, type: 'PTR', data: `${service.metadata.name}.${service.metadata.namespace}.svc.${clusterDomain}` }] };
    }
  }
  for (const slice of listers.endpointSlices()) {
    const service = slice.metadata.labels?.['kubernetes.io/service-name'];
    const e = sliceEndpoints(slice).find((x) => x.addresses.includes(ip));
    if (service && e) {
      return { rcode: 'NOERROR', records: [{ name, type: 'PTR', data: `${e.hostname ?? dashedIP(ip)}.${service}.${slice.metadata.namespace}.svc.${clusterDomain}` }] };
    }
  }
  return nxdomain;
}

/** A name's A records through the search list: the first candidate with addresses wins, as `getaddrinfo` does. */
export function resolveHost(listers: Listers, candidates: string[]): { name: string; addresses: string[] } | undefined {
  for (const candidate of candidates) {
    let name = candidate;
    // CoreDNS answers an in-zone ExternalName with its CNAME chain and the addresses; one outside the zone comes back as a bare CNAME.
    for (let hops = 0; hops < 8; hops++) {
      const answer = queryDns(listers, name, 'A');
      const addresses = answer.records.filter((r) => r.type === 'A').map((r) => r.data);
      if (addresses.length) return { name: candidate, addresses };
      const cname = answer.records.find((r) => r.type === 'CNAME');
      if (!cname) break;
      name = cname.data;
    }
  }
  return undefined;
}
