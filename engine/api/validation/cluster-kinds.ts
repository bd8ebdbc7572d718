/**
 * Validation of the cluster plumbing kinds a learner rarely writes but may `kubectl get`, describe or
 * create by hand: CertificateSigningRequest (pkg/apis/certificates/validation), FlowSchema and
 * PriorityLevelConfiguration (pkg/apis/flowcontrol/validation), RuntimeClass (pkg/apis/node) and
 * the storage.k8s.io CSI kinds and VolumeAttachment (pkg/apis/storage/validation). The required
 * fields and the common mistakes are checked with the v1.32 messages; deeper rules (CSR request
 * parsing, the fixed specs of the mandatory APF objects, CSI token audiences) are not.
 */

import { fieldError } from '../field-errors.ts';
import { GoValue, goQuote } from '../go-syntax.ts';
import type { FieldError } from '../field-errors.ts';
import { asObject, asObjects, child, index, str } from './field-path.ts';
import type { Loose } from './field-path.ts';
import { isSet, specOf } from './group-helpers.ts';
import type { KindValidator } from './group-helpers.ts';
import { isDNS1123Label, isDNS1123Subdomain } from './names.ts';

const keyUsages = [
  'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
  'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
  'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
];

/**
 * ValidateCertificateSigningRequestSignerName: `example.com/signer-name`, the domain of DNS-1123
 * labels with at least one dot, the path of DNS-1123 subdomains, 571 characters at most. Label
 * checks stop at the first bad label: further messages would only repeat it.
 */
