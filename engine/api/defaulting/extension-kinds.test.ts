import { describe, expect, it } from 'vitest';
import { builtinResources } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { applyDefaults } from './apply-defaults.ts';

const defaulted = (apiVersion: string, kind: string, fields: Record<string, unknown>): KubeObject => {
  const info = builtinResources.find((r) => `${r.group ? `${r.group}/` : ''}${r.version}` === apiVersion && r.kind === kind);
  if (!info) throw new Error(`${apiVersion} ${kind} is not served`);
  return applyDefaults(info, { apiVersion, kind, metadata: { name: 'x' }, ...fields });
};

const hook = { name: 'pods.example.com', clientConfig: { service: { namespace: 'policy', name: 'webhook' } }, rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }], sideEffects: 'None', admissionReviewVersions: ['v1'] };
const webhookDefaults = {
  failurePolicy: 'Fail', matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, timeoutSeconds: 10,
  clientConfig: { service: { namespace: 'policy', name: 'webhook', port: 443 } },
  rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' }],
};

describe('defaults of the extension kinds', () => {
  it('fills a validating webhook, leaving sideEffects and admissionReviewVersions as given', () => {
    const obj = defaulted('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', { webhooks: [hook] });
    expect((obj.webhooks as unknown[])[0]).toEqual({ ...hook, ...webhookDefaults });
  });

  it('adds reinvocationPolicy Never to a mutating webhook and keeps what is set', () => {
    const obj = defaulted('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', { webhooks: [{ ...hook, failurePolicy: 'Ignore', timeoutSeconds: 5 }] });
    expect((obj.webhooks as unknown[])[0]).toEqual({ ...hook, ...webhookDefaults, failurePolicy: 'Ignore', timeoutSeconds: 5, reinvocationPolicy: 'Never' });
  });

  it.each([
    ['an unset matchingPrecedence', {}, 1000],
    ['matchingPrecedence 0 (Go zero value)', { matchingPrecedence: 0 }, 1000],
    ['a given matchingPrecedence', { matchingPrecedence: 500 }, 500],
  ])('FlowSchema with %s', (_name, spec, expected) => {
    const obj = defaulted('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', { spec: { priorityLevelConfiguration: { name: 'global-default' }, ...spec } });
    expect((obj.spec as { matchingPrecedence: number }).matchingPrecedence).toBe(expected);
  });

  it.each([
    ['a queuing limited level', { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } },
      { type: 'Limited', limited: { nominalConcurrencyShares: 30, lendablePercent: 0, limitResponse: { type: 'Queue', queuing: { handSize: 8, queues: 64, queueLengthLimit: 50 } } } }],
    ['an explicit zero share, which stays', { type: 'Limited', limited: { nominalConcurrencyShares: 0, limitResponse: { type: 'Reject' } } },
      { type: 'Limited', limited: { nominalConcurrencyShares: 0, lendablePercent: 0, limitResponse: { type: 'Reject' } } }],
    ['an exempt level', { type: 'Exempt', exempt: {} }, { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }],
  ])('PriorityLevelConfiguration: %s', (_name, spec, expected) => {
    expect(defaulted('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', { spec }).spec).toEqual(expected);
  });

  it('fills every CSIDriver switch', () => {
    expect(defaulted('storage.k8s.io/v1', 'CSIDriver', { spec: { podInfoOnMount: true } }).spec).toEqual({
      attachRequired: true, podInfoOnMount: true, storageCapacity: false, fsGroupPolicy: 'ReadWriteOnceWithFSType',
      volumeLifecycleModes: ['Persistent'], requiresRepublish: false, seLinuxMount: false,
    });
  });

  it('points an APIService service reference at port 443', () => {
    const obj = defaulted('apiregistration.k8s.io/v1', 'APIService', {
      spec: { group: 'metrics.k8s.io', version: 'v1beta1', service: { namespace: 'kube-system', name: 'metrics-server' }, groupPriorityMinimum: 100, versionPriority: 100 },
    });
    expect((obj.spec as { service: unknown }).service).toEqual({ namespace: 'kube-system', name: 'metrics-server', port: 443 });
  });

  it('leaves a CertificateSigningRequest as it is (v1 has no defaults)', () => {
    const spec = { request: 'LS0t', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] };
    expect(defaulted('certificates.k8s.io/v1', 'CertificateSigningRequest', { spec }).spec).toEqual(spec);
  });
});
