/**
 * Spec validation of the networking.k8s.io group (pkg/apis/networking/validation): Ingress,
 * IngressClass and NetworkPolicy.
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import { asObject, asObjects, child, index, key, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { immutable, isSet, specOf, validateLabelSelector } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isIP, isValidPathSegmentName, isValidPortName, isValidPortNum,
  maxLenError, regexError,
} from './names.ts';
import { validateDomainPrefixedPath } from './batch.ts';

const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];
const wildcardFmt = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';

/** `IsWildcardDNS1123Subdomain`: `*.` followed by a DNS subdomain. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!new RegExp(`^${wildcardFmt}$`).test(value)) {
    errs.push(regexError(
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
      wildcardFmt, '*.example.com',
    ));
  }
  return errs;
}

/** A host rule: a DNS name (maybe with a `*.` wildcard), never an IP. */
function validateHost(host: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isIP(host)) errs.push(fieldError.invalid(path, host, 'must be a DNS name, not an IP address'));
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  errs.push(...msgs.map((msg) => fieldError.invalid(path, host, msg)));
  return errs;
}

/** `validateIngressTypedLocalObjectReference` (a resource backend, IngressClass parameters). */
function validateTypedReference(ref: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof ref.apiGroup === 'string') {
    errs.push(...isDNS1123Subdomain(ref.apiGroup).map((msg) => fieldError.invalid(child(path, 'apiGroup'), ref.apiGroup, msg)));
  }
  for (const f of ['kind', 'name']) {
    const value = str(ref[f]);
    if (value === '') errs.push(fieldError.required(child(path, f), `${f} is required`));
    else errs.push(...isValidPathSegmentName(value).map((msg) => fieldError.invalid(child(path, f), value, msg)));
  }
  return errs;
}

