import { describe, expect, it } from 'vitest';
import { builtinResources } from '../registry.ts';
import {
  apiServicePrinter, certificateSigningRequestPrinter, csiDriverPrinter, csiNodePrinter, csiStorageCapacityPrinter,
  flowSchemaPrinter, mutatingWebhookConfigurationPrinter, priorityLevelConfigurationPrinter, runtimeClassPrinter,
  validatingWebhookConfigurationPrinter, volumeAttachmentPrinter,
} from './extensions.ts';
import { printerFor, toTable } from './index.ts';
import { makeObject, now } from './test-builders.ts';
import type { Printer } from './types.ts';

const hook = { name: 'pods.example.com', sideEffects: 'None', admissionReviewVersions: ['v1'], clientConfig: { url: 'https://x' } };
const local = { group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 };
const available = (status: string, reason?: string) => ({ conditions: [{ type: 'Available', status, ...(reason ? { reason } : {}) }] });
const csr = (status: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => makeObject('certificates.k8s.io/v1', 'CertificateSigningRequest', 'jane', {
  spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'kubernetes-admin', usages: ['client auth'], ...spec }, status,
});
const limited = (limitResponse: Record<string, unknown>) => ({ type: 'Limited', limited: { nominalConcurrencyShares: 40, lendablePercent: 25, limitResponse } });