function validateSignerName(signerName: string, path: string): FieldError[] {
  if (signerName === '') return [fieldError.required(path, 'signerName must be provided')];
  const segments = signerName.split('/');
  if (segments.length !== 2) {
    return [fieldError.invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  }
  const [domain, rest] = segments;
  const errs: FieldError[] = [];
  if (domain.length > 253) errs.push(fieldError.tooLong(path, domain, 253));
  const domainLabels = domain.split('.');
  for (const label of domainLabels) {
    const problems = isDNS1123Label(label);
    if (!problems.length) continue;
    errs.push(...problems.map((problem) => fieldError.invalid(path, domain, `validating label ${goQuote(label)}: ${problem}`)));
    break;
  }
  if (domainLabels.length < 2) errs.push(fieldError.invalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  for (const label of rest.split('.')) {
    const problems = isDNS1123Subdomain(label);
    if (!problems.length) continue;
    errs.push(...problems.map((problem) => fieldError.invalid(path, rest, `validating label ${goQuote(label)}: ${problem}`)));
    break;
  }
  if (signerName.length > 571) errs.push(fieldError.tooLong(path, signerName, 571));
  return errs;
}

/** The bytes a `[]byte` field holds: its JSON form is base64 (undecodable text counts as itself). */
function bytesOf(value: string): string {
  try {
    return atob(value);
  } catch {
    return value;
  }
}

/** Go's `%#v` of a `[]byte`: `[]byte(nil)`, `[]byte{}`, `[]byte{0x68, 0x69}`. */
function goBytes(value: unknown): GoValue {
  if (value === undefined || value === null) return new GoValue('[]byte(nil)');
  return new GoValue(`[]byte{${Array.from(bytesOf(String(value)), (ch) => `0x${ch.charCodeAt(0).toString(16)}`).join(', ')}}`);
}

/**
 * validateCSR's first step, certificates.ParseCSR: the request must hold a PEM block of type
 * `CERTIFICATE REQUEST`. Only that much is checked here: a request with such a block is accepted
 * without parsing its DER or checking its signature (what x509 would still refuse).
 */
function validateRequest(request: unknown): FieldError[] {
  if (typeof request === 'string' && bytesOf(request).includes('-----BEGIN CERTIFICATE REQUEST-----')) return [];
  return [fieldError.invalid('spec.request', goBytes(request), 'PEM block type must be CERTIFICATE REQUEST')];
}

/**
 * CertificateSigningRequest, in validateCertificateSigningRequest's order: the request, usages
 * (required, then each unknown one, then each repeated one), signerName (the legacy signer is not
 * allowed in v1), and at least ten minutes of expiration.
 */
export const validateCertificateSigningRequest: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs: FieldError[] = validateRequest(spec.request);
  const usages = Array.isArray(spec.usages) ? spec.usages.map(str) : [];
  if (usages.length === 0) errs.push(fieldError.required('spec.usages', 'usages must be provided'));
  usages.forEach((usage, i) => {
    if (!keyUsages.includes(usage)) errs.push(fieldError.notSupported(index('spec.usages', i), usage, keyUsages));
  });
  const seen = new Set<string>();
  usages.forEach((usage, i) => {
    if (seen.has(usage)) errs.push(fieldError.duplicate(index('spec.usages', i), usage));
    seen.add(usage);
  });
  if (str(spec.signerName) === 'kubernetes.io/legacy-unknown') {
    errs.push(fieldError.invalid('spec.signerName', str(spec.signerName), 'the legacy signerName is not allowed via this API version'));
  } else {
    errs.push(...validateSignerName(str(spec.signerName), 'spec.signerName'));
  }
  if (typeof spec.expirationSeconds === 'number' && spec.expirationSeconds < 600) {
    errs.push(fieldError.invalid('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  return errs;
};

/** One rule of a FlowSchema: at least one subject and at least one resource or non-resource rule. */
function validatePolicyRulesWithSubjects(rule: Loose, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (asObjects(rule.subjects).length === 0) errs.push(fieldError.required(child(path, 'subjects'), 'subjects must contain at least one value'));
  if (asObjects(rule.resourceRules).length === 0 && asObjects(rule.nonResourceRules).length === 0) {
    errs.push(fieldError.required(path, 'at least one of resourceRules and nonResourceRules has to be non-empty'));
  }
  asObjects(rule.resourceRules).forEach((r, i) => {
    const p = index(child(path, 'resourceRules'), i);
    if (!Array.isArray(r.verbs) || r.verbs.length === 0) errs.push(fieldError.required(child(p, 'verbs'), 'verbs must contain at least one value'));
    if (!Array.isArray(r.apiGroups) || r.apiGroups.length === 0) errs.push(fieldError.required(child(p, 'apiGroups'), 'resource rules must supply at least one api group'));
    if (!Array.isArray(r.resources) || r.resources.length === 0) errs.push(fieldError.required(child(p, 'resources'), 'resource rules must supply at least one resource'));
    if ((!Array.isArray(r.namespaces) || r.namespaces.length === 0) && r.clusterScope !== true) {
      errs.push(fieldError.required(child(p, 'namespaces'), 'resource rules that are not cluster scoped must supply at least one namespace'));
    }
  });
  return errs;
}

/** FlowSchema: a referenced priority level, a matching precedence in 1..10000 (1 only for `exempt`), known distinguisher. */
export const validateFlowSchema: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  const precedence = typeof spec.matchingPrecedence === 'number' ? spec.matchingPrecedence : 0;
  if (precedence <= 0) errs.push(fieldError.invalid('spec.matchingPrecedence', precedence, 'must be a positive value'));
  if (precedence > 10000) errs.push(fieldError.invalid('spec.matchingPrecedence', precedence, 'must not be greater than 10000'));
  if (precedence === 1 && str(obj.metadata.name) !== 'exempt') {
    errs.push(fieldError.invalid('spec.matchingPrecedence', precedence, "only the schema named 'exempt' may have matchingPrecedence 1"));
  }
  const method = asObject(spec.distinguisherMethod);
  if (method && !['ByNamespace', 'ByUser'].includes(str(method.type))) {
    errs.push(fieldError.notSupported('spec.distinguisherMethod.type', method, ['ByNamespace', 'ByUser']));
  }
  const level = str(asObject(spec.priorityLevelConfiguration)?.name);
  if (level === '') errs.push(fieldError.required('spec.priorityLevelConfiguration.name', 'must reference a priority level'));
  else errs.push(...isDNS1123Subdomain(level).map((msg) => fieldError.invalid('spec.priorityLevelConfiguration.name', level, msg)));
  asObjects(spec.rules).forEach((rule, i) => errs.push(...validatePolicyRulesWithSubjects(rule, index('spec.rules', i))));
  return errs;
};

/** PriorityLevelConfiguration: `Exempt` exactly for `exempt`, `limited` exactly for `Limited`, a known limit response. */
export const validatePriorityLevelConfiguration: KindValidator = (obj) => {
  const spec = specOf(obj);
  const type = str(spec.type);
  const errs: FieldError[] = [];
  if ((str(obj.metadata.name) === 'exempt') !== (type === 'Exempt')) {
    errs.push(fieldError.invalid('spec.type', type, "type must be 'Exempt' if and only if name is 'exempt'"));
  }
  const limited = asObject(spec.limited);
  if (type === 'Exempt') {
    if (limited) errs.push(fieldError.forbidden('spec.limited', 'must be nil if the type is not Limited'));
  } else if (type === 'Limited') {
    if (!limited) errs.push(fieldError.required('spec.limited', 'must not be empty when type is Limited'));
    else {
      const response = asObject(limited.limitResponse) ?? {};
      const responseType = str(response.type);
      if (responseType === 'Reject' && isSet(response.queuing)) {
        errs.push(fieldError.forbidden('spec.limited.limitResponse.queuing', 'must be nil if limited.limitResponse.type is not Limited'));
      } else if (responseType === 'Queue' && !isSet(response.queuing)) {
        errs.push(fieldError.required('spec.limited.limitResponse.queuing', 'must not be empty if limited.limitResponse.type is Limited'));
      } else if (responseType !== 'Reject' && responseType !== 'Queue') {
        errs.push(fieldError.notSupported('spec.limited.limitResponse.type', responseType, ['Queue', 'Reject']));
      }
    }
  } else {
    errs.push(fieldError.notSupported('spec.type', type, ['Exempt', 'Limited']));
  }
  return errs;
};

/** RuntimeClass: the handler is a DNS label (an empty one fails the same way); it never changes. */
export const validateRuntimeClass: KindValidator = (obj, old) => {
  const handler = str(obj.handler);
  const errs = isDNS1123Label(handler).map((msg) => fieldError.invalid('handler', handler, msg));
  if (old && str(old.handler) !== handler) errs.push(fieldError.invalid('handler', handler, 'field is immutable'));
  return errs;
};

/** CSIDriver: after defaulting every boolean is set; policies and modes must be known values. */
export const validateCSIDriver: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  for (const name of ['attachRequired', 'podInfoOnMount', 'requiresRepublish', 'storageCapacity']) {
    if (!isSet(spec[name])) errs.push(fieldError.required(child('spec', name), ''));
  }
  const policies = ['File', 'None', 'ReadWriteOnceWithFSType'];
  if (isSet(spec.fsGroupPolicy) && !policies.includes(str(spec.fsGroupPolicy))) {
    errs.push(fieldError.notSupported('spec.fsGroupPolicy', str(spec.fsGroupPolicy), policies));
  }
  const modes = Array.isArray(spec.volumeLifecycleModes) ? spec.volumeLifecycleModes.map(str) : [];
  modes.forEach((mode) => {
    if (mode !== 'Persistent' && mode !== 'Ephemeral') errs.push(fieldError.notSupported('spec.volumeLifecycleModes', mode, ['Ephemeral', 'Persistent']));
  });
  return errs;
};

/** CSINode: each driver named (a CSI driver name) once, with a nodeID. */
export const validateCSINode: KindValidator = (obj) => {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  asObjects(specOf(obj).drivers).forEach((driver, i) => {
    const path = index('spec.drivers', i);
    const name = str(driver.name);
    if (name === '') errs.push(fieldError.required(child(path, 'name'), ''));
    else if (seen.has(name)) errs.push(fieldError.duplicate(child(path, 'name'), name));
    seen.add(name);
    if (str(driver.nodeID) === '') errs.push(fieldError.required(child(path, 'nodeID'), ''));
  });
  return errs;
};

/** CSIStorageCapacity: storageClassName is a DNS subdomain (so it cannot be empty). */
export const validateCSIStorageCapacity: KindValidator = (obj) => {
  const name = str(obj.storageClassName);
  return isDNS1123Subdomain(name).map((msg) => fieldError.invalid('storageClassName', name, msg));
};

/** VolumeAttachment: an attacher, a node, and exactly one of persistentVolumeName and inlineVolumeSpec. */
export const validateVolumeAttachment: KindValidator = (obj) => {
  const spec = specOf(obj);
  const errs: FieldError[] = [];
  if (str(spec.attacher) === '') errs.push(fieldError.required('spec.attacher', ''));
  const nodeName = str(spec.nodeName);
  if (nodeName === '') errs.push(fieldError.required('spec.nodeName', ''));
  else errs.push(...isDNS1123Subdomain(nodeName).map((msg) => fieldError.invalid('spec.nodeName', nodeName, msg)));
  const source = asObject(spec.source) ?? {};
  const exactlyOne = 'must specify exactly one of inlineVolumeSpec and persistentVolumeName';
  if (isSet(source.persistentVolumeName) && isSet(source.inlineVolumeSpec)) errs.push(fieldError.forbidden('spec.source', exactlyOne));
  else if (!isSet(source.persistentVolumeName) && !isSet(source.inlineVolumeSpec)) errs.push(fieldError.required('spec.source', exactlyOne));
  else if (isSet(source.persistentVolumeName) && str(source.persistentVolumeName) === '') {
    errs.push(fieldError.required('spec.source.persistentVolumeName', 'must specify non empty persistentVolumeName'));
  }
  return errs;
};