/** `validateIngressBackend`: exactly one of service and resource; a service port by name or number. */
function validateBackend(backend: Loose, path: string): FieldError[] {
  const resource = asObject(backend.resource);
  const service = asObject(backend.service);
  if (resource && service) return [fieldError.invalid(path, '', 'cannot set both resource and service backends')];
  if (resource) return validateTypedReference(resource, child(path, 'resource'));
  if (!service) return [fieldError.invalid(path, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const name = str(service.name);
  if (name === '') errs.push(fieldError.required(child(path, 'service', 'name')));
  else errs.push(...isDNS1035Label(name).map((msg) => fieldError.invalid(child(path, 'service', 'name'), name, msg)));
  const port = asObject(service.port) ?? {};
  const portName = str(port.name);
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName !== '' && portNumber !== 0) errs.push(fieldError.invalid(path, '', 'cannot set both port name & port number'));
  else if (portName !== '') {
    errs.push(...isValidPortName(portName).map((msg) => fieldError.invalid(child(path, 'service', 'port', 'name'), portName, msg)));
  } else if (portNumber !== 0) {
    errs.push(...isValidPortNum(portNumber).map((msg) => fieldError.invalid(child(path, 'service', 'port', 'number'), portNumber, msg)));
  } else {
    errs.push(fieldError.required(path, 'port name or number is required'));
  }
  return errs;
}

/** `validateHTTPIngressPath`: pathType required; Exact/Prefix paths absolute and clean. */
function validateHTTPPath(httpPath: Loose, path: string): FieldError[] {
  if (!isSet(httpPath.pathType)) return [fieldError.required(child(path, 'pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const pathType = str(httpPath.pathType);
  const value = str(httpPath.path);
  const p = child(path, 'path');
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(fieldError.invalid(p, value, 'must be an absolute path'));
    if (value.length > 0) {
      for (const seq of invalidPathSequences) if (value.includes(seq)) errs.push(fieldError.invalid(p, value, `must not contain '${seq}'`));
      for (const suffix of invalidPathSuffixes) if (value.endsWith(suffix)) errs.push(fieldError.invalid(p, value, `cannot end with '${suffix}'`));
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value.length > 0 && !value.startsWith('/')) errs.push(fieldError.invalid(p, value, 'must be an absolute path'));
  } else {
    errs.push(fieldError.notSupported(child(path, 'pathType'), pathType, ['Exact', 'ImplementationSpecific', 'Prefix']));
  }
  errs.push(...validateBackend(asObject(httpPath.backend) ?? {}, child(path, 'backend')));
  return errs;
}

/** Ingress: backend or rules, hosts, paths, TLS hosts and secret names, class name. */
export const validateIngress: KindValidator = (obj, old) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const rules = asObjects(spec.rules);
  if (rules.length === 0 && !isSet(spec.defaultBackend)) {
    errs.push(fieldError.invalid('spec', spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (isSet(spec.defaultBackend)) errs.push(...validateBackend(asObject(spec.defaultBackend) ?? {}, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const p = index('spec.rules', i);
    const host = str(rule.host);
    if (host !== '') errs.push(...validateHost(host, child(p, 'host')));
    const http = asObject(rule.http);
    if (http) {
      const paths = asObjects(http.paths);
      if (paths.length === 0) errs.push(fieldError.required(child(p, 'http', 'paths')));
      paths.forEach((hp, j) => errs.push(...validateHTTPPath(hp, index(child(p, 'http', 'paths'), j))));
    }
  });
  // An invalid secret name already stored stays allowed on update (backwards compatibility).
  const oldInvalidSecret = old !== undefined && asObjects(specOf(old).tls).some((t) => isDNS1123Subdomain(str(t.secretName)).length > 0 && str(t.secretName) !== '');
  asObjects(spec.tls).forEach((tls, i) => {
    const p = index('spec.tls', i);
    (Array.isArray(tls.hosts) ? tls.hosts : []).forEach((h, j) => {
      const host = str(h);
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      errs.push(...msgs.map((msg) => fieldError.invalid(index(child(p, 'hosts'), j), host, msg)));
    });
    const secretName = str(tls.secretName);
    if (secretName !== '' && !oldInvalidSecret) {
      errs.push(...isDNS1123Subdomain(secretName).map((msg) => fieldError.invalid(child(p, 'secretName'), secretName, msg)));
    }
  });
  if (typeof spec.ingressClassName === 'string') {
    const name = spec.ingressClassName;
    errs.push(...isDNS1123Subdomain(name).map((msg) => fieldError.invalid('spec.ingressClassName', name, msg)));
  }
  const annotation = obj.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (!old && annotation !== undefined && typeof spec.ingressClassName === 'string' && annotation !== spec.ingressClassName) {
    errs.push(fieldError.invalid(key('annotations', 'kubernetes.io/ingress.class'), annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
};

/** IngressClass: a domain-prefixed controller (immutable) and a well-formed parameters reference. */
export const validateIngressClass: KindValidator = (obj, old) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  if (old) errs.push(...immutable(spec.controller, specOf(old).controller, 'spec.controller'));
  const controller = str(spec.controller);
  if (controller.length > 250) errs.push(fieldError.tooLong('spec.controller', '', 250));
  errs.push(...validateDomainPrefixedPath('spec.controller', controller));
  const params = asObject(spec.parameters);
  if (params) {
    errs.push(...validateTypedReference(params, 'spec.parameters'));
    if (!isSet(params.scope)) errs.push(fieldError.required('spec.parameters.scope'));
    else {
      const scope = str(params.scope);
      if (scope !== 'Cluster' && scope !== 'Namespace') errs.push(fieldError.notSupported('spec.parameters.scope', scope, ['Cluster', 'Namespace']));
      if (scope === 'Namespace') {
        if (!isSet(params.namespace)) errs.push(fieldError.required('spec.parameters.namespace', "`parameters.scope` is set to 'Namespace'"));
        else errs.push(...isDNS1123Label(str(params.namespace)).map((msg) => fieldError.invalid('spec.parameters.namespace', params.namespace, msg)));
      }
      if (scope === 'Cluster' && isSet(params.namespace)) errs.push(fieldError.forbidden('spec.parameters.namespace', "`parameters.scope` is set to 'Cluster'"));
    }
  }
  return errs;
};

/** A CIDR as Go's `net.ParseCIDR` reads it: address bits and prefix length. */
function parseCIDR(cidr: string): { bits: bigint; width: number; prefix: number } | undefined {
  const [ip, prefixText, extra] = cidr.split('/');
  if (extra !== undefined || prefixText === undefined || !/^[0-9]{1,3}$/.test(prefixText) || !isIP(ip)) return undefined;
  const v4 = !ip.includes(':');
  const width = v4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > width) return undefined;
  let bits = 0n;
  if (v4) for (const part of ip.split('.')) bits = (bits << 8n) | BigInt(part);
  else {
    const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
    const groups = (s: string | undefined) => (s ? s.split(':') : []);
    const h = groups(head);
    const t = groups(tail);
    const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
    for (const g of all) bits = (bits << 16n) | BigInt(`0x${g || '0'}`);
  }
  return { bits, width, prefix };
}

/** `ValidateIPBlock`: a valid CIDR, and each `except` a strict subset of it. */
function validateIPBlock(block: Loose, path: string): FieldError[] {
  const cidrText = str(block.cidr);
  if (cidrText === '') return [fieldError.required(child(path, 'cidr'))];
  const cidr = parseCIDR(cidrText);
  if (!cidr) return [fieldError.invalid(child(path, 'cidr'), cidrText, 'not a valid CIDR')];
  const errs: FieldError[] = [];
  const excepts = Array.isArray(block.except) ? block.except.map(str) : [];
  for (const [i, text] of excepts.entries()) {
    const p = index(child(path, 'except'), i);
    const except = parseCIDR(text);
    if (!except) return [...errs, fieldError.invalid(p, text, 'not a valid CIDR')];
    const shift = BigInt(cidr.width - cidr.prefix);
    const contains = except.width === cidr.width && (except.bits >> shift) === (cidr.bits >> shift);
    if (!contains || cidr.prefix >= except.prefix) errs.push(fieldError.invalid(p, text, 'must be a strict subset of `cidr`'));
  }
  return errs;
}

/** `ValidateNetworkPolicyPort`. */
function validatePolicyPort(port: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(port.protocol) && !['TCP', 'UDP', 'SCTP'].includes(str(port.protocol))) {
    errs.push(fieldError.notSupported(child(path, 'protocol'), str(port.protocol), ['TCP', 'UDP', 'SCTP']));
  }
  if (typeof port.port === 'number') {
    errs.push(...isValidPortNum(port.port).map((msg) => fieldError.invalid(child(path, 'port'), port.port, msg)));
    if (typeof port.endPort === 'number') {
      if (port.endPort < port.port) errs.push(fieldError.invalid(child(path, 'endPort'), port.port, 'must be greater than or equal to `port`'));
      errs.push(...isValidPortNum(port.endPort).map((msg) => fieldError.invalid(child(path, 'endPort'), port.endPort, msg)));
    }
  } else if (isSet(port.port)) {
    if (isSet(port.endPort)) errs.push(fieldError.invalid(child(path, 'endPort'), port.endPort, 'may not be specified when `port` is non-numeric'));
    errs.push(...isValidPortName(str(port.port)).map((msg) => fieldError.invalid(child(path, 'port'), str(port.port), msg)));
  } else if (isSet(port.endPort)) {
    errs.push(fieldError.invalid(child(path, 'endPort'), port.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

/** `ValidateNetworkPolicyPeer`: at least one peer, and an ipBlock alone. */
function validatePeer(peer: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const f of ['podSelector', 'namespaceSelector']) {
    if (isSet(peer[f])) {
      count++;
      errs.push(...validateLabelSelector(peer[f], child(path, f)));
    }
  }
  if (isSet(peer.ipBlock)) {
    count++;
    errs.push(...validateIPBlock(asObject(peer.ipBlock) ?? {}, child(path, 'ipBlock')));
  }
  if (count === 0) errs.push(fieldError.required(path, 'must specify a peer'));
  else if (count > 1 && isSet(peer.ipBlock)) errs.push(fieldError.forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

/** NetworkPolicy: pod selector, rule ports and peers, policyTypes. */
export const validateNetworkPolicy: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']]) {
    asObjects(spec[direction]).forEach((rule, i) => {
      const p = index(child('spec', direction), i);
      asObjects(rule.ports).forEach((port, j) => errs.push(...validatePolicyPort(port, index(child(p, 'ports'), j))));
      asObjects(rule[peers]).forEach((peer, j) => errs.push(...validatePeer(peer, index(child(p, peers), j))));
    });
  }
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(str) : [];
  if (types.length > 2) return [...errs, fieldError.invalid('spec.policyTypes', types, 'may not specify more than two policyTypes')];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(fieldError.notSupported(index('spec.policyTypes', i), t, ['Ingress', 'Egress']));
  });
  return errs;
};
