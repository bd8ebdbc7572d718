/**
 * Service validation (`ValidateService`, `ValidateServiceUpdate`): type, ports (named when there
 * are several), target ports, nodePort range, session affinity, ExternalName rules, and the
 * cluster IPs that may not change once set.
 */
import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { asObject, asObjects, child, index, num, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isDNS1123Label, isDNS1123Subdomain, isIP, isQualifiedName, isValidPortNum, nameIsDNS1035Label } from './names.ts';
import { validatePortNumOrName } from './pod-containers.ts';

/** The default `--service-node-port-range` of kube-apiserver. */
export const nodePortRange = { base: 30000, size: 2768 };

/** The port allocator's error for a nodePort outside the range. */
export function nodePortNotInRangeError(path: string, port: number): FieldError {
  const last = nodePortRange.base + nodePortRange.size - 1;
  return fieldError.invalid(path, port,
    `provided port is not in the valid range. The range of valid ports is ${nodePortRange.base}-${last}`);
}

/** The port allocator's error for a nodePort another Service holds. */
export function nodePortAllocatedError(path: string, port: number): FieldError {
  return fieldError.invalid(path, port, 'provided port is already allocated');
}

/** `IsValidIP`'s message. */
export function invalidIPError(path: string, ip: string): FieldError {
  return fieldError.invalid(path, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
}

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const protocols = ['SCTP', 'TCP', 'UDP'];

function clusterIPs(spec: Loose): string[] {
  return Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(String) : [];
}

function isHeadless(spec: Loose): boolean {
  const ips = clusterIPs(spec);
  return (ips.length === 1 && ips[0] === 'None') || (ips.length === 0 && spec.clusterIP === 'None');
}

function validateServicePort(sp: Loose, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && !name) errs.push(fieldError.required(child(path, 'name')));
  else if (name) {
    errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(path, 'name'), name, m)));
    if (names.has(name)) errs.push(fieldError.duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  errs.push(...isValidPortNum(num(sp.port)).map((m) => fieldError.invalid(child(path, 'port'), num(sp.port), m)));
  const protocol = str(sp.protocol);
  if (!protocol) errs.push(fieldError.required(child(path, 'protocol')));
  else if (!protocols.includes(protocol)) errs.push(fieldError.notSupported(child(path, 'protocol'), protocol, protocols));
  errs.push(...validatePortNumOrName(sp.targetPort, child(path, 'targetPort')));
  if (typeof sp.appProtocol === 'string') {
    errs.push(...isQualifiedName(sp.appProtocol).map((m) => fieldError.invalid(child(path, 'appProtocol'), sp.appProtocol, m)));
  }
  return errs;
}

/** The internal `core.ServicePort` as Go marshals it in a `Duplicate value`. */
function servicePortKey(port: Loose): Loose {
  return { Name: '', Protocol: str(port.protocol), AppProtocol: null, Port: num(port.port), TargetPort: 0, NodePort: 0 };
}

