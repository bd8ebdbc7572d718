import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { groupValidators } from './groups.ts';

const run = (key: string, obj: KubeObject, old?: KubeObject) => groupValidators[key](obj, old).map(errorText);

describe('scheduling.k8s.io/PriorityClass', () => {
  const pc = (name: string, value: number, extra: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra,
  });
  const reserved = "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: ";
  const cases: [string, KubeObject, string[]][] = [
    ['a user class', pc('high-priority', 1000000), []],
    ['the real system-node-critical', pc('system-node-critical', 2000001000), []],
    ['an unknown system- name', pc('system-important', 1000), [`${reserved}system-important is not a known system priority class`]],
    ['system-cluster-critical with another value', pc('system-cluster-critical', 5), [`${reserved}value of system-cluster-critical PriorityClass must be 2000000000`]],
    ['a user value over one billion', pc('too-high', 2000000000), ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    ['an unknown preemptionPolicy', pc('batch', 10, { preemptionPolicy: 'Always' }), [
      'preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('scheduling.k8s.io/PriorityClass', obj)).toEqual(expected);
  });

  it('keeps value and preemptionPolicy fixed on update', () => {
    const old = pc('batch', 10, { preemptionPolicy: 'Never' });
    expect(run('scheduling.k8s.io/PriorityClass', pc('batch', 10, { preemptionPolicy: 'Never', description: 'x' }), old)).toEqual([]);
    expect(run('scheduling.k8s.io/PriorityClass', pc('batch', 20, { preemptionPolicy: 'PreemptLowerPriority' }), old)).toEqual([
      'value: Forbidden: may not be changed in an update.',
      'preemptionPolicy: Invalid value: "PreemptLowerPriority": field is immutable',
    ]);
  });
});

describe('coordination.k8s.io/Lease', () => {
  const lease = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec });
  it.each([
    ['valid', lease({ holderIdentity: 'node-1', leaseDurationSeconds: 40 }), []],
    ['a zero duration and negative transitions', lease({ leaseDurationSeconds: 0, leaseTransitions: -1 }), [
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
    ]],
    ['a preferred holder without a strategy', lease({ preferredHolder: 'node-2' }), ['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined']],
  ] as [string, KubeObject, string[]][])('%s', (_n, obj, expected) => {
    expect(run('coordination.k8s.io/Lease', obj)).toEqual(expected);
  });
});

describe('discovery.k8s.io/EndpointSlice', () => {
  const slice = (addressType: string, endpoints: unknown[], ports: unknown[] = [{ name: 'http', protocol: 'TCP', port: 80 }]): KubeObject => ({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abc', namespace: 'default' }, addressType, endpoints, ports,
  });
  const cases: [string, KubeObject, string[]][] = [
    ['valid', slice('IPv4', [{ addresses: ['10.244.1.5'], conditions: { ready: true } }]), []],
    ['an unknown addressType', slice('IPv5', []), ['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"']],
    ['an endpoint without addresses', slice('IPv4', [{ addresses: [] }]), ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    ['an invalid IPv4 address', slice('IPv4', [{ addresses: ['300.1.1.1'] }]), ['endpoints[0].addresses[0]: Invalid value: "300.1.1.1": must be a valid IPv4 address']],
    ['a loopback address', slice('IPv4', [{ addresses: ['127.0.0.1'] }]), [
      'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]],
    ['a link-local address', slice('IPv4', [{ addresses: ['169.254.169.254'] }]), [
      'endpoints[0].addresses[0]: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ]],
    ['duplicate port names and no protocol', slice('IPv4', [], [{ name: 'http', protocol: 'TCP' }, { name: 'http' }]), [
      'ports[1].name: Duplicate value: "http"',
      'ports[1].protocol: Required value',
    ]],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(run('discovery.k8s.io/EndpointSlice', obj)).toEqual(expected);
  });

  it('keeps addressType immutable', () => {
    expect(run('discovery.k8s.io/EndpointSlice', slice('IPv6', []), slice('IPv4', []))).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
  });
});

describe('admissionregistration.k8s.io', () => {
  const vap = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replicas-limit' }, spec,
  });
  const binding = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replicas-limit' }, spec,
  });
  const rules = { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] };
  it.each([
    ['a valid policy', 'ValidatingAdmissionPolicy', vap({ failurePolicy: 'Fail', matchConstraints: rules, validations: [{ expression: 'object.spec.replicas <= 5' }] }), []],
    ['an empty policy', 'ValidatingAdmissionPolicy', vap({ failurePolicy: 'Sometimes' }), [
      'spec.failurePolicy: Unsupported value: "Sometimes": supported values: "Fail", "Ignore"',
      'spec.matchConstraints: Required value',
      'spec.validations: Required value: validations or auditAnnotations must contain at least one item',
    ]],
    ['a valid binding', 'ValidatingAdmissionPolicyBinding', binding({ policyName: 'replicas-limit', validationActions: ['Deny'] }), []],
    ['a binding with Deny and Warn', 'ValidatingAdmissionPolicyBinding', binding({ policyName: 'replicas-limit', validationActions: ['Deny', 'Warn'] }), [
      'spec.validationActions: Invalid value: ["Deny","Warn"]: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
    ]],
    ['a binding without policy or actions', 'ValidatingAdmissionPolicyBinding', binding({}), [
      'spec.policyName: Required value',
      'spec.validationActions: Required value: at least one validation action is required',
    ]],
  ] as [string, string, KubeObject, string[]][])('%s', (_n, kind, obj, expected) => {
    expect(run(`admissionregistration.k8s.io/${kind}`, obj)).toEqual(expected);
  });
});
