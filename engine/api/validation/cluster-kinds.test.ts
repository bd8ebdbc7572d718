import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import {
  validateCSIDriver, validateCSINode, validateCSIStorageCapacity, validateCertificateSigningRequest, validateFlowSchema,
  validatePriorityLevelConfiguration, validateRuntimeClass, validateVolumeAttachment,
} from './cluster-kinds.ts';
import type { KindValidator } from './group-helpers.ts';

const make = (apiVersion: string, kind: string, name: string, fields: Record<string, unknown>): KubeObject => ({ apiVersion, kind, metadata: { name }, ...fields });
/** A PEM `CERTIFICATE REQUEST` block's first line, base64: enough for the PEM check (the DER is not parsed). */
const pemRequest = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K';
const csr = (spec: Record<string, unknown>) => make('certificates.k8s.io/v1', 'CertificateSigningRequest', 'jane', {
  spec: { request: pemRequest, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], ...spec },
});
const flowSchema = (name: string, spec: Record<string, unknown>) => make('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', name, {
  spec: { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 1000, ...spec },
});
const level = (name: string, spec: Record<string, unknown>) => make('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', name, { spec });
const csiDriver = { attachRequired: true, podInfoOnMount: false, storageCapacity: false, requiresRepublish: false, volumeLifecycleModes: ['Persistent'] };
const attachment = (spec: Record<string, unknown>) => make('storage.k8s.io/v1', 'VolumeAttachment', 'csi-1', { spec });
const dnsLabelError = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const cases: Array<[string, KindValidator, KubeObject, string[]]> = [
  ['a client certificate request', validateCertificateSigningRequest, csr({}), []],
  ['a CSR without signer or usages', validateCertificateSigningRequest, csr({ signerName: '', usages: [] }),
    ['spec.usages: Required value: usages must be provided', 'spec.signerName: Required value: signerName must be provided']],
  ['a CSR without a request', validateCertificateSigningRequest, csr({ request: undefined }),
    ['spec.request: Invalid value: []byte(nil): PEM block type must be CERTIFICATE REQUEST']],
  ['a CSR whose request is not PEM', validateCertificateSigningRequest, csr({ request: 'aGk=' }),
    ['spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST']],
  ['a CSR for the legacy signer', validateCertificateSigningRequest, csr({ signerName: 'kubernetes.io/legacy-unknown' }),
    ['spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version']],
  ['a CSR whose signer domain has no dot and a bad path', validateCertificateSigningRequest, csr({ signerName: 'example/My_Signer', usages: ['client auth', 'root', 'root'] }), [
    'spec.usages[1]: Unsupported value: "root": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"',
    'spec.usages[2]: Unsupported value: "root": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"',
    'spec.usages[2]: Duplicate value: "root"',
    'spec.signerName: Invalid value: "example": should be a domain with at least two segments separated by dots',
    "spec.signerName: Invalid value: \"My_Signer\": validating label \"My_Signer\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ]],
  ['a CSR for five minutes', validateCertificateSigningRequest, csr({ expirationSeconds: 300 }),
    ['spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 600 seconds (10 minutes)']],
  ['a CSR with an unknown usage', validateCertificateSigningRequest, csr({ signerName: 'example', usages: ['client auth', 'root'] }), [
    'spec.usages[1]: Unsupported value: "root": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"',
    "spec.signerName: Invalid value: \"example\": must be a fully qualified domain and path of the form 'example.com/signer-name'",
  ]],
  ['a FlowSchema for a team', validateFlowSchema, flowSchema('team-a', {
    rules: [{ subjects: [{ kind: 'Group', group: { name: 'team-a' } }], resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['team-a'] }] }],
  }), []],
  ['a FlowSchema without a priority level', validateFlowSchema, flowSchema('x', { priorityLevelConfiguration: {} }),
    ['spec.priorityLevelConfiguration.name: Required value: must reference a priority level']],
  ['a FlowSchema claiming precedence 1', validateFlowSchema, flowSchema('mine', { matchingPrecedence: 1 }),
    ["spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1"]],
  ['a FlowSchema rule without subjects or rules', validateFlowSchema, flowSchema('x', { matchingPrecedence: 20000, rules: [{}] }), [
    'spec.matchingPrecedence: Invalid value: 20000: must not be greater than 10000',
    'spec.rules[0].subjects: Required value: subjects must contain at least one value',
    'spec.rules[0]: Required value: at least one of resourceRules and nonResourceRules has to be non-empty',
  ]],
  ['a limited level', validatePriorityLevelConfiguration,
    level('team', { type: 'Limited', limited: { nominalConcurrencyShares: 10, limitResponse: { type: 'Reject' } } }), []],
  ['a Limited level without limits', validatePriorityLevelConfiguration, level('team', { type: 'Limited' }),
    ['spec.limited: Required value: must not be empty when type is Limited']],
  ['an Exempt level not named exempt', validatePriorityLevelConfiguration, level('vip', { type: 'Exempt' }),
    ["spec.type: Invalid value: \"Exempt\": type must be 'Exempt' if and only if name is 'exempt'"]],
  ['a level of unknown type', validatePriorityLevelConfiguration, level('team', { type: 'Fast' }),
    ['spec.type: Unsupported value: "Fast": supported values: "Exempt", "Limited"']],
  ['a RuntimeClass', validateRuntimeClass, make('node.k8s.io/v1', 'RuntimeClass', 'gvisor', { handler: 'runsc' }), []],
  ['a RuntimeClass without handler', validateRuntimeClass, make('node.k8s.io/v1', 'RuntimeClass', 'gvisor', {}), [`handler: Invalid value: "": ${dnsLabelError}`]],
  ['a defaulted CSIDriver', validateCSIDriver, make('storage.k8s.io/v1', 'CSIDriver', 'ebs.csi.aws.com', { spec: csiDriver }), []],
  ['a CSIDriver with an unknown mode', validateCSIDriver,
    make('storage.k8s.io/v1', 'CSIDriver', 'x.example.com', { spec: { ...csiDriver, volumeLifecycleModes: ['Inline'] } }),
    ['spec.volumeLifecycleModes: Unsupported value: "Inline": supported values: "Ephemeral", "Persistent"']],
  ['a CSINode driver without nodeID, twice', validateCSINode,
    make('storage.k8s.io/v1', 'CSINode', 'kind-worker', { spec: { drivers: [{ name: 'a.example.com', nodeID: 'n1' }, { name: 'a.example.com' }] } }),
    ['spec.drivers[1].name: Duplicate value: "a.example.com"', 'spec.drivers[1].nodeID: Required value']],
  ['a CSIStorageCapacity without a class', validateCSIStorageCapacity, make('storage.k8s.io/v1', 'CSIStorageCapacity', 'c', { storageClassName: 'fast' }), []],
  ['a VolumeAttachment of a PV', validateVolumeAttachment, attachment({ attacher: 'ebs.csi.aws.com', nodeName: 'kind-worker', source: { persistentVolumeName: 'pv-1' } }), []],
  ['an empty VolumeAttachment', validateVolumeAttachment, attachment({}), [
    'spec.attacher: Required value', 'spec.nodeName: Required value',
    'spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName',
  ]],
  ['a VolumeAttachment with two sources', validateVolumeAttachment,
    attachment({ attacher: 'a', nodeName: 'n', source: { persistentVolumeName: 'pv-1', inlineVolumeSpec: {} } }),
    ['spec.source: Forbidden: must specify exactly one of inlineVolumeSpec and persistentVolumeName']],
];

describe('cluster kind validation', () => {
  it.each(cases)('%s', (_name, validate, obj, expected) => {
    expect(validate(obj).map(errorText)).toEqual(expected);
  });

  it('keeps a RuntimeClass handler fixed', () => {
    const old = make('node.k8s.io/v1', 'RuntimeClass', 'gvisor', { handler: 'runsc' });
    expect(validateRuntimeClass({ ...old, handler: 'kata' }, old).map(errorText)).toEqual(['handler: Invalid value: "kata": field is immutable']);
  });
});
