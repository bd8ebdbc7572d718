import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.ts';
import { KubectlSession } from '../session.ts';

const csr = (name: string): string => `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: ${name}
spec:
  request: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K
  signerName: kubernetes.io/kube-apiserver-client
  usages:
  - client auth
`;

const files = { 'jane.yaml': csr('jane'), 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\n' };

/** An isolated cluster with two pending CSRs, `jane` and `bob`. */
function lab(): KubectlSession {
  const session = new KubectlSession(new Cluster({ seed: 3, addons: false }));
  for (const name of ['jane', 'bob']) expect(session.kubectl(['create', '-f', 'x.yaml'], { files: { 'x.yaml': csr(name) } }).exitCode).toBe(0);
  return session;
}

const run = (session: KubectlSession, line: string): { stdout: string; stderr: string; exitCode: number } => session.kubectl(line.split(' '), { files });
const ok = (stdout: string): { stdout: string; stderr: string; exitCode: number } => ({ stdout, stderr: '', exitCode: 0 });
const failed = (stderr: string, stdout = ''): { stdout: string; stderr: string; exitCode: number } => ({ stdout, stderr, exitCode: 1 });

// Expected texts as the real kubectl 1.32 printed them against a lab (see tests/fidelity/kubectl-gaps.test.ts).
describe('kubectl certificate approve|deny', () => {
  it.each([
    [['certificate approve jane'], ok('certificatesigningrequest.certificates.k8s.io/jane approved\n')],
    [['certificate deny csr/jane'], ok('certificatesigningrequest.certificates.k8s.io/jane denied\n')],
    [['certificate approve -f jane.yaml -o name'], ok('certificatesigningrequest.certificates.k8s.io/jane\n')],
    [['certificate approve'], failed('error: one or more CSRs must be specified as <name> or -f <filename>\n')],
    [['certificate approve nosuch'], failed('Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nosuch" not found\n')],
    [['certificate approve jane nosuch'],
      failed('Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nosuch" not found\n', 'certificatesigningrequest.certificates.k8s.io/jane approved\n')],
    [['certificate approve jane', 'certificate deny jane --force'], failed('error: certificate signing request "jane" is already Approved\n')],
    [['certificate deny jane', 'certificate approve jane bob nosuch'],
      failed('certificate signing request "jane" is already Denied\nError from server (NotFound): certificatesigningrequests.certificates.k8s.io "nosuch" not found\n',
        'certificatesigningrequest.certificates.k8s.io/bob approved\n')],
    [['certificate approve -f jane.yaml jane'], failed('error: resource/name arguments cannot be provided when a path is specified\n')],
    [['certificate approve -f cm.yaml'], failed('error: no namespace set on resource /v1, Resource=configmaps "cm1"\n')],
    [['certificate approve jane -o wide'],
      failed('error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n')],
  ])('%j', (lines, expected) => {
    const session = lab();
    const results = lines.map((line) => run(session, line));
    expect(results[results.length - 1]).toEqual(expected);
  });

  it('writes the condition through /approval; get csr shows it; approving again changes nothing', () => {
    const session = lab();
    run(session, 'certificate approve jane');
    const version = run(session, 'get csr jane -o jsonpath={.metadata.resourceVersion}').stdout;
    expect(run(session, 'certificate approve jane')).toEqual(ok('certificatesigningrequest.certificates.k8s.io/jane approved\n'));
    expect(run(session, 'get csr jane -o jsonpath={.metadata.resourceVersion}').stdout).toBe(version);
    expect(run(session, 'get csr jane -o jsonpath={.status.conditions}').stdout).toBe(JSON.stringify([{
      lastTransitionTime: '2026-01-01T00:00:00Z', lastUpdateTime: '2026-01-01T00:00:00Z',
      message: 'This CSR was approved by kubectl certificate approve.', reason: 'KubectlApprove', status: 'True', type: 'Approved',
    }]));
    run(session, 'certificate deny bob');
    expect(run(session, 'get csr').stdout).toBe([
      // The API server records who asked: the session's user, kind's `kubernetes-admin`.
      'NAME   AGE   SIGNERNAME                            REQUESTOR          REQUESTEDDURATION   CONDITION',
      'bob    0s    kubernetes.io/kube-apiserver-client   kubernetes-admin   <none>              Denied',
      'jane   0s    kubernetes.io/kube-apiserver-client   kubernetes-admin   <none>              Approved',
      '',
    ].join('\n'));
    // No certificate is issued: the lab runs no signer.
    expect(run(session, 'get csr jane -o jsonpath={.status.certificate}').stdout).toBe('');
  });

  it('prints its help on stdout and succeeds when run alone or with unknown words', () => {
    const session = lab();
    const help = run(session, 'certificate');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Available Commands:\n  approve       Approve a certificate signing request\n  deny          Deny a certificate signing request\n');
    expect(run(session, 'certificate foo')).toEqual(help);
  });
});
