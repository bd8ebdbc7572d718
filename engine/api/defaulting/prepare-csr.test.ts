import { describe, expect, it } from 'vitest';
import type { KubeObject, UserInfo } from '../types.ts';
import { createResetFields, prepareForCreate, prepareForUpdate } from './prepare-for-create.ts';
import { resource } from './test-helpers.ts';

const info = resource('certificates.k8s.io', 'v1', 'CertificateSigningRequest');
const admin: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const serviceAccount = {
  username: 'system:serviceaccount:default:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
  uid: '0b6e6c1a-2f4e-4d7b-9a55-6b1c1f0f3a10', extra: { 'authentication.kubernetes.io/pod-name': ['builder-0'] },
};

/** A CSR as a client sends it: claiming to be someone else, and pre-approved. */
const sent = (): KubeObject => ({
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'jane' },
  spec: {
    request: 'LS0t', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'],
    username: 'system:admin', uid: 'forged', groups: ['system:masters'], extra: { scopes: ['all'] },
  },
  status: { conditions: [{ type: 'Approved', status: 'True' }] },
});

const base = { request: 'LS0t', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] };

describe('CertificateSigningRequest PrepareForCreate', () => {
  it.each([
    ['the kind admin', admin, { ...base, username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] }],
    ['a ServiceAccount token (uid and extra)', serviceAccount, {
      ...base, username: serviceAccount.username, uid: serviceAccount.uid, groups: serviceAccount.groups, extra: serviceAccount.extra,
    }],
    ['no user at all', undefined, base],
  ])('%s: the requestor is the requesting user, the status empty', (_name, user, spec) => {
    const prepared = prepareForCreate(info, sent(), { now: 0, user });
    expect({ spec: prepared.spec, status: prepared.status }).toEqual({ spec, status: {} });
  });
});

describe('CertificateSigningRequest PrepareForUpdate', () => {
  it('keeps the stored spec whatever the update sends', () => {
    const old = prepareForCreate(info, sent(), { now: 0, user: admin });
    const next = { ...old, spec: { ...(old.spec as object), usages: ['server auth'], username: 'someone-else' } };
    expect(prepareForUpdate(info, next, old).spec).toEqual(old.spec);
  });
});

describe('createResetFields', () => {
  it.each([
    ['a CSR that names no requestor', { request: 'LS0t' }, [['status'], ['spec', 'username'], ['spec', 'uid'], ['spec', 'groups'], ['spec', 'extra']]],
    ['a CSR that sends username and groups (the writer owns them, as real managedFields show)', { username: 'bob', groups: [] }, [['status'], ['spec', 'uid'], ['spec', 'extra']]],
  ])('%s', (_name, spec, reset) => {
    expect(createResetFields(info, { ...sent(), spec })).toEqual(reset);
  });

  it('leaves every other kind to the default', () => {
    expect(createResetFields(resource('', 'v1', 'ConfigMap'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toBeUndefined();
  });
});
