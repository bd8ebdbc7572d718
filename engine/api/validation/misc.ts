/**
 * Validation of the smaller groups: scheduling (PriorityClass), coordination (Lease), discovery
 * (EndpointSlice) and admissionregistration (ValidatingAdmissionPolicy and its Binding).
 */

import { fieldError } from '../field-errors.ts';
import type { FieldError } from '../field-errors.ts';
import { asObject, asObjects, child, index, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { immutable, isSet, specOf } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';
import { isDNS1123Label, isDNS1123Subdomain, isIP, isQualifiedName } from './names.ts';

/** `scheduling.HighestUserDefinablePriority`: one billion; larger values are for system classes. */
const highestUserDefinablePriority = 1000000000;
const systemPriorityClasses: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** `IsKnownSystemPriorityClass`: the error text, or undefined when name, value and default match. */
function systemPriorityClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const expected = systemPriorityClasses[name];
  if (expected === undefined) return `${name} is not a known system priority class`;
  if (value !== expected) return `value of ${name} PriorityClass must be ${expected}`;
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

/** PriorityClass: `system-` names are reserved, user values ≤ 1e9; value and preemptionPolicy fixed after create. */
export const validatePriorityClass: KindValidator = (obj, old) => {
  const errs: FieldError[] = [];
  const value = typeof obj.value === 'number' ? obj.value : 0;
  if (old) {
    if (value !== (typeof old.value === 'number' ? old.value : 0)) errs.push(fieldError.forbidden('value', 'may not be changed in an update.'));
    errs.push(...immutable(obj.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'));
    return errs;
  }
  const name = str(obj.metadata.name);
  if (name.startsWith('system-')) {
    const err = systemPriorityClassError(name, value, obj.globalDefault === true);
    if (err) errs.push(fieldError.forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`));
  } else if (value > highestUserDefinablePriority) {
    errs.push(fieldError.forbidden('value', `maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`));
  }
  if (isSet(obj.preemptionPolicy)) {
    const policy = str(obj.preemptionPolicy);
    if (policy === '') errs.push(fieldError.required('preemptionPolicy'));
    else if (policy !== 'PreemptLowerPriority' && policy !== 'Never') {
      errs.push(fieldError.notSupported('preemptionPolicy', policy, ['PreemptLowerPriority', 'Never']));
    }
  }
  return errs;
};

/** Lease: a positive duration, non-negative transitions, a preferred holder only with a strategy. */
export const validateLease: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0) {
    errs.push(fieldError.invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0) {
    errs.push(fieldError.invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (str(spec.preferredHolder) !== '' && str(spec.strategy) === '') {
    errs.push(fieldError.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
  return errs;
};

/** `ValidateEndpointIP`: no unspecified, loopback or link-local endpoints. */
function validateEndpointIP(ip: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const lower = ip.toLowerCase();
  if (ip === '0.0.0.0' || /^[0:]+$/.test(ip)) errs.push(fieldError.invalid(path, ip, `may not be unspecified (${ip})`));
  if (ip.startsWith('127.') || lower === '::1') errs.push(fieldError.invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (ip.startsWith('169.254.') || /^fe[89ab]/.test(lower)) {
    errs.push(fieldError.invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if (ip.startsWith('224.0.0.') || lower.startsWith('ff02:')) {
    errs.push(fieldError.invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}

/** One endpoint address checked against the slice's addressType. */
function validateAddress(addressType: string, address: string, path: string): FieldError[] {
  if (addressType === 'IPv4') {
    if (!isIP(address) || address.includes(':')) return [fieldError.invalid(path, address, 'must be a valid IPv4 address')];
    return validateEndpointIP(address, path);
  }
  if (addressType === 'IPv6') {
    if (!isIP(address) || !address.includes(':')) return [fieldError.invalid(path, address, 'must be a valid IPv6 address')];
    return validateEndpointIP(address, path);
  }
  if (addressType !== 'FQDN') return [];
  const name = address.endsWith('.') ? address.slice(0, -1) : address;
  if (name === '') return [fieldError.required(path)];
  const errs = isDNS1123Subdomain(name).map((msg) => fieldError.invalid(path, address, msg));
  if (errs.length > 0) return errs;
  if (name.split('.').length < 2) return [fieldError.invalid(path, address, 'should be a domain with at least two segments separated by dots')];
  return [];
}

/** EndpointSlice: endpoints (1–100 addresses each), addressType (immutable), ports. */
export const validateEndpointSlice: KindValidator = (obj, old) => {
  const errs: FieldError[] = [];
  const addressType = str(obj.addressType);
  const endpoints = asObjects(obj.endpoints);
  if (endpoints.length > 1000) errs.push(fieldError.tooMany('endpoints', endpoints.length, 1000));
  else {
    endpoints.forEach((endpoint, i) => {
      const p = index('endpoints', i);
      const addresses = Array.isArray(endpoint.addresses) ? endpoint.addresses.map(str) : [];
      if (addresses.length === 0) errs.push(fieldError.required(child(p, 'addresses'), 'must contain at least 1 address'));
      else if (addresses.length > 100) errs.push(fieldError.tooMany(child(p, 'addresses'), addresses.length, 100));
      addresses.forEach((a, j) => errs.push(...validateAddress(addressType, a, index(child(p, 'addresses'), j))));
      if (typeof endpoint.nodeName === 'string') {
        errs.push(...isDNS1123Subdomain(endpoint.nodeName).map((msg) => fieldError.invalid(child(p, 'nodeName'), endpoint.nodeName, msg)));
      }
      if (typeof endpoint.hostname === 'string') {
        errs.push(...isDNS1123Label(endpoint.hostname).map((msg) => fieldError.invalid(child(p, 'hostname'), endpoint.hostname, msg)));
      }
    });
  }
  if (addressType === '') errs.push(fieldError.required('addressType'));
  else if (!['FQDN', 'IPv4', 'IPv6'].includes(addressType)) errs.push(fieldError.notSupported('addressType', addressType, ['FQDN', 'IPv4', 'IPv6']));
  const seen = new Set<string>();
  asObjects(obj.ports).forEach((port, i) => {
    const p = index('ports', i);
    const name = str(port.name);
    if (name !== '') errs.push(...isDNS1123Label(name).map((msg) => fieldError.invalid(child(p, 'name'), name, msg)));
    if (seen.has(name)) errs.push(fieldError.duplicate(child(p, 'name'), name));
    seen.add(name);
    if (!isSet(port.protocol)) errs.push(fieldError.required(child(p, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(str(port.protocol))) errs.push(fieldError.notSupported(child(p, 'protocol'), str(port.protocol), ['SCTP', 'TCP', 'UDP']));
    if (typeof port.appProtocol === 'string') {
      errs.push(...isQualifiedName(port.appProtocol).map((msg) => fieldError.invalid(child(p, 'appProtocol'), port.appProtocol, msg)));
    }
  });
  if (old) errs.push(...immutable(obj.addressType, old.addressType, 'addressType'));
  return errs;
};

/** ValidatingAdmissionPolicy: match constraints with resource rules, some validation, known failure policy. */
export const validateValidatingAdmissionPolicy: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  if (isSet(spec.failurePolicy) && !['Fail', 'Ignore'].includes(str(spec.failurePolicy))) {
    errs.push(fieldError.notSupported('spec.failurePolicy', str(spec.failurePolicy), ['Fail', 'Ignore']));
  }
  const match = asObject(spec.matchConstraints);
  if (!match) errs.push(fieldError.required('spec.matchConstraints'));
  else if (asObjects(match.resourceRules).length === 0) errs.push(fieldError.required('spec.matchConstraints.resourceRules'));
  const validations = asObjects(spec.validations);
  if (validations.length === 0 && asObjects(spec.auditAnnotations).length === 0) {
    errs.push(fieldError.required('spec.validations', 'validations or auditAnnotations must contain at least one item'));
  }
  validations.forEach((v: Loose, i) => {
    if (str(v.expression).trim() === '') errs.push(fieldError.required(child(index('spec.validations', i), 'expression')));
  });
  return errs;
};

/** ValidatingAdmissionPolicyBinding: a policy name and a sensible set of validation actions. */
export const validateValidatingAdmissionPolicyBinding: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const policyName = str(spec.policyName);
  if (policyName === '') errs.push(fieldError.required('spec.policyName'));
  else errs.push(...isDNS1123Subdomain(policyName).map((msg) => fieldError.invalid('spec.policyName', policyName, msg)));
  const actions = Array.isArray(spec.validationActions) ? spec.validationActions.map(str) : [];
  const seen = new Set<string>();
  actions.forEach((action, i) => {
    const p = index('spec.validationActions', i);
    if (!['Audit', 'Deny', 'Warn'].includes(action)) errs.push(fieldError.notSupported(p, action, ['Audit', 'Deny', 'Warn']));
    if (seen.has(action)) errs.push(fieldError.duplicate(p, action));
    seen.add(action);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    errs.push(fieldError.invalid('spec.validationActions', actions,
      'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'));
  }
  if (seen.size === 0) errs.push(fieldError.required('spec.validationActions', 'at least one validation action is required'));
  return errs;
};
