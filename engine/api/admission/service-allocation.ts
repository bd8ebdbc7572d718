/**
 * Service IP and node port allocation, as the Service registry does it: a ClusterIP from the
 * service CIDR (kind's 10.96.0.0/16), node ports from 30000–32767, both chosen by the seeded
 * random source; addresses and ports a Service asks for by hand are checked for range and reuse.
 * On update, values the new object leaves out are kept from the old one (patchAllocatedValues).
 */
import type { ApiContext, AdmissionAttributes } from '../context.ts';
import { statusErrors, StatusError } from '../errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';

export const serviceCIDR = '10.96.0.0/16';
const cidrBase = (10 << 24) | (96 << 16);
const cidrSize = 1 << 16;
export const nodePortRange = { min: 30000, max: 32767 };

interface ServicePort {
  name?: string;
  port?: number;
  nodePort?: number;
  protocol?: string;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  [key: string]: unknown;
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function usedByOthers(ctx: ApiContext, self: KubeObject): { ips: Set<string>; nodePorts: Set<number> } {
  const ips = new Set<string>();
  const nodePorts = new Set<number>();
  for (const service of ctx.store.list('/services')) {
    if (service.metadata.uid === self.metadata.uid && service.metadata.namespace === self.metadata.namespace && service.metadata.name === self.metadata.name) continue;
    const spec = (service.spec ?? {}) as ServiceSpec;
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) ips.add(ip);
    for (const port of spec.ports ?? []) if (port.nodePort) nodePorts.add(port.nodePort);
  }
  return { ips, nodePorts };
}

function invalid(object: KubeObject, errors: FieldError[]): never {
  throw new StatusError(statusErrors.invalid('Service', '', object.metadata.name ?? '', errors));
}

const sameList = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const needsNodePorts = (spec: ServiceSpec): boolean => spec.type === 'NodePort' || spec.type === 'LoadBalancer';
const externallyAccessible = (spec: ServiceSpec): boolean =>
  needsNodePorts(spec) || ((spec.type ?? 'ClusterIP') === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);

/**
 * The Service strategy's dropTypeDependentFields: when `type` changes, the fields the old type
 * needed (and the API server may have filled in) are wiped if the user left them as they were, so
 * `LoadBalancer` → `ClusterIP` releases its node ports instead of failing validation. A value the
 * user changed in the same update stays, and validation judges it.
 */
