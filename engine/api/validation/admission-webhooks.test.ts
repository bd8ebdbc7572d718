import { describe, expect, it } from 'vitest';
import { errorText } from '../field-errors.ts';
import type { KubeObject } from '../types.ts';
import { validateAPIService, validateMutatingWebhookConfiguration, validateValidatingWebhookConfiguration } from './admission-webhooks.ts';

// A webhook as it looks after defaulting, with the two fields v1 insists on.
const hook = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'pods.policy.example.com',
  clientConfig: { service: { namespace: 'policy', name: 'webhook', port: 443 } },
  rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' }],
  failurePolicy: 'Fail', matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, timeoutSeconds: 10,
  sideEffects: 'None', admissionReviewVersions: ['v1'],
  ...fields,
});
const config = (kind: string, ...webhooks: Record<string, unknown>[]): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind, metadata: { name: 'policy' }, webhooks,
});

describe('webhook configurations', () => {
  it.each([
    ['a complete webhook', hook(), []],
    ['no sideEffects', hook({ sideEffects: undefined }), ['webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun']],
    ['the v1beta1 sideEffects Unknown', hook({ sideEffects: 'Unknown' }),
      ['webhooks[0].sideEffects: Unsupported value: "Unknown": supported values: "None", "NoneOnDryRun"']],
    ['no admissionReviewVersions', hook({ admissionReviewVersions: [] }),
      ['webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1']],
    ['a two-segment name', hook({ name: 'example.com' }),
      ['webhooks[0].name: Invalid value: "example.com": should be a domain with at least three segments separated by dots']],
    ['no clientConfig target', hook({ clientConfig: {} }), ['webhooks[0].clientConfig: Required value: exactly one of url or service is required']],
    ['a service without a namespace', hook({ clientConfig: { service: { name: 'webhook', port: 443 } } }),
      ['webhooks[0].clientConfig.service.namespace: Required value: service namespace is required']],
    ['a 60 second timeout', hook({ timeoutSeconds: 60 }), ['webhooks[0].timeoutSeconds: Invalid value: 60: the timeout value must be between 1 and 30 seconds']],
    ['a rule without operations', hook({ rules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' }] }),
      ['webhooks[0].rules[0].operations: Required value']],
    ['failurePolicy Retry', hook({ failurePolicy: 'Retry' }), ['webhooks[0].failurePolicy: Unsupported value: "Retry": supported values: "Fail", "Ignore"']],
  ])('validating: %s', (_name, webhook, expected) => {
    expect(validateValidatingWebhookConfiguration(config('ValidatingWebhookConfiguration', webhook)).map(errorText)).toEqual(expected);
  });

  it('rejects a duplicate webhook name and an unknown reinvocationPolicy on a mutating configuration', () => {
    const errs = validateMutatingWebhookConfiguration(config('MutatingWebhookConfiguration', hook({ reinvocationPolicy: 'Never' }), hook({ reinvocationPolicy: 'Always' })));
    expect(errs.map(errorText)).toEqual([
      'webhooks[1].name: Duplicate value: "pods.policy.example.com"',
      'webhooks[1].reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"',
    ]);
  });
});

const apiService = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name }, spec,
});

describe('validateAPIService', () => {
  it.each([
    ['the core group', apiService('v1.', { version: 'v1', groupPriorityMinimum: 18000, versionPriority: 1 }), []],
    ['a local group', apiService('v1.apps', { group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 }), []],
    ['a name that is not version.group', apiService('apps', { group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 }),
      ['metadata.name: Invalid value: "apps": must be `spec.version+"."+spec.group`: "v1.apps"']],
    ['priorities out of range', apiService('v1.apps', { group: 'apps', version: 'v1', groupPriorityMinimum: 30000, versionPriority: 0 }), [
      'spec.groupPriorityMinimum: Invalid value: 30000: must be positive and less than 20000',
      'spec.versionPriority: Invalid value: 0: must be positive and less than 1000',
    ]],
    ['an empty group that is not v1', apiService('v2.', { version: 'v2', groupPriorityMinimum: 1, versionPriority: 1 }),
      ['spec.group: Required value: only v1 may have an empty group and it better be legacy kube']],
    ['an aggregated API without a service name', apiService('v1beta1.metrics.k8s.io', {
      group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, service: { namespace: 'kube-system', port: 443 },
    }), ['spec.service.name: Required value']],
    ['a local APIService that skips TLS checks', apiService('v1.apps', {
      group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15, insecureSkipTLSVerify: true,
    }), ['spec.insecureSkipTLSVerify: Invalid value: true: local APIServices may not have insecureSkipTLSVerify']],
  ])('%s', (_name, obj, expected) => {
    expect(validateAPIService(obj).map(errorText)).toEqual(expected);
  });
});
