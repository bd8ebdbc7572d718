import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import type { ApiResponse } from '../types.ts';

const path = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
const headers = { 'content-type': 'application/json', accept: 'application/json' };

/** An isolated cluster with one pending CSR `jane`. */
function lab(): Cluster {
  const cluster = new Cluster({ seed: 2, addons: false });
  const created = cluster.handle({
    method: 'POST', path, headers, query: {},
    body: {
      apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'jane' },
      spec: { request: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] },
    },
  });
  expect(created.status).toBe(201);
  return cluster;
}

type Json = Record<string, unknown>;
const get = (cluster: Cluster): Json => cluster.handle({ method: 'GET', path: `${path}/jane`, headers, query: {} }).body as Json;
const putApproval = (cluster: Cluster, conditions: Json[], extra: Json = {}): ApiResponse => {
  const csr = get(cluster);
  return cluster.handle({ method: 'PUT', path: `${path}/jane/approval`, headers, query: {}, body: { ...csr, ...extra, status: { conditions } } });
};
const approved = { type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' };
const denied = { type: 'Denied', status: 'True', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.' };
const messageOf = (response: ApiResponse): string => String((response.body as Json).message);

describe('PUT certificatesigningrequests/NAME/approval', () => {
  it('stores the conditions with the server\'s timestamps, and nothing else of the request', () => {
    const cluster = lab();
    const response = putApproval(cluster, [approved], { spec: { signerName: 'example.com/other', usages: ['server auth'] } });
    expect(response.status).toBe(200);
    const stored = get(cluster);
    expect(stored.status).toEqual({ conditions: [{ ...approved, lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }] });
    expect((stored.spec as Json).signerName).toBe('kubernetes.io/kube-apiserver-client');
  });

  // A created CSR is stored with `status: {}`, so the approver owns the conditions but not status itself (no `.`).
  it('records the approver as the manager of the conditions, through the approval subresource', () => {
    const cluster = lab();
    const csr = get(cluster);
    const userAgent = 'kubectl/v1.32.5 (linux/amd64) kubernetes/9894294';
    cluster.handle({ method: 'PUT', path: `${path}/jane/approval`, headers: { ...headers, 'user-agent': userAgent }, query: {}, body: { ...csr, status: { conditions: [approved] } } });
    const entries = ((get(cluster).metadata as Json).managedFields as Json[]).map(({ manager, operation, subresource, fieldsV1 }) => ({ manager, operation, subresource, fieldsV1 }));
    expect(entries).toContainEqual({
      manager: 'kubectl', operation: 'Update', subresource: 'approval',
      fieldsV1: { 'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"Approved"}': {
        '.': {}, 'f:lastTransitionTime': {}, 'f:lastUpdateTime': {}, 'f:message': {}, 'f:reason': {}, 'f:status': {}, 'f:type': {},
      } } } },
    });
  });

  it('keeps a lastUpdateTime the client sent', () => {
    const cluster = lab();
    putApproval(cluster, [{ ...approved, lastUpdateTime: '2025-06-01T10:00:00Z' }]);
    expect((get(cluster).status as { conditions: Json[] }).conditions[0].lastUpdateTime).toBe('2025-06-01T10:00:00Z');
  });

  it.each([
    [[approved, denied], 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive'],
    [[{ ...approved, status: 'False' }], 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions[0].status: Unsupported value: "False": supported values: "True"'],
    [[approved, approved], 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions[1].type: Duplicate value: "Approved"'],
    [[{ type: 'Approved' }], 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions[0].status: Required value'],
  ])('refuses %j', (conditions, message) => {
    const response = putApproval(lab(), conditions);
    expect({ status: response.status, message: messageOf(response) }).toEqual({ status: 422, message });
  });

  it('refuses to remove an Approved condition', () => {
    const cluster = lab();
    putApproval(cluster, [approved]);
    const response = putApproval(cluster, []);
    expect({ status: response.status, message: messageOf(response) }).toEqual({
      status: 422, message: 'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions: Forbidden: updates may not remove a condition of type "Approved"',
    });
  });

  it('answers NotFound for a missing CSR, and for the approval subresource of another resource', () => {
    const cluster = lab();
    const missing = cluster.handle({ method: 'PUT', path: `${path}/nosuch/approval`, headers, query: {}, body: {} });
    expect({ status: missing.status, message: messageOf(missing) }).toEqual({ status: 404, message: 'certificatesigningrequests.certificates.k8s.io "nosuch" not found' });
    expect(cluster.handle({ method: 'PUT', path: '/api/v1/namespaces/default/pods/x/approval', headers, query: {}, body: {} }).status).toBe(404);
  });
});