function validateServiceSpec(spec: Loose): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(spec.type);
  const headless = isHeadless(spec);
  const ports = asObjects(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(fieldError.required('spec.ports'));
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    errs.push(fieldError.invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (clusterIPs(spec).length > 0) errs.push(fieldError.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length) errs.push(fieldError.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy != null) errs.push(fieldError.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => fieldError.invalid('spec.externalName', cname, m)));
    else errs.push(fieldError.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.push(fieldError.required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(fieldError.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  const affinityConfig = asObject(spec.sessionAffinityConfig);
  if (affinity === 'ClientIP') {
    const clientIP = asObject(affinityConfig?.clientIP);
    if (!affinityConfig) errs.push(fieldError.required('spec.sessionAffinityConfig', 'when session affinity type is ClientIP'));
    else if (!clientIP) errs.push(fieldError.required('spec.sessionAffinityConfig.clientIP', 'when session affinity type is ClientIP'));
    else if (typeof clientIP.timeoutSeconds !== 'number') {
      errs.push(fieldError.required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'when session affinity type is ClientIP'));
    } else if (clientIP.timeoutSeconds <= 0 || clientIP.timeoutSeconds > 86400) {
      errs.push(fieldError.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', clientIP.timeoutSeconds,
        'must be greater than 0 and less than 86400'));
    }
  } else if (affinity === 'None' && affinityConfig) {
    errs.push(fieldError.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  if (type !== 'ExternalName') {
    const ips = clusterIPs(spec);
    if (str(spec.clusterIP) && ips.length && ips[0] !== spec.clusterIP) errs.push(fieldError.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
    ips.forEach((ip, i) => { if (!(i === 0 && ip === 'None') && !isIP(ip)) errs.push(invalidIPError(index('spec.clusterIPs', i), ip)); });
  }
  (Array.isArray(spec.externalIPs) ? spec.externalIPs.map(String) : []).forEach((ip, i) => {
    if (!isIP(ip)) errs.push(invalidIPError(index('spec.externalIPs', i), ip));
  });
  if (!type) errs.push(fieldError.required('spec.type'));
  else if (!serviceTypes.includes(type)) errs.push(fieldError.notSupported('spec.type', type, serviceTypes));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => { if (num(p.nodePort) !== 0) errs.push(fieldError.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")); });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (num(p.nodePort) === 0) return;
    const k = `${str(p.protocol)}/${num(p.nodePort)}`;
    if (nodePorts.has(k)) errs.push(fieldError.duplicate(`spec.ports[${i}].nodePort`, num(p.nodePort)));
    nodePorts.add(k);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${str(p.protocol)}/${num(p.port)}`;
    if (seen.has(k)) errs.push(fieldError.duplicate(`spec.ports[${i}]`, servicePortKey(p)));
    seen.add(k);
  });
  if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length && type !== 'LoadBalancer') {
    errs.push(fieldError.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.allocateLoadBalancerNodePorts != null && type !== 'LoadBalancer') {
    errs.push(fieldError.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.loadBalancerClass != null && type !== 'LoadBalancer') {
    errs.push(fieldError.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' ||
    (type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible && etp) {
    errs.push(fieldError.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (externallyAccessible && etp && etp !== 'Cluster' && etp !== 'Local') {
    errs.push(fieldError.notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  }
  const itp = spec.internalTrafficPolicy;
  if (itp != null && itp !== 'Cluster' && itp !== 'Local') errs.push(fieldError.notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  return errs;
}

function nodePortRangeErrors(spec: Loose, oldSpec: Loose | undefined): FieldError[] {
  const type = str(spec.type);
  if (type !== 'NodePort' && type !== 'LoadBalancer') return [];
  const oldPorts = new Set(asObjects(oldSpec?.ports).map((p) => num(p.nodePort)));
  const last = nodePortRange.base + nodePortRange.size - 1;
  return asObjects(spec.ports).flatMap((p, i) => {
    const port = num(p.nodePort);
    if (port === 0 || oldPorts.has(port) || (port >= nodePortRange.base && port <= last)) return [];
    return [nodePortNotInRangeError(`spec.ports[${i}].nodePort`, port)];
  });
}

function validateClusterIPsUpdate(spec: Loose, oldSpec: Loose): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(oldSpec)) return [];
  const ips = clusterIPs(spec);
  const oldIPs = clusterIPs(oldSpec);
  const errs: FieldError[] = [];
  if (oldIPs.length === ips.length) {
    oldIPs.forEach((ip, i) => { if (ip !== ips[i]) errs.push(fieldError.invalid(index('spec.clusterIPs', i), ips, 'may not change once set')); });
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) errs.push(fieldError.invalid('spec.clusterIPs[0]', ips, 'primary clusterIP can not be unset'));
    else if (ips[0] !== oldIPs[0]) errs.push(fieldError.invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    errs.push(fieldError.invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
  }
  return errs;
}

/** Service create and update. */
export function validateService(svc: KubeObject, old?: KubeObject): FieldError[] {
  const spec = asObject(svc.spec) ?? {};
  const oldSpec = old ? asObject(old.spec) ?? {} : undefined;
  const errs: FieldError[] = [];
  if (old && oldSpec) errs.push(...validateObjectMetaUpdate(svc.metadata, old.metadata), ...validateClusterIPsUpdate(spec, oldSpec));
  errs.push(...validateObjectMeta(svc.metadata, true, nameIsDNS1035Label));
  errs.push(...validateServiceSpec(spec));
  errs.push(...nodePortRangeErrors(spec, oldSpec));
  return errs;
}