function dropTypeDependentFields(object: KubeObject, spec: ServiceSpec, old: ServiceSpec): void {
  if (old.type !== 'ExternalName' && spec.type === 'ExternalName') {
    if (spec.clusterIP === old.clusterIP && sameList(spec.clusterIPs, old.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(spec.ipFamilies, old.ipFamilies)) delete spec.ipFamilies;
    if ((spec.ipFamilyPolicy ?? '') === (old.ipFamilyPolicy ?? '')) delete spec.ipFamilyPolicy;
  }
  const oldNodePorts = new Set((old.ports ?? []).map((p) => p.nodePort).filter(Boolean));
  // Ports may be added, removed or changed, as long as no net-new nodePort appears.
  const sameNodePorts = (spec.ports ?? []).every((p) => !p.nodePort || oldNodePorts.has(p.nodePort));
  if (needsNodePorts(old) && !needsNodePorts(spec) && sameNodePorts) for (const port of spec.ports ?? []) delete port.nodePort;
  const lb = (x: ServiceSpec): boolean => x.type === 'LoadBalancer';
  const needsHealthCheck = (x: ServiceSpec): boolean => lb(x) && x.externalTrafficPolicy === 'Local';
  if (needsHealthCheck(old) && !needsHealthCheck(spec) && spec.healthCheckNodePort === old.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (lb(old) && !lb(spec)) {
    if (spec.allocateLoadBalancerNodePorts != null && spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass === old.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(spec) && spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  // Load balancer de-provisioning is asynchronous, but the user is not shown that: the status goes at once.
  if (!lb(spec) && object.status && typeof object.status === 'object') object.status = { ...object.status, loadBalancer: {} };
}

/** Keep the allocated values of the old Service where the new one leaves them out. */
function keepAllocated(spec: ServiceSpec, old: ServiceSpec): void {
  if (!spec.clusterIP && old.clusterIP && spec.type !== 'ExternalName' && old.type !== 'ExternalName') {
    spec.clusterIP = old.clusterIP;
    spec.clusterIPs ??= old.clusterIPs;
  }
  if (!spec.clusterIPs && spec.clusterIP && spec.clusterIP === old.clusterIP) spec.clusterIPs = old.clusterIPs;
  for (const port of spec.ports ?? []) {
    if (port.nodePort) continue;
    const match = (old.ports ?? []).find((o) => o.port === port.port && (o.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (match?.nodePort && spec.type !== 'ClusterIP' && spec.type !== 'ExternalName') port.nodePort = match.nodePort;
  }
}

/** Admission step that fills in and checks spec.clusterIP(s) and node ports of Services. */
export function allocateServiceAddresses(ctx: ApiContext, attributes: AdmissionAttributes): void {
  if (attributes.info.group !== '' || attributes.info.resource !== 'services' || attributes.subresource) return;
  const object = attributes.object;
  const spec = { ...((object.spec ?? {}) as ServiceSpec) };
  spec.ports = (spec.ports ?? []).map((p) => ({ ...p }));
  object.spec = spec;
  if (attributes.old) {
    dropTypeDependentFields(object, spec, (attributes.old.spec ?? {}) as ServiceSpec);
    keepAllocated(spec, (attributes.old.spec ?? {}) as ServiceSpec);
  }
  const used = usedByOthers(ctx, object);
  const type = spec.type ?? 'ClusterIP';

  if (type === 'ExternalName') return;
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (spec.clusterIP === 'None') {
    spec.clusterIPs = ['None'];
  } else if (!spec.clusterIP) {
    let ip: string;
    // Random offsets, skipping the network address, as the allocator's bitmap does.
    do ip = numberToIp(cidrBase + 1 + ctx.random.int(cidrSize - 2));
    while (used.ips.has(ip));
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  } else if (!attributes.old || ((attributes.old.spec ?? {}) as ServiceSpec).clusterIP !== spec.clusterIP) {
    const n = ipToNumber(spec.clusterIP);
    const ips = spec.clusterIPs ?? [spec.clusterIP];
    const shown = `[]string{${ips.map((i) => JSON.stringify(i)).join(', ')}}`;
    if (n === undefined || n < cidrBase || n >= cidrBase + cidrSize) {
      invalid(object, [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', value: shown, hasValue: false,
        detail: `${shown}: failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is ${serviceCIDR}` }]);
    }
    if (used.ips.has(spec.clusterIP)) {
      invalid(object, [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', value: shown, hasValue: false,
        detail: `${shown}: failed to allocate IP ${spec.clusterIP}: provided IP is already allocated` }]);
    }
    spec.clusterIPs ??= [spec.clusterIP];
  }
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';

  if (type !== 'NodePort' && type !== 'LoadBalancer') return;
  const errors: FieldError[] = [];
  spec.ports.forEach((port, i) => {
    if (!port.nodePort) {
      let candidate: number;
      do candidate = nodePortRange.min + ctx.random.int(nodePortRange.max - nodePortRange.min + 1);
      while (used.nodePorts.has(candidate));
      port.nodePort = candidate;
      used.nodePorts.add(candidate);
      return;
    }
    const oldPorts = ((attributes.old?.spec ?? {}) as ServiceSpec).ports ?? [];
    if (oldPorts.some((o) => o.nodePort === port.nodePort)) return;
    const field = `spec.ports[${i}].nodePort`;
    if (port.nodePort < nodePortRange.min || port.nodePort > nodePortRange.max) {
      errors.push({ type: 'FieldValueInvalid', field, value: port.nodePort, hasValue: true,
        detail: `provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}` });
    } else if (used.nodePorts.has(port.nodePort)) {
      errors.push({ type: 'FieldValueInvalid', field, value: port.nodePort, hasValue: true, detail: 'provided port is already allocated' });
    } else used.nodePorts.add(port.nodePort);
  });
  if (errors.length) invalid(object, errors);
}