const cases: Array<[string, Printer, ReturnType<typeof makeObject>, unknown[]]> = [
  ['MutatingWebhookConfiguration', mutatingWebhookConfigurationPrinter,
    makeObject('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'inject', { webhooks: [hook, hook] }), ['inject', 2, '5m']],
  ['ValidatingWebhookConfiguration without webhooks', validatingWebhookConfigurationPrinter,
    makeObject('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'empty'), ['empty', 0, '5m']],
  ['local APIService', apiServicePrinter, makeObject('apiregistration.k8s.io/v1', 'APIService', 'v1.apps', { spec: local, status: available('True', 'Local') }),
    ['v1.apps', 'Local', 'True', '5m']],
  ['unavailable aggregated APIService', apiServicePrinter,
    makeObject('apiregistration.k8s.io/v1', 'APIService', 'v1beta1.metrics.k8s.io', {
      spec: { ...local, group: 'metrics.k8s.io', version: 'v1beta1', service: { namespace: 'kube-system', name: 'metrics-server', port: 443 } },
      status: available('False', 'MissingEndpoints'),
    }), ['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)', '5m']],
  ['APIService before the availability controller', apiServicePrinter, makeObject('apiregistration.k8s.io/v1', 'APIService', 'v1.', { spec: local }),
    ['v1.', 'Local', 'Unknown', '5m']],
  ['pending CSR', certificateSigningRequestPrinter, csr(), ['jane', '5m', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '<none>', 'Pending']],
  ['approved and issued CSR for a day', certificateSigningRequestPrinter,
    csr({ conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' }, { expirationSeconds: 86400 }),
    ['jane', '5m', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Approved,Issued']],
  ['denied and failed CSR', certificateSigningRequestPrinter,
    csr({ conditions: [{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }, { type: 'Failed', status: 'True' }] }, { expirationSeconds: 600 }),
    ['jane', '5m', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '10m', 'Denied,Failed']],
  ['FlowSchema seen by the APF controller', flowSchemaPrinter,
    makeObject('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', 'system-nodes', {
      spec: { priorityLevelConfiguration: { name: 'system' }, matchingPrecedence: 500, distinguisherMethod: { type: 'ByUser' } },
      status: { conditions: [{ type: 'Dangling', status: 'False', reason: 'Found' }] },
    }), ['system-nodes', 'system', 500, 'ByUser', '5m', 'False']],
  ['FlowSchema without distinguisher or status', flowSchemaPrinter,
    makeObject('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', 'probes', { spec: { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 2 } }),
    ['probes', 'exempt', 2, '<none>', '5m', '?']],
  ['queuing PriorityLevelConfiguration', priorityLevelConfigurationPrinter,
    makeObject('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', 'node-high', {
      spec: limited({ type: 'Queue', queuing: { queues: 64, handSize: 6, queueLengthLimit: 50 } }),
    }), ['node-high', 'Limited', 40, 64, 6, 50, '5m']],
  ['rejecting PriorityLevelConfiguration', priorityLevelConfigurationPrinter,
    makeObject('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', 'catch-all', { spec: limited({ type: 'Reject' }) }),
    ['catch-all', 'Limited', 40, '<none>', '<none>', '<none>', '5m']],
  ['exempt PriorityLevelConfiguration', priorityLevelConfigurationPrinter,
    makeObject('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', 'exempt', { spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: 0 } } }),
    ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '5m']],
  ['RuntimeClass', runtimeClassPrinter, makeObject('node.k8s.io/v1', 'RuntimeClass', 'gvisor', { handler: 'runsc' }), ['gvisor', 'runsc', '5m']],
  ['defaulted CSIDriver', csiDriverPrinter,
    makeObject('storage.k8s.io/v1', 'CSIDriver', 'ebs.csi.aws.com', {
      spec: { attachRequired: true, podInfoOnMount: false, storageCapacity: false, requiresRepublish: false, volumeLifecycleModes: ['Persistent'] },
    }), ['ebs.csi.aws.com', true, false, false, '<unset>', false, 'Persistent', '5m']],
  ['CSIDriver with token requests and both modes', csiDriverPrinter,
    makeObject('storage.k8s.io/v1', 'CSIDriver', 'secrets-store.csi.k8s.io', {
      spec: { attachRequired: false, podInfoOnMount: true, tokenRequests: [{ audience: 'vault' }, { audience: 'aws' }], volumeLifecycleModes: ['Persistent', 'Ephemeral'] },
    }), ['secrets-store.csi.k8s.io', false, true, false, 'vault,aws', false, 'Persistent,Ephemeral', '5m']],
  ['CSINode', csiNodePrinter, makeObject('storage.k8s.io/v1', 'CSINode', 'kind-worker', { spec: { drivers: [{ name: 'a', nodeID: 'n' }] } }), ['kind-worker', 1, '5m']],
  ['CSIStorageCapacity', csiStorageCapacityPrinter, makeObject('storage.k8s.io/v1', 'CSIStorageCapacity', 'csisc-abcde', { storageClassName: 'fast', capacity: '1024Mi' }),
    ['csisc-abcde', 'fast', '1Gi']],
  ['CSIStorageCapacity without capacity', csiStorageCapacityPrinter, makeObject('storage.k8s.io/v1', 'CSIStorageCapacity', 'csisc-x', { storageClassName: 'fast' }),
    ['csisc-x', 'fast', '<unset>']],
  ['VolumeAttachment', volumeAttachmentPrinter,
    makeObject('storage.k8s.io/v1', 'VolumeAttachment', 'csi-123', {
      spec: { attacher: 'ebs.csi.aws.com', nodeName: 'kind-worker', source: { persistentVolumeName: 'pvc-1' } }, status: { attached: true },
    }), ['csi-123', 'ebs.csi.aws.com', 'pvc-1', 'kind-worker', true, '5m']],
];

describe('extension printers', () => {
  it.each(cases)('%s', (_name, printer, object, cells) => {
    expect(printer.print(object, { now }).cells).toEqual(cells);
    expect(printer.columns).toHaveLength(cells.length);
  });

  it.each([
    ['certificatesigningrequests', 'NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION'],
    ['apiservices', 'NAME SERVICE AVAILABLE AGE'],
    ['flowschemas', 'NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL'],
    ['prioritylevelconfigurations', 'NAME TYPE NOMINALCONCURRENCYSHARES QUEUES HANDSIZE QUEUELENGTHLIMIT AGE'],
    ['runtimeclasses', 'NAME HANDLER AGE'],
    ['csidrivers', 'NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH MODES AGE'],
    ['csinodes', 'NAME DRIVERS AGE'],
    ['csistoragecapacities', 'NAME STORAGECLASSNAME CAPACITY'],
    ['volumeattachments', 'NAME ATTACHER PV NODE ATTACHED AGE'],
    ['mutatingwebhookconfigurations', 'NAME WEBHOOKS AGE'],
    ['validatingwebhookconfigurations', 'NAME WEBHOOKS AGE'],
  ])('%s is served with the headers %s', (resource, headers) => {
    const info = builtinResources.find((r) => r.resource === resource);
    expect(info).toBeDefined();
    expect(printerFor(info!).columns.map((c) => c.name.toUpperCase()).join(' ')).toBe(headers);
  });

  it('lists FlowSchemas in matching order, ties by name', () => {
    const info = builtinResources.find((r) => r.resource === 'flowschemas')!;
    const schema = (name: string, matchingPrecedence: number) =>
      makeObject('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', name, { spec: { priorityLevelConfiguration: { name: 'x' }, matchingPrecedence } });
    const table = toTable(info, [schema('catch-all', 10000), schema('kube-scheduler', 800), schema('exempt', 1), schema('kube-controller-manager', 800)], { now });
    expect(table.rows?.map((row) => row.cells[0])).toEqual(['exempt', 'kube-controller-manager', 'kube-scheduler', 'catch-all']);
  });
});
